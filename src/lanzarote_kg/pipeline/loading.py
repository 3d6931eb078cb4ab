"""Parse the project's Turtle files.

Oxigraph's parser is used: it is about 40 times faster than rdflib's here,
reports errors with line and column, and is as strict as the triplestores
the graph is loaded into (rdflib accepts some invalid IRIs that Oxigraph and
Jena reject).
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from lanzarote_kg.core.errors import UserError


MAX_FILE_BYTES = 64 * 1024 * 1024  # the project's largest file is about 0.2 MB


def read_input(path: Path) -> bytes:
    """A regular file's bytes, refused past MAX_FILE_BYTES (a FIFO or a
    device named *.ttl would otherwise block or never end)."""
    try:
        if not path.is_file():
            if path.is_dir():
                raise UserError("LKG-E001", f"{path}: is a directory, not a Turtle file")
            if path.exists():
                raise UserError("LKG-E005", f"{path}: not a regular file")
            raise UserError("LKG-E001", f"{path}: file not found")
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise UserError("LKG-E005", f"{path}: not readable (permission denied)") from None
    if len(data) > MAX_FILE_BYTES:
        raise UserError("LKG-E005", f"{path}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB: not read")
    return data


_XSD = "http://www.w3.org/2001/XMLSchema#"
# Numbers, dates and booleans: values the engines convert (rdflib to Python
# ints, the SHACL engine to compare). A million-digit xsd:integer is
# valid RDF but makes the validation take minutes; no real value is this long.
MAX_VALUE_CHARS = 100
_CONVERTED = frozenset(_XSD + name for name in (
    "integer decimal double float long int short byte nonNegativeInteger positiveInteger negativeInteger "
    "nonPositiveInteger unsignedLong unsignedInt unsignedShort unsignedByte boolean date dateTime "
    "dateTimeStamp time gYear gYearMonth gMonth gMonthDay gDay duration dayTimeDuration "
    "yearMonthDuration").split())


def check_values(path: Path, data: bytes, triples: list[ox.Triple]) -> None:
    """Refuse a converted value far longer than any real one, naming its line."""
    for triple in triples:
        term = triple.object
        if isinstance(term, ox.Literal) and len(term.value) > MAX_VALUE_CHARS and term.datatype.value in _CONVERTED:
            at = data.find(term.value.encode("utf-8"))
            line = data.count(b"\n", 0, at) + 1 if at >= 0 else "?"
            kind = term.datatype.value[len(_XSD):]
            raise UserError("LKG-E006", f"{path}:{line}: an xsd:{kind} value of {len(term.value)} characters "
                                        f"({term.value[:20]}…): at most {MAX_VALUE_CHARS}")


# Oxigraph's parsers hold one token (a literal, an IRI) in a buffer of at most
# 16 MiB and stop with MemoryError past it: a Turtle file under the 64 MiB
# limit can still hold a longer literal.
PARSER_BUFFER_BYTES = 16 * 1024 * 1024


def line_of(data: bytes, needle: bytes) -> int | None:
    """The 1-based line where `needle` first occurs in `data`, else None."""
    at = data.find(needle) if needle else -1
    return data.count(b"\n", 0, at) + 1 if at >= 0 else None


def long_token_line(data: bytes, limit: int = PARSER_BUFFER_BYTES) -> int | None:
    """The line where a token longer than `limit` bytes starts: a long
    triple-quoted string, else the first line longer than `limit`."""
    for quote in (b'"""', b"'''"):
        start = data.find(quote)
        while start >= 0:
            end = data.find(quote, start + 3)
            if end < 0 or end - start > limit:
                return data.count(b"\n", 0, start) + 1
            start = data.find(quote, end + 3)
    for number, line in enumerate(data.split(b"\n"), 1):
        if len(line) > limit:
            return number
    return None


def too_long_token(path: Path, data: bytes) -> UserError:
    line = long_token_line(data)
    where = f"{path}:{line}" if line is not None else str(path)
    return UserError("LKG-E007", f"{where}: a literal or IRI longer than the parser's buffer of "
                                 f"{PARSER_BUFFER_BYTES // (1024 * 1024)} MiB: not read (split the text, or keep it "
                                 "in a source text file)")


def parse_triples(path: Path) -> list[ox.Triple]:
    """The triples of one Turtle file; a syntax error names the file and line,
    and so does a token too long for the parser."""
    data = read_input(path)
    try:
        triples = [quad.triple for quad in ox.parse(data, format=ox.RdfFormat.TURTLE,
                                                    base_iri=path.resolve().as_uri())]
    except MemoryError:
        raise too_long_token(path, data) from None
    except SyntaxError as exc:
        line = exc.lineno if exc.lineno else "?"
        message = " ".join(str(exc.msg).split())
        raise UserError("LKG-E003", f"{path}:{line}: Turtle syntax error: {message}") from None
    except UnicodeDecodeError as exc:
        raise UserError("LKG-E002", f"{path}: not UTF-8 text ({exc.reason})") from None
    check_values(path, data, triples)
    return triples


def parse_turtle(path: Path) -> Graph:
    """One Turtle file as an rdflib graph."""
    from lanzarote_kg.core.terms import from_oxigraph

    graph = Graph()
    for triple in parse_triples(path):
        graph.add((from_oxigraph(triple.subject), from_oxigraph(triple.predicate), from_oxigraph(triple.object)))
    return graph
