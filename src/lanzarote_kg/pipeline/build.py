"""The build pipeline: load, reason, validate, check, serialize.

`run_build` is the library entry point; the CLI's `build` and `validate`
commands and the tests call it. Every stage is timed for `make bench`.
"""
from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox

from lanzarote_kg.pipeline.annotations import annotation_lines, expanded_support_lines
from lanzarote_kg.sparql.catalogue import catalogue
from lanzarote_kg.pipeline.coverage import Coverage, compute_coverage
from lanzarote_kg.pipeline.line_coverage import DocumentLines, line_coverage
from lanzarote_kg.sparql.engines import Engine, Table, select_oxigraph, select_rdflib
from lanzarote_kg.sparql.safety import check_safe
from lanzarote_kg.pipeline.declared_terms import check_terms
from lanzarote_kg.pipeline.imports import import_warnings
from lanzarote_kg.pipeline.knowledge_graph import KnowledgeGraph, load
from lanzarote_kg.core.layout import Layout
from lanzarote_kg.core.namespaces import LKG, PREFIXES, Graphs
from lanzarote_kg.pipeline.locate import locate_statement
from lanzarote_kg.pipeline.quotes import verify_quotes
from lanzarote_kg.pipeline.sources import Sources, load_sources
from lanzarote_kg.pipeline.reasoning import Reasoner, infer
from lanzarote_kg.pipeline.validation import ShaclEngine, ValidationReport, validate
from lanzarote_kg.pipeline import serialization as ser
from lanzarote_kg.pipeline.release_files import ReleaseFiles
from lanzarote_kg.pipeline.stage_meter import StageMeter

@dataclass(frozen=True)
class BuildOptions:
    reasoner: Reasoner = Reasoner.COMPILED
    shacl_engine: ShaclEngine = ShaclEngine.COMPILED
    sparql_engine: Engine = Engine.OXIGRAPH  # for the data checks
    out_dir: Path | None = None  # None: validate only, write nothing
    source: Path | None = None  # a source text or the folder of them; None: skip the quote check
    measure_memory: bool = False  # peak RSS per stage (make bench-scale), see stage_meter


@dataclass
class CheckFailure:
    name: str
    title: str
    severity: str
    problem: str
    solution: str
    table: Table


@dataclass
class BuildResult:
    kg: KnowledgeGraph
    report: ValidationReport
    check_failures: list[CheckFailure]
    engine_errors: list[str]
    quote_problems: list = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # "LKG-Wnnn: ..." lines; they do not fail the build
    meter: StageMeter | None = None  # per-stage CPU time and peak RSS; per-check times
    check_timings: dict[str, float] = field(default_factory=dict)
    coverage: Coverage | None = None
    sources: Sources | None = None
    anchors: list = field(default_factory=list)  # quotes.Anchor, one per passage located in its text
    lines: list[DocumentLines] = field(default_factory=list)  # how much of each source text is told

    @property
    def store(self):
        """The Oxigraph store of the release's named graphs. The build's own
        store holds no annotations (issue 22); they are added on first use."""
        if not self.kg.annotated:
            self.kg.add_annotations(release_annotations(self.anchors, self.sources, self.kg.store))
        return self.kg.store

    @property
    def rdflib_graph(self):
        """The release's graphs, annotations included, as one rdflib graph
        (for rdflib's SPARQL engine)."""
        self.store  # noqa: B018 (adds the annotations)
        return self.kg.full_graph

    @property
    def blocking_checks(self) -> list[CheckFailure]:
        return [c for c in self.check_failures if c.severity == "error"]

    @property
    def ok(self) -> bool:
        return (self.report.conforms and not self.blocking_checks and not self.engine_errors
                and not self.quote_problems)

    def counts(self) -> dict[str, int]:
        self.store  # noqa: B018 (adds the annotations graph)
        counts = {name.rsplit("/", 1)[-1]: self.kg.count(name) for name in Graphs.ALL}
        counts["asserted"] = counts["ontology"] + counts["vocabularies"] + counts["data"]
        return counts


def statement_locator(kg: KnowledgeGraph, predicate):
    """`locate(subject, literal value)`: "data file:line" of the statement
    `subject predicate "value"` (the line where the value is written), or ""."""
    def locate(subject: str, value: str) -> str:
        return locate_statement(kg, ox.NamedNode(subject), ox.NamedNode(str(predicate)), ox.Literal(value))
    return locate


def run_checks(layout: Layout, kg: KnowledgeGraph, engine: Engine = Engine.OXIGRAPH,
               timings: dict | None = None) -> list[CheckFailure]:
    """Run every query of queries/checks/; each must return no rows. The
    seconds each took go into `timings` (by check name) when given."""
    failures = []
    for check in catalogue(layout.checks_dir):
        start = time.perf_counter()
        if engine is Engine.OXIGRAPH:
            table = select_oxigraph(kg.store, check.text, origin=str(check.path))
        else:
            table = select_rdflib(kg.full_dataset, check.text, origin=str(check.path))
        if timings is not None:
            timings[check.name] = time.perf_counter() - start
        if table.rows:
            failures.append(CheckFailure(check.name, check.title, check.severity or "error",
                                         check.problem, check.solution, table))
    return failures


