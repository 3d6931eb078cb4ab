"""Vega-Lite specifications of the charts a report can declare with
`#+ chart: NAME`. Each takes the report's rows (and, for the network, the
rows of its own query) and returns (spec, description)."""
from __future__ import annotations

from dataclasses import dataclass

# vl-convert measures text with its own sans-serif, the browser draws it
# with its own (DejaVu Sans on Debian, wider): names on the charts are kept
# short (graph_index.short_label) and the charts padded so none is cut.
# Naming a system font instead costs vl-convert seconds of font loading.
FONT = "sans-serif"
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
TIMELINE_YEARS = (1989, 2012)
KIND_ORDER = ["instrument", "event", "intervention", "result"]
PILLARS = ["prevent", "protect", "prosecute", "promote"]
ROLE_ORDER = ["funder", "implementer", "manager", "partner", "member"]


@dataclass
class ChartSpec:
    kind: str
    title: str
    description: str
    spec: dict
    marks: int  # data marks drawn, for the page and the tests


def _base(title: str, description: str) -> dict:
    return {"$schema": SCHEMA, "title": title, "description": description,
            "config": {"font": FONT, "view": {"stroke": None}}, "padding": {"left": 40, "right": 40, "top": 8, "bottom": 8}, "background": "white"}


def _iso_day(date: str) -> str:
    # A year or a month the paper gives without a day is drawn at the middle
    # of its period, not at its first day (which would claim a precision it
    # does not have); its tooltip and label keep the date as printed.
    return f"{date}-07-02" if len(date) == 4 else f"{date}-15" if len(date) == 7 else date[:10]


def timeline(rows: list[dict]) -> ChartSpec:
    first, last = TIMELINE_YEARS
    points = [r for r in rows if first <= int(r["date"][:4]) <= last]
    earlier = len(rows) - len(points)
    title = f"Timeline {first}–{last}"
    description = (f"{len(points)} dated instruments, events, intervention milestones and results from {first} to "
                   f"{last}, one mark each, in lanes by kind (a date given as a year or a month is drawn at its middle); "
                   f"{earlier} dated rows outside these years are in the table only.")
    values = [{"day": _iso_day(r["date"]), "date": r["date"], "kind": r["kind"], "what": r["what"], "label": r["label"],
               "text": f'{r["date"]}: {r["label"]} ({r["kind"]}, {r["what"]})'} for r in points]
    spec = _base(title, description) | {
        "width": 860, "height": 180, "data": {"values": values},
        "mark": {"type": "point", "filled": True, "size": 70, "opacity": 0.8},
        "encoding": {
            "x": {"field": "day", "type": "temporal", "title": "year",
                  "scale": {"domain": [f"{first}-01-01", f"{last}-12-31"]}, "axis": {"format": "%Y", "tickCount": 12}},
            "y": {"field": "kind", "type": "nominal", "title": None, "sort": KIND_ORDER},
            "color": {"field": "kind", "type": "nominal", "sort": KIND_ORDER, "legend": None},
            "shape": {"field": "kind", "type": "nominal", "sort": KIND_ORDER, "legend": None},
            "description": {"field": "text"},
            "tooltip": {"field": "text"},
        }}
    return ChartSpec("timeline", title, description, spec, len(values))


def _unique_names(rows: list[dict]) -> list[str]:
    """The short names, but the full label where two rows share one (a
    nominal axis would merge them)."""
    shorts = [r["short"] for r in rows]
    return [short if shorts.count(short) == 1 else r["label"] for short, r in zip(shorts, rows)]


