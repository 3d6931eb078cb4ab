from lanzarote_kg.bench.build_bench import main

raise SystemExit(main())
