"""Values in plain words: dates as people write them, IRIs by label with a
link to their page (or, for a part of the paper, to its first line)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lanzarote_kg.core.namespaces import LKG

from .graph_index import GraphIndex, Term
from .paths import DOCUMENT_PART, kind_of, source_anchor

XSD = "http://www.w3.org/2001/XMLSchema#"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
START_LINE, END_LINE = str(LKG.startLine), str(LKG.endLine)
PASSAGE = "passage"


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
    parts: list["Value"] = field(default_factory=list)  # a cell of several links (line ranges)


def make_value(index: GraphIndex, term: Term, inferred: bool = False) -> Value:
    if not term.iri:
        return Value(format_literal(term), inferred=inferred)
    href = index.pages.get(term.value)
    text = index.label(term.value)
    if href is None and kind_of(term.value) in (DOCUMENT_PART, PASSAGE):
        line = index.first(term.value, START_LINE)
        if line is not None and line.value.isdigit():
            href = source_anchor(int(line.value))
            if kind_of(term.value) == PASSAGE:  # named by where it is printed, not by its IRI's digest
                end = index.first(term.value, END_LINE)
                text = f"line {line.value}" if end is None or end.value == line.value else \
                    f"lines {line.value}–{end.value}"
    return Value(text, href=href, iri=term.value, inferred=inferred)


_NUMBER = (XSD + "decimal", XSD + "integer", XSD + "nonNegativeInteger", XSD + "positiveInteger", XSD + "double")
# "2800000 EUR", as the reports write an amount of money into a text.
# "1483-1485; 1500-1500", as source-errata writes its line ranges.
_RANGES = re.compile(r"\d+-\d+(?:; \d+-\d+)*")
_MONEY = re.compile(r"\b(\d+(?:\.\d+)?) ([A-Z]{3})\b")


def grouped_number(text: str) -> str:
    """2800000 as 2,800,000; 1954239.00 as 1,954,239; 0.5 as it is."""
    whole, _, fraction = text.partition(".")
    if not whole.lstrip("-").isdigit():
        return text
    fraction = fraction.rstrip("0")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def money(text: str) -> str:
    """Every "2800000 EUR" of a text as "EUR 2,800,000"."""
    return _MONEY.sub(lambda m: f"{m.group(2)} {grouped_number(m.group(1))}", text)


def cell_value(index: GraphIndex, term: Term) -> Value:
    """A report cell: as make_value, with numbers of five digits or more
    grouped by thousands and amounts of money written as money."""
    value = make_value(index, term)
    if not term.iri:
        if term.datatype in _NUMBER and len(term.value.partition(".")[0].lstrip("-")) >= 5:
            value.text = grouped_number(term.value)
        elif not term.datatype or term.datatype == XSD + "string":
            if _RANGES.fullmatch(value.text):
                value.parts = [Value(_lines(*r.split("-")), href=source_anchor(int(r.split("-")[0])))
                               for r in value.text.split("; ")]
            value.text = money(value.text)
    return value


def _lines(start: str, end: str) -> str:
    return f"line {start}" if start == end else f"lines {start}–{end}"


_DIGITS = re.compile(r"(\d+)")


@lru_cache(maxsize=None)  # the same labels are sorted again and again
def natural(text: str) -> tuple:
    """A sort key reading numbers as numbers: Article 4 before Article 38."""
    return tuple(int(piece) if i % 2 else piece for i, piece in enumerate(_DIGITS.split(text.lower())))


def sort_key(value: Value):
    return natural(value.text), value.iri, value.text
