"""Quality control of the ontology, vocabularies and shapes (`lanzarote-kg qc`).

What ROBOT's `report` does for OBO ontologies, for this one. The checks are
data, not code: each is a SPARQL file of queries/qc/ binding
`?entity ?property ?value`, with a `#+` header (severity, title, problem,
solution) read by catalogue.py. They run on Oxigraph over named graphs:
the ontology and the vocabularies (where terms are declared), the shapes
(apart, so that a shape's label is never taken for a term's) and the data
(only for checks about the use of terms, such as a misspelt property).
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from lanzarote_kg.sparql.catalogue import SavedQuery, catalogue
from lanzarote_kg.sparql.engines import select_oxigraph
from lanzarote_kg.sparql.safety import check_safe
from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.layout import Layout
from lanzarote_kg.core.namespaces import PREFIXES, Graphs
from lanzarote_kg.toolkit.turtle_format import read_triples

SEVERITIES = ("info", "warn", "error")  # in increasing order
FORMATS = ("table", "tsv", "md")
_LABELS = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel")
CURIES = dict(PREFIXES, lkgsh="https://w3id.org/lanzarote-kg/shapes#")


def curie(iri: str) -> str:
    """An IRI as prefix:local with the project's prefixes, else <IRI>."""
    best = max((ns for ns in CURIES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return f"<{iri}>"
    prefix = next(p for p, ns in CURIES.items() if ns == best)
    return f"{prefix}:{iri[len(best):]}"


@dataclass(frozen=True)
class QcOptions:
    fail_on: str = "error"  # exit non-zero at or above this severity
    include_data: bool = True  # data is read only by checks about the use of terms


@dataclass(frozen=True)
class Finding:
    check: str
    severity: str
    entity: str  # CURIE or <IRI>
    label: str
    property: str
    value: str


@dataclass
class QcReport:
    checks: list[SavedQuery]
    findings: list[Finding]
    hidden: dict[str, int] = field(default_factory=dict)  # severity -> findings left out by showing_from

    def showing_from(self, lowest: str) -> "QcReport":
        """The report without the findings below `lowest` (counted in the summary)."""
        if lowest not in SEVERITIES:
            raise UserError("LKG-QC005", f"--show must be one of {', '.join(SEVERITIES)}")
        threshold = SEVERITIES.index(lowest)
        kept = [f for f in self.findings if SEVERITIES.index(f.severity) >= threshold]
        hidden = {s: self.count(s) for s in SEVERITIES[:threshold] if self.count(s)}
        return QcReport(self.checks, kept, hidden)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity) + self.hidden.get(severity, 0)

    def failed(self, fail_on: str) -> bool:
        threshold = SEVERITIES.index(fail_on)
        return any(SEVERITIES.index(f.severity) >= threshold for f in self.findings)

    def summary(self) -> str:
        hidden = (" (not shown: " + ", ".join(f"{n} {s}" for s, n in self.hidden.items()) + ")"
                  if self.hidden else "")
        return (f"qc: {len(self.checks)} checks, {self.count('error')} error(s), {self.count('warn')} "
                f"warning(s), {self.count('info')} info(s)" + hidden)


def load_store(layout: Layout, include_data: bool = True) -> ox.Store:
    """The named graphs the checks run on, parsed by Oxigraph."""
    layout.check_inputs()
    sources = [(Graphs.ONTOLOGY, layout.ontology_files()), (Graphs.VOCABULARIES, layout.vocabulary_files()),
               (Graphs.SHAPES, layout.shapes_files())]
    if include_data:
        sources.append((Graphs.DATA, layout.data_files()))
    store = ox.Store()
    for graph, paths in sources:
        name = ox.NamedNode(str(graph))
        for path in paths:
            store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in read_triples(path))
    return store


def qc_checks(directory: Path) -> list[SavedQuery]:
    checks = catalogue(directory)
    if not checks:
        raise UserError("LKG-QC001", f"{directory}: no QC checks (*.rq) found")
    for check in checks:
        if check.severity not in SEVERITIES:
            raise UserError("LKG-QC002", f"{check.path}: '#+ severity:' must be one of {', '.join(SEVERITIES)} "
                                         f"(got {check.severity!r})")
    return checks


