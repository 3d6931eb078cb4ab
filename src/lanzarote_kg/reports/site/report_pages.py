"""The report pages' content: each canned report run once (a report with a
parameter, for its `#+ example:`), its rows as labelled, linked values, and
the rows of its chart where its header declares one (`#+ chart: NAME`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.namespaces import LKG
from lanzarote_kg.reports.runner import run_report
from lanzarote_kg.sparql.catalogue import SavedQuery, catalogue, read_query
from lanzarote_kg.sparql.engines import Table, select_oxigraph

from . import charts
from .graph_index import GraphIndex, Term, words
from .trace import Clause, Tracer, parse_trace
from .values import Passage, Value, cell_value

NETWORK_QUERY = Path("charts") / "network.rq"


@dataclass
class DisplayTable:
    variables: list[str]
    rows: list[list[Value | None]]
    headers: list[str] = field(default_factory=list)  # the columns in words
    evidence: list[list[Passage]] | None = None  # per row, where the report declares `#+ trace:`


def column_header(index: GraphIndex, variable: str) -> str:
    """A column's name in words: the label of the project's property of the
    same name (`startLine` is "start line"), else the name split into words
    (`servedBy` is "served by")."""
    return index.labels.get(str(LKG) + variable) or words(variable)


@dataclass
class ReportPage:
    query: SavedQuery
    table: Table          # the engine's rows, for the CSV and SPARQL JSON files
    cells: DisplayTable   # the same rows as display values
    example: str = ""
    chart_kind: str = ""
    chart_rows: list | None = None
    chart: object = None  # chart_specs.ChartSpec once drawn
    svg: str = ""
    traced_share: str = ""  # the rows linked to a passage, as "12 of 12"
    traced: int = 0
    chart_table: DisplayTable | None = None  # what the chart draws, as a table beside it


def _term(term) -> Term | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return Term(str(term), iri=True)
    if isinstance(term, Literal):
        return Term(str(term), datatype=str(term.datatype or ""), language=term.language or "")
    return Term(str(term))


def display_table(index: GraphIndex, table: Table, tracer: Tracer | None = None,
                  clauses: list[Clause] | None = None) -> DisplayTable:
    """The rows as display values, without the columns empty in every row;
    with `clauses` (a `#+ trace:` header), each row's supporting passages."""
    terms = [list(map(_term, row)) for row in table.rows]
    rows = [[None if t is None else cell_value(index, t) for t in row] for row in terms]
    keep = [i for i in range(len(table.variables)) if any(row[i] is not None and row[i].text for row in rows)]
    variables = [table.variables[i] for i in keep]
    evidence = None
    if clauses is not None and tracer is not None:
        evidence = [tracer.row(clauses, dict(zip(table.variables, row))) for row in terms]
    return DisplayTable(variables, [[row[i] for i in keep] for row in rows],
                        [column_header(index, v) for v in variables], evidence)


def _example(query: SavedQuery) -> dict[str, str]:
    key, _, value = query.extra.get("example", "").partition("=")
    return {key.strip(): value.strip()} if key.strip() and value.strip() else {}


def chart_kind(query: SavedQuery) -> str:
    kind = query.extra.get("chart", "")
    if kind and kind not in charts.CHARTS:
        raise UserError("LKG-S001", f"{query.path}: unknown chart {kind!r} in its '#+ chart:' header "
                                    f"(known: {', '.join(charts.CHARTS)})")
    return kind


def run_reports(queries_dir: Path, store, index: GraphIndex) -> list[ReportPage]:
    def label(term) -> tuple[str, str]:
        return index.label(str(term)), index.short_label(str(term))

    pages = []
    tracer = Tracer(index)
    for query in catalogue(queries_dir):
        needs = any(p.default is None for p in query.parameters)
        params = _example(query) if needs else {}
        if needs and not params:
            raise UserError("LKG-S002", f"{query.path}: a report with a parameter needs an '#+ example:' header "
                                        "(name=value) for its page")
        run = run_report(queries_dir, query.name, store, params)
        clauses = None
        if "trace" in query.extra:
            clauses = parse_trace(query.extra["trace"], run.table.variables, str(query.path))
        cells = display_table(index, run.table, tracer, clauses)
        page = ReportPage(query, run.table, cells, ", ".join(f"{k}={v}" for k, v in params.items()),
                          chart_kind(query))
        if cells.evidence is not None:
            traced = sum(1 for passages in cells.evidence if passages)
            page.traced = traced
            page.traced_share = f"{traced} of {len(cells.evidence)}"
        if page.chart_kind == "network":
            chart_query = read_query(queries_dir / NETWORK_QUERY)
            network = select_oxigraph(store, chart_query.text, origin=str(chart_query.path))
            page.chart_rows = charts.chart_rows("network", network, label)
            page.chart_table = display_table(index, network)
        elif page.chart_kind:
            page.chart_rows = charts.chart_rows(page.chart_kind, run.table, label)
        pages.append(page)
    return pages


def actor_profiles(queries_dir: Path, store, index: GraphIndex) -> dict[str, DisplayTable]:
    """The actor-profile report with its parameter left free: every actor's
    rows at once (the same rows as one run per actor), by actor."""
    query = read_query(queries_dir / "actor-profile.rq")
    table = select_oxigraph(store, query.text, origin=str(query.path))
    position = table.variables.index("actor")
    columns = [v for v in table.variables if v != "actor"]
    grouped: dict[str, list[tuple]] = {}
    for row in table.rows:
        grouped.setdefault(str(row[position]), []).append(tuple(t for i, t in enumerate(row) if i != position))
    # A node of two kinds (the Virtual Global Taskforce is an intervention
    # and an organisation) is one row naming both kinds.
    kind = columns.index("kind")
    for actor, rows in grouped.items():
        kinds: dict[tuple, list] = {}
        for row in rows:
            kinds.setdefault(row[:kind] + row[kind + 1:], []).append(row[kind])
        grouped[actor] = [key[:kind] + (_joined(found),) + key[kind:] for key, found in kinds.items()]
    # The report orders by role and context only: break its ties for a stable page.
    return {actor: display_table(index, Table(columns, sorted(rows, key=lambda r: [str(t or "") for t in r])))
            for actor, rows in grouped.items()}


def _joined(kinds: list) -> Literal | None:
    names = sorted({str(k) for k in kinds if k is not None})
    return Literal(", ".join(names)) if names else None
