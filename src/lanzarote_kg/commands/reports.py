"""report: the analysts' canned reports."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lanzarote_kg.core.errors import UserError
from .common import layout_of, parse_params

_EXTENSIONS = {"table": "txt", "md": "md", "html": "html", "csv": "csv", "tsv": "tsv", "json": "srj"}


def cmd_report(args: argparse.Namespace) -> int:
    from lanzarote_kg.pipeline.access import open_store
    from lanzarote_kg.sparql.catalogue import catalogue
    from lanzarote_kg.reports.runner import run_report, write_all
    from lanzarote_kg.sparql.results import Labeller, render, store_lookup
    from lanzarote_kg.pipeline.serialization import write_atomic

    layout = layout_of(args)
    if args.list:
        for query in catalogue(layout.queries_dir):
            params = " ".join(f"--param {p.name}=<{p.type}>" + (f" (default {p.default})" if p.default else "")
                              for p in query.parameters)
            print(f"{query.name}\t{query.title}" + (f"\t{params}" if params else ""))
        return 0
    runner = None
    if args.endpoint:  # the reports run on a remote SPARQL endpoint
        from .triplestore import remote_report_source
        store, runner = remote_report_source(args)
    else:
        store = open_store(layout, Path(args.graph) if args.graph else None)
    if args.all:
        out = Path(args.out or "dist/reports")
        for run in write_all(layout.queries_dir, store, out, runner=runner):
            print(f"{run.query.name}: {len(run.table.rows)} rows")
        print(f"wrote {out}/index.md")
        return 0
    if not args.names:
        raise UserError("LKG-Q003", "name at least one report, or use --list or --all")
    params = parse_params(args.param)
    labeller = Labeller(store_lookup(store))
    for name in args.names:
        run = run_report(layout.queries_dir, name, store, params, runner=runner)
        text = render(run.table, args.format, labeller, run.query.title, run.query.question)
        if args.out:
            write_atomic(Path(args.out) / f"{name}.{_EXTENSIONS[args.format]}", text.encode("utf-8"))
        else:
            sys.stdout.write(text)
    return 0


def register(sub) -> None:
    from lanzarote_kg.sparql.results import FORMATS

    report = sub.add_parser("report", help="run the canned reports (queries/*.rq) by name",
                            description="Run saved reports by name. --list shows them; --all writes every report that "
                            "needs no parameter as Markdown and CSV, plus index.md, into --out (default dist/reports).")
    report.add_argument("names", nargs="*", metavar="NAME")
    report.add_argument("--list", action="store_true", help="list the reports with their titles and parameters")
    report.add_argument("--all", action="store_true", help="write every report (Markdown + CSV) and an index page")
    report.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    report.add_argument("--format", choices=FORMATS, default="table")
    report.add_argument("--out", help="directory to write to (default: standard output; dist/reports with --all)")
    report.add_argument("--graph", help="a TriG or N-Quads file to query instead of dist/")
    from .triplestore import add_endpoint_options
    add_endpoint_options(report)
    report.set_defaults(func=cmd_report)
