"""Where each node's page lives, relative to the site root.

Pages mirror the IRIs: `id/instrument/lanzarote-convention` is
`entity/instrument/lanzarote-convention.html`, so a page's address is as
stable as the IRI it shows."""
from __future__ import annotations

from .graph_index import ID

# Every typed node of the data and vocabularies whose IRI is `id/KIND/...`
# gets a page (graph_index.page_kinds), whatever KIND is: a kind the graph
# gains gets the generic entity page and a place in the entity index. These
# are the names and the order of the kinds known when the site was written;
# a kind not listed is named after its class and listed after them.
KNOWN_KINDS = {
    "instrument": "Instrument", "provision": "Provision", "obligation": "Obligation",
    "actor": "Actor", "country": "Country", "place": "Place", "intervention": "Intervention",
    "event": "Event", "offence": "Offence", "result": "Result", "critical-issue": "Critical issue",
    "erratum": "Erratum", "tool": "Cooperation tool", "measure": "Measure", "objective": "Objective",
    "activity": "Activity", "figure": "Figure", "amount": "Amount of money", "award": "Award",
    "method": "Method", "topic": "Topic", "recommendation": "Recommendation", "concept": "Concept",
    "scheme": "Concept scheme", "source": "External source", "interpretation": "Interpretation",
}
DOCUMENT_PART = "document"  # the paper's parts link to the source page instead
# Kinds shown on other pages rather than on their own: passages and the
# paper's parts on the source page, qualified relations (participations) in
# the tables of both sides, skolemised nodes (`id/node/`, the interpretation
# notes written as blank nodes) on the page of the node they hang from.
SHOWN_ELSEWHERE = frozenset({"passage", DOCUMENT_PART, "participation", "node"})


def kind_of(iri: str) -> str:
    return iri[len(ID):].partition("/")[0] if iri.startswith(ID) else ""


def page_path(iri: str) -> str:
    """Where the page of a node with a page lives."""
    return "entity/" + iri[len(ID):] + ".html"


def gets_page(iri: str) -> bool:
    """A node of a page kind (the caller knows it is typed)."""
    kind = kind_of(iri)
    return bool(kind) and kind not in SHOWN_ELSEWHERE and "/" in iri[len(ID):]


def source_anchor(line: int) -> str:
    return f"source.html#L{line}"


def root_of(path: str) -> str:
    """The relative prefix from a page back to the site root, so that the
    site works from file:// and under any directory of a web server."""
    return "../" * path.count("/")
