"""An overview diagram of the ontology as SVG, drawn without Graphviz.

Boxes are the classes that some lkg: object property links (its domain and
its range, both named classes); arrows are those properties. Classes sit on
a circle, grouped by their top-level class so that related boxes are
neighbours; arrows are slightly bent so that two properties in opposite
directions between the same classes do not overlap, and a property from a
class to itself is a loop. The output depends only on the ontology, so it
is byte-identical from one run to the next.
"""
from __future__ import annotations

import html
import math
from collections import defaultdict

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from lanzarote_kg.core.namespaces import LKG

_CHAR = 7.2  # average width of a character at font-size 12, in px
_BOX_H = 26


def _label(graph: Graph, term) -> str:
    return str(graph.value(term, RDFS.label) or str(term).rsplit("#", 1)[-1])


def edges(graph: Graph) -> list[tuple[URIRef, URIRef, URIRef]]:
    """(domain, property, range) for every lkg: object property with both."""
    found = []
    for prop in graph.subjects(RDF.type, OWL.ObjectProperty):
        if not str(prop).startswith(str(LKG)):
            continue
        domains = [d for d in graph.objects(prop, RDFS.domain) if isinstance(d, URIRef)]
        ranges = [r for r in graph.objects(prop, RDFS.range) if isinstance(r, URIRef)]
        found += [(d, prop, r) for d in domains for r in ranges]
    return sorted(found)


def _top(graph: Graph, cls) -> str:
    """The class's top-level lkg: ancestor, for grouping neighbours."""
    seen = []
    while cls not in seen:
        seen.append(cls)
        parents = sorted(p for p in graph.objects(cls, RDFS.subClassOf)
                         if isinstance(p, URIRef) and str(p).startswith(str(LKG)))
        if not parents:
            break
        cls = parents[0]
    return str(cls)


def overview_svg(graph: Graph, anchors: dict[str, str] | None = None) -> str:
    """The diagram; `anchors` maps a class IRI to the id of its entry in the HTML page."""
    links = edges(graph)
    nodes = _order(sorted({n for d, _, r in links for n in (d, r)}, key=lambda n: (_top(graph, n), str(n))), links)
    if not nodes:
        return '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n'
    labels = {n: _label(graph, n) for n in nodes}
    width = {n: len(labels[n]) * _CHAR + 20 for n in nodes}
    radius = max(220.0, sum(width.values()) * 1.0 / math.pi)
    margin = max(width.values()) / 2 + 60
    centre = radius + margin
    pos = {n: (centre + radius * math.cos(2 * math.pi * i / len(nodes) - math.pi / 2),
               centre + radius * math.sin(2 * math.pi * i / len(nodes) - math.pi / 2)) for i, n in enumerate(nodes)}
    merged: dict = defaultdict(list)
    for d, prop, r in links:
        merged[(d, r)].append(_label(graph, prop))
    size = round(2 * centre)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" height="{size}" '
           'font-family="sans-serif" font-size="12" role="img" aria-labelledby="overview-title">',
           '<title id="overview-title">lanzarote-kg: main classes and the object properties between them</title>',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>',
           '<g class="properties" fill="none" stroke="#777" stroke-width="1.2">']
    texts = []
    for (d, r), names in sorted(merged.items()):
        text = html.escape(", ".join(sorted(names)))
        (x1, y1), (x2, y2) = pos[d], pos[r]
        if d == r:  # a loop above the box
            top = y1 - _BOX_H / 2
            out.append(f'<path d="M {x1 - 12:.1f} {top:.1f} C {x1 - 40:.1f} {top - 50:.1f} {x1 + 40:.1f} '
                       f'{top - 50:.1f} {x1 + 12:.1f} {top:.1f}" marker-end="url(#arrow)"/>')
            texts.append(f'<text x="{x1:.1f}" y="{top - 42:.1f}" text-anchor="middle">{text}</text>')
            continue
        sx, sy = _border(x1, y1, x2, y2, width[d])
        ex, ey = _border(x2, y2, x1, y1, width[r])
        # Bend to the right of the direction of travel, so A->B and B->A part.
        mx, my = (sx + ex) / 2, (sy + ey) / 2
        length = math.hypot(ex - sx, ey - sy) or 1
        cx, cy = mx + (ey - sy) / length * 30, my - (ex - sx) / length * 30
        out.append(f'<path d="M {sx:.1f} {sy:.1f} Q {cx:.1f} {cy:.1f} {ex:.1f} {ey:.1f}" marker-end="url(#arrow)"/>')
        lx, ly = (sx + 2 * cx + ex) / 4, (sy + 2 * cy + ey) / 4
        texts.append(f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="middle">{text}</text>')
    out.append("</g>")
    out.append('<g class="property-labels" fill="#333" font-size="11">')
    out += texts
    out.append("</g>")
    out.append('<g class="classes">')
    for n in nodes:
        x, y = pos[n]
        w = width[n]
        fragment = (anchors or {}).get(str(n), str(n).rsplit("#", 1)[-1])
        out.append(f'<a href="#{html.escape(fragment)}"><rect x="{x - w / 2:.1f}" y="{y - _BOX_H / 2:.1f}" '
                   f'width="{w:.1f}" height="{_BOX_H}" rx="5" fill="#e8f0fb" stroke="#2f5d9b"/>'
                   f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" fill="#102a4c">'
                   f'{html.escape(labels[n])}</text></a>')
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _order(nodes: list, links: list) -> list:
    """Places on the circle: start from the grouping by top-level class, then
    swap two places while that shortens the arrows (the sum of the distances
    round the circle between linked classes). Deterministic: fixed start,
    fixed scan order, strict improvement only."""
    n = len(nodes)
    pairs = [(d, r) for d, _, r in links if d != r]

    def cost(order: list) -> int:
        where = {node: i for i, node in enumerate(order)}
        return sum(min(abs(where[d] - where[r]), n - abs(where[d] - where[r])) for d, r in pairs)

    order, best = list(nodes), cost(nodes)
    for _ in range(20):
        improved = False
        for i in range(n):
            for j in range(i + 1, n):
                order[i], order[j] = order[j], order[i]
                value = cost(order)
                if value < best:
                    best, improved = value, True
                else:
                    order[i], order[j] = order[j], order[i]
        if not improved:
            break
    return order


def _border(x1: float, y1: float, x2: float, y2: float, w: float) -> tuple[float, float]:
    """Where the segment from the centre of a box (x1, y1) towards (x2, y2) leaves the box."""
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return x1, y1
    scale = min((w / 2) / abs(dx) if dx else math.inf, (_BOX_H / 2) / abs(dy) if dy else math.inf)
    return x1 + dx * scale, y1 + dy * scale
