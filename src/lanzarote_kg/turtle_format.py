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

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .engines import from_oxigraph
from .errors import UserError
from .serialization import write_atomic
from .turtle_scan import Block, Document, scan

INDENT = "    "
_LOCAL = re.compile(r"^(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?$")
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
SH = "http://www.w3.org/ns/shacl#"
LKG = "https://w3id.org/lanzarote-kg/ontology#"
_BARE = {
    XSD + "integer": re.compile(r"^[+-]?[0-9]+$"),
    XSD + "decimal": re.compile(r"^[+-]?[0-9]*\.[0-9]+$"),
    XSD + "double": re.compile(r"^[+-]?(?:[0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+$"),
    XSD + "boolean": re.compile(r"^(?:true|false)$"),
}
_TYPE, _FIRST_ITEM, _REST, _NIL = RDF + "type", RDF + "first", RDF + "rest", RDF + "nil"
# Predicates in this order first (type, names, definitions, then axioms and
# shape targets); everything else by IRI; provenance and rdfs:isDefinedBy
# last, as every module already writes them.
_FIRST = [RDF + "type", RDFS + "label", SKOS + "prefLabel", DCT + "title", SKOS + "definition", DCT + "description",
          RDFS + "comment", RDFS + "subClassOf", OWL + "equivalentClass", OWL + "disjointWith",
          RDFS + "subPropertyOf", OWL + "inverseOf", RDFS + "domain", RDFS + "range", OWL + "onProperty",
          SH + "path", SH + "targetClass", SH + "targetNode", SH + "targetSubjectsOf", SH + "targetObjectsOf",
          SH + "target", LKG + "inPart", LKG + "startLine", LKG + "endLine", LKG + "quote"]