def run_build(layout: Layout, options: BuildOptions = BuildOptions()) -> BuildResult:
    """Load, reason, then validate while the data checks, the quote check and
    the serialization run: the SHACL engine works in native code outside the
    GIL, so the machine's second core does the validation."""
    # The build allocates a few hundred thousand short-lived terms and no
    # reference cycles worth collecting: the cyclic collector only costs time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run_build(layout, options)
    finally:
        if collecting:
            gc.enable()


def _run_build(layout: Layout, options: BuildOptions) -> BuildResult:
    meter = StageMeter(memory=options.measure_memory)
    timings, check_timings = meter.timings, {}
    started = time.perf_counter()
    stage = meter.stage

    with stage("parse"):
        checks = catalogue(layout.checks_dir)
        for check in checks:  # refused before the graph is loaded, not after reasoning
            check_safe(check.text, str(check.path))
        kg = load(layout)
        check_terms(layout, kg.store, kg.shape_triples)  # a misspelt term fails here, as in qc
        # A source folder that names no document is the user's mistake: say so before any work.
        sources = load_sources(kg.store, options.source, statement_locator(kg, LKG.textFile))
    with stage("reason"):
        closure = infer(kg.store, options.reasoner, ordered=False)
        kg.set_inferred(closure.inferred)

    def timed_validation() -> ValidationReport:
        with stage("validate"):
            return validate(kg, options.shacl_engine)

    release = ReleaseFiles(options.out_dir) if options.out_dir is not None else None
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            validation = pool.submit(timed_validation)
            with stage("check"):
                failures = run_checks(layout, kg, options.sparql_engine, check_timings)
                coverage = compute_coverage(kg, layout.queries_dir)
                lines = line_coverage(kg.store, sources)
            with stage("quotes"):
                quote_problems, anchors = verify_quotes(kg.store, sources)
                quote_problems = [replace(p, where=locate_statement(kg, ox.NamedNode(p.passage), LKG.quote,
                                                                      ox.Literal(p.quote))) for p in quote_problems]
            if release is not None:
                with stage("serialize"):  # the annotations are written, never added to the store
                    release.write_graphs(kg.store, release_annotations(anchors, sources, kg.store))
            report = validation.result()
        warnings = import_warnings(kg.store, kg.origins) + closure.warnings + report.warnings
        result = BuildResult(kg, report, failures, closure.engine_errors, quote_problems, timings, warnings, meter,
                             check_timings,
                             coverage=coverage, sources=sources, anchors=anchors, lines=lines)
        if release is not None:
            release.payloads["validation-report.ttl"] = ser.canonical_turtle(report.report_graph, PREFIXES)
            if result.ok:
                with stage("describe"):
                    describe_release(layout, kg, release, report)
            with stage("write"):
                write_artifacts(result, release)
    finally:
        if release is not None:
            release.discard()
    meter.close()
    timings["total"] = time.perf_counter() - started
    return result


def release_annotations(anchors, sources: Sources, store) -> Iterator[str]:
    """The annotations graph as N-Triples lines: the passages' anchors, then
    their supports written out."""
    yield from annotation_lines(anchors, sources)
    yield from expanded_support_lines(store)


def describe_release(layout: Layout, kg: KnowledgeGraph, release: ReleaseFiles, report: ValidationReport) -> None:
    """The rest of dist/: the SPARQL examples and the w3id redirect rules,
    then the description of every artifact (pipeline.description) in its
    own named graph of the TriG and N-Quads files, and as void.ttl with the
    size and checksum of those two."""
    from lanzarote_kg import __version__
    from lanzarote_kg.pipeline import description as desc
    from lanzarote_kg.pipeline.examples import EXAMPLES_FILE, PREFIXES as EXAMPLE_PREFIXES, example_triples
    from lanzarote_kg.pipeline.line_statistics import as_statistics
    from lanzarote_kg.pipeline.redirects import HTACCESS, htaccess

    facts = desc.release_facts(kg.store, __version__, layout.root / "CHANGELOG.md")
    release.payloads[EXAMPLES_FILE] = ser.turtle(example_triples(layout.queries_dir, kg.store, facts.endpoint),
                                                 EXAMPLE_PREFIXES)
    release.payloads[HTACCESS] = htaccess()
    files = {name: release.digest(name) for name in release.artifacts()}
    files.update({name: None for name in desc.SELF_CONTAINING})
    graphs = {graph: as_statistics(counts) for graph, counts in release.counts.items()}
    triples = desc.description_triples(facts, graphs, as_statistics(release.total), files)
    release.write_dataset(triples)
    for name in desc.SELF_CONTAINING:
        triples += desc.size_and_checksum(facts.version, name, *release.digest(name))
    release.payloads[desc.VOID_FILE] = ser.turtle(sorted(triples, key=str), desc.DESCRIPTION_PREFIXES)


def write_artifacts(result: BuildResult, release: ReleaseFiles) -> None:
    """The validation report always; the graph artifacts only when the
    build passed, so dist/ never holds a graph that failed validation."""
    if result.ok:
        release.commit()
    else:
        ser.write_atomic(release.out_dir / "validation-report.ttl", release.payloads["validation-report.ttl"])
