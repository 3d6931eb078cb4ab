"""The charts of the report pages. A report declares one with
`#+ chart: NAME` in its header; `chart_rows` turns the report's rows (and,
for the network, the rows of queries/charts/network.rq) into plain values
that `spec_for` draws."""
from __future__ import annotations

import re

from . import chart_specs

CHARTS = ("timeline", "heatmap", "bars", "network")


def _text(term) -> str:
    return "" if term is None else str(term)


def _names(term, label) -> dict:
    full, short = label(term)
    return {"label": full, "short": short}


def chart_rows(kind: str, table, label) -> list[dict]:
    """Plain values for the chart: `label(term)` gives (label, short label);
    the short one is drawn, the full one read out (ARIA) and shown in tooltips."""
    rows = [dict(zip(table.variables, row)) for row in table.rows]
    if kind == "timeline":
        return [{"date": _text(r["date"]), "kind": _text(r["kind"]), "what": _text(r["what"])} | _names(r["thing"], label)
                for r in rows]
    if kind == "heatmap":
        return [_names(r["intervention"], label) | {p: _text(r.get(p)) for p in chart_specs.PILLARS} for r in rows]
    if kind == "bars":
        return [_names(r["funder"], label) | {"currency": _text(r["currency"]), "total": _text(r["total"]),
                                              "interventions": _text(r["interventions"])} for r in rows]
    if kind == "network":
        return [{"actor": str(r["actor"]), "role": _text(r["role"]), "in": str(r["in"]),
                 "actor_label": label(r["actor"])[0], "actor_short": label(r["actor"])[1],
                 "in_label": label(r["in"])[0], "in_short": label(r["in"])[1]}
                for r in rows]
    raise KeyError(kind)


def spec_for(kind: str, rows: list[dict]) -> chart_specs.ChartSpec:
    if kind == "network":
        return _network(rows)
    return {"timeline": chart_specs.timeline, "heatmap": chart_specs.heatmap, "bars": chart_specs.bars}[kind](rows)


def _network(rows: list[dict]) -> chart_specs.ChartSpec:
    from .network_layout import layout

    labels = {r["actor"]: r["actor_label"] for r in rows} | {r["in"]: r["in_label"] for r in rows}
    shorts = {r["actor"]: r["actor_short"] for r in rows} | {r["in"]: r["in_short"] for r in rows}
    contexts = {r["in"] for r in rows}
    said: dict[str, list[str]] = {}
    for r in rows:  # what each node's tooltip says: its relations
        said.setdefault(r["actor"], []).append(f'{r["role"]} of {r["in_label"]}')
        said.setdefault(r["in"], []).append(f'{r["actor_label"]} ({r["role"]})')
    positions = layout([(r["actor"], r["role"], r["in"]) for r in rows])
    nodes = []
    for node, (x, y) in sorted(positions.items()):
        name = labels[node]
        side = "intervention or network" if node in contexts else "actor"
        relations = sorted(set(said[node]))
        nodes.append({"x": x, "y": y, "label": name, "short": shorts.get(node, ""), "side": side,
                      "degree": len(relations),
                      "text": f"{name} ({'intervention or network' if side != 'actor' else 'actor'}): "
                              + "; ".join(relations)})
    links = [{"x1": positions[r["actor"]][0], "y1": positions[r["actor"]][1], "x2": positions[r["in"]][0],
              "y2": positions[r["in"]][1], "role": r["role"], "text": f'{r["actor_label"]}: {r["role"]} of {r["in_label"]}'}
             for r in rows]
    return chart_specs.network(nodes, links)


# A mark of the drawn SVG with its ARIA label: a data mark (not an axis,
# legend or title, which are groups).
_MARK = re.compile(r'<(path|rect|line|circle)(\s[^>]*?aria-label="([^"]*)"[^>]*?role="graphics-symbol"[^>]*?)/>')


def add_titles(svg: str) -> str:
    """Each data mark gets an SVG <title>, the tooltip every browser shows
    on hover, saying what its ARIA label says (entity and value)."""
    return _MARK.sub(lambda m: f"<{m.group(1)}{m.group(2)}><title>{m.group(3)}</title></{m.group(1)}>", svg)
