"""Which passage supports which value (docs/AUTHORING.md, "Evidence per
statement"): a passage names the statements of its subject it supports,
`lkg:supports P` where the subject has one value of P, `lkg:supportsValue
[ lkg:property P ; lkg:value V ]` where it has several; the project's own
classifications are covered the same way by the subject's interpretation.
With no such statement in the graph every lookup is empty, and the page
shows the entity's evidence as a whole."""
from __future__ import annotations

from dataclasses import dataclass, field

from lanzarote_kg.core.namespaces import LKG

from .evidence import EVIDENCE, passage
from .graph_index import GraphIndex, Term
from .values import Passage

SUPPORTS, SUPPORTS_VALUE = str(LKG.supports), str(LKG.supportsValue)
PROPERTY, VALUE, INTERPRETATION = str(LKG.property), str(LKG.value), str(LKG.interpretation)
ANY = None  # `lkg:supports P`: whatever the one value of P is


@dataclass
class Support:
    """For one entity: (property, value) -> the passages saying it, and the
    statements its interpretations cover."""
    passages: dict[tuple[str, Term | None], list[Passage]] = field(default_factory=dict)
    interpreted: set[tuple[str, Term | None]] = field(default_factory=set)

    def passages_for(self, predicate: str, term: Term) -> list[Passage]:
        found = self.passages.get((predicate, term), []) + self.passages.get((predicate, ANY), [])
        unique = {(p.start, p.end, p.quote): p for p in found}
        return [unique[key] for key in sorted(unique)]

    def is_interpreted(self, predicate: str, term: Term) -> bool:
        return (predicate, term) in self.interpreted or (predicate, ANY) in self.interpreted


def _covered(index: GraphIndex, node: str):
    """The (property, value) pairs a passage or an interpretation covers."""
    for predicate in index.all(node, SUPPORTS):
        yield predicate.value, ANY
    for statement in index.all(node, SUPPORTS_VALUE):
        prop = index.first(statement.value, PROPERTY)
        if prop is not None:
            for value in index.all(statement.value, VALUE):
                yield prop.value, value


def support_of(index: GraphIndex, iri: str) -> Support:
    """Read once per node and kept on the index: the entity pages, the
    qualified relations of both sides and the report rows all ask."""
    found = index.supports.get(iri)
    if found is None:
        found = index.supports[iri] = _support_of(index, iri)
    return found


def _support_of(index: GraphIndex, iri: str) -> Support:
    support = Support()
    for evidence in index.all(iri, EVIDENCE):
        found = passage(index, evidence.value)
        if found is None:
            continue
        for key in _covered(index, evidence.value):
            support.passages.setdefault(key, []).append(found)
    for interpretation in index.all(iri, INTERPRETATION):
        support.interpreted.update(_covered(index, interpretation.value))
    return support
