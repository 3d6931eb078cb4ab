"""Values in plain words: dates as people write them, IRIs by label with a
link to their page (or, for a part of the paper, to its first line)."""
from __future__ import annotations

from dataclasses import dataclass, field

from lanzarote_kg.core.namespaces import LKG

from .graph_index import GraphIndex, Term
from .paths import DOCUMENT_PART, entity_path, kind_of, source_anchor

XSD = "http://www.w3.org/2001/XMLSchema#"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
START_LINE = str(LKG.startLine)


def format_literal(term: Term) -> str:
    value, datatype = term.value, term.datatype
    try:
        if datatype == XSD + "date":
            year, month, day = value[:10].split("-")
            return f"{int(day)} {MONTHS[int(month) - 1]} {year}"
        if datatype == XSD + "gYearMonth":
            year, month = value[:7].split("-")
            return f"{MONTHS[int(month) - 1]} {year}"
    except (ValueError, IndexError):
        pass  # not in the lexical form: shown as it is
    return value


@dataclass
class Passage:
    """A passage of the paper quoted as evidence."""
    part: "Value"
    start: int
    end: int
    quote: str

    @property
    def lines(self) -> str:
        """Where it is printed, as a link's text ("line 7", "lines 7–9")."""
        return f"line {self.start}" if self.start == self.end else f"lines {self.start}–{self.end}"


@dataclass
class Value:
    """One value of a statement. `passages` are the passages that support
    this value itself, where the data says which statement a passage supports."""
    text: str
    href: str | None = None
    iri: str = ""
    inferred: bool = False
    passages: list[Passage] = field(default_factory=list)
    interpreted: bool = False  # covered by the project's interpretation, not a passage


def make_value(index: GraphIndex, term: Term, inferred: bool = False) -> Value:
    if not term.iri:
        return Value(format_literal(term), inferred=inferred)
    href = entity_path(term.value)
    if href is None and kind_of(term.value) == DOCUMENT_PART:
        line = index.first(term.value, START_LINE)
        href = source_anchor(int(line.value)) if line else None
    return Value(index.label(term.value), href=href, iri=term.value, inferred=inferred)


def sort_key(value: Value):
    return value.text.lower(), value.iri, value.text
