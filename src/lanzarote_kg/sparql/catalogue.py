"""Saved SPARQL files and their metadata headers.

A saved query starts with comment lines of the form `#+ key: value`
(grlc's convention), for example:

    #+ title: Instruments by adopting body
    #+ question: Which instruments does the paper list, by whom were they adopted and when?
    #+ param: actor iri-or-label | An actor, by IRI or by label
    #+ severity: error                (checks only)
    #+ problem: ... / #+ solution: ... (checks only)

Lines starting with `#+ ` may repeat for `param`. Everything after the
header is the query.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lanzarote_kg.core.errors import UserError, shown

_HEADER = re.compile(r"^#\+\s*([A-Za-z_-]+)\s*:\s*(.*)$")
MAX_QUERY_BYTES = 1_000_000
PARAM_TYPES = ("iri", "iri-or-label", "string", "integer", "date")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    description: str = ""
    default: str | None = None


@dataclass(frozen=True)
class SavedQuery:
    path: Path
    name: str
    title: str
    question: str
    text: str
    parameters: tuple[Parameter, ...] = ()
    severity: str = ""
    problem: str = ""
    solution: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    def parameter(self, name: str) -> Parameter:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise UserError("LKG-Q004", f"{self.path}: unknown parameter {shown(name)} (parameters: {known})")


def _parse_param(path: Path, value: str) -> Parameter:
    # "<name> <type> [= default] | description"
    head, _, description = value.partition("|")
    head, _, default = head.partition("=")
    words = head.split()
    if len(words) != 2 or words[1] not in PARAM_TYPES:
        raise UserError("LKG-Q002", f"{path}: bad '#+ param:' header {shown(value)} (expected '<name> <{'|'.join(PARAM_TYPES)}> [= default] | description')")
    return Parameter(name=words[0], type=words[1], description=description.strip(),
                     default=default.strip() or None)


def read_query(path: Path) -> SavedQuery:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_QUERY_BYTES + 1)
    except FileNotFoundError:
        raise UserError("LKG-Q001", f"{path}: query file not found") from None
    except IsADirectoryError:
        raise UserError("LKG-Q001", f"{path}: is a directory, not a query file") from None
    if len(data) > MAX_QUERY_BYTES:
        raise UserError("LKG-Q014", f"{path}: larger than {MAX_QUERY_BYTES} bytes: not a saved query")
    try:
        # Line breaks read as by open() in text mode: \r\n and \r become \n.
        text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        raise UserError("LKG-Q015", f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    meta: dict[str, str] = {}
    params: list[Parameter] = []
    for line in text.splitlines():
        match = _HEADER.match(line)
        if not match:
            if line.strip() and not line.startswith("#"):
                break
            continue
        key, value = match.group(1).lower(), match.group(2).strip()
        if key == "param":
            params.append(_parse_param(path, value))
        else:
            meta[key] = value
    return SavedQuery(
        path=path,
        name=path.stem,
        title=meta.pop("title", path.stem),
        question=meta.pop("question", ""),
        text=text,
        parameters=tuple(params),
        severity=meta.pop("severity", ""),
        problem=meta.pop("problem", ""),
        solution=meta.pop("solution", ""),
        extra=meta,
    )


def catalogue(directory: Path) -> list[SavedQuery]:
    """Every saved query of a directory (not recursive), by name."""
    return [read_query(path) for path in sorted(directory.glob("*.rq"))]


def find(directory: Path, name: str) -> SavedQuery:
    path = directory / f"{name}.rq"
    if not path.exists():
        known = ", ".join(q.name for q in catalogue(directory))
        raise UserError("LKG-Q003", f"unknown report {shown(name)} (known: {known})")
    return read_query(path)
