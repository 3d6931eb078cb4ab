"""The source text and the passages quoted from it.

Line numbers are 1-based and refer to the exact text whose SHA-256 the graph
records. Quotes are compared after normalisation: runs of white space become
one space, and lines holding only a number (page numbers and footnote
markers that the PDF extraction interleaves with the text) are skipped.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from lanzarote_kg.core.errors import UserError

_NUMBER_ONLY = re.compile(r"^\s*\d+\s*$")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Collapse white space, the comparison rule for quotes."""
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Located:
    start_line: int
    end_line: int


class SourceText:
    """A source document's text, searchable by normalised quote."""

    def __init__(self, path: Path):
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise UserError("LKG-E010", f"{path}: cannot read source text ({exc.strerror})") from None
        self.path = path
        self.sha256 = hashlib.sha256(raw).hexdigest()
        self.lines = raw.decode("utf-8").splitlines()
        # One normalised string plus, for each character, the line it came from.
        pieces: list[str] = []
        owners: list[int] = []
        self._spans: dict[int, tuple[int, int]] = {}  # line -> its characters in the flat text
        for number, line in enumerate(self.lines, start=1):
            if _NUMBER_ONLY.match(line) or not line.strip():
                continue
            text = normalise(line) + " "
            self._spans[number] = (len(owners), len(owners) + len(text))
            pieces.append(text)
            owners.extend([number] * len(text))
        self._flat = "".join(pieces)
        self._owner = owners

    @property
    def line_count(self) -> int:
        return len(self.lines)

    def locate(self, quote: str) -> list[Located]:
        """Every place where the quote occurs, as line ranges."""
        needle = normalise(quote)
        if not needle:
            return []
        found = []
        start = self._flat.find(needle)
        while start != -1:
            end = start + len(needle) - 1
            found.append(Located(self._owner[start], self._owner[end]))
            start = self._flat.find(needle, start + 1)
        return found

    def occurs_within(self, quote: str, start_line: int, end_line: int) -> bool:
        """True when the quote occurs inside the given inclusive line range.
        Only the range's own text is searched: a graph of a million triples
        has a quarter of a million quotes to check."""
        needle = normalise(quote)
        spans = [self._spans[n] for n in range(max(start_line, 1), min(end_line, self.line_count) + 1)
                 if n in self._spans]
        return bool(needle) and bool(spans) and needle in self._flat[spans[0][0]:spans[-1][1]]
