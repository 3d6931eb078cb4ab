"""Canonical Turtle for the project's files (`lanzarote-kg fmt`).

The order of statements is the author's (data files follow the paper), so
the formatter never sorts subjects. What it makes canonical is everything
inside a statement and around it: the prefix block (sorted by prefix), one
predicate per line in a fixed order, objects sorted, nested `[ ... ]` and
`( ... )` laid out one way, 4-space indents, comments kept with the
statement they precede.

Safety: each statement is re-emitted from the triples a real parser
(Oxigraph) reads from it, and the whole output must be isomorphic to the
input before anything is written; a file that would change meaning is
refused with LKG-F002 and left untouched.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.terms import from_oxigraph
from lanzarote_kg.pipeline.loading import read_input
from lanzarote_kg.pipeline.serialization import write_atomic
from lanzarote_kg.toolkit.turtle_render import Renderer
from lanzarote_kg.toolkit.turtle_scan import Block, Document, scan

def parse_text(text: str, origin: str) -> Graph:
    """Turtle text as an rdflib graph, read by Oxigraph like the build does."""
    graph = Graph()
    try:
        for quad in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE):
            graph.add((from_oxigraph(quad.subject), from_oxigraph(quad.predicate), from_oxigraph(quad.object)))
    except SyntaxError as exc:
        raise UserError("LKG-E003", f"{origin}:{exc.lineno or '?'}: Turtle syntax error: "
                                    f"{' '.join(str(exc.msg).split())}") from None
    return graph


def read_triples(path: Path) -> list:
    """The triples of one Turtle file, as Oxigraph terms (lexical forms kept)."""
    data = read_input(path)
    try:
        return [quad.triple for quad in ox.parse(data, format=ox.RdfFormat.TURTLE)]
    except UnicodeDecodeError as exc:
        raise UserError("LKG-E002", f"{path}: not UTF-8 text ({exc.reason})") from None
    except SyntaxError as exc:
        raise UserError("LKG-E003", f"{path}:{exc.lineno or '?'}: Turtle syntax error: "
                                    f"{' '.join(str(exc.msg).split())}") from None


def same_graph(text_a: str, text_b: str, origin: str) -> bool:
    """Isomorphism by RDF Dataset Canonicalization (fast, in Oxigraph)."""
    def canonical(text: str) -> set[str]:
        try:
            dataset = ox.Dataset(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE))
        except SyntaxError as exc:
            raise UserError("LKG-F002", f"{origin}: formatted text does not parse ({exc.msg}); file left as is")
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        return {str(quad) for quad in dataset}
    return canonical(text_a) == canonical(text_b)


def _statement_triples(doc: Document, block: Block, origin: str) -> list:
    preamble = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in doc.prefixes.items())
    try:
        quads = ox.parse((preamble + block.text).encode("utf-8"), format=ox.RdfFormat.TURTLE)
        return [quad.triple for quad in quads]
    except SyntaxError as exc:
        raise UserError("LKG-E003", f"{origin}:{block.line}: Turtle syntax error: {' '.join(str(exc.msg).split())}") \
            from None


def format_text(text: str, origin: str = "<text>") -> str:
    """The canonical form of Turtle text (not yet checked for isomorphism)."""
    doc = scan(text, origin)
    out: list[str] = list(doc.header)
    if doc.prefixes:
        if out and doc.blank_after_header:
            out.append("")
        out.extend(f"@prefix {p}: <{doc.prefixes[p]}> ." for p in sorted(doc.prefixes))
    for number, block in enumerate(doc.blocks):
        leading = list(block.leading)
        blank = bool(leading) and leading[0] == ""
        leading = leading[1:] if blank else leading
        if out and (blank or (number == 0 and doc.prefixes)):
            out.append("")
        out.extend(leading + block.inner)
        renderer = Renderer(doc.prefixes, origin, block.line)
        rendered = renderer.statement(_statement_triples(doc, block, origin))
        out.append(rendered + (f" {block.trailing}" if block.trailing else ""))
    if doc.tail:
        if doc.tail[0] != "" and out:
            out.append("")
        out.extend(doc.tail)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n" if out else ""


@dataclass(frozen=True)
class FormatOptions:
    check: bool = False  # report files that would change; write nothing


def format_file(path: Path, options: FormatOptions = FormatOptions(), show=None) -> bool:
    """Format one file in place (unless options.check); True if it changes.
    `show`, when given, receives the change as a unified diff."""
    try:
        original = path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        raise UserError("LKG-F005", f"{path}: not a Turtle file") from None
    except UnicodeDecodeError as exc:
        raise UserError("LKG-E002", f"{path}: not UTF-8 text ({exc.reason})") from None
    try:
        formatted = format_text(original, str(path))
    except RecursionError:
        # The renderer writes nested brackets recursively; the build reads them iteratively.
        raise UserError("LKG-F006", f"{path}: blank nodes nested too deeply to format (about a thousand levels "
                                    f"or more); file left as is") from None
    if formatted == original:
        return False
    if not same_graph(original, formatted, str(path)):
        raise UserError("LKG-F002", f"{path}: the formatted text would not be isomorphic to the file's graph; "
                                    "file left as is (please report this formatter bug)")
    if show is not None:
        import difflib

        show("".join(difflib.unified_diff(original.splitlines(keepends=True), formatted.splitlines(keepends=True),
                                          fromfile=f"{path}", tofile=f"{path} (canonical)")))
    if not options.check:
        write_atomic(path, formatted.encode("utf-8"))
    return True


def turtle_files(paths: list[Path]) -> list[Path]:
    """The .ttl files named or found under the given paths, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.rglob("*.ttl")))
        elif path.is_file():
            found.append(path)
        else:
            raise UserError("LKG-F005", f"{path}: no such file or directory")
    return found
