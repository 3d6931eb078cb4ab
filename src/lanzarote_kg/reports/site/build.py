"""`lanzarote-kg site`: the analysts' site in dist/site/, in this order:
start the chart worker (it warms up); index the graph once; run the
reports and hand their charts to the worker; write the entity pages, the
source page, the entity index and the search index meanwhile; then the
report pages and the home page."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from lanzarote_kg.core.namespaces import LKG
from lanzarote_kg.pipeline.source import SourceText
from lanzarote_kg.sparql.results import to_json, to_labelled_csv

from . import query_page
from .chart_worker import ChartWorker
from .charts import add_titles, spec_for
from .entities import build_entity, page_entities
from .graph_index import GRAPH_NAMES, RDF_TYPE, index_store
from .report_pages import actor_profiles, run_reports
from .source_page import Part, source_view
from .values import START_LINE, Value, sort_key
from .writer import SiteWriter

DOCUMENT = "https://w3id.org/lanzarote-kg/id/document/coe-2012-international-cooperation-lanzarote"
ABOUT = ("A knowledge graph of international cooperation against the sexual exploitation and sexual abuse of "
         "children, built from one document: the Council of Europe background paper International cooperation "
         "and the Lanzarote Convention, prepared for the International Conference in Rome, 29-30 November 2012. "
         "It holds the instruments the paper names with their provisions and obligations, the actors, the "
         "interventions with who funded, implemented and partnered them, the events, the offences and the 4Ps. "
         "Every fact points to the passage of the paper it comes from.")


@dataclass
class Source:
    """The paper's text for the source page, or why it is not shown."""
    lines: list[str] | None
    note: str = ""


def read_source(path: Path | None, looked_for: Path, expected_sha: str) -> Source:
    """The text at `path` if it is the one the graph was built from."""
    if path is None:
        return Source(None, f"The paper's text was not found ({looked_for}) when this site was built, "
                            "so it is not shown here.")
    text = SourceText(path)
    if expected_sha and text.sha256 != expected_sha:
        return Source(None, f"The text at {path} is not the one the graph was built from (its SHA-256 differs), "
                            "so it is not shown here.")
    return Source(text.lines)


@dataclass
class SiteResult:
    out: Path
    pages: dict[str, int] = field(default_factory=dict)
    files: int = 0
    seconds: float = 0.0


def build_site(queries_dir: Path, store, out: Path, source_path: Path | None, looked_for: Path,
               graph_file: Path | None = None) -> SiteResult:
    """Write the site into `out`. `source_path` is the paper's text (None
    when absent); `looked_for` is where it was looked for, for the note;
    `graph_file` the N-Quads or TriG file the store was read from, if any
    (the query page loads it)."""
    started = time.perf_counter()
    with ChartWorker() as charts:
        return _build(queries_dir, store, out, source_path, looked_for, charts, started, graph_file)


