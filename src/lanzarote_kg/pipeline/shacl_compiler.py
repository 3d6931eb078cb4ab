"""SHACL shapes compiled to SPARQL SELECTs run on the Oxigraph store.

One SELECT per (shape, constraint) returns the focus nodes (and value nodes)
that violate it; a shape used inside another (sh:node, sh:or, sh:xone,
sh:and, sh:not, sh:property of a nested shape) becomes a boolean SPARQL
expression. Semantics follow SHACL: sh:class and sh:targetClass follow
rdf:type/rdfs:subClassOf* in the data graph; sh:datatype checks that the
literal is a valid value of its datatype (see shacl_terms). The compiler
covers what the project's shapes use and more of SHACL Core; anything else
raises UnsupportedShapes, and validation falls back to pyshacl-turbo.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Literal
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from lanzarote_kg.core.namespaces import SH
from lanzarote_kg.pipeline.shacl_terms import (
    INSTANCE_OF, UnsupportedShapes, datatype_ok, node_kind_ok, sparql_path, sparql_term, value_in,
)

TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target)
# Parameters checked on each value node (or on the focus node of a node shape).
PER_VALUE = {SH[name] for name in ("class", "datatype", "nodeKind", "pattern", "languageIn", "minInclusive",
                                   "maxInclusive", "minExclusive", "maxExclusive", "minLength", "maxLength", "in",
                                   "node", "or", "and", "xone", "not")}
# Parameters on the set of value nodes of a property shape.
PER_FOCUS = {SH.minCount, SH.maxCount, SH.uniqueLang, SH.hasValue}
# Said about a shape but no constraint (severity included: any result makes pyshacl-turbo write the report).
NOT_CONSTRAINTS = {SH[name] for name in ("message", "name", "description", "order", "group", "severity",
                                         "defaultValue", "flags", "prefixes", "deactivated", "path", "property",
                                         "sparql", "targetClass", "targetSubjectsOf", "targetObjectsOf",
                                         "targetNode", "target")}
# Whole-graph constructs that change what validation means (rules, custom components, entailment).
UNSUPPORTED_TYPES = {SH[name] for name in ("ConstraintComponent", "SPARQLTargetType", "SPARQLFunction",
                                           "JSConstraint", "JSTarget", "SPARQLRule", "TripleRule")}
COMPARISONS = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}
MAX_COUNTED = 4  # minCount/maxCount compile to pairwise-distinct values; larger counts fall back


@dataclass(frozen=True)
class ShapeQuery:
    """A SELECT of ?this (and ?value) violating one constraint of one shape."""

    shape: object  # the source shape, as in the shapes graph (IRI or blank node)
    path: str  # the SPARQL property path of a property shape, "" for a node shape
    component: str  # the parameter, e.g. "minCount", or "sparql"
    sparql: str


def compile_shapes(shapes: Graph) -> list[ShapeQuery]:
    """Every targeted, active shape's constraints as queries (raises UnsupportedShapes)."""
    return _Compiler(shapes).compile()


