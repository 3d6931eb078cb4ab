"""lanzarote-kg: build, validate and query the knowledge graph of the 2012
Council of Europe paper on international cooperation and the Lanzarote
Convention. A thin layer over the library; every command refuses network
access (see netguard)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import netguard
from .errors import BuildFailure, UserError
from .layout import Layout, find_root


def _layout(args: argparse.Namespace) -> Layout:
    return Layout(Path(args.root).resolve() if args.root else find_root())


def _source(args: argparse.Namespace, layout: Layout, *, required: bool) -> Path | None:
    """The paper's text: --source, else ../shared/source/ if present."""
    if getattr(args, "source", None):
        path = Path(args.source)
        if not path.exists():
            raise UserError("LKG-E010", f"{path}: source text not found")
        return path
    path = layout.default_source
    if path.exists():
        return path
    if required:
        raise UserError("LKG-E010", f"{path}: source text not found (give its path with --source)")
    return None


# --- build / validate ------------------------------------------------------

def _print_summary(result, out: Path | None, source: Path | None) -> None:
    counts = result.counts()
    print(f"triples: {counts['asserted']} asserted (ontology {counts['ontology']}, vocabularies "
          f"{counts['vocabularies']}, data {counts['data']}), {counts['inferred']} inferred")
    warnings = [v for v in result.report.violations if v.severity != "Violation"]
    print(f"SHACL: {'conforms' if result.report.conforms else 'does not conform'} "
          f"({len(result.report.errors)} violations, {len(warnings)} warnings/infos)")
    if source is None:
        print("quotes: not checked (source text not found; give --source to check them)")
    else:
        print(f"quotes: {'all found in the source' if not result.quote_problems else f'{len(result.quote_problems)} not found'}")
    for failure in result.check_failures:
        if failure.severity != "error":
            print(f"check {failure.name} ({failure.severity}): {len(failure.table.rows)} row(s): {failure.title}")
    timing = ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items())
    print(f"time: {timing}")
    if out is not None and result.ok:
        print(f"wrote {out}/")


def cmd_build(args: argparse.Namespace) -> int:
    from .build import BuildOptions, raise_if_failed, run_build
    from .reasoning import Reasoner

    layout = _layout(args)
    source = _source(args, layout, required=False)
    out = Path(args.out)
    result = run_build(layout, BuildOptions(reasoner=Reasoner(args.reasoner), out_dir=out, source=source))
    _print_summary(result, out, source)
    raise_if_failed(result)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .build import BuildOptions, raise_if_failed, run_build
    from .reasoning import Reasoner

    layout = _layout(args)
    source = _source(args, layout, required=False)
    result = run_build(layout, BuildOptions(reasoner=Reasoner(args.reasoner), source=source))
    for violation in result.report.violations:
        if violation.severity != "Violation":
            print(violation.line())
    _print_summary(result, None, source)
    raise_if_failed(result)
    return 0


# --- query -------------------------------------------------------------------

def _parse_params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UserError("LKG-Q005", f"--param {pair!r}: expected key=value")
        params[key.strip()] = value
    return params


def cmd_query(args: argparse.Namespace) -> int:
    from .access import graph_from_store, open_store
    from .catalogue import read_query
    from .engines import Engine, select_oxigraph, select_rdflib
    from .params import bind_parameters
    from .results import Labeller, graph_lookup, render, store_lookup

    layout = _layout(args)
    saved = read_query(Path(args.file))
    store = open_store(layout, Path(args.graph) if args.graph else None)
    bindings = bind_parameters(saved, _parse_params(args.param), store)
    if args.engine == Engine.RDFLIB.value:
        graph = graph_from_store(store)
        table = select_rdflib(graph, saved.text, bindings, origin=str(saved.path))
        labeller = Labeller(graph_lookup(graph))
    else:
        table = select_oxigraph(store, saved.text, bindings, origin=str(saved.path))
        labeller = Labeller(store_lookup(store))
    sys.stdout.write(render(table, args.format, labeller, saved.title, saved.question))
    return 0


# --- report ------------------------------------------------------------------

def cmd_report(args: argparse.Namespace) -> int:
    from .access import open_store
    from .catalogue import catalogue
    from .reports import run_report, write_all
    from .results import Labeller, render, store_lookup
    from .serialization import write_atomic

    layout = _layout(args)
    if args.list:
        for query in catalogue(layout.queries_dir):
            params = " ".join(f"--param {p.name}=<{p.type}>" + (f" (default {p.default})" if p.default else "")
                              for p in query.parameters)
            print(f"{query.name}\t{query.title}" + (f"\t{params}" if params else ""))
        return 0
    store = open_store(layout, Path(args.graph) if args.graph else None)
    if args.all:
        out = Path(args.out or "dist/reports")
        runs = write_all(layout.queries_dir, store, out)
        for run in runs:
            print(f"{run.query.name}: {len(run.table.rows)} rows")
        print(f"wrote {out}/index.html")
        return 0
    if not args.names:
        raise UserError("LKG-Q003", "name at least one report, or use --list or --all")
    params = _parse_params(args.param)
    labeller = Labeller(store_lookup(store))
    extension = {"table": "txt", "md": "md", "html": "html", "csv": "csv", "tsv": "tsv", "json": "srj"}[args.format]
    for name in args.names:
        run = run_report(layout.queries_dir, name, store, params)
        text = render(run.table, args.format, labeller, run.query.title, run.query.question)
        if args.out:
            write_atomic(Path(args.out) / f"{name}.{extension}", text.encode("utf-8"))
        else:
            sys.stdout.write(text)
    return 0


