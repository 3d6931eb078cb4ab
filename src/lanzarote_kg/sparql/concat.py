"""GROUP_CONCAT parts in a stable order (issue 21).

SPARQL leaves the order of GROUP_CONCAT's parts to the engine, and an
ORDER BY in a subquery does not bind it: the same query gave "promote;
protect" locally and "protect; promote" over an endpoint, on the same
engine. A report's rows are only comparable with `diff` when each
concatenation's parts come in one order, so the result layer sorts them:
each variable bound by a GROUP_CONCAT is split at its separator, its parts
sorted, and joined again. (A part that itself holds the separator is sorted
as two parts: the text stays the same set of pieces.)
"""
from __future__ import annotations

import re

from rdflib import Literal

from lanzarote_kg.sparql.engines import Table

_CONCAT = re.compile(
    r"GROUP_CONCAT\s*\((?:[^;]*?)(?:;\s*SEPARATOR\s*=\s*(?P<sep>\"[^\"\\]*\"|'[^'\\]*'))?\s*\)\s*AS\s*[?$](?P<var>\w+)",
    re.I | re.S)


def concatenations(query_text: str) -> dict[str, str]:
    """Each variable a GROUP_CONCAT binds, with its separator (default one space)."""
    found = {}
    for match in _CONCAT.finditer(query_text):
        separator = match.group("sep")
        found[match.group("var")] = separator[1:-1] if separator else " "
    return found


def sorted_concatenations(table: Table, query_text: str) -> Table:
    """The table with the parts of every GROUP_CONCAT value sorted."""
    columns = {index: sep for index, name in enumerate(table.variables)
               for var, sep in concatenations(query_text).items() if var == name}
    if not columns:
        return table
    rows = []
    for row in table.rows:
        cells = list(row)
        for index, separator in columns.items():
            value = cells[index]
            if isinstance(value, Literal) and separator and separator in str(value):
                parts = sorted(str(value).split(separator))
                cells[index] = Literal(separator.join(parts), lang=value.language,
                                       datatype=None if value.language else value.datatype)
        rows.append(tuple(cells))
    return Table(table.variables, rows)
