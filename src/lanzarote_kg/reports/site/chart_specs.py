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
# Okabe and Ito's palette, told apart with the common colour-vision
# deficiencies; each role also has its own dash pattern.
ROLE_COLOURS = ["#E69F00", "#0072B2", "#009E73", "#CC79A7", "#000000"]
ROLE_DASHES = [[1, 0], [6, 3], [2, 2], [8, 2, 2, 2], [1, 3]]
KIND_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7"]
# No text under 11 px at 1280 px (the charts are drawn at their own size).
TEXT = 12


@dataclass
class ChartSpec:
    kind: str
    title: str
    description: str
    spec: dict
    marks: int  # data marks drawn, for the page and the tests


def _base(title: str, description: str) -> dict:
    return {"$schema": SCHEMA, "title": title, "description": description,
            "config": {"font": FONT, "view": {"stroke": None},
                       "axis": {"labelFontSize": TEXT, "titleFontSize": TEXT},
                       "legend": {"labelFontSize": TEXT, "titleFontSize": TEXT},
                       "title": {"fontSize": 14}, "text": {"fontSize": TEXT}}, "padding": {"left": 40, "right": 40, "top": 8, "bottom": 8}, "background": "white"}


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
            "color": {"field": "kind", "type": "nominal", "sort": KIND_ORDER, "legend": None,
                      "scale": {"domain": KIND_ORDER, "range": KIND_COLOURS}},
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
            {"mark": {"type": "text", "fontSize": TEXT}, "transform": [{"filter": "datum.link != 'none'"}],
             "encoding": {"text": {"field": "link"},
                          "color": {"condition": {"test": "datum.link == 'stated'", "value": "white"}, "value": "black"}}},
        ]}
    return ChartSpec("heatmap", title, description, spec, len(values))


def _money(total: str) -> str:
    amount = float(total)
    return f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"


def bars(rows: list[dict]) -> ChartSpec:
    values = [{"funder": name, "currency": r["currency"], "total": float(r["total"]),
               "text": f'{r["label"]}: {r["currency"]} {_money(r["total"])} to {r["interventions"]} '
                       f'intervention{"" if r["interventions"] == "1" else "s"}'}
              for r, name in zip(rows, _unique_names(rows))]
    title = "Funding by funder"
    description = f"One bar per funder and currency ({len(values)} bars): the money the paper says each funder gave."
    spec = _base(title, description) | {
        "data": {"values": values}, "width": 520,
        "encoding": {"y": {"field": "funder", "type": "nominal", "title": None, "sort": "-x", "axis": {"labelLimit": 320}},
                     "x": {"field": "total", "type": "quantitative", "title": "amount (EUR)"}},
        "layer": [
            {"mark": {"type": "bar", "color": "#0072B2"}, "encoding": {"description": {"field": "text"}}},
            {"mark": {"type": "text", "align": "left", "dx": 4, "fontSize": TEXT},
             "encoding": {"text": {"field": "total", "type": "quantitative", "format": ",.0f"}}},
        ]}
    return ChartSpec("bars", title, description, spec, len(values))


WIDTH, HEIGHT = 860, 640
# Estimated widths of a character in the labels (DejaVu Sans, the widest
# font a browser here draws them in), to keep labels from overlapping.
_CHAR = {12: 7.6, 11: 6.9}


def _place_labels(nodes: list[dict], scale) -> list[dict]:
    """Labels for the interventions and networks, then for the actors in two
    or more relations, each put above, below, right or left of its node,
    wherever it overlaps no label placed before and no node; a label that
    fits nowhere is left out (the tooltips and the table name every node)."""
    points = [scale(n["x"], n["y"]) for n in nodes]
    boxes: list[tuple[float, float, float, float]] = [(px - 5, py - 5, px + 5, py + 5) for px, py in points]
    placed = []
    order = sorted(range(len(nodes)), key=lambda i: (nodes[i]["side"] == "actor", -nodes[i]["degree"], nodes[i]["label"]))
    for i in order:
        node = nodes[i]
        if node["side"] == "actor" and node["degree"] < 2:
            continue
        size = 12 if node["side"] != "actor" else 11
        width, height = len(node["short"]) * _CHAR[size] + 4, size + 4
        px, py = points[i]
        for cx, cy in ((px, py - 12), (px, py + 14), (px + width / 2 + 8, py), (px - width / 2 - 8, py),
                       (px, py - 28), (px, py + 30), (px + width / 2 + 8, py - 14), (px - width / 2 - 8, py + 14)):
            box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            inside = box[0] >= -30 and box[2] <= WIDTH + 30 and box[1] >= 0 and box[3] <= HEIGHT
            if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
                boxes.append(box)
                placed.append({"px": round(cx, 1), "py": round(cy + size * 0.35, 1), "short": node["short"],
                               "size": size, "weight": "bold" if size == 12 else "normal", "text": node["text"]})
                break
    return placed


