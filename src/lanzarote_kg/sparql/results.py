"""Formatting query results: a readable table, and the W3C SPARQL 1.1
results formats (CSV, TSV, JSON) for machines; Markdown and HTML for people."""
from __future__ import annotations

import csv
import html
import io
import json

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from lanzarote_kg.sparql.engines import Table

FORMATS = ("table", "csv", "tsv", "json", "md", "html")


def _plain(term) -> str:
    return "" if term is None else str(term)


class Labeller:
    """Shows an IRI by its label where the graph has one."""

    def __init__(self, lookup=None):
        # lookup: IRI -> label or None (see graph_lookup and store_lookup)
        self.lookup = lookup
        self.cache: dict = {}

    def __call__(self, term) -> str:
        if term is None:
            return ""
        if not isinstance(term, URIRef) or self.lookup is None:
            return str(term)
        if term not in self.cache:
            label = self.lookup(term)
            self.cache[term] = str(label) if label is not None else str(term)
        return self.cache[term]


def graph_lookup(graph: Graph):
    def lookup(term):
        return graph.value(term, RDFS.label) or graph.value(term, SKOS.prefLabel)
    return lookup


def store_lookup(store):
    import pyoxigraph as ox

    def lookup(term):
        for predicate in (str(RDFS.label), str(SKOS.prefLabel)):
            for quad in store.quads_for_pattern(ox.NamedNode(str(term)), ox.NamedNode(predicate), None, None):
                return quad.object.value
        return None
    return lookup


def to_csv(table: Table, delimiter: str = ",") -> str:
    # SPARQL 1.1 CSV: plain values; CRLF line ends (RFC 4180).
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(table.variables)
    for row in table.rows:
        writer.writerow([_plain(t) for t in row])
    return buffer.getvalue()


def to_labelled_csv(table: Table, label) -> str:
    """CSV for a spreadsheet: as to_csv, with each column that holds IRIs
    followed by a column of their labels ("offence", "offence label");
    `label(term)` names an IRI."""
    linked = [any(isinstance(row[i], URIRef) for row in table.rows) for i in range(len(table.variables))]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = []
    for variable, has_iris in zip(table.variables, linked):
        header += [variable, f"{variable} label"] if has_iris else [variable]
    writer.writerow(header)
    for row in table.rows:
        cells = []
        for term, has_iris in zip(row, linked):
            cells.append(_plain(term))
            if has_iris:
                cells.append(label(term) if isinstance(term, URIRef) else "")
        writer.writerow(cells)
    return buffer.getvalue()


def _tsv_term(term) -> str:
    # SPARQL 1.1 TSV: terms in Turtle/N-Triples syntax.
    if term is None:
        return ""
    if isinstance(term, (URIRef, BNode)):
        return term.n3()
    value = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    if term.language:
        return f'"{value}"@{term.language}'
    if term.datatype:
        return f'"{value}"^^<{term.datatype}>'
    return f'"{value}"'


def to_tsv(table: Table) -> str:
    lines = ["\t".join(f"?{v}" for v in table.variables)]
    for row in table.rows:
        lines.append("\t".join(_tsv_term(t) for t in row))
    return "\n".join(lines) + "\n"


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    result = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal):
        if term.language:
            result["xml:lang"] = term.language
        elif term.datatype:
            result["datatype"] = str(term.datatype)
    return result


def to_json(table: Table) -> str:
    bindings = []
    for row in table.rows:
        bindings.append({v: _json_term(t) for v, t in zip(table.variables, row) if t is not None})
    document = {"head": {"vars": table.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _cells(table: Table, labeller: Labeller) -> list[list[str]]:
    return [[labeller(t) for t in row] for row in table.rows]


def to_text_table(table: Table, labeller: Labeller) -> str:
    cells = _cells(table, labeller)
    widths = [len(v) for v in table.variables]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]
    widths = [min(w, 60) for w in widths]

    def fit(text: str, width: int) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    lines = ["  ".join(fit(v, w).ljust(w) for v, w in zip(table.variables, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(fit(c, w).ljust(w) for c, w in zip(row, widths)).rstrip())
    lines.append(f"({len(table.rows)} row{'s' if len(table.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(table: Table, labeller: Labeller, title: str = "", question: str = "") -> str:
    lines = []
    if title:
        lines += [f"# {title}", ""]
    if question:
        lines += [question, ""]
    lines.append("| " + " | ".join(table.variables) + " |")
    lines.append("|" + "|".join(" --- " for _ in table.variables) + "|")
    for row in _cells(table, labeller):
        lines.append("| " + " | ".join(_md_cell(c) for c in row) + " |")
    lines += ["", f"{len(table.rows)} row{'s' if len(table.rows) != 1 else ''}."]
    return "\n".join(lines) + "\n"


def to_html(table: Table, labeller: Labeller, title: str = "", question: str = "") -> str:
    head = "".join(f"<th>{html.escape(v)}</th>" for v in table.variables)
    body = []
    for raw, row in zip(table.rows, _cells(table, labeller)):
        tds = []
        for term, text in zip(raw, row):
            if isinstance(term, URIRef):
                tds.append(f'<td><a href="{html.escape(str(term))}">{html.escape(text)}</a></td>')
            else:
                tds.append(f"<td>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title></head><body>\n"
        + (f"<h1>{html.escape(title)}</h1>\n" if title else "")
        + (f"<p>{html.escape(question)}</p>\n" if question else "")
        + f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody></table>\n"
        + f"<p>{len(table.rows)} rows.</p>\n</body></html>\n"
    )


def render(table: Table, fmt: str, labeller: Labeller, title: str = "", question: str = "") -> str:
    if fmt == "csv":
        return to_csv(table)
    if fmt == "tsv":
        return to_tsv(table)
    if fmt == "json":
        return to_json(table)
    if fmt == "md":
        return to_markdown(table, labeller, title, question)
    if fmt == "html":
        return to_html(table, labeller, title, question)
    return to_text_table(table, labeller)
