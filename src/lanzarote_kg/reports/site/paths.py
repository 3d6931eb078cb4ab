"""Where each node's page lives, relative to the site root.

Pages mirror the IRIs: `id/instrument/lanzarote-convention` is
`entity/instrument/lanzarote-convention.html`, so a page's address is as
stable as the IRI it shows."""
from __future__ import annotations

from .graph_index import ID

# The kinds of node that get a page, by the first segment of their IRI
# path, in the order the site lists them.
PAGE_KINDS = {
    "instrument": "Instrument", "provision": "Provision", "obligation": "Obligation",
    "actor": "Actor", "country": "Country", "place": "Place", "intervention": "Intervention",
    "event": "Event", "offence": "Offence", "result": "Result", "critical-issue": "Critical issue",
    "erratum": "Erratum", "tool": "Cooperation tool", "measure": "Measure", "objective": "Objective",
    "activity": "Activity", "figure": "Figure", "amount": "Amount of money", "award": "Award",
    "method": "Method", "topic": "Topic", "recommendation": "Recommendation", "concept": "Concept",
}
DOCUMENT_PART = "document"  # the paper's parts link to the source page instead


def kind_of(iri: str) -> str:
    return iri[len(ID):].split("/", 1)[0] if iri.startswith(ID) else ""


def entity_path(iri: str) -> str | None:
    """The page of a node, or None when the node has none."""
    return "entity/" + iri[len(ID):] + ".html" if kind_of(iri) in PAGE_KINDS else None


def source_anchor(line: int) -> str:
    return f"source.html#L{line}"


def root_of(path: str) -> str:
    """The relative prefix from a page back to the site root, so that the
    site works from file:// and under any directory of a web server."""
    return "../" * path.count("/")
