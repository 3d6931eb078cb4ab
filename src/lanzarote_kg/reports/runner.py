"""The analysts' report catalogue: saved SELECT queries under queries/,
run by name with typed parameters, written in several formats."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lanzarote_kg.sparql.catalogue import SavedQuery, catalogue, find
from lanzarote_kg.sparql.concat import sorted_concatenations
from lanzarote_kg.sparql.engines import Table, select_oxigraph
from lanzarote_kg.sparql.params import bind_parameters
from lanzarote_kg.sparql.results import Labeller, render, store_lookup, to_labelled_csv
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


def _index_markdown(runs: list[ReportRun], skipped: list[SavedQuery]) -> str:
    lines = ["# lanzarote-kg reports", "", "| report | question | rows |", "| --- | --- | --- |"]
    for run in runs:
        lines.append(f"| [{run.query.title}]({run.query.name}.md) | {run.query.question} | {len(run.table.rows)} |")
    for q in skipped:
        lines.append(f"| {q.title} | {q.question} | needs `--param` |")
    return "\n".join(lines) + "\n"


def write_all(queries_dir: Path, store, out_dir: Path, runner=None) -> list[ReportRun]:
    """Every report that needs no parameter (or has defaults for all), in
    Markdown and CSV (each IRI column followed by its labels), plus index.md.
    The HTML view of the reports is the site's (reports.site): no second,
    unstyled index.html here. `runner` as in run_report."""
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
        # For spreadsheets: each IRI column followed by its labels.
        write_atomic(out_dir / f"{query.name}.csv", to_labelled_csv(run.table, labeller).encode("utf-8"))
    stale = out_dir / "index.html"  # written by earlier versions
    if stale.is_file():
        stale.unlink()
    write_atomic(out_dir / "index.md", _index_markdown(runs, skipped).encode("utf-8"))
    return runs
