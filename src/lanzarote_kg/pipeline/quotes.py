"""Check every passage of the data against the source text."""
from __future__ import annotations

from dataclasses import dataclass

from lanzarote_kg.pipeline.skolem import line_number
from lanzarote_kg.core.namespaces import LKG
from lanzarote_kg.pipeline.source import SourceText


@dataclass(frozen=True)
class QuoteProblem:
    passage: str
    subject: str
    lines: str
    quote: str
    found_at: str

    def line(self) -> str:
        where = f"; found at lines {self.found_at}" if self.found_at else "; not found anywhere in the source"
        return f"{self.subject}: quote at lines {self.lines} does not match the source{where}: {self.quote!r}"


_PASSAGES = """
SELECT ?passage ?owner ?quote ?start ?end WHERE {
  GRAPH ?g { ?passage <%(quote)s> ?quote ; <%(start)s> ?start ; <%(end)s> ?end .
             OPTIONAL { ?owner <%(evidence)s> ?passage } }
} ORDER BY ?passage ?owner""" % {"quote": LKG.quote, "start": LKG.startLine, "end": LKG.endLine,
                                 "evidence": LKG.evidence}


def verify_quotes(store, source: SourceText) -> list[QuoteProblem]:
    """Passages whose quote does not occur verbatim within their line range
    (missing line numbers are the SHACL shapes' business)."""
    problems, seen = [], set()
    for row in store.query(_PASSAGES):
        passage, quote = row["passage"].value, row["quote"].value
        if passage in seen:
            continue
        seen.add(passage)
        start, end = line_number(row["start"]), line_number(row["end"])
        if start is None or end is None:
            continue  # not a line number: the shapes report it
        if source.occurs_within(quote, start, end):
            continue
        hits = source.locate(quote)
        owner = row["owner"].value if row["owner"] is not None else passage
        problems.append(QuoteProblem(
            passage=passage, subject=owner, lines=f"{start}-{end}", quote=quote,
            found_at=", ".join(f"{h.start_line}-{h.end_line}" for h in hits)))
    return problems