def heatmap(rows: list[dict]) -> ChartSpec:
    values = []
    for r, name in zip(rows, _unique_names(rows)):
        for pillar in PILLARS:
            link = r.get(pillar) or "none"
            values.append({"intervention": name, "pillar": pillar, "link": link,
                           "text": f'{r["label"]}, {pillar}: {link}'})
    title = "Interventions against the 4Ps"
    description = (f"A cell per intervention and pillar ({len(rows)} interventions, 4 pillars): dark where the paper "
                   "states the link, light where the project assigns it, blank where there is none.")
    encoding_y = {"field": "intervention", "type": "nominal", "title": None, "sort": None,
                  "axis": {"labelLimit": 320}}
    spec = _base(title, description) | {
        "data": {"values": values}, "width": 320,
        "encoding": {"x": {"field": "pillar", "type": "nominal", "sort": PILLARS, "title": None,
                           "axis": {"orient": "top", "labelAngle": 0}}, "y": encoding_y},
        "layer": [
            {"mark": {"type": "rect", "stroke": "#ccc"},
             "encoding": {"color": {"field": "link", "type": "nominal", "title": "link",
                                    "scale": {"domain": ["stated", "assigned", "none"],
                                              "range": ["#1f5f99", "#9cc3e6", "#ffffff"]}},
                          "description": {"field": "text"}}},
            {"mark": {"type": "text", "fontSize": 10}, "transform": [{"filter": "datum.link != 'none'"}],
             "encoding": {"text": {"field": "link"},
                          "color": {"condition": {"test": "datum.link == 'stated'", "value": "white"}, "value": "black"}}},
        ]}
    return ChartSpec("heatmap", title, description, spec, len(values))


def bars(rows: list[dict]) -> ChartSpec:
    values = [{"funder": name, "currency": r["currency"], "total": float(r["total"]),
               "text": f'{r["label"]}: {float(r["total"]):,.2f} {r["currency"]} to {r["interventions"]} intervention(s)'}
              for r, name in zip(rows, _unique_names(rows))]
    title = "Funding by funder"
    description = f"One bar per funder and currency ({len(values)} bars): the money the paper says each funder gave."
    spec = _base(title, description) | {
        "data": {"values": values}, "width": 520,
        "encoding": {"y": {"field": "funder", "type": "nominal", "title": None, "sort": "-x", "axis": {"labelLimit": 320}},
                     "x": {"field": "total", "type": "quantitative", "title": "amount (EUR)"}},
        "layer": [
            {"mark": {"type": "bar", "color": "#1f5f99"}, "encoding": {"description": {"field": "text"}}},
            {"mark": {"type": "text", "align": "left", "dx": 4},
             "encoding": {"text": {"field": "total", "type": "quantitative", "format": ",.0f"}}},
        ]}
    return ChartSpec("bars", title, description, spec, len(values))


def network(nodes: list[dict], edges: list[dict]) -> ChartSpec:
    title = "Actors and interventions"
    description = (f"{len(nodes)} actors, interventions and networks joined by {len(edges)} relations (funder, "
                   "implementer, manager, partner, member), placed by a force-directed layout.")
    segments = []
    for number, e in enumerate(edges):
        for end, (x, y) in enumerate(((e["x1"], e["y1"]), (e["x2"], e["y2"]))):
            segments.append({"edge": number, "end": end, "x": x, "y": y, "role": e["role"], "text": e["text"]})
    axis = {"axis": None, "scale": {"zero": False}}
    spec = _base(title, description) | {
        "width": 860, "height": 640,
        "layer": [
            {"data": {"values": segments}, "mark": {"type": "line", "strokeWidth": 1.2, "opacity": 0.7},
             "encoding": {"x": {"field": "x", "type": "quantitative"} | axis,
                          "y": {"field": "y", "type": "quantitative"} | axis,
                          "detail": {"field": "edge"}, "order": {"field": "end"},
                          "color": {"field": "role", "type": "nominal", "sort": ROLE_ORDER, "title": "role"},
                          "description": {"field": "text"}}},
            {"data": {"values": nodes}, "mark": {"type": "point", "filled": True, "size": 90, "stroke": "white"},
             "encoding": {"x": {"field": "x", "type": "quantitative"} | axis,
                          "y": {"field": "y", "type": "quantitative"} | axis,
                          "shape": {"field": "side", "type": "nominal", "title": "node"},
                          "fill": {"value": "#333"},
                          "description": {"field": "label"}, "tooltip": {"field": "label"}}},
            {"data": {"values": [n for n in nodes if n["side"] != "actor"]},
             "mark": {"type": "text", "dy": -10, "fontSize": 10, "fontWeight": "bold"},
             "encoding": {"x": {"field": "x", "type": "quantitative"} | axis,
                          "y": {"field": "y", "type": "quantitative"} | axis, "text": {"field": "short"}}},
        ]}
    return ChartSpec("network", title, description, spec, len(nodes) + len(edges))
