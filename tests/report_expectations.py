"""Sidecar expectations of the canned reports (queries/NAME.expect.toml).

A sidecar says what the paper answers, read from the paper (never from
running the query):

    rows = 4                 # exact number of rows, or
    min_rows = 10            # a lower bound for large reports
    exact = true             # the [[row]] list below is the whole answer, in order
    [params]                 # parameter values to run the report with
    actor = "UNICEF"
    [[row]]                  # rows that must appear; only the listed columns are compared
    event = "event/world-congress-1-stockholm-1996"
    start = "1996-08-27"

A cell matches an expected value when its text, its label, or the tail of
its IRI after /id/ equals it, or when both are numbers and equal. "*" means
any non-empty value; "~words" means the words occur in the text or label.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import URIRef


@dataclass
class Expectation:
    path: Path
    rows: int | None = None
    min_rows: int | None = None
    exact: bool = False
    params: dict = field(default_factory=dict)
    expected_rows: list[dict] = field(default_factory=list)


def load_expectation(path: Path) -> Expectation:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(data) - {"rows", "min_rows", "exact", "params", "row", "note"}
    if unknown:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)}")
    return Expectation(path=path, rows=data.get("rows"), min_rows=data.get("min_rows"),
                       exact=data.get("exact", False), params=data.get("params", {}),
                       expected_rows=data.get("row", []))


def _number(text: str):
    try:
        return Decimal(text)
    except (InvalidOperation, ValueError):
        return None


def cell_matches(term, expected, label) -> bool:
    if term is None:
        return expected == ""
    expected = str(expected)
    text = str(term)
    if expected == "*":
        return text != ""
    if expected.startswith("~"):
        return expected[1:] in text or expected[1:] in label(term)
    if text == expected or label(term) == expected:
        return True
    if isinstance(term, URIRef) and text.endswith("/id/" + expected):
        return True
    a, b = _number(text), _number(expected)
    return a is not None and b is not None and a == b


def row_matches(variables: list[str], row: tuple, expected: dict, label) -> bool:
    cells = dict(zip(variables, row))
    return all(name in cells and cell_matches(cells[name], value, label) for name, value in expected.items())


def problems(expectation: Expectation, variables: list[str], rows: list[tuple], label) -> list[str]:
    found = []
    for name in {k for r in expectation.expected_rows for k in r}:
        if name not in variables:
            found.append(f"column {name!r} is not in the report (columns: {variables})")
    if expectation.rows is not None and len(rows) != expectation.rows:
        found.append(f"expected {expectation.rows} rows, got {len(rows)}")
    if expectation.min_rows is not None and len(rows) < expectation.min_rows:
        found.append(f"expected at least {expectation.min_rows} rows, got {len(rows)}")
    if expectation.exact:
        if len(rows) != len(expectation.expected_rows):
            found.append(f"exact: expected {len(expectation.expected_rows)} rows, got {len(rows)}")
        for i, (row, wanted) in enumerate(zip(rows, expectation.expected_rows)):
            if not row_matches(variables, row, wanted, label):
                found.append(f"row {i + 1}: expected {wanted}, got {[label(t) for t in row]}")
    else:
        for wanted in expectation.expected_rows:
            if not any(row_matches(variables, row, wanted, label) for row in rows):
                found.append(f"no row matches {wanted}")
    return found


def sidecar(queries: Path, name: str) -> Path:
    """The expectation file beside a saved report."""
    return queries / f"{name}.expect.toml"


def prepared(queries: Path, store, name: str):
    """The report, its sidecar, and its parameters bound as the sidecar says."""
    from lanzarote_kg.sparql.catalogue import find
    from lanzarote_kg.sparql.params import bind_parameters

    query = find(queries, name)
    expectation = load_expectation(sidecar(queries, name))
    bindings = bind_parameters(query, {k: str(v) for k, v in expectation.params.items()}, store)
    return query, expectation, bindings
