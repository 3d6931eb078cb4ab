"""Report rows comparable across SPARQL engines (Oxigraph, rdflib, Comunica,
Virtuoso), and the parameters each report runs with in those comparisons.

Terms are compared exactly, language tags and datatypes included, with
three allowances that SPARQL itself makes: a blank node is "some blank
node" (each engine labels its own); the parts of a GROUP_CONCAT are sorted
(their order is left to the engine); a number is compared by value within
its datatype (SUM gives "4954239"^^xsd:decimal on Oxigraph and
"4954239.0"^^xsd:decimal on Comunica: one value, two spellings)."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from rdflib import BNode, Literal
from rdflib.namespace import XSD

_CONCAT = re.compile(r"GROUP_CONCAT\s*\((?P<body>(?:[^()]|\([^()]*\))*)\)\s*AS\s*\?(?P<var>\w+)", re.I)
_SEPARATOR = re.compile(r'separator\s*=\s*"(?P<sep>[^"]*)"', re.I)
_NUMERIC = {str(XSD[name]) for name in ("decimal", "integer", "double", "float", "long", "int",
                                         "nonNegativeInteger", "positiveInteger")}


def report_params(query) -> dict[str, str] | None:
    """Defaults and the `#+ example:` values; None when a parameter has neither."""
    pairs = (query.extra.get("example") or "").split()
    params = {p.name: p.default for p in query.parameters if p.default}
    params |= dict(pair.split("=", 1) for pair in pairs if "=" in pair)
    return None if any(p.name not in params for p in query.parameters) else params


def _separators(query_text: str) -> dict[str, str]:
    found = {}
    for match in _CONCAT.finditer(query_text):
        separator = _SEPARATOR.search(match.group("body"))
        found[match.group("var")] = separator.group("sep") if separator else " "
    return found


def _cell(term, separator: str | None):
    if term is None:
        return None
    if isinstance(term, BNode):
        return "_:b"
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype else None
        if datatype in _NUMERIC:
            try:
                return ("number", datatype, Decimal(str(term)))
            except InvalidOperation:
                pass
        text = str(term)
        if separator is not None:
            text = separator.join(sorted(text.split(separator)))
        return ("literal", text, term.language, datatype)
    return ("iri", str(term))


def comparable(table, query_text: str) -> list[tuple]:
    separators = _separators(query_text)
    return [tuple(_cell(term, separators.get(name)) for name, term in zip(table.variables, row))
            for row in table.rows]


def order_keys(table, rows: list[tuple], query_text: str) -> list[tuple]:
    """The ORDER BY values of each row, in order (rows that tie may come in any order)."""
    clause = re.search(r"ORDER\s+BY\s+(.*)", query_text, re.I | re.S)
    names = re.findall(r"\?(\w+)", clause.group(1)) if clause else []
    columns = [table.variables.index(n) for n in names if n in table.variables]
    return [tuple(row[c] for c in columns) for row in rows]


def assert_same_rows(name: str, there, here, query_text: str) -> int:
    """Same variables, the same rows (as a multiset), in the same ORDER BY
    order; returns the number of rows compared."""
    assert there.variables == here.variables, name
    far, near = comparable(there, query_text), comparable(here, query_text)
    assert sorted(far, key=repr) == sorted(near, key=repr), name
    assert order_keys(there, far, query_text) == order_keys(here, near, query_text), name
    return len(near)


def compare_every_report(queries_dir, local_store, remote_store, remote_runner) -> tuple[int, int]:
    """Run every canned report locally and through `remote_runner` (as
    `report --endpoint` does) and assert the same rows; (reports, rows) compared."""
    from lanzarote_kg.core.errors import UserError
    from lanzarote_kg.reports.runner import run_report
    from lanzarote_kg.sparql.catalogue import catalogue

    def outcome(query, store, runner=None):
        try:
            return run_report(queries_dir, query.name, store, report_params(query), runner=runner)
        except UserError as exc:
            return exc.code  # the same refusal on both sides counts as the same answer

    reports = rows = 0
    for query in catalogue(queries_dir):
        if report_params(query) is None:
            continue
        here, there = outcome(query, local_store), outcome(query, remote_store, remote_runner)
        if isinstance(here, str) or isinstance(there, str):
            assert here == there, query.name
            continue
        rows += assert_same_rows(query.name, there.table, here.table, query.text)
        reports += 1
    return reports, rows
