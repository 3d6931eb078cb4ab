"""Check every passage of the data against the source text."""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from .namespaces import LKG
from .source import SourceText


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


def verify_quotes(data: Graph, source: SourceText) -> list[QuoteProblem]:
    """Passages whose quote does not occur verbatim within their line range."""
    problems = []
    for passage, quote in sorted(data.subject_objects(LKG.quote)):
        start = data.value(passage, LKG.startLine)
        end = data.value(passage, LKG.endLine)
        if start is None or end is None:
            continue  # the SHACL shapes report missing line numbers
        if source.occurs_within(str(quote), int(start), int(end)):
            continue
        hits = source.locate(str(quote))
        owner = next(data.subjects(LKG.evidence, passage), passage)
        problems.append(QuoteProblem(
            passage=str(passage), subject=str(owner), lines=f"{start}-{end}", quote=str(quote),
            found_at=", ".join(f"{h.start_line}-{h.end_line}" for h in hits)))
    return problems
