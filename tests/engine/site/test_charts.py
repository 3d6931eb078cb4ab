"""The chart pipeline's own guarantees, apart from the pages."""
from __future__ import annotations

import pytest

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.reports.site.chart_worker import ChartWorker, to_svg
from lanzarote_kg.reports.site.charts import spec_for
from lanzarote_kg.reports.site.network_layout import layout


def test_a_chart_never_reads_data_from_a_url():
    # vl-convert would fetch it from native code, out of the network guard's sight.
    spec = {"data": {"url": "http://127.0.0.1:9/rows.csv"}, "mark": "point",
            "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    with pytest.raises(ValueError, match="not allowed"):
        to_svg(spec)


def test_the_network_layout_places_every_node_the_same_way_each_time():
    edges = [("actor/a", "funder", "intervention/x"), ("actor/b", "partner", "intervention/x"),
             ("actor/b", "member", "actor/net"), ("actor/c", "member", "actor/net")]
    first, second = layout(edges), layout(list(reversed(edges)))
    assert first == second
    assert set(first) == {"actor/a", "actor/b", "actor/c", "intervention/x", "actor/net"}
    assert len(set(first.values())) == 5  # no two nodes on one spot


def test_the_worker_draws_what_it_was_given_and_nothing_else():
    chart = spec_for("bars", [{"label": "Italy", "short": "Italy", "currency": "EUR", "total": "1000",
                               "interventions": "1"}])
    with ChartWorker() as worker:
        worker.submit({"funding": chart.spec})
        drawn = worker.get()
    assert list(drawn) == ["funding"] and chart.marks == 1
    assert drawn["funding"].startswith("<svg") and "Italy" in drawn["funding"]


def test_a_chart_the_engine_cannot_draw_is_a_one_line_user_error():
    with ChartWorker() as worker:
        worker.submit({"broken": {"mark": "no-such-mark"}})
        with pytest.raises(UserError) as caught:
            worker.get()
    assert caught.value.code == "LKG-S005" and "\n" not in caught.value.message


def test_a_year_or_a_month_is_drawn_at_its_middle_and_labelled_as_printed():
    from lanzarote_kg.reports.site.chart_specs import timeline

    rows = [{"date": date, "kind": "event", "what": "held", "label": name, "short": name}
            for date, name in (("1998", "a year"), ("2008-11", "a month"), ("1996-08-27", "a day"))]
    values = timeline(rows).spec["data"]["values"]
    assert [(v["day"], v["text"].split(":")[0]) for v in values] == [
        ("1998-07-02", "1998"), ("2008-11-15", "2008-11"), ("1996-08-27", "1996-08-27")]