def _build(queries_dir: Path, store, out: Path, source_path: Path | None, looked_for: Path,
           charts: ChartWorker, started: float, graph_file: Path | None) -> SiteResult:
    graph = query_page.GraphScript(store, graph_file)  # in a thread, while the pages are written
    index = index_store(store)
    reports = run_reports(queries_dir, store, index)
    for report in reports:
        if report.chart_kind:
            report.chart = spec_for(report.chart_kind, report.chart_rows)
    charts.submit({r.query.name: r.chart.spec for r in reports if r.chart_kind})
    profiles = actor_profiles(queries_dir, store, index)
    sha = index.first(DOCUMENT, str(LKG.sha256))
    site = {"title": index.label(DOCUMENT), "about": ABOUT, "source_sha": sha.value if sha else ""}
    source = read_source(source_path, looked_for, site["source_sha"])
    writer = SiteWriter(out, site)
    try:
        by_kind: dict[str, list[Value]] = {}
        by_passage: dict[tuple[int, int, str], list[Value]] = {}
        for iri in page_entities(index):
            entity = build_entity(index, iri)
            writer.page(entity.path, "entity.html", e=entity, profile=profiles.get(iri))
            link = Value(entity.label, href=entity.path, iri=iri)
            by_kind.setdefault(entity.kind, []).append(link)
            for passage in entity.passages:
                by_passage.setdefault((passage.start, passage.end, passage.quote), []).append(link)
        view = source_view(source.lines, by_passage, source.note, _linked_lines(index))
        view.contents = _contents(index)
        writer.page("source.html", "source.html", src=view)
        groups = [{"kind": kind, "label": label, "entities": sorted(by_kind[kind], key=sort_key)}
                  for kind, label in index.kinds.items() if kind in by_kind]
        writer.page("entities.html", "entities.html", groups=groups)
        writer.file("search-index.js", _search_index(index, groups, source.lines))
        writer.page("search.html", "search.html")
        drawn = charts.get()
        for report in reports:
            if report.chart_kind:
                report.svg = add_titles(drawn[report.query.name])
            name = report.query.name
            writer.page(f"reports/{name}.html", "report.html", r=report)
            writer.file(f"reports/{name}.csv", to_labelled_csv(report.table, lambda term: index.label(str(term))))
            writer.file(f"reports/{name}.srj", to_json(report.table))
        site["triples"] = [(name, index.triples[name]) for name in GRAPH_NAMES if name in index.triples]
        site["kinds"] = [(g["kind"], g["label"], len(g["entities"])) for g in groups]
        site["passages"] = len(by_passage)
        writer.page("index.html", "home.html", reports=reports)
        writer.page("query.html", "query.html", oxigraph=query_page.OXIGRAPH,
                    examples=[r.query for r in reports], config=query_page.config(reports, index))
        writer.file(query_page.WASM_SCRIPT, query_page.wasm_script())
        writer.file("graph.js", graph.result())
        writer.finish()
    except BaseException:
        writer.abandon()
        raise
    pages = {kind: len(links) for kind, links in by_kind.items()}
    pages |= {"report": len(reports), "home, source, search, query and entity index": 5}
    return SiteResult(out, pages, writer.count, time.perf_counter() - started)


def _search_index(index, groups, lines: list[str] | None) -> str:
    """The documents MiniSearch indexes in the browser, as a script (a JSON
    file could not be fetched from file://): every entity, and every line
    of the paper's text that has words."""
    entities = [{"id": v.href, "label": v.text, "kind": g["label"], "alt": " | ".join(index.alt_labels(v.iri))}
                for g in groups for v in g["entities"]]
    text = [{"id": f"source.html#L{number}", "line": number, "text": line.strip()}
            for number, line in enumerate(lines or [], start=1) if any(c.isalpha() for c in line)]
    # no indent: json's C encoder (an indent takes the pure-Python one)
    return ("window.LKG_SEARCH = " + json.dumps({"entities": entities, "lines": text}, ensure_ascii=False,
                                                 sort_keys=True, separators=(",", ":")) + ";\n")


def _contents(index) -> list[Part]:
    """The document's sections (lkg:Section) in the order printed, each as
    deep as its chain of lkg:subPartOf: the source page's table of contents."""
    section, sub_part_of = str(LKG.Section), str(LKG.subPartOf)
    parts = []
    for iri, facts in index.out.items():
        if any(p == RDF_TYPE and t.value == section for p, t in facts):
            line = index.first(iri, START_LINE)
            if line is None or not line.value.isdigit():
                continue
            depth, parent, seen = 0, index.first(iri, sub_part_of), {iri}
            while parent is not None and parent.value not in seen:
                seen.add(parent.value)
                depth += 1
                parent = index.first(parent.value, sub_part_of)
            parts.append(Part(index.label(iri), int(line.value), depth))
    return sorted(parts, key=lambda p: (p.line, p.depth, p.label))


def _linked_lines(index) -> frozenset[int]:
    """Every line a link may point to: the first line of each part of the
    source documents and of each passage, whether or not its subject has a
    page (a value's support can be another node's passage)."""
    return frozenset(int(line.value) for iri in index.out for line in index.all(iri, START_LINE)
                     if line.value.isdigit())
