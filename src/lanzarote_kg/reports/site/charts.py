"""The charts of the report pages. A report declares one with
`#+ chart: NAME` in its header; `chart_rows` turns the report's rows (and,
for the network, the rows of queries/charts/network.rq) into plain values
that `spec_for` draws."""
from __future__ import annotations

from . import chart_specs

CHARTS = ("timeline", "heatmap", "bars", "network")


def _text(term) -> str:
    return "" if term is None else str(term)


def chart_rows(kind: str, table, label) -> list[dict]:
    rows = [dict(zip(table.variables, row)) for row in table.rows]
    if kind == "timeline":
        return [{"date": _text(r["date"]), "kind": _text(r["kind"]), "what": _text(r["what"]), "label": label(r["thing"])}
                for r in rows]
    if kind == "heatmap":
        return [{"label": label(r["intervention"])} | {p: _text(r.get(p)) for p in chart_specs.PILLARS} for r in rows]
    if kind == "bars":
        return [{"label": label(r["funder"]), "currency": _text(r["currency"]), "total": _text(r["total"]),
                 "interventions": _text(r["interventions"])} for r in rows]
    if kind == "network":
        return [{"actor": str(r["actor"]), "role": _text(r["role"]), "in": str(r["in"]),
                 "actor_label": label(r["actor"]), "in_label": label(r["in"])} for r in rows]
    raise KeyError(kind)


def spec_for(kind: str, rows: list[dict]) -> chart_specs.ChartSpec:
    if kind == "network":
        return _network(rows)
    return {"timeline": chart_specs.timeline, "heatmap": chart_specs.heatmap, "bars": chart_specs.bars}[kind](rows)


def _network(rows: list[dict]) -> chart_specs.ChartSpec:
    from .network_layout import layout

    labels = {r["actor"]: r["actor_label"] for r in rows} | {r["in"]: r["in_label"] for r in rows}
    contexts = {r["in"] for r in rows}
    positions = layout([(r["actor"], r["role"], r["in"]) for r in rows])
    nodes = []
    for node, (x, y) in sorted(positions.items()):
        name = labels[node]
        nodes.append({"x": x, "y": y, "label": name, "short": name if len(name) <= 28 else name[:27] + "…",
                      "side": "intervention or network" if node in contexts else "actor"})
    links = [{"x1": positions[r["actor"]][0], "y1": positions[r["actor"]][1], "x2": positions[r["in"]][0],
              "y2": positions[r["in"]][1], "role": r["role"], "text": f'{r["actor_label"]}: {r["role"]} of {r["in_label"]}'}
             for r in rows]
    return chart_specs.network(nodes, links)
