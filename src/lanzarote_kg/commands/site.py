"""site: the analysts' static site (dist/site/)."""
from __future__ import annotations

import argparse
from pathlib import Path

from .common import layout_of, source_path


def cmd_site(args: argparse.Namespace) -> int:
    from lanzarote_kg.pipeline.access import NQUADS, open_store
    from lanzarote_kg.reports.site.build import build_site

    layout = layout_of(args)
    graph_file = Path(args.graph) if args.graph else layout.root / "dist" / NQUADS
    store = open_store(layout, Path(args.graph) if args.graph else None)
    result = build_site(layout.queries_dir, store, Path(args.out), source_path(args, layout, required=False),
                        Path(args.source) if args.source else layout.default_source,
                        graph_file if graph_file.is_file() else None)
    total = sum(result.pages.values())
    print("pages: " + ", ".join(f"{kind} {n}" for kind, n in sorted(result.pages.items())) + f" ({total} in all)")
    print(f"wrote {result.out}/index.html ({result.files} files) in {result.seconds:.2f}s")
    return 0


def register(sub) -> None:
    site = sub.add_parser("site", help="write the analysts' static site (reports, entities, source text)",
                          description="Write dist/site/: a page per report (table, CSV and SPARQL JSON, chart), a "
                          "page per entity with its statements and evidence, the paper's text with a line anchor on "
                          "every line, and a search over labels. Static files: open index.html from disk or serve "
                          "the folder (lanzarote-kg serve --site).")
    site.add_argument("--out", default="dist/site", help="directory to write (default dist/site; replaced whole)")
    site.add_argument("--graph", help="a TriG or N-Quads file instead of dist/lanzarote-kg.nq")
    site.add_argument("--source", help="the paper's text (default ../shared/source/...; without it the source page says so)")
    site.set_defaults(func=cmd_site)
