"""Every report row traced to the paper (issue 20).

A report declares in its header which of its columns are statements of
which subject:

    #+ trace: intervention: start end lkg:implementedIn ; funder: intervention

`SUBJECT: ITEM ITEM ...`, clauses separated by `;`. SUBJECT is a column
holding a node. An ITEM is either

- another column: the statements of the subject whose value is that
  cell (`?thing lkg:adoptionDate ?date` for `thing: date`), looked for
  on the subject, on the cell's node pointing back at the subject, and on
  the nodes next to the subject (a qualified relation, a result, an
  erratum): `?actor` is the participant of a participation in `?in`;
- or a property (`lkg:startDate`, a prefixed name of the project's
  ontology): the subject's statements of that property, whatever their
  value, and those of its qualified relations (for a column that lists
  names as text).

The site looks up the passages supporting those statements (`?s
lkg:evidence ?p . ?p lkg:supportsValue [ lkg:property ?prop ; lkg:value ?v ]`,
docs/AUTHORING.md, "Evidence per statement"), and links each row to them.
A cell holding a passage (the provenance report) is its own evidence.
"""
from __future__ import annotations

from dataclasses import dataclass

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.namespaces import LKG

from .graph_index import RDF_TYPE, GraphIndex, Term
from .paths import SHOWN_ELSEWHERE, kind_of
from .support import ANY, Support, support_of
from .values import PASSAGE, Passage
from .evidence import passage as read_passage

PREFIXES = {"lkg": str(LKG), "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "skos": "http://www.w3.org/2004/02/skos/core#"}


@dataclass(frozen=True)
class Clause:
    subject: str
    columns: tuple[str, ...]
    properties: tuple[str, ...]


def parse_trace(header: str, variables: list[str], origin: str) -> list[Clause]:
    """The clauses of a `#+ trace:` header; LKG-S006 names a column the
    report does not have or a prefix it does not know."""
    clauses = []
    for text in header.split(";"):
        if not text.strip():
            continue
        subject, colon, items = text.partition(":")
        subject = subject.strip().lstrip("?")
        if not colon or subject not in variables:
            raise UserError("LKG-S006", f"{origin}: '#+ trace:' clause {text.strip()!r} does not start with one of "
                                        f"the report's columns and a colon (columns: {', '.join(variables)})")
        columns, properties = [], []
        for item in items.split():
            prefix, is_name, local = item.partition(":")
            if is_name:
                if prefix not in PREFIXES:
                    raise UserError("LKG-S006", f"{origin}: '#+ trace:' property {item!r} has an unknown prefix "
                                                f"(known: {', '.join(PREFIXES)})")
                properties.append(PREFIXES[prefix] + local)
            elif item.lstrip("?") in variables:
                columns.append(item.lstrip("?"))
            else:
                raise UserError("LKG-S006", f"{origin}: '#+ trace:' names {item!r}, which is neither a column of "
                                            f"the report nor a property (columns: {', '.join(variables)})")
        clauses.append(Clause(subject, tuple(columns), tuple(properties)))
    return clauses


class Tracer:
    """Looks up the passages behind statements, from the index (never the
    store); each node's support is read once per site."""

    def __init__(self, index: GraphIndex):
        self.index = index
        self._neighbours: dict[str, list[str]] = {}
        self._values: dict[str, dict[str, list[Passage]]] = {}

    def support(self, iri: str) -> Support:
        return support_of(self.index, iri)

    def neighbours(self, iri: str) -> list[str]:
        """The nodes this one points at, and its qualified relations and
        notes (the nodes shown on its page rather than their own)."""
        found = self._neighbours.get(iri)
        if found is None:
            outgoing = [t.value for p, t in self.index.out.get(iri, ()) if t.iri and p != RDF_TYPE]
            incoming = [s for s, _ in self.index.incoming.get(iri, ()) if kind_of(s) in SHOWN_ELSEWHERE]
            found = self._neighbours[iri] = sorted(set(outgoing + incoming))
        return found

    def _by_value(self, node: str) -> dict[str, list[Passage]]:
        """The node's supported statements by value (whatever the property)."""
        found = self._values.get(node)
        if found is None:
            found = {}
            for (predicate, term), passages in self.support(node).passages.items():
                values = [t.value for t in self.index.all(node, predicate)] if term is ANY else [term.value]
                for value in values:
                    found.setdefault(value, []).extend(passages)
            self._values[node] = found
        return found

    def _with_value(self, node: str, value: str) -> list[Passage]:
        return self._by_value(node).get(value, [])

    def _of_property(self, node: str, prop: str) -> list[Passage]:
        return [p for (predicate, _), passages in self.support(node).passages.items() if predicate == prop
                for p in passages]

    def statement(self, subject: str, value: Term) -> list[Passage]:
        """The passages saying that `subject` has `value` (under any
        property), directly or through a node next to it."""
        found = list(self._with_value(subject, value.value))
        if value.iri:
            found += self._with_value(value.value, subject)
        if not found:
            for node in self.neighbours(subject):
                found += self._with_value(node, value.value)
        return found

    def property(self, subject: str, prop: str) -> list[Passage]:
        found = self._of_property(subject, prop)
        for node in self.neighbours(subject):
            if kind_of(node) in SHOWN_ELSEWHERE:  # its qualified relations and notes
                found += self._of_property(node, prop)
        return found

    def row(self, clauses: list[Clause], row: dict[str, Term | None]) -> list[Passage]:
        found: list[Passage] = []
        for term in row.values():
            if term is not None and term.iri and kind_of(term.value) == PASSAGE:
                own = read_passage(self.index, term.value)
                if own is not None:
                    found.append(own)
        for clause in clauses:
            subject = row.get(clause.subject)
            if subject is None or not subject.iri:
                continue
            for column in clause.columns:
                value = row.get(column)
                if value is not None and value.value:
                    found += self.statement(subject.value, value)
            for prop in clause.properties:
                found += self.property(subject.value, prop)
        unique = {(p.start, p.end, p.quote): p for p in found}
        return [unique[key] for key in sorted(unique)]
