"""SHACL validation with pyshacl, and a report people can read.

The shapes graph is kept apart from the data graph (never merged into it),
pyshacl's own inference is off (the closure is computed once, by the
reasoning stage), and validation fails loudly when there is nothing to
validate: an empty shapes graph or shapes that target no node would
otherwise "conform".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from .errors import BuildFailure
from .namespaces import SH


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

    def line(self) -> str:
        where = f" [{self.file}]" if self.file else ""
        label = f" ({self.focus_label})" if self.focus_label else ""
        path = f" {self.path}:" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: <{self.focus}>{label}{where}{path} {self.message}{value}"


@dataclass
class ValidationReport:
    conforms: bool
    report_graph: Graph
    violations: list[Violation] = field(default_factory=list)

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "Violation"]


def _short(term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return str(term)
    return str(term)


def _label(graph: Graph, node) -> str:
    for predicate in (RDFS.label, SKOS.prefLabel):
        value = graph.value(node, predicate)
        if value is not None:
            return str(value)
    return ""


def check_shapes_target_something(shapes: Graph, data: Graph) -> None:
    """Fail when the shapes graph is empty or none of its targets matches."""
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    if not node_shapes:
        raise BuildFailure("LKG-V001", "the SHACL shapes graph holds no node shape: nothing would be validated")
    for target_class in shapes.objects(None, SH.targetClass):
        if next(data.subjects(RDF.type, target_class), None) is not None:
            return
    for predicate in (SH.targetSubjectsOf, SH.targetObjectsOf):
        for prop in shapes.objects(None, predicate):
            if next(data.triples((None, prop, None)), None) is not None:
                return
    raise BuildFailure("LKG-V002", "no SHACL shape targets any node of the data: nothing would be validated")


def validate(data: Graph, shapes: Graph, origins: dict | None = None) -> ValidationReport:
    """Validate the (reasoned) data graph against the shapes graph."""
    import pyshacl

    check_shapes_target_something(shapes, data)
    conforms, report_graph, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,  # SPARQL-based targets (the ontology-term shapes)
        allow_warnings=True,
        abort_on_first=False,
    )
    origins = origins or {}
    violations = []
    for result in report_graph.subjects(RDF.type, SH.ValidationResult):
        focus = report_graph.value(result, SH.focusNode)
        severity = report_graph.value(result, SH.resultSeverity)
        message = report_graph.value(result, SH.resultMessage)
        value = report_graph.value(result, SH.value)
        violations.append(Violation(
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            focus=_short(focus),
            focus_label=_label(data, focus),
            path=_short(report_graph.value(result, SH.resultPath)),
            message=str(message) if message is not None else "",
            value=str(value) if isinstance(value, (Literal, URIRef)) else "",
            shape=_short(report_graph.value(result, SH.sourceShape)),
            file=str(origins.get(focus, "")),
        ))
    violations.sort(key=lambda v: (v.severity != "Violation", v.file, v.focus, v.path, v.message, v.value))
    return ValidationReport(conforms=bool(conforms), report_graph=report_graph, violations=violations)
