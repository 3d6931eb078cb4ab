"""Rendering one Turtle statement canonically (for `lanzarote-kg fmt`): a
fixed predicate order, sorted objects, one layout for nested `[ ... ]` and
`( ... )`, 4-space indents, long object lists wrapped."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from lanzarote_kg.core.errors import UserError

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


@dataclass
class Renderer:
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
        # A triple written twice (`lkg:supports a, a`) is one triple of the graph: written once.
        for triple in dict.fromkeys(triples):
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
