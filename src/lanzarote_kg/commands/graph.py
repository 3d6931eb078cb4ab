"""build, validate, query, cite: the graph itself."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lanzarote_kg.core.errors import UserError, shown
from .common import layout_of, parse_params, source_path


def _print_summary(result, out: Path | None, source: Path | None) -> None:
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    counts = result.counts()
    print(f"triples: {counts['asserted']} asserted (ontology {counts['ontology']}, vocabularies "
          f"{counts['vocabularies']}, data {counts['data']}), {counts['inferred']} inferred")
    warnings = [v for v in result.report.violations if v.severity != "Violation"]
    print(f"SHACL: {'conforms' if result.report.conforms else 'does not conform'} "
          f"({len(result.report.errors)} violations, {len(warnings)} warnings/infos)")
    if result.coverage is not None:
        print(result.coverage.line())
    for document in result.lines:
        print(document.line() if len(result.lines) == 1 else f"{document.line()} in {document.document}")
    sources = result.sources
    if source is None or sources is None or not sources.checked:
        print("quotes: not checked (source text not found; give --source to check them)")
    else:
        missing = f"; not checked, text absent: {', '.join(sources.missing)}" if sources.missing else ""
        found = f"{len(result.quote_problems)} not found in the source" if result.quote_problems else \
            "all found in the source"
        print(f"quotes: {found}; {len(result.anchors)} anchored "
              f"({2 * len(result.anchors)} text selectors, {len(result.anchors)} line fragments){missing}")
    for failure in result.check_failures:
        if failure.severity != "error":
            print(f"check {failure.name} ({failure.severity}): {len(failure.table.rows)} row(s): {failure.title}")
    print("time: " + ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items()))
    if out is not None and result.ok:
        print(f"wrote {out}/")


def _run(args: argparse.Namespace, out: Path | None):
    from lanzarote_kg.pipeline.build import BuildOptions, run_build
    from lanzarote_kg.pipeline.reasoning import Reasoner
    from lanzarote_kg.pipeline.validation import ShaclEngine

    layout = layout_of(args)
    source = source_path(args, layout, required=False)
    options = BuildOptions(reasoner=Reasoner(args.reasoner), shacl_engine=ShaclEngine(args.shacl_engine),
                           out_dir=out, source=source)
    result = run_build(layout, options)
    return result, source


def cmd_build(args: argparse.Namespace) -> int:
    from lanzarote_kg.pipeline.build_failures import raise_if_failed

    out = Path(args.out)
    result, source = _run(args, out)
    _print_summary(result, out, source)
    raise_if_failed(result)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from lanzarote_kg.pipeline.build_failures import raise_if_failed

    result, source = _run(args, None)
    for violation in result.report.violations:
        if violation.severity != "Violation":
            print(violation.line())
    _print_summary(result, None, source)
    raise_if_failed(result)
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from lanzarote_kg.pipeline.access import graph_from_store, open_store
    from lanzarote_kg.sparql.catalogue import read_query
    from lanzarote_kg.sparql.concat import sorted_concatenations
    from lanzarote_kg.sparql.engines import Engine, select_oxigraph, select_rdflib
    from lanzarote_kg.sparql.params import bind_parameters
    from lanzarote_kg.sparql.results import Labeller, graph_lookup, render, store_lookup

    layout = layout_of(args)
    saved = read_query(Path(args.file))
    store = open_store(layout, Path(args.graph) if args.graph else None)
    bindings = bind_parameters(saved, parse_params(args.param), store)
    if args.engine == Engine.RDFLIB.value:
        graph = graph_from_store(store)
        table = select_rdflib(graph, saved.text, bindings, origin=str(saved.path))
        labeller = Labeller(graph_lookup(graph))
    else:
        table = select_oxigraph(store, saved.text, bindings, origin=str(saved.path))
        labeller = Labeller(store_lookup(store))
    table = sorted_concatenations(table, saved.text)  # GROUP_CONCAT parts in one order on every engine
    sys.stdout.write(render(table, args.format, labeller, saved.title, saved.question))
    return 0


def cmd_cite(args: argparse.Namespace) -> int:
    from lanzarote_kg.pipeline.source import SourceText
    from lanzarote_kg.pipeline.structure import load_parts, part_for_lines

    layout = layout_of(args)
    source = SourceText(source_path(args, layout, required=True))
    hits = source.locate(args.quote)
    if not hits:
        raise UserError("LKG-E011", f"quote not found in {source.path}: {shown(args.quote)}")
    parts = load_parts(layout)
    for hit in hits:
        print(f"lines {hit.start_line}-{hit.end_line}\tpart:{part_for_lines(parts, hit.start_line, hit.end_line)}")
    return 0


def _engine_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reasoner", choices=["compiled", "reasonable", "owlrl"], default="compiled",
                        help="OWL 2 RL engine: compiled (the T-box's rules as tables, default; falls back to "
                        "reasonable with warning LKG-W003), reasonable or owlrl (the reference engines)")
    parser.add_argument("--shacl-engine", choices=["compiled", "pyshacl-turbo", "pyshacl"], default="compiled",
                        help="SHACL engine: compiled (the shapes as SPARQL on the store, default; pyshacl-turbo "
                        "writes the report when they find a violation), pyshacl-turbo or pyshacl (references)")
    parser.add_argument("--source", help="a source document's text file, or the folder holding the texts of "
                        "the documents data/ describes (lkg:textFile), to check and anchor every quote (default: "
                        "../shared/source/ if present)")


def register(sub) -> None:
    from lanzarote_kg.sparql.results import FORMATS

    build = sub.add_parser("build", help="load, reason, validate and write the artifacts to dist/",
                           description="Load ontology, vocabularies and data into named graphs, compute the OWL 2 RL "
                           "closure, validate with SHACL, run the data checks of queries/checks/, check every quote "
                           "against the source, and write dist/. Exit 1 on any violation, 2 on a user error.")
    build.add_argument("--out", default="dist", help="output directory (default: dist)")
    _engine_options(build)
    build.set_defaults(func=cmd_build)

    validate = sub.add_parser("validate", help="everything build does, without writing files",
                              description="Validate the graph and print a readable report: focus node with its "
                              "label, the data file it comes from, path and message.")
    _engine_options(validate)
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

    cite = sub.add_parser("cite", help="find words in the paper: line range and document part",
                          description="Locate words in the paper's text (white space normalised, number-only lines "
                          "skipped) and print each line range with the narrowest document part containing it.")
    cite.add_argument("quote", help="words to find")
    cite.add_argument("--source", help="path of the paper's text")
    cite.set_defaults(func=cmd_cite)