# --- cite ----------------------------------------------------------------------

def cmd_cite(args: argparse.Namespace) -> int:
    from .source import SourceText
    from .structure import part_for_lines

    layout = _layout(args)
    source = SourceText(_source(args, layout, required=True))
    hits = source.locate(args.quote)
    if not hits:
        raise UserError("LKG-E011", f"quote not found in {source.path}: {args.quote!r}")
    for hit in hits:
        part = part_for_lines(layout, hit.start_line, hit.end_line)
        print(f"lines {hit.start_line}-{hit.end_line}\tpart:{part}")
    return 0


# --- parser ------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    from .results import FORMATS

    parser = argparse.ArgumentParser(prog="lanzarote-kg", description=__doc__)
    parser.add_argument("--root", help="project checkout (default: found from the current directory)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def engine_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--reasoner", choices=["reasonable", "owlrl"], default="reasonable",
                       help="OWL 2 RL engine: reasonable (fast, default) or owlrl (reference)")
        p.add_argument("--source", help="path of the paper's text, to check every quote "
                       "(default: ../shared/source/coe-2012-international-cooperation-lanzarote.txt if present)")

    build = sub.add_parser("build", help="load, reason, validate and write the artifacts to dist/",
                           description="Load ontology, vocabularies and data into named graphs, compute the OWL 2 RL "
                           "closure, validate with SHACL, run the data checks of queries/checks/, check every quote "
                           "against the source, and write dist/. Exit 1 on any violation, 2 on a user error.")
    build.add_argument("--out", default="dist", help="output directory (default: dist)")
    engine_options(build)
    build.set_defaults(func=cmd_build)

    validate = sub.add_parser("validate", help="everything build does, without writing files",
                              description="Validate the graph and print a readable report: focus node with its "
                              "label, the data file it comes from, path and message.")
    engine_options(validate)
    validate.set_defaults(func=cmd_validate)

    query = sub.add_parser("query", help="run a SPARQL SELECT file against the built graph",
                           description="Run a SELECT query file against dist/lanzarote-kg.nq (or an in-memory build "
                           "when dist/ has not been built). Parameters declared in the file's '#+ param:' header "
                           "are bound with --param key=value, never pasted into the query text.")
    query.add_argument("file", help="a .rq file")
    query.add_argument("--format", choices=FORMATS, default="table")
    query.add_argument("--engine", choices=["oxigraph", "rdflib"], default="oxigraph",
                       help="SPARQL engine: oxigraph (fast, default) or rdflib (reference)")
    query.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    query.add_argument("--graph", help="a TriG or N-Quads file to query instead of dist/")
    query.set_defaults(func=cmd_query)

    report = sub.add_parser("report", help="run the canned reports (queries/*.rq) by name",
                            description="Run saved reports by name. --list shows them; --all writes every report that "
                            "needs no parameter as Markdown and CSV, plus index.html, into --out (default dist/reports).")
    report.add_argument("names", nargs="*", metavar="NAME")
    report.add_argument("--list", action="store_true", help="list the reports with their titles and parameters")
    report.add_argument("--all", action="store_true", help="write every report (Markdown + CSV) and an index page")
    report.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    report.add_argument("--format", choices=FORMATS, default="table")
    report.add_argument("--out", help="directory to write to (default: standard output; dist/reports with --all)")
    report.add_argument("--graph", help="a TriG or N-Quads file to query instead of dist/")
    report.set_defaults(func=cmd_report)

    cite = sub.add_parser("cite", help="find a quote in the source text: its line range and document part",
                          description="Locate words in the paper's text (white space normalised, number-only lines "
                          "skipped) and print each line range with the narrowest document part containing it.")
    cite.add_argument("quote", help="words to find")
    cite.add_argument("--source", help="path of the paper's text")
    cite.set_defaults(func=cmd_cite)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    netguard.block_network()
    try:
        return args.func(args)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BuildFailure as exc:
        print(f"failed: {exc}", file=sys.stderr)
        for line in exc.details:
            print(f"  {line}", file=sys.stderr)
        return 1
    except netguard.NetworkAccessError as exc:
        print(f"error: LKG-E020: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
