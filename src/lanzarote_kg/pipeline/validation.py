"""SHACL validation, and a report people can read.

Three engines with the same API and the same results. The default compiles
the shapes to SPARQL SELECTs run on the Oxigraph store (shacl_compiler):
no copy of the store, so no fixed cost at scale; when they find a violation,
pyshacl-turbo validates again and writes the report, so the report a user
reads is the same whichever engine found it. pyshacl-turbo (Rust) and pyshacl
are the reference engines; tests hold all three equal on the project's data
and on damaged copies of it.

The shapes graph is kept apart from the data graph (never merged into it),
pyshacl's own inference is off (the closure is computed once, by the
reasoning stage), and validation fails loudly when there is nothing to
validate: an empty shapes graph or shapes that target no node would
otherwise "conform".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from weakref import WeakKeyDictionary

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from lanzarote_kg.core.errors import BuildFailure
from lanzarote_kg.core.namespaces import SH
from lanzarote_kg.pipeline.shacl_compiler import ShapeQuery, compile_shapes
from lanzarote_kg.pipeline.shacl_terms import UnsupportedShapes


class ShaclEngine(str, Enum):
    COMPILED = "compiled"
    TURBO = "pyshacl-turbo"
    PYSHACL = "pyshacl"


@dataclass(frozen=True)
class Violation:
    severity: str
    focus: str
    focus_label: str
    path: str
    message: str
    value: str
    shape: str
    file: str
    focus_text: str = ""  # the focus as written in Turtle when it is a literal ("two thousand"^^xsd:gYear)

    def line(self) -> str:
        where = f" [{self.file}]" if self.file else ""
        label = f" ({self.focus_label})" if self.focus_label else ""
        path = f" {self.path}:" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        focus = self.focus_text or f"<{self.focus}>"
        return f"{self.severity}: {focus}{label}{where}{path} {self.message}{value}"


_XSD = "http://www.w3.org/2001/XMLSchema#"
# Lexical forms of the datatypes the shapes check (XML Schema 1.1 Part 2), for
# saying why a literal typed with one of them is not a value of it.
_LEXICAL = {
    "gYear": r"-?\d{4,}(Z|[+-]\d{2}:\d{2})?",
    "gYearMonth": r"-?\d{4,}-\d{2}(Z|[+-]\d{2}:\d{2})?",
    "date": r"-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?",
    "integer": r"[+-]?\d+", "nonNegativeInteger": r"\+?\d+", "positiveInteger": r"\+?0*[1-9]\d*",
    "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)", "boolean": r"true|false|1|0",
}
_DETAILS = " See details for more information."


def as_turtle(term, namespaces=None) -> str:
    """A literal as Turtle writes it ("two thousand"^^xsd:gYear), an IRI in <>."""
    if isinstance(term, Literal):
        text = '"' + str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None:
            datatype = str(term.datatype)
            return text + "^^" + (f"xsd:{datatype[len(_XSD):]}" if datatype.startswith(_XSD) else f"<{datatype}>")
        return text
    return f"<{term}>"


def literal_problem(term) -> str:
    """Why a literal is not a value of its datatype ("" when it is, or when unknown)."""
    if not isinstance(term, Literal) or term.datatype is None or not str(term.datatype).startswith(_XSD):
        return ""
    name = str(term.datatype)[len(_XSD):]
    pattern = _LEXICAL.get(name)
    if pattern is None or re.fullmatch(pattern, str(term)):
        return ""
    return f"{as_turtle(term)} is not a valid xsd:{name} (its text is not of the form xsd:{name} allows)"


def explained(message: str, value, shapes: Graph) -> str:
    """pyshacl's "See details for more information." replaced by the details:
    the message of the shape the value does not conform to, and why a
    literal is not a value of its datatype."""
    extra = []
    if message.endswith(_DETAILS):
        message = message[: -len(_DETAILS)]
        for iri in re.findall(r"<([^<>\s]+)>", message):
            nested = shapes.value(URIRef(iri), SH.message)
            if nested is not None:
                extra.append(str(nested))
    problem = literal_problem(value)
    if problem:
        extra.append(problem)
    return message + ("" if not extra else (" " if message.endswith(".") else ": ") + "; ".join(extra))


@dataclass
class ValidationReport:
    conforms: bool
    report_graph: Graph
    violations: list[Violation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # "LKG-Wnnn: ..." lines for the build

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "Violation"]


def _short(term) -> str:
    return "" if term is None else str(term)


def _has_instances(store, cls) -> bool:
    import pyoxigraph as ox

    rdf_type = ox.NamedNode(str(RDF.type))
    return next(store.quads_for_pattern(None, rdf_type, ox.NamedNode(str(cls)), None), None) is not None


def _is_used(store, prop) -> bool:
    import pyoxigraph as ox

    return next(store.quads_for_pattern(None, ox.NamedNode(str(prop)), None, None), None) is not None


def check_shapes_target_something(shapes: Graph, store) -> None:
    """Fail when the shapes graph is empty or none of its targets matches."""
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    if not node_shapes:
        raise BuildFailure("LKG-V001", "the SHACL shapes graph holds no node shape: nothing would be validated")
    if any(_has_instances(store, c) for c in shapes.objects(None, SH.targetClass) if isinstance(c, URIRef)):
        return
    for predicate in (SH.targetSubjectsOf, SH.targetObjectsOf):
        if any(_is_used(store, p) for p in shapes.objects(None, predicate) if isinstance(p, URIRef)):
            return
    raise BuildFailure("LKG-V002", "no SHACL shape targets any node of the data: nothing would be validated")


@dataclass(frozen=True)
class Finding:
    """A violation the compiled shapes found (Oxigraph terms; the shape as in the shapes graph)."""

    focus: object
    path: str
    shape: object
    component: str
    value: object = None


# The shapes' queries (or why they cannot be compiled), once per shapes graph.
_COMPILED: WeakKeyDictionary = WeakKeyDictionary()


def compiled_shapes(shapes: Graph) -> list[ShapeQuery] | UnsupportedShapes:
    if shapes not in _COMPILED:
        try:
            _COMPILED[shapes] = compile_shapes(shapes)
        except UnsupportedShapes as unsupported:
            _COMPILED[shapes] = unsupported
    return _COMPILED[shapes]


def compiled_findings(store, queries: list[ShapeQuery], first_only: bool = False) -> list[Finding]:
    """Run the compiled queries on the union of the store's graphs."""
    import pyoxigraph as ox

    value = ox.Variable("value")
    findings = []
    for query in queries:
        solutions = store.query(query.sparql, use_default_graph_as_union=True)
        has_value = value in solutions.variables
        for row in solutions:
            findings.append(Finding(row["this"], query.path, query.shape, query.component,
                                    row[value] if has_value else None))
            if first_only:
                return findings
    return findings


