from lanzarote_kg.cli import main

raise SystemExit(main())
