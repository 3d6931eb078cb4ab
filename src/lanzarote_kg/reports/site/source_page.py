"""The source page: every line of the paper with an anchor, each quoted
span highlighted, and after a passage's first line the links to the
entities it supports. Quotes are found as the quote check finds them
(pipeline.source): white space collapsed, number-only lines skipped."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_NUMBER_ONLY = re.compile(r"^\s*\d+\s*$")
_WORD = re.compile(r"\S+")


@dataclass
class Segment:
    text: str
    marked: bool = False


@dataclass
class Line:
    number: int
    segments: list[Segment]
    links: list = field(default_factory=list)


@dataclass
class Part:
    """An entry of the table of contents: a section of the document."""
    label: str
    line: int
    depth: int


@dataclass
class SourceView:
    present: bool
    lines: list[Line]
    note: str = ""
    contents: list[Part] = field(default_factory=list)


class _FlatText:
    """The normalised text, and for each word where it starts in that text
    and on which line and column it was printed."""

    def __init__(self, lines: list[str]):
        pieces, self.starts, self.places = [], [], []
        offset = 0
        for number, line in enumerate(lines, start=1):
            if _NUMBER_ONLY.match(line):
                continue
            for word in _WORD.finditer(line):
                self.starts.append(offset)
                self.places.append((number, word.start(), word.end()))
                pieces.append(word.group() + " ")
                offset += len(word.group()) + 1
        self.text = "".join(pieces)

    def _word_at(self, position: int) -> int:
        return bisect.bisect_right(self.starts, position) - 1

    def spans(self, start_line: int, quote: str) -> dict[int, tuple[int, int]]:
        """line -> (first, last column) of the quote's first occurrence that
        starts at or after start_line."""
        needle = " ".join(quote.split())
        position = self.text.find(needle)
        while position != -1 and self.places[self._word_at(position)][0] < start_line:
            position = self.text.find(needle, position + 1)
        pieces: dict[int, tuple[int, int]] = {}
        if position == -1 or not needle:
            return pieces
        end = position + len(needle)  # exclusive
        first_word, last_word = self._word_at(position), self._word_at(end - 1)
        for word in range(first_word, last_word + 1):
            line, column, stop = self.places[word]
            begin = column + max(0, position - self.starts[word])
            finish = min(stop, column + end - self.starts[word]) - 1
            low, high = pieces.get(line, (begin, finish))
            pieces[line] = (min(low, begin), max(high, finish))
        return pieces


def _segments(text: str, spans: list[tuple[int, int]]) -> list[Segment]:
    """The line cut into unmarked and marked runs (overlapping spans merge)."""
    segments, cursor = [], 0
    for first, last in sorted(spans):
        if last < cursor:
            continue
        first = max(first, cursor)
        if first > cursor:
            segments.append(Segment(text[cursor:first]))
        if segments and segments[-1].marked:
            segments[-1].text += text[first:last + 1]
        else:
            segments.append(Segment(text[first:last + 1], True))
        cursor = last + 1
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments


def _unique(links: list) -> list:
    seen, result = set(), []
    for link in sorted(links, key=lambda v: (v.text.lower(), v.href)):
        if link.href not in seen:
            seen.add(link.href)
            result.append(link)
    return result


def source_view(lines: list[str] | None, passages: dict[tuple[int, int, str], list], note: str = "",
                part_starts: frozenset[int] = frozenset()) -> SourceView:
    """`passages` maps (start, end, quote) to the links of the entities it
    supports. Without the text, the quotes are listed at their line numbers,
    and the other lines links point to (`part_starts`: where each part and
    passage begins) are kept as empty lines, so that every link still lands."""
    links: dict[int, list] = {}
    for (start, _end, _quote), supported in passages.items():
        links.setdefault(start, []).extend(supported)
    if lines is None:
        quotes: dict[int, list[Segment]] = {n: [] for n in part_starts}
        for (start, _end, quote) in sorted(passages):
            quotes.setdefault(start, []).append(Segment(quote, True))
        return SourceView(False, [Line(n, quotes[n], _unique(links.get(n, []))) for n in sorted(quotes)], note)
    flat = _FlatText(lines)
    marks: dict[int, list[tuple[int, int]]] = {}
    for start, _end, quote in sorted(passages):
        for line, span in flat.spans(start, quote).items():
            marks.setdefault(line, []).append(span)
    view = [Line(number, _segments(text, marks[number]) if number in marks else [Segment(text)],
                 _unique(links.get(number, [])))
            for number, text in enumerate(lines, start=1)]
    return SourceView(True, view, note)
