"""Check every passage of the data against the text of its source document,
and anchor it there (line range, character offsets) for the annotations."""
from __future__ import annotations

from dataclasses import dataclass

from lanzarote_kg.core.namespaces import LKG
from lanzarote_kg.pipeline.skolem import line_number
from lanzarote_kg.pipeline.source import Located
from lanzarote_kg.pipeline.sources import Sources


@dataclass(frozen=True)
class QuoteProblem:
    passage: str
    subject: str
    lines: str
    quote: str
    found_at: str
    where: str = ""  # "data file:line" of the quote, filled in by the build

    def line(self) -> str:
        found = f"; found at lines {self.found_at}" if self.found_at else "; not found anywhere in the source"
        place = f"{self.where}: " if self.where else ""
        return f"{place}{self.subject}: quote at lines {self.lines} does not match the source{found}: {self.quote!r}"


@dataclass(frozen=True)
class Anchor:
    """Where a passage's quote is in its document's text."""

    passage: str
    subject: str
    document: str
    quote: str
    start_line: int
    end_line: int
    located: Located


_PASSAGES = """
SELECT ?passage ?owner ?quote ?start ?end ?document WHERE {
  GRAPH ?g { ?passage <%(quote)s> ?quote ; <%(start)s> ?start ; <%(end)s> ?end .
             OPTIONAL { ?owner <%(evidence)s> ?passage } }
  OPTIONAL { ?passage <%(in_part)s>/<%(of_document)s> ?document }
} ORDER BY ?passage ?owner""" % {"quote": LKG.quote, "start": LKG.startLine, "end": LKG.endLine,
                                 "evidence": LKG.evidence, "in_part": LKG.inPart,
                                 "of_document": LKG.partOfDocument}


def verify_quotes(store, sources: Sources) -> tuple[list[QuoteProblem], list[Anchor]]:
    """Passages whose quote does not occur verbatim within their line range
    of their document's text, and the anchors of those that do. Passages of
    a document whose text is absent are left out of both (missing line
    numbers or parts are the SHACL shapes' business)."""
    problems, anchors, seen = [], [], set()
    for row in store.query(_PASSAGES, use_default_graph_as_union=True):
        passage, quote = row["passage"].value, row["quote"].value
        document = row["document"].value if row["document"] is not None else None
        if passage in seen or document not in sources.texts:
            continue
        seen.add(passage)
        source = sources.texts[document]
        start, end = line_number(row["start"]), line_number(row["end"])
        if start is None or end is None:
            continue  # not a line number: the shapes report it
        owner = row["owner"].value if row["owner"] is not None else passage
        hit = source.find_within(quote, start, end)
        if hit is not None:
            anchors.append(Anchor(passage, owner, document, quote, start, end, hit))
            continue
        problems.append(QuoteProblem(
            passage=passage, subject=owner, lines=f"{start}-{end}", quote=quote,
            found_at=", ".join(f"{h.start_line}-{h.end_line}" for h in source.locate(quote))))
    return problems, anchors
