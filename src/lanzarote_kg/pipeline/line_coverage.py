"""How much of each source document the graph tells, line by line.

A content line (not blank, not a bare page or footnote number: the lines the
quote comparison skips) is *told* when it lies inside an evidence passage
that supports at least one statement (`lkg:supports` or
`lkg:supportsValue`). A passage that supports nothing tells nothing, and a
document part's heading counts once the part's own passage on its heading
line supports its title. The share is reported per top-level part (the
introduction, each chapter, the conclusions, each appendix) and in total,
with the longest untold runs, so that an author sees where the paper is not
yet told. A line number that is not an integer is left out here: the shapes
report it.
"""
from __future__ import annotations

from dataclasses import dataclass

from lanzarote_kg.pipeline.source import SourceText, skipped_line
from lanzarote_kg.pipeline.sources import Sources

_TELLING_PASSAGES = """
PREFIX lkg: <https://w3id.org/lanzarote-kg/ontology#>
SELECT DISTINCT ?doc ?start ?end WHERE {
  ?subject lkg:evidence ?passage .
  ?passage lkg:inPart ?part ; lkg:startLine ?start ; lkg:endLine ?end .
  ?part lkg:partOfDocument ?doc .
  FILTER EXISTS { { ?passage lkg:supports ?p } UNION { ?passage lkg:supportsValue ?v } }
}"""

_TOP_PARTS = """
PREFIX lkg: <https://w3id.org/lanzarote-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?doc ?part ?label ?start ?end WHERE {
  ?part a lkg:Section ; lkg:partOfDocument ?doc ; lkg:startLine ?start ; lkg:endLine ?end .
  OPTIONAL { ?part rdfs:label ?label }
  FILTER NOT EXISTS { ?part lkg:subPartOf ?whole }
}"""

FIRST_WORDS = 8  # words of an untold run's first line shown to the author


@dataclass(frozen=True)
class PartShare:
    part: str  # the part's IRI ("" for lines outside every top-level part)
    label: str
    start: int
    end: int
    content: int  # content lines
    told: int

    @property
    def share(self) -> float:
        return self.told / self.content if self.content else 1.0


@dataclass(frozen=True)
class UntoldRun:
    start: int
    end: int  # inclusive; a run may hold blank and number lines between its content lines
    content: int  # content lines in the run
    first_words: str


@dataclass(frozen=True)
class DocumentLines:
    document: str
    content: int
    told: int
    parts: tuple[PartShare, ...]
    runs: tuple[UntoldRun, ...]  # longest first, then in document order

    @property
    def share(self) -> float:
        return self.told / self.content if self.content else 1.0

    def line(self) -> str:
        return f"lines told: {self.told} of {self.content} content lines ({100 * self.share:.1f}%)"


def _line_numbers(row) -> tuple[int, int] | None:
    """A row's start and end lines, or None when either is not an integer
    ("abc", 12.5): the shapes report those, the count leaves them out."""
    try:
        return int(row["start"].value), int(row["end"].value)
    except ValueError:
        return None


def told_lines(store) -> dict[str, set[int]]:
    """The line numbers inside a passage supporting a statement, per document."""
    told: dict[str, set[int]] = {}
    for row in store.query(_TELLING_PASSAGES, use_default_graph_as_union=True):
        if (lines := _line_numbers(row)) is not None:
            told.setdefault(row["doc"].value, set()).update(range(lines[0], lines[1] + 1))
    return told


def _top_parts(store) -> dict[str, list[tuple[str, str, int, int]]]:
    parts: dict[str, list] = {}
    for row in store.query(_TOP_PARTS, use_default_graph_as_union=True):
        if (lines := _line_numbers(row)) is None:
            continue
        label = row["label"].value if row["label"] is not None else row["part"].value.rsplit("/", 1)[-1]
        parts.setdefault(row["doc"].value, []).append((row["part"].value, label, *lines))
    return {doc: sorted(found, key=lambda p: (p[2], p[3], p[0])) for doc, found in parts.items()}


def _runs(text: SourceText, content: list[int], told: set[int]) -> list[UntoldRun]:
    """Maximal runs of untold content lines; lines that are not content (blank,
    bare numbers) neither break a run nor count in it."""
    runs, current = [], []
    for number in content:
        if number in told:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(number)
    if current:
        runs.append(current)
    found = [UntoldRun(run[0], run[-1], len(run), " ".join(text.lines[run[0] - 1].split()[:FIRST_WORDS]))
             for run in runs]
    return sorted(found, key=lambda r: (-r.content, r.start))


def document_lines(document: str, text: SourceText, told: set[int],
                   parts: list[tuple[str, str, int, int]]) -> DocumentLines:
    content = [n for n, line in enumerate(text.lines, start=1) if not skipped_line(line)]
    shares, seen = [], set()
    for part, label, start, end in parts:
        lines = [n for n in content if start <= n <= end and n not in seen]
        seen.update(lines)
        shares.append(PartShare(part, label, start, end, len(lines), sum(1 for n in lines if n in told)))
    rest = [n for n in content if n not in seen]
    if rest:
        shares.append(PartShare("", "(outside every part)", rest[0], rest[-1], len(rest),
                                 sum(1 for n in rest if n in told)))
    return DocumentLines(document, len(content), sum(1 for n in content if n in told), tuple(shares),
                         tuple(_runs(text, content, told)))


def line_coverage(store, sources: Sources) -> list[DocumentLines]:
    """The told share of every source document whose text was found."""
    told, parts = told_lines(store), _top_parts(store)
    return [document_lines(doc, text, told.get(doc, set()), parts.get(doc, []))
            for doc, text in sorted(sources.texts.items())]