def network(nodes: list[dict], edges: list[dict]) -> ChartSpec:
    title = "Actors and interventions"
    description = (f"{len(nodes)} actors, interventions and networks joined by {len(edges)} relations (funder, "
                   "implementer, manager, partner, member), placed by a force-directed layout.")
    segments = []
    for number, e in enumerate(edges):
        for end, (x, y) in enumerate(((e["x1"], e["y1"]), (e["x2"], e["y2"]))):
            segments.append({"edge": number, "end": end, "x": x, "y": y, "role": e["role"], "text": e["text"]})
    xs, ys = [n["x"] for n in nodes] or [0, 1], [n["y"] for n in nodes] or [0, 1]
    x_domain, y_domain = [min(xs), max(xs)], [min(ys), max(ys)]

    def scale(x: float, y: float) -> tuple[float, float]:
        span_x, span_y = (x_domain[1] - x_domain[0]) or 1, (y_domain[1] - y_domain[0]) or 1
        return (x - x_domain[0]) / span_x * WIDTH, HEIGHT - (y - y_domain[0]) / span_y * HEIGHT

    labels = _place_labels(nodes, scale)
    x = {"field": "x", "type": "quantitative", "axis": None, "scale": {"domain": x_domain, "nice": False, "zero": False}}
    y = {"field": "y", "type": "quantitative", "axis": None, "scale": {"domain": y_domain, "nice": False, "zero": False}}
    pixel_x = {"field": "px", "type": "quantitative", "axis": None, "scale": None}
    pixel_y = {"field": "py", "type": "quantitative", "axis": None, "scale": None}
    spec = _base(title, description) | {
        "width": WIDTH, "height": HEIGHT,
        "layer": [
            {"data": {"values": segments}, "mark": {"type": "line", "strokeWidth": 1.4, "opacity": 0.8},
             "encoding": {"x": x, "y": y,
                          "detail": {"field": "edge"}, "order": {"field": "end"},
                          "color": {"field": "role", "type": "nominal", "sort": ROLE_ORDER, "title": "role",
                                    "scale": {"domain": ROLE_ORDER, "range": ROLE_COLOURS}},
                          "strokeDash": {"field": "role", "type": "nominal", "sort": ROLE_ORDER, "title": "role",
                                         "scale": {"domain": ROLE_ORDER, "range": ROLE_DASHES}},
                          "description": {"field": "text"}}},
            {"data": {"values": nodes}, "mark": {"type": "point", "filled": True, "size": 90, "stroke": "white"},
             "encoding": {"x": x, "y": y,
                          "shape": {"field": "side", "type": "nominal", "title": "node"},
                          "fill": {"value": "#333"},
                          "description": {"field": "text"}, "tooltip": {"field": "text"}}},
            # Labels where they fit (_place_labels); every node is named in
            # its tooltip and in the table beside the chart.
            {"data": {"values": labels},
             "mark": {"type": "text", "align": "center", "color": "#222"},
             "encoding": {"x": pixel_x, "y": pixel_y, "text": {"field": "short"},
                          "size": {"field": "size", "type": "quantitative", "scale": None, "legend": None},
                          "fontWeight": {"field": "weight", "type": "nominal", "scale": None, "legend": None},
                          "description": {"field": "text"}}},
        ]}
    return ChartSpec("network", title, description, spec, len(nodes) + len(edges))
