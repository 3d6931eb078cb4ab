"""The analysts' report catalogue: saved SELECT queries under queries/,
run by name with typed parameters, written in several formats."""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from lanzarote_kg.sparql.catalogue import SavedQuery, catalogue, find
from lanzarote_kg.sparql.concat import sorted_concatenations
from lanzarote_kg.sparql.engines import Table, select_oxigraph
from lanzarote_kg.sparql.params import bind_parameters
from lanzarote_kg.sparql.results import Labeller, render, store_lookup
from lanzarote_kg.pipeline.serialization import write_atomic


@dataclass
class ReportRun:
    query: SavedQuery
    table: Table


def run_report(queries_dir: Path, name: str, store, given: dict[str, str] | None = None, runner=None) -> ReportRun:
    """Run one saved report. `runner(text, bindings, origin)` overrides the
    local Oxigraph engine (for instance a remote SPARQL endpoint)."""
    query = find(queries_dir, name)
    bindings = bind_parameters(query, given or {}, store)
    if runner is not None:
        table = runner(query.text, bindings, str(query.path))
    else:
        table = select_oxigraph(store, query.text, bindings, origin=str(query.path))
    # The engine chooses the order of GROUP_CONCAT's parts: sorted here, the
    # rows are the same locally and on any endpoint.
    return ReportRun(query, sorted_concatenations(table, query.text))


def _index_page(runs: list[ReportRun], skipped: list[SavedQuery]) -> str:
    items = []
    for run in runs:
        q = run.query
        items.append(
            f"<tr><td><a href=\"{q.name}.md\">{html.escape(q.title)}</a></td><td>{html.escape(q.question)}</td>"
            f"<td>{len(run.table.rows)}</td><td><a href=\"{q.name}.csv\">CSV</a></td></tr>")
    for q in skipped:
        params = ", ".join(p.name for p in q.parameters)
        items.append(f"<tr><td>{html.escape(q.title)}</td><td>{html.escape(q.question)}</td>"
                     f"<td colspan=\"2\">needs a parameter ({html.escape(params)}): "
                     f"<code>lanzarote-kg report {q.name} --param ...</code></td></tr>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>lanzarote-kg reports</title></head>"
            "<body>\n<h1>lanzarote-kg reports</h1>\n<table>\n<thead><tr><th>report</th><th>question</th><th>rows</th>"
            "<th>data</th></tr></thead>\n<tbody>\n" + "\n".join(items) + "\n</tbody></table>\n</body></html>\n")


def _index_markdown(runs: list[ReportRun], skipped: list[SavedQuery]) -> str:
    lines = ["# lanzarote-kg reports", "", "| report | question | rows |", "| --- | --- | --- |"]
    for run in runs:
        lines.append(f"| [{run.query.title}]({run.query.name}.md) | {run.query.question} | {len(run.table.rows)} |")
    for q in skipped:
        lines.append(f"| {q.title} | {q.question} | needs `--param` |")
    return "\n".join(lines) + "\n"


def write_all(queries_dir: Path, store, out_dir: Path, runner=None) -> list[ReportRun]:
    """Every report that needs no parameter (or has defaults for all), in
    Markdown and CSV, plus index.html and index.md. `runner` as in run_report."""
    runs, skipped = [], []
    labeller = Labeller(store_lookup(store))
    for query in catalogue(queries_dir):
        if any(p.default is None for p in query.parameters):
            skipped.append(query)
            continue
        run = run_report(queries_dir, query.name, store, runner=runner)
        runs.append(run)
        write_atomic(out_dir / f"{query.name}.md",
                     render(run.table, "md", labeller, query.title, query.question).encode("utf-8"))
        write_atomic(out_dir / f"{query.name}.csv", render(run.table, "csv", labeller).encode("utf-8"))
    write_atomic(out_dir / "index.html", _index_page(runs, skipped).encode("utf-8"))
    write_atomic(out_dir / "index.md", _index_markdown(runs, skipped).encode("utf-8"))
    return runs
