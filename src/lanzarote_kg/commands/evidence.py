"""coverage: which statements of the data no passage supports yet."""
from __future__ import annotations

import argparse
from pathlib import Path

from lanzarote_kg.core.errors import UserError
from .common import layout_of


def _term(term) -> str:
    from rdflib import Literal

    from lanzarote_kg.toolkit.qc import curie

    if isinstance(term, Literal):
        return term.n3()
    return curie(str(term))


def cmd_coverage(args: argparse.Namespace) -> int:
    from lanzarote_kg.pipeline.coverage import advice, checkout_coverage, passages_by_subject

    layout = layout_of(args)
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
    coverage.set_defaults(func=cmd_coverage)
