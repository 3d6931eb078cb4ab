"""qc, reason-dl, fmt, diff, docs, version: the ontology engineers' toolkit
(what ROBOT and ODK give OBO ontologies). Each command is a thin layer over
its library module."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from lanzarote_kg.core.errors import UserError, shown
from .common import layout_of, source_path


def cmd_qc(args: argparse.Namespace) -> int:
    from lanzarote_kg.toolkit.qc import QcOptions, render, run_qc

    layout = layout_of(args)
    report = run_qc(layout, QcOptions(fail_on=args.fail_on))
    shown_report = report.showing_from(args.show)
    sys.stdout.write(render(shown_report, args.format))
    if args.format == "tsv":
        print(shown_report.summary(), file=sys.stderr)
    return 1 if report.failed(args.fail_on) else 0


def cmd_reason_dl(args: argparse.Namespace) -> int:
    from lanzarote_kg.toolkit.dl_reasoner import DLOptions, render, run_dl

    result = run_dl(layout_of(args), DLOptions(java=args.java))
    sys.stdout.write(render(result))
    return 0 if result.ok else 1


def cmd_fmt(args: argparse.Namespace) -> int:
    from lanzarote_kg.toolkit.turtle_format import FormatOptions, format_file, turtle_files

    layout = layout_of(args)
    paths = [Path(p) for p in args.paths] or [layout.ontology_dir, layout.data_dir]
    files = turtle_files(paths)
    if args.diff and not args.check:
        raise UserError("LKG-F007", "--diff shows what --check finds: give both (fmt --check --diff)")
    changed = []
    for path in files:
        if format_file(path, FormatOptions(check=args.check), show=sys.stdout.write if args.diff else None):
            changed.append(path)
            shown = path.relative_to(Path.cwd()) if path.is_absolute() and path.is_relative_to(Path.cwd()) else path
            print(f"{'would reformat' if args.check else 'reformatted'}: {shown}")
    print(f"fmt: {len(changed)} of {len(files)} file(s) {'not canonical' if args.check else 'reformatted'}",
          file=sys.stderr)
    return 1 if args.check and changed else 0


def cmd_diff(args: argparse.Namespace) -> int:
    from lanzarote_kg.toolkit.semantic_diff import WORKING_TREE, DiffOptions, render_markdown, run_diff

    layout = layout_of(args)
    diff = run_diff(layout.root, DiffOptions(old=args.old, new=args.new or WORKING_TREE))
    text = render_markdown(diff)
    if args.out:
        from lanzarote_kg.pipeline.serialization import write_atomic
        write_atomic(Path(args.out), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return 1 if args.exit_code and not diff.empty else 0


def cmd_changes(args: argparse.Namespace) -> int:
    from lanzarote_kg.pipeline.serialization import write_atomic
    from lanzarote_kg.toolkit.changes import WORKING_TREE, render_markdown, render_patch, run_changes

    layout = layout_of(args)
    source = source_path(args, layout, required=False)
    changes = run_changes(layout.root, args.old, args.new or WORKING_TREE, args.graphs, source)
    markdown = render_markdown(changes)
    if args.patch:
        write_atomic(Path(args.patch), render_patch(changes).encode("utf-8"))
    if args.out:
        write_atomic(Path(args.out), markdown.encode("utf-8"))
    else:
        sys.stdout.write(markdown)
    return 1 if args.exit_code and not changes.empty else 0


def cmd_docs(args: argparse.Namespace) -> int:
    from lanzarote_kg.toolkit.docs import DocsOptions, build_docs

    result = build_docs(layout_of(args), DocsOptions(out_dir=Path(args.out)))
    print(f"wrote {result.index} ({result.classes} classes, {result.schemes} concept schemes) and {result.overview}")
    return 0


def cmd_version(args: argparse.Namespace) -> int:
    from lanzarote_kg.toolkit.versioning import BumpOptions, VersionFiles, bump, current_version

    files = VersionFiles.of(layout_of(args).root)
    if not args.bump:
        print(current_version(files))
        return 0
    try:
        date = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise UserError("LKG-VER005", f"--date {shown(args.date)}: expected YYYY-MM-DD") from None
    old, new = bump(files, BumpOptions(part=args.bump, date=date))
    print(f"version {old} -> {new}: ontology/header.ttl, pyproject.toml, src/lanzarote_kg/__init__.py, CHANGELOG.md")
    return 0


def register(sub) -> None:
    from lanzarote_kg.toolkit.qc import FORMATS, SEVERITIES
    from lanzarote_kg.toolkit.versioning import PARTS

    qc = sub.add_parser("qc", help="QC report on the ontology, vocabularies and shapes (queries/qc/*.rq)",
                        description="Run every check of queries/qc/ (SPARQL binding ?entity ?property ?value, with "
                        "'#+ severity/title/problem/solution' headers) on Oxigraph over the ontology, vocabularies, "
                        "shapes (and, for checks about the use of terms, data) graphs. Exit 1 when a finding is at or "
                        "above --fail-on.")
    qc.add_argument("--fail-on", choices=SEVERITIES, default="error", help="lowest severity that fails (default: error)")
    qc.add_argument("--show", choices=SEVERITIES, default="info", metavar="LEVEL",
                    help="lowest severity shown (info, warn, error; default: info, everything); the summary counts "
                    "the findings hidden; the exit status still follows --fail-on")
    qc.add_argument("--format", choices=FORMATS, default="table")
    qc.set_defaults(func=cmd_qc)

    dl = sub.add_parser("reason-dl", help="OWL 2 DL consistency and unsatisfiable classes (HermiT, needs Java)",
                        description="Load the ontology and vocabularies into owlready2 from a temporary N-Triples "
                        "file and run HermiT. Exit 1 if the ontology is inconsistent or a class is unsatisfiable; "
                        "2 if Java or owlready2 is missing.")
    dl.add_argument("--java", help="path of the java executable (default: java on PATH)")
    dl.set_defaults(func=cmd_reason_dl)

    fmt = sub.add_parser("fmt", help="canonical Turtle for ontology/ and data/ (or the given paths)",
                         description="Rewrite Turtle files in canonical form: prefixes sorted, statements in their "
                         "order, one predicate per line in a fixed order, objects sorted, comments kept. A file is "
                         "written only if its graph is unchanged (isomorphic).")
    fmt.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: ontology/ and data/)")
    fmt.add_argument("--check", action="store_true", help="list files that are not canonical; write nothing; exit 1 if any")
    fmt.add_argument("--diff", action="store_true", help="with --check: print what would change, as a unified diff")
    fmt.set_defaults(func=cmd_fmt)

    diff = sub.add_parser("diff", help="term-level semantic diff of the ontology, as Markdown",
                          description="Compare the ontology, vocabularies and shapes of two git revisions, files or "
                          "directories (default: HEAD against the working tree): terms added, removed and changed, "
                          "with their labels and the axioms added and removed. Blank nodes are compared by content.")
    diff.add_argument("old", nargs="?", default="HEAD", help="git revision, file or directory (default: HEAD)")
    diff.add_argument("new", nargs="?", help="git revision, file or directory (default: the working tree's ontology/)")
    diff.add_argument("--out", help="write the Markdown to this file")
    diff.add_argument("--exit-code", action="store_true", help="exit 1 when there are changes")
    diff.set_defaults(func=cmd_diff)

    changes = sub.add_parser("changes", help="statements removed and added between two releases",
                             description="Compare the statements of two releases: release files (.nq or .trig), git "
                             "revisions (built in memory) or, by default for NEW, the working tree. Writes Markdown "
                             "grouped by entity, with labels, for a pull request; --patch also writes an RDF Patch "
                             "(D and A lines) for machines. The description graph is never compared.")
    changes.add_argument("old", help="release file (.nq or .trig) or git revision")
    changes.add_argument("new", nargs="?", help="release file or git revision (default: the working tree)")
    changes.add_argument("--graphs", choices=["asserted", "all"], default="asserted",
                         help="asserted: ontology, vocabularies, data (default); all: also inferred and annotations")
    changes.add_argument("--out", help="write the Markdown to this file")
    changes.add_argument("--patch", metavar="FILE", help="also write the changes as an RDF Patch")
    changes.add_argument("--source", help="the paper's text, for the builds of git revisions (default ../shared/source/)")
    changes.add_argument("--exit-code", action="store_true", help="exit 1 when there are changes")
    changes.set_defaults(func=cmd_changes)

    docs = sub.add_parser("docs", help="HTML documentation of the ontology and vocabularies (pyLODE) with an SVG diagram",
                          description="Write index.html (pyLODE, with the vocabularies and an overview diagram) and "
                          "overview.svg into --out. Reads nothing from the network.")
    docs.add_argument("--out", default="dist/docs", help="output directory (default: dist/docs)")
    docs.set_defaults(func=cmd_docs)

    version = sub.add_parser("version", help="show or bump the version (ontology header, package, changelog)",
                             description="Print the version after checking that ontology/header.ttl (owl:versionIRI, "
                             "owl:versionInfo), pyproject.toml, src/lanzarote_kg/__init__.py and CHANGELOG.md agree; "
                             "with --bump, rewrite exactly those lines and add a dated CHANGELOG heading.")
    version.add_argument("--bump", choices=PARTS)
    version.add_argument("--date", help="date of the CHANGELOG heading, YYYY-MM-DD (default: today)")
    version.set_defaults(func=cmd_version)
