"""The passages that support a node (what the provenance report returns for
it), read from the index: `lkg:evidence` to a passage with its part, line
range and quote."""
from __future__ import annotations

from lanzarote_kg.core.namespaces import LKG

from .graph_index import GraphIndex
from .values import Passage, make_value

EVIDENCE = str(LKG.evidence)
_IN_PART, _START, _END, _QUOTE = (str(LKG.inPart), str(LKG.startLine), str(LKG.endLine), str(LKG.quote))


def passage(index: GraphIndex, iri: str) -> Passage | None:
    facts = {p: t for p, t in index.out.get(iri, ()) if p in (_IN_PART, _START, _END, _QUOTE)}
    if len(facts) < 4:
        return None  # the provenance report needs all four too
    return Passage(make_value(index, facts[_IN_PART]), int(facts[_START].value), int(facts[_END].value),
                   facts[_QUOTE].value)


def passages_of(index: GraphIndex, iri: str) -> list[Passage]:
    """In the provenance report's order: start line, end line, quote."""
    found = [passage(index, t.value) for t in index.all(iri, EVIDENCE) if t.iri]
    return sorted((p for p in found if p), key=lambda p: (p.start, p.end, p.quote))
