"""A source document's text and the passages quoted from it.

Line numbers are 1-based and refer to the exact text whose SHA-256 the graph
records; character offsets count Unicode code points from the start of that
text, end exclusive (as W3C Web Annotation selectors do). Quotes are
compared after normalisation: runs of white space become one space, and
lines holding only a number (page numbers and footnote markers that the PDF
extraction interleaves with the text) are skipped.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lanzarote_kg.core.errors import UserError

_NUMBER_ONLY = re.compile(r"^\s*\d+\s*$")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Collapse white space, the comparison rule for quotes."""
    return _SPACE.sub(" ", text).strip()


def skipped_line(line: str) -> bool:
    """A line the quote comparison skips: blank, or only a number."""
    return not line.strip() or bool(_NUMBER_ONLY.match(line))


@dataclass(frozen=True)
class Located:
    start_line: int
    end_line: int
    start: int  # character offset of the first character, in the raw text
    end: int  # offset just after the last character (exclusive)


class SourceText:
    """A source document's text, searchable by normalised quote."""

    def __init__(self, path: Path):
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise UserError("LKG-E010", f"{path}: cannot read source text ({exc.strerror})") from None
        self.path = path
        self.sha256 = hashlib.sha256(raw).hexdigest()
        self.md5 = hashlib.md5(raw).hexdigest()  # RFC 5147 integrity check; not a security use
        try:
            self.text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UserError("LKG-E002", f"{path}: not UTF-8 text ({exc.reason})") from None
        self.lines = self.text.split("\n")

    @cached_property
    def _index(self) -> tuple[str, list[int], list[int], dict[int, tuple[int, int]]]:
        """One normalised string plus, for each of its characters, the line
        and the raw offset it came from, and each line's characters in it.
        Built on the first search: the report site needs only the lines."""
        flat: list[str] = []
        owners: list[int] = []
        offsets: list[int] = []
        spans: dict[int, tuple[int, int]] = {}  # line -> its characters in the flat text
        position = 0
        for number, line in enumerate(self.lines, start=1):
            if not skipped_line(line):
                first = len(flat)
                pending_space = False
                for column, char in enumerate(line.strip()):
                    if char.isspace():
                        pending_space = True
                        continue
                    if pending_space:
                        flat.append(" ")
                        owners.append(number)
                        offsets.append(offsets[-1] + 1)
                        pending_space = False
                    flat.append(char)
                    owners.append(number)
                    offsets.append(position + len(line) - len(line.lstrip()) + column)
                # The line break counts as one space.
                flat.append(" ")
                owners.append(number)
                offsets.append(offsets[-1] + 1)
                spans[number] = (first, len(flat))
            position += len(line) + 1
        return "".join(flat), owners, offsets, spans

    @property
    def line_count(self) -> int:
        return len(self.lines)

    def locate(self, quote: str) -> list[Located]:
        """Every place where the quote occurs."""
        needle = normalise(quote)
        if not needle:
            return []
        found = []
        flat, owner, offset, _spans = self._index
        start = flat.find(needle)
        while start != -1:
            last = start + len(needle) - 1
            found.append(Located(owner[start], owner[last], offset[start], offset[last] + 1))
            start = flat.find(needle, start + 1)
        return found

    def find_within(self, quote: str, start_line: int, end_line: int) -> Located | None:
        """The first occurrence of the quote inside the inclusive line range.
        Only the range's own text is searched: a graph of a million triples
        has a quarter of a million quotes to check."""
        needle = normalise(quote)
        flat, owner, offset, line_spans = self._index
        spans = [line_spans[n] for n in range(max(start_line, 1), min(end_line, self.line_count) + 1)
                 if n in line_spans]
        if not needle or not spans:
            return None
        at = flat.find(needle, spans[0][0], spans[-1][1])
        if at == -1:
            return None
        last = at + len(needle) - 1
        return Located(owner[at], owner[last], offset[at], offset[last] + 1)

    def occurs_within(self, quote: str, start_line: int, end_line: int) -> bool:
        """True when the quote occurs inside the given inclusive line range."""
        return self.find_within(quote, start_line, end_line) is not None

    def reproduces(self, quote: str, start: int, end: int) -> bool:
        """True when the characters [start, end) are the quote, by the
        comparison rule (whole skipped lines inside the range dropped)."""
        segments = self.text[start:end].split("\n")
        inner = [line for line in segments[1:-1] if not skipped_line(line)]
        kept = segments[:1] + inner + segments[1:][-1:]
        return normalise(" ".join(kept)) == normalise(quote)
