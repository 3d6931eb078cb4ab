"""coverage: which statements of the data no passage supports yet."""
from __future__ import annotations

import argparse
from pathlib import Path

from lanzarote_kg.core.errors import UserError
from .common import layout_of, source_path


def _term(term) -> str:
    from rdflib import Literal

    from lanzarote_kg.toolkit.qc import curie

    if isinstance(term, Literal):
        return term.n3()
    return curie(str(term))


def _print_lines(documents, runs: int, minimum: float | None) -> int:
    """The told share of each document per top-level part, and its longest
    untold runs; exit 1 when a document is below --min."""
    below = False
    for document in documents:
        print(document.document)
        width = max((len(part.label) for part in document.parts), default=10)
        width = min(width, 70)
        print(f"  {'part':<{width}}  {'lines':>11}  {'told':>5}  {'content':>7}  {'share':>6}")
        for part in document.parts:
            label = part.label if len(part.label) <= width else part.label[:width - 1] + "…"
            print(f"  {label:<{width}}  {part.start:>5}-{part.end:<5}  {part.told:>5}  {part.content:>7}  "
                  f"{100 * part.share:>5.1f}%")
        print(f"  {'total':<{width}}  {'':>11}  {document.told:>5}  {document.content:>7}  {100 * document.share:>5.1f}%")
        if runs and document.runs:
            print(f"  longest untold runs (content lines; first words):")
            for run in document.runs[:runs]:
                print(f"    {run.start}-{run.end}  {run.content:>3}  {run.first_words}")
        print(f"  {document.line()}")
        if minimum is not None and 100 * document.share < minimum:
            below = True
            print(f"  below --min {minimum:g}%")
    return 1 if below else 0


def cmd_coverage(args: argparse.Namespace) -> int:
    from lanzarote_kg.pipeline.coverage import advice, checkout_coverage, passages_by_subject

    layout = layout_of(args)
    if args.lines:
        from lanzarote_kg.pipeline.knowledge_graph import load
        from lanzarote_kg.pipeline.line_coverage import line_coverage
        from lanzarote_kg.pipeline.sources import load_sources

        if args.files:
            raise UserError("LKG-E040", "coverage --lines counts whole source documents: give no data files")
        kg = load(layout)
        sources = load_sources(kg.store, source_path(args, layout, required=True))
        if not sources.texts:
            raise UserError("LKG-E010", "no source document's text was found: give its folder with --source")
        return _print_lines(line_coverage(kg.store, sources), args.runs, args.min)
    wanted = None
    if args.files:
        wanted = set()
        for name in args.files:
            path = Path(name).resolve()
            if not path.is_file():
                raise UserError("LKG-E001", f"{name}: file not found")
            if not path.is_relative_to(layout.data_dir.resolve()):
                raise UserError("LKG-E013", f"{name}: not a file of {layout.data_dir}")
            wanted.add(str(path.relative_to(layout.root.resolve())))
    coverage, kg = checkout_coverage(layout)
    missing = coverage.unsupported(wanted)
    passages = passages_by_subject(kg) if args.passages else {}
    current = None
    for statement in sorted(missing, key=lambda s: (s.file, str(s.entity), str(s.property), str(s.value))):
        if statement.file != current:
            current = statement.file
            print(current)
        print(f"  {_term(statement.entity)} {_term(statement.property)} {_term(statement.value)}")
        print(f"      fix: {advice(kg.store, statement.entity, statement.property, statement.value)}")
        for start, end, quote in passages.get(str(statement.entity), []) if args.passages else []:
            print(f"      passage {start}-{end}: {quote[:70]}{'…' if len(quote) > 70 else ''}")
    scope = f"{len(wanted)} file(s)" if wanted is not None else "data/"
    print(f"unsupported: {len(missing)} in {scope}; {coverage.line()}")
    return 1 if missing else 0


def register(sub) -> None:
    coverage = sub.add_parser(
        "coverage", help="list the statements of data files that no passage, interpretation or external "
                         "source covers",
        description="Count the data's statements by what covers them (supported by a passage, interpreted, "
                    "external, unsupported) and list the unsupported ones of the given files (default: all), "
                    "subject, property and value, grouped by file. Exit 1 when any is listed.")
    coverage.add_argument("files", nargs="*", metavar="FILE", help="data files (default: every file of data/)")
    coverage.add_argument("--passages", action="store_true",
                          help="under each statement, list its subject's passages to choose from")
    coverage.add_argument("--lines", action="store_true",
                          help="how much of each source document the graph tells: the share of its content lines "
                               "(not blank, not a bare page or footnote number) inside a passage that supports a "
                               "statement, per top-level part and in total, and the longest untold runs")
    coverage.add_argument("--runs", type=int, default=10, metavar="N",
                          help="with --lines: how many of the longest untold runs to list (default 10)")
    coverage.add_argument("--min", type=float, default=None, metavar="PERCENT",
                          help="with --lines: exit 1 when a document's told share is below PERCENT")
    coverage.add_argument("--source", metavar="PATH",
                          help="with --lines: the source text, or the folder of texts (default ../shared/source/)")
    coverage.set_defaults(func=cmd_coverage)
