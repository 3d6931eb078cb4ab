"""Where a statement or a node of the data is written: "file:line".

The parser keeps no positions, so the line is found in the file the
statement came from (KnowledgeGraph.statement_origins / origins): the
literal as written (N-Triples escapes, which Turtle shares), else its raw
text, else the node's IRI whole or as a prefixed name. Used for messages
only: a statement that cannot be found is named by its file alone.
"""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

_PREFIX = re.compile(rb"@prefix\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>|PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.I)


def line_at(data: bytes, at: int) -> int:
    """The 1-based line of a byte offset."""
    return data.count(b"\n", 0, at) + 1


def _read(kg, file: str) -> bytes | None:
    path = Path(file)
    if not path.is_absolute() and getattr(kg, "root", None) is not None:
        path = kg.root / path
    try:
        return path.read_bytes()
    except OSError:
        return None


def iri_at(data: bytes, iri: str) -> int:
    """Offset of the IRI written whole or as a prefixed name the file declares; -1 if absent."""
    at = data.find(f"<{iri}>".encode("utf-8"))
    if at >= 0:
        return at
    for match in _PREFIX.finditer(data):
        prefix = match.group(1) or match.group(3) or b""
        namespace = (match.group(2) or match.group(4) or b"").decode("utf-8", "replace")
        if namespace and iri.startswith(namespace) and len(iri) > len(namespace):
            local = re.escape(iri[len(namespace):].encode("utf-8"))
            found = re.search(rb"(?<![\w:.-])" + re.escape(prefix) + b":" + local + rb"(?![\w-])", data)
            if found:
                return found.start()
    return -1


def _spellings(data: bytes, iri: str) -> list[bytes]:
    """The ways the file can write the IRI: whole, or with a prefix it declares."""
    found = [re.escape(f"<{iri}>".encode("utf-8"))]
    for match in _PREFIX.finditer(data):
        prefix = match.group(1) or match.group(3) or b""
        namespace = (match.group(2) or match.group(4) or b"").decode("utf-8", "replace")
        if namespace and iri.startswith(namespace) and len(iri) > len(namespace):
            found.append(rb"(?<![\w:.-])" + re.escape(prefix) + b":" + re.escape(iri[len(namespace):].encode("utf-8")))
    return found


def pair_at(data: bytes, predicate: str, literal: ox.Literal) -> int:
    """Offset of `predicate value` written together (a short value such as a line number)."""
    value = re.escape(literal.value.encode("utf-8"))
    for spelling in _spellings(data, predicate):
        found = re.search(spelling + rb'\s+"?' + value + rb'(?![\w.])', data)
        if found:
            return found.start()
    return -1


def literal_at(data: bytes, literal: ox.Literal) -> int:
    for needle in (f'"{literal.value}"'.encode("utf-8"), str(literal).split("^^")[0].split('"@')[0].encode("utf-8"),
                   literal.value.encode("utf-8")):
        if len(needle) >= 3:
            at = data.find(needle)
            if at >= 0:
                return at
    return -1


def _terms(*terms):
    from lanzarote_kg.core.terms import to_oxigraph

    return [t if isinstance(t, (ox.NamedNode, ox.BlankNode, ox.Literal)) else to_oxigraph(t) for t in terms]


def locate_statement(kg, subject, predicate, value) -> str:
    """"file:line" of a data statement (the line of its value), "file", or ""."""
    subject, predicate, value = _terms(subject, predicate, value)
    file = kg.origin_of(subject, predicate, value) or str(kg.origins.get(subject.value, ""))
    data = _read(kg, file) if file else None
    if data is None:
        return file
    at = literal_at(data, value) if isinstance(value, ox.Literal) else iri_at(data, value.value)
    return f"{file}:{line_at(data, at)}" if at >= 0 else file


def locate_node(kg, node) -> str:
    """"file:line" where a node of the data is described: its IRI, else (a
    skolemized blank node such as a passage) the first of its literal values
    found in its file; "file" or "" when not found."""
    (node,) = _terms(node)
    file = str(kg.origins.get(node.value, "")) if isinstance(node, ox.NamedNode) else ""
    data = _read(kg, file) if file else None
    if data is None or not isinstance(node, ox.NamedNode):
        return file
    at = iri_at(data, node.value)
    if at < 0:
        pairs = sorted(((q.predicate.value, q.object) for q in kg.store.quads_for_pattern(node, None, None, None)
                        if isinstance(q.object, ox.Literal)), key=lambda pair: (-len(pair[1].value), pair[0]))
        for predicate, literal in pairs:
            at = literal_at(data, literal) if len(literal.value) >= 8 else pair_at(data, predicate, literal)
            if at >= 0:
                break
    return f"{file}:{line_at(data, at)}" if at >= 0 else file
