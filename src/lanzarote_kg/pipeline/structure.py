"""The paper's parts (chapters, sections, footnotes) as the data records
them, for locating a line range."""
from __future__ import annotations

from rdflib import Graph

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.layout import Layout
from lanzarote_kg.pipeline.loading import parse_turtle
from lanzarote_kg.core.namespaces import LKG

_PARTS_QUERY = """
SELECT ?part ?start ?end WHERE {
  ?part lkg:startLine ?start ; lkg:endLine ?end ; lkg:partOfDocument ?doc .
}"""


def parts_by_extent(graph: Graph) -> list[tuple[str, int, int]]:
    """(local name, start, end) of every document part, narrowest first."""
    rows = graph.query(_PARTS_QUERY, initNs={"lkg": LKG})
    parts = []
    for r in rows:
        name = str(r.part).rsplit("/", 1)[-1]
        try:
            parts.append((name, int(r.start), int(r.end)))
        except ValueError:  # the shapes refuse it in a build; here, name the part
            raise UserError("LKG-E014", f"data/paper/structure.ttl: part {name} has a line number that is "
                                        f"not an integer ({r.start!s:.40} to {r.end!s:.40})") from None
    return sorted(parts, key=lambda p: (p[2] - p[1], p[0]))


def load_parts(layout: Layout) -> list[tuple[str, int, int]]:
    """The paper's parts as data/paper/structure.ttl records them."""
    return parts_by_extent(parse_turtle(layout.data_dir / "paper" / "structure.ttl"))


def part_for_lines(parts: list[tuple[str, int, int]], start: int, end: int) -> str:
    """The narrowest part that contains the whole line range."""
    for name, part_start, part_end in parts:
        if part_start <= start and end <= part_end:
            return name
    return "?"