def conforming_report() -> Graph:
    """The report pyshacl-turbo writes for a graph that conforms."""
    graph = Graph()
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(True)))
    return graph


def validate(kg, engine: ShaclEngine = ShaclEngine.COMPILED) -> ValidationReport:
    """Validate the reasoned graph (all named graphs) against the shapes.

    The compiled shapes and pyshacl-turbo read the Oxigraph store directly;
    pyshacl gets rdflib views."""
    check_shapes_target_something(kg.shapes, kg.store)
    warnings = []
    if engine is ShaclEngine.COMPILED:
        queries = compiled_shapes(kg.shapes)
        if isinstance(queries, UnsupportedShapes):
            warnings.append(f"LKG-W004: the SHACL shapes use {queries}, which the compiled validation does not "
                            "cover: validated with pyshacl-turbo instead (slower on a large graph)")
        elif not compiled_findings(kg.store, queries, first_only=True):
            return ValidationReport(conforms=True, report_graph=conforming_report())
        engine = ShaclEngine.TURBO  # a violation: pyshacl-turbo writes the report users read
    report = _validate_with(kg, engine)
    report.warnings.extend(warnings)
    return report


def _validate_with(kg, engine: ShaclEngine) -> ValidationReport:
    from lanzarote_kg.sparql.results import store_lookup

    if engine is ShaclEngine.TURBO:
        import pyshacl_turbo as shacl
        data = kg.store
    else:
        import pyshacl as shacl
        data = kg.full()
    conforms, report_graph, _text = shacl.validate(
        data,
        shacl_graph=kg.shapes,
        inference="none",
        advanced=True,  # SPARQL-based targets (the ontology-term shapes)
        allow_warnings=True,
        abort_on_first=False,
    )
    label_of = store_lookup(kg.store)
    violations = []
    for result in report_graph.subjects(RDF.type, SH.ValidationResult):
        focus = report_graph.value(result, SH.focusNode)
        severity = report_graph.value(result, SH.resultSeverity)
        message = report_graph.value(result, SH.resultMessage)
        value = report_graph.value(result, SH.value)
        violations.append(Violation(
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            focus=_short(focus),
            focus_label=(label_of(focus) or "") if isinstance(focus, URIRef) else "",
            path=_short(report_graph.value(result, SH.resultPath)),
            message=explained(str(message), value, kg.shapes) if message is not None else "",
            focus_text=as_turtle(focus) if isinstance(focus, Literal) else "",
            value=str(value) if isinstance(value, (Literal, URIRef)) else "",
            shape=_short(report_graph.value(result, SH.sourceShape)),
            file=str(kg.origins.get(str(focus), "")),
        ))
    violations.sort(key=lambda v: (v.severity != "Violation", v.file, v.focus, v.path, v.message, v.value))
    return ValidationReport(conforms=bool(conforms), report_graph=report_graph, violations=violations)
