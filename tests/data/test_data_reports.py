"""Each canned report gives the paper's real answer (its sidecar
expectation, read in the paper)."""
from __future__ import annotations

import pytest

from helpers import ROOT
from lanzarote_kg.sparql.catalogue import catalogue, find
from lanzarote_kg.sparql.engines import select_oxigraph
from lanzarote_kg.sparql.results import Labeller, store_lookup
from report_expectations import prepared, problems

QUERIES = ROOT / "queries"
REPORTS = [q.name for q in catalogue(QUERIES)]


@pytest.mark.parametrize("name", REPORTS)
def test_report_gives_the_papers_answer(kg, name):
    query, expectation, bindings = prepared(QUERIES, kg.result.store, name)
    table = select_oxigraph(kg.result.store, query.text, bindings)
    label = Labeller(store_lookup(kg.result.store))
    assert problems(expectation, table.variables, table.rows, label) == []


def test_appendix_i_entries_per_group_as_printed(kg):
    """Counted in the paper: 9 United Nations entries (lines 1583-1604), 14 Council
    of Europe (1606-1633), 11 European Union (1635-1661), 6 other standards (1663-1676)."""
    table = select_oxigraph(kg.result.store, find(QUERIES, "instruments-by-body").text)
    entries: dict[str, set] = {}
    for row in table.rows:
        cells = dict(zip(table.variables, row))
        entries.setdefault(str(cells["group"]), set()).add(int(cells["entry"]))
    counts = {group: len(numbers) for group, numbers in entries.items()}
    assert counts == {"United Nations Organisations": 9, "Council of Europe": 14, "European Union": 11,
                      "Other International standards": 6}
    assert all(numbers == set(range(1, len(numbers) + 1)) for numbers in entries.values())