class _Namer:
    """Shows terms as CURIEs with their labels; a blank node by the named
    term it hangs from, so a finding inside a restriction or a property
    shape still names a term."""

    def __init__(self, store: ox.Store):
        self.store = store

    def label(self, iri: str) -> str:
        found = []
        for predicate in _LABELS:
            for quad in self.store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(predicate), None, None):
                if isinstance(quad.object, ox.Literal):
                    found.append((quad.object.language not in ("en", None), quad.object.value))
            if found:
                break
        return min(found)[1] if found else ""

    def owner(self, node: BNode) -> str | None:
        seen, current = set(), ox.BlankNode(str(node))
        while current not in seen:
            seen.add(current)
            parents = [q.subject for q in self.store.quads_for_pattern(None, None, current, None)]
            if not parents:
                return None
            current = sorted(parents, key=str)[0]
            if isinstance(current, ox.NamedNode):
                return current.value
        return None

    def entity(self, term) -> tuple[str, str]:
        if isinstance(term, URIRef):
            return curie(str(term)), self.label(str(term))
        if isinstance(term, BNode):
            owner = self.owner(term)
            if owner:
                return f"{curie(owner)} (blank node)", self.label(owner)
        return ("" if term is None else str(term)), ""

    def value(self, term) -> str:
        if term is None:
            return ""
        if isinstance(term, Literal):
            # Line breaks and tabs shown escaped, spaces kept: a finding may be about them.
            text = str(term).replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
            return '"' + (text if len(text) <= 80 else text[:77] + "...") + '"'
        shown, label = self.entity(term)
        return f'{shown} "{label}"' if label else shown


def run_qc(layout: Layout, options: QcOptions = QcOptions(), checks_dir: Path | None = None) -> QcReport:
    if options.fail_on not in SEVERITIES:
        raise UserError("LKG-QC003", f"--fail-on must be one of {', '.join(SEVERITIES)}")
    checks = qc_checks(checks_dir or layout.queries_dir / "qc")
    for check in checks:  # refused before the graphs are loaded
        check_safe(check.text, str(check.path))
    store = load_store(layout, options.include_data)
    namer = _Namer(store)
    findings = []
    for check in checks:
        table = select_oxigraph(store, check.text, origin=str(check.path))
        missing = {"entity", "property", "value"} - set(table.variables)
        if missing:
            raise UserError("LKG-QC004", f"{check.path}: a QC check must bind ?entity ?property ?value "
                                         f"(missing: {', '.join(sorted(missing))})")
        column = {name: table.variables.index(name) for name in ("entity", "property", "value")}
        for row in table.rows:
            entity, label = namer.entity(row[column["entity"]])
            findings.append(Finding(check.name, check.severity, entity, label,
                                    namer.value(row[column["property"]]), namer.value(row[column["value"]])))
    order = {severity: -i for i, severity in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (order[f.severity], f.check, f.entity, f.property, f.value))
    return QcReport(checks, findings)


# --- rendering ---------------------------------------------------------------

def render(report: QcReport, fmt: str) -> str:
    if fmt == "tsv":
        rows = [("severity", "check", "entity", "label", "property", "value")]
        rows += [(f.severity, f.check, f.entity, f.label, f.property, f.value) for f in report.findings]
        return "".join("\t".join(cell.replace("\t", " ") for cell in row) + "\n" for row in rows)
    if fmt == "md":
        return _markdown(report)
    return _table(report)


def _named(f: Finding) -> str:
    return f'{f.entity} "{f.label}"' if f.label else f.entity


def _table(report: QcReport) -> str:
    rows = [("SEVERITY", "CHECK", "ENTITY", "PROPERTY", "VALUE")]
    rows += [(f.severity.upper(), f.check, _named(f), f.property, f.value) for f in report.findings]
    widths = [min(max(len(row[i]) for row in rows), 70) for i in range(4)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[4] for row in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n" + report.summary() + "\n"


def _markdown(report: QcReport) -> str:
    def cell(text: str) -> str:
        return html.escape(text, quote=False).replace("|", "\\|")

    out = ["# Ontology QC report", "", report.summary(), ""]
    by_check = {check.name: check for check in report.checks}
    for name in dict.fromkeys(f.check for f in report.findings):
        check = by_check[name]
        found = [f for f in report.findings if f.check == name]
        out += [f"## {check.title} ({check.severity}, {len(found)})", "", check.problem, "",
                f"*Fix:* {check.solution}", "", "| entity | label | property | value |", "| --- | --- | --- | --- |"]
        out += [f"| {cell(f.entity)} | {cell(f.label)} | {cell(f.property)} | {cell(f.value)} |" for f in found]
        out.append("")
    return "\n".join(out)