class _Compiler:
    def __init__(self, shapes: Graph):
        self.g = shapes
        self.fresh = 0
        self.prefixes: dict[str, str] = {}  # of the SPARQL texts of the query being compiled

    # --- the whole shapes graph ---------------------------------------------------
    def compile(self) -> list[ShapeQuery]:
        for kind in UNSUPPORTED_TYPES:
            if (None, RDF.type, kind) in self.g:
                raise UnsupportedShapes(f"sh:{_local(kind)}")
        for predicate in (SH.rule, SH.entailment, SH.shapesGraph):
            if (None, predicate, None) in self.g:
                raise UnsupportedShapes(f"sh:{_local(predicate)}")
        queries = []
        for shape in sorted(self._targeted(), key=str):
            if not self._deactivated(shape):
                queries.extend(self._shape_queries(shape))
        return queries

    def _targeted(self) -> set:
        shapes = {s for p in TARGETS for s in self.g.subjects(p, None)}
        for kind in (SH.NodeShape, SH.PropertyShape):  # implicit class targets
            shapes |= {s for s in self.g.subjects(RDF.type, kind)
                       if (s, RDF.type, RDFS.Class) in self.g or (s, RDF.type, OWL.Class) in self.g}
        return shapes

    def _deactivated(self, shape) -> bool:
        return self.g.value(shape, SH.deactivated) == Literal(True)

    def _list(self, node) -> list:
        return list(Collection(self.g, node))

    def _parameters(self, shape) -> list:
        """(predicate, object) of a shape in a stable order, so the queries are the same each run."""
        return sorted(self.g.predicate_objects(shape), key=lambda pair: (str(pair[0]), str(pair[1])))

    def _var(self) -> str:
        self.fresh += 1
        return f"?v{self.fresh}"

    # --- targets and top-level queries -------------------------------------------
    def _target(self, shape) -> str:
        parts = [f"{{ ?this {INSTANCE_OF} {sparql_term(c)} }}" for c in self.g.objects(shape, SH.targetClass)]
        if (shape, RDF.type, RDFS.Class) in self.g or (shape, RDF.type, OWL.Class) in self.g:
            parts.append(f"{{ ?this {INSTANCE_OF} {sparql_term(shape)} }}")
        parts += [f"{{ ?this {sparql_term(p)} [] }}" for p in self.g.objects(shape, SH.targetSubjectsOf)]
        parts += [f"{{ [] {sparql_term(p)} ?this }}" for p in self.g.objects(shape, SH.targetObjectsOf)]
        parts += [f"{{ VALUES ?this {{ {sparql_term(n)} }} }}" for n in self.g.objects(shape, SH.targetNode)]
        for target in self.g.objects(shape, SH.target):
            if (target, RDF.type, SH.SPARQLTarget) not in self.g or set(self.g.predicates(target)) - {
                    RDF.type, SH.select, SH.prefixes}:
                raise UnsupportedShapes("a sh:target other than a sh:SPARQLTarget with sh:select")
            parts.append("{ " + self._sparql_text(target) + " }")
        return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " } }"

    def _shape_queries(self, shape) -> list[ShapeQuery]:
        self.prefixes = {}
        target = self._target(shape)
        if self.g.value(shape, SH.path) is not None:
            return self._property_queries(shape, target)
        queries = []
        for predicate, value in self._parameters(shape):
            self._known(predicate)
            if predicate in PER_VALUE:
                ok = self._value_ok(shape, predicate, value, "?this")
                queries.append(self._query(shape, "", predicate, f"{target} FILTER(!COALESCE({ok}, false))"))
            elif predicate == SH.hasValue:
                ok = f"sameTerm(?this, {sparql_term(value)})"
                queries.append(self._query(shape, "", predicate, f"{target} FILTER(!{ok})"))
            elif predicate == SH.property and not self._deactivated(value):
                queries.extend(self._property_queries(value, target))
            elif predicate == SH.sparql and not self._deactivated(value):
                queries.append(self._sparql_constraint(shape, value, target))
            elif predicate in PER_FOCUS:
                raise UnsupportedShapes(f"sh:{_local(predicate)} on a node shape")
        return queries

    def _property_queries(self, shape, target: str) -> list[ShapeQuery]:
        path = sparql_path(self.g, self.g.value(shape, SH.path))
        queries = []
        for predicate, value in self._parameters(shape):
            self._known(predicate)
            if predicate in PER_FOCUS:
                ok = self._focus_ok(predicate, value, path, "?this")
                queries.append(self._query(shape, path, predicate, f"{target} FILTER(!COALESCE({ok}, false))"))
            elif predicate in PER_VALUE:
                ok = self._value_ok(shape, predicate, value, "?value")
                queries.append(self._query(shape, path, predicate,
                                           f"{target} ?this {path} ?value . FILTER(!COALESCE({ok}, false))"))
            elif predicate in (SH.property, SH.sparql):
                raise UnsupportedShapes(f"sh:{_local(predicate)} on a property shape")
        return queries

    def _query(self, shape, path: str, predicate, where: str) -> ShapeQuery:
        projection = "?this ?value" if "?value" in where else "?this"
        preamble = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(self.prefixes.items()))
        return ShapeQuery(shape, path, _local(predicate),
                          f"{preamble}SELECT DISTINCT {projection} WHERE {{ {where} }}")

    # --- SHACL-SPARQL ---------------------------------------------------------------
    def _sparql_text(self, node) -> str:
        """The sh:select of a node, its prefixes declared, $this as ?this."""
        for ontology in self.g.objects(node, SH.prefixes):
            for declaration in self.g.objects(ontology, SH.declare):
                prefix = str(self.g.value(declaration, SH.prefix))
                namespace = str(self.g.value(declaration, SH.namespace))
                if self.prefixes.setdefault(prefix, namespace) != namespace:
                    raise UnsupportedShapes(f"prefix {prefix}: declared with two namespaces")
        text = str(self.g.value(node, SH.select) or "")
        if not text or re.search(r"[?$](PATH|shapesGraph|currentShape|path)\b", text):
            raise UnsupportedShapes("a SPARQL constraint without sh:select, or using $PATH, $shapesGraph or ?path")
        return re.sub(r"\$this\b", "?this", text.strip())

    def _sparql_constraint(self, shape, constraint, target: str) -> ShapeQuery:
        """The shape's SELECT with the focus nodes joined first in its WHERE (pre-binding $this)."""
        if set(self.g.predicates(constraint)) - {RDF.type, SH.select, SH.prefixes, SH.message, SH.deactivated,
                                                 SH.severity}:
            raise UnsupportedShapes("a SPARQL constraint with parameters other than sh:select and sh:message")
        text = self._sparql_text(constraint)
        opening = text.find("{")
        if opening < 0 or "EXISTS" in text[:opening].upper() or not re.match(r"(?is)\s*SELECT\b", text):
            raise UnsupportedShapes("a SPARQL constraint that is not a plain SELECT")
        preamble = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(self.prefixes.items()))
        query = text[: opening + 1] + f" {target} " + text[opening + 1:]
        return ShapeQuery(shape, "", "sparql", preamble + query)

    # --- expressions ----------------------------------------------------------------
    def _known(self, predicate) -> None:
        if str(predicate).startswith(str(SH)) and predicate not in PER_VALUE | PER_FOCUS | NOT_CONSTRAINTS:
            raise UnsupportedShapes(f"sh:{_local(predicate)}")

    def _conforms(self, shape, node: str, seen: tuple = ()) -> str:
        """Does `node` conform to `shape` (all its constraints)? Targets are not used."""
        if shape in seen:
            raise UnsupportedShapes("recursive shapes")
        if self._deactivated(shape):
            return "true"
        seen = (*seen, shape)
        path = self.g.value(shape, SH.path)
        checks = []
        if path is not None:
            path = sparql_path(self.g, path)
            per_value = []
            for predicate, value in self._parameters(shape):
                self._known(predicate)
                if predicate in PER_FOCUS:
                    checks.append(self._focus_ok(predicate, value, path, node))
                elif predicate in PER_VALUE:
                    per_value.append((predicate, value))
                elif predicate in (SH.property, SH.sparql):
                    raise UnsupportedShapes(f"sh:{_local(predicate)} on a nested property shape")
            if per_value:
                each = self._var()
                oks = " && ".join(self._value_ok(shape, p, v, each, seen) for p, v in per_value)
                checks.append(f"NOT EXISTS {{ {node} {path} {each} FILTER(!COALESCE({oks}, false)) }}")
        else:
            for predicate, value in self._parameters(shape):
                self._known(predicate)
                if predicate in PER_VALUE:
                    checks.append(self._value_ok(shape, predicate, value, node, seen))
                elif predicate == SH.hasValue:
                    checks.append(f"sameTerm({node}, {sparql_term(value)})")
                elif predicate == SH.property:
                    checks.append(self._conforms(value, node, seen))
                elif predicate == SH.sparql or predicate in PER_FOCUS:
                    raise UnsupportedShapes(f"sh:{_local(predicate)} in a nested node shape")
        return "(" + " && ".join(checks) + ")" if checks else "true"

    def _focus_ok(self, predicate, value, path: str, node: str) -> str:
        if predicate == SH.hasValue:
            return f"EXISTS {{ {node} {path} {sparql_term(value)} }}"
        if predicate == SH.uniqueLang:
            if value != Literal(True):
                return "true"
            a, b = self._var(), self._var()
            return (f"NOT EXISTS {{ {node} {path} {a}, {b} FILTER(!sameTerm({a}, {b}) && isLiteral({a}) && "
                    f"isLiteral({b}) && LANG({a}) != \"\" && LANG({a}) = LANG({b})) }}")
        count = int(value)
        if count + (predicate == SH.maxCount) > MAX_COUNTED:
            raise UnsupportedShapes(f"sh:{_local(predicate)} {count}")
        if predicate == SH.minCount and count == 0:
            return "true"
        found = [self._var() for _ in range(count + (predicate == SH.maxCount))]
        distinct = " && ".join(f"!sameTerm({x}, {y})" for i, x in enumerate(found) for y in found[i + 1:])
        pattern = f"{node} {path} {', '.join(found)}" + (f" FILTER({distinct})" if distinct else "")
        return f"{'EXISTS' if predicate == SH.minCount else 'NOT EXISTS'} {{ {pattern} }}"

    def _value_ok(self, shape, predicate, value, node: str, seen: tuple = ()) -> str:
        """Does the value node `node` meet this one parameter?"""
        if predicate == SH["class"]:
            # The direct typing first: the closure holds it, so the path is walked only when it is missing.
            cls = sparql_term(value)
            return f"(EXISTS {{ {node} a {cls} }} || EXISTS {{ {node} {INSTANCE_OF} {cls} }})"
        if predicate == SH.datatype:
            return datatype_ok(node, value)
        if predicate == SH.nodeKind:
            return node_kind_ok(node, value)
        if predicate == SH["in"]:
            return value_in(node, self._list(value))
        if predicate in COMPARISONS:
            return f"COALESCE({node} {COMPARISONS[predicate]} {sparql_term(value)}, false)"
        if predicate in (SH.minLength, SH.maxLength):
            return f"(!isBlank({node}) && STRLEN(STR({node})) {'>=' if predicate == SH.minLength else '<='} {int(value)})"
        if predicate == SH.pattern:
            flags = self.g.value(shape, SH.flags)
            extra = f", {sparql_term(Literal(str(flags)))}" if flags is not None else ""
            return f"(!isBlank({node}) && REGEX(STR({node}), {sparql_term(Literal(str(value)))}{extra}))"
        if predicate == SH.languageIn:
            tags = " || ".join(f"LANGMATCHES(LANG({node}), {sparql_term(Literal(str(t)))})" for t in self._list(value))
            return f"(isLiteral({node}) && ({tags or 'false'}))"
        if predicate == SH.node:
            return self._conforms(value, node, seen)
        if predicate == SH["not"]:
            return f"!COALESCE({self._conforms(value, node, seen)}, false)"
        members = [f"COALESCE({self._conforms(m, node, seen)}, false)" for m in self._list(value)]
        if predicate == SH["or"]:
            return "(" + (" || ".join(members) or "false") + ")"
        if predicate == SH["and"]:
            return "(" + (" && ".join(members) or "true") + ")"
        return "((" + " + ".join(f"IF({m}, 1, 0)" for m in members) + ") = 1)" if members else "false"  # xone


def _local(term) -> str:
    return str(term).rsplit("#", 1)[-1]