_LAST = [LKG + "erratum", LKG + "interpretation", LKG + "evidence", RDFS + "isDefinedBy"]
_INLINE_LIST_WIDTH = 60
_WIDTH = 100
_DIGITS = re.compile(r"([0-9]+)")


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
    try:
        return [quad.triple for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
    except (FileNotFoundError, IsADirectoryError):
        raise UserError("LKG-E001", f"{path}: file not found") from None
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


@dataclass
class _Renderer:
    prefixes: dict[str, str]
    origin: str
    line: int = 0
    index: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    refs: Counter = field(default_factory=Counter)

    # --- terms -------------------------------------------------------------------
    def iri(self, value: str) -> str:
        best = None
        for prefix, namespace in self.prefixes.items():
            if value.startswith(namespace) and _LOCAL.match(value[len(namespace):]):
                if best is None or len(namespace) > len(self.prefixes[best]):
                    best = prefix
        return f"{best}:{value[len(self.prefixes[best]):]}" if best is not None else f"<{value}>"

    def literal(self, term: ox.Literal) -> str:
        # Oxigraph keeps the lexical form as written ("P18M" stays "P18M");
        # rdflib would normalise it, which is why terms stay Oxigraph's here.
        lexical, datatype = term.value, term.datatype.value
        if datatype in _BARE and _BARE[datatype].match(lexical):
            return lexical
        text = _quote(lexical)
        if term.language:
            return f"{text}@{term.language}"
        if datatype != XSD + "string":
            return f"{text}^^{self.iri(datatype)}"
        return text

    def term(self, term, indent: str) -> str:
        if isinstance(term, ox.NamedNode):
            return "()" if term.value == _NIL else self.iri(term.value)
        if isinstance(term, ox.Literal):
            return self.literal(term)
        return self.bnode(term, indent)

    # --- structure ---------------------------------------------------------------
    def list_items(self, node) -> list | None:
        """The members of a well-formed RDF list headed by `node`, else None."""
        items, seen = [], set()
        while not (isinstance(node, ox.NamedNode) and node.value == _NIL):
            if not isinstance(node, ox.BlankNode) or node in seen:
                return None
            seen.add(node)
            props = self.index.get(node, {})
            if set(props) != {_FIRST_ITEM, _REST} or len(props[_FIRST_ITEM]) != 1 or len(props[_REST]) != 1:
                return None
            if items and self.refs[node] != 1:
                return None
            items.append(props[_FIRST_ITEM][0])
            node = props[_REST][0]
        return items

    def bnode(self, node: ox.BlankNode, indent: str) -> str:
        items = self.list_items(node)
        if items is not None:
            rendered = [self.term(item, indent + INDENT) for item in items]
            inline = "( " + " ".join(rendered) + " )"
            if all("\n" not in r for r in rendered) and len(inline) <= _INLINE_LIST_WIDTH:
                return inline
            return "(\n" + "".join(f"{indent}{INDENT}{r}\n" for r in rendered) + f"{indent})"
        if not self.index.get(node):
            return "[]"
        lines = self.predicate_lines(node, indent + INDENT)
        if len(lines) == 1 and "\n" not in lines[0]:
            return f"[ {lines[0]} ]"
        body = " ;\n".join(indent + INDENT + line for line in lines)
        return f"[\n{body}\n{indent}]"

    def predicate_lines(self, node, indent: str) -> list[str]:
        props = self.index[node]
        lines = []
        for predicate in sorted(props, key=_predicate_key):
            objects = sorted((self.term(o, indent) for o in props[predicate]), key=_object_key)
            verb = "a" if predicate == _TYPE else self.iri(predicate)
            lines.append(f"{verb} {_fill(objects, len(indent) + len(verb) + 1, indent + INDENT)}")
        return lines

    def statement(self, triples: list) -> str:
        for triple in triples:
            self.index[triple.subject][triple.predicate.value].append(triple.object)
            if isinstance(triple.object, ox.BlankNode):
                self.refs[triple.object] += 1
        roots = [s for s in self.index if not isinstance(s, ox.BlankNode) or self.refs[s] == 0]
        shared = [b for b, n in self.refs.items() if n > 1]
        if len(roots) != 1 or shared:
            raise UserError("LKG-F004", f"{self.origin}:{self.line}: a blank node is shared or the statement has "
                                        "no single subject; cannot lay it out as nested [ ... ]")
        root = roots[0]
        if isinstance(root, ox.BlankNode) and self.list_items(root) is not None:
            raise UserError("LKG-F004", f"{self.origin}:{self.line}: a collection as subject is not supported")
        subject = self.iri(root.value) if isinstance(root, ox.NamedNode) else "[]"
        lines = self.predicate_lines(root, INDENT)
        if "\n" in lines[0]:
            return subject + "\n" + " ;\n".join(INDENT + line for line in lines) + " ."
        rest = "".join(f" ;\n{INDENT}{line}" for line in lines[1:])
        return f"{subject} {lines[0]}{rest} ."


def _fill(objects: list[str], column: int, continuation: str) -> str:
    """Objects joined by ', ', wrapped at _WIDTH when a list is long (a
    shape's twenty target classes) so that lines stay reviewable."""
    if any("\n" in o for o in objects) or column + sum(len(o) + 2 for o in objects) <= _WIDTH:
        return ", ".join(objects)
    lines, current = [], objects[0]
    for obj in objects[1:]:
        if column + len(current) + len(obj) + 2 > _WIDTH:
            lines.append(current + ",")
            current, column = obj, len(continuation)
        else:
            current += ", " + obj
    return f"\n{continuation}".join(lines + [current])


def _predicate_key(predicate) -> tuple:
    if predicate in _FIRST:
        return (0, _FIRST.index(predicate), "")
    if predicate in _LAST:
        return (2, _LAST.index(predicate), "")
    return (1, 0, str(predicate))


def _object_key(text: str) -> tuple:
    # Natural order, so that passages sort by line number (999 before 1193).
    kind = 2 if text.startswith(("[", "(")) else 1 if text.startswith('"') else 0
    return (kind, [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in _DIGITS.split(text)], text)


def _quote(value: str) -> str:
    """A Turtle string literal; long form (raw line breaks) for multi-line text."""
    def control(c: str) -> str:
        return {"\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f"}.get(c, f"\\u{ord(c):04X}")

    if "\n" in value:
        out = []
        for i, c in enumerate(value):
            if c == "\\":
                out.append("\\\\")
            elif c == '"' and (i + 1 == len(value) or value[i + 1] == '"'):
                out.append('\\"')  # never let quotes run into the closing """
            elif ord(c) < 0x20 and c not in "\n\t":
                out.append(control(c))
            else:
                out.append(c)
        return '"""' + "".join(out) + '"""'
    out = []
    for c in value:
        if c in '\\"':
            out.append("\\" + c)
        elif ord(c) < 0x20:
            out.append(control(c))
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


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
        renderer = _Renderer(doc.prefixes, origin, block.line)
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


def format_file(path: Path, options: FormatOptions = FormatOptions()) -> bool:
    """Format one file in place (unless options.check); True if it changes."""
    try:
        original = path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        raise UserError("LKG-F005", f"{path}: not a Turtle file") from None
    formatted = format_text(original, str(path))
    if formatted == original:
        return False
    if not same_graph(original, formatted, str(path)):
        raise UserError("LKG-F002", f"{path}: the formatted text would not be isomorphic to the file's graph; "
                                    "file left as is (please report this formatter bug)")
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
