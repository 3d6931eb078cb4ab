"""Load figures for `make bench`: the paper's graph and synthetic graphs of
a million triples, each loaded into a local Oxigraph server and verified
through its query endpoint, then a comparison table in the shape of
published engine comparisons (load time, triples/s, CPU, server peak
memory, average report time) with the hardware, and the issue's loading
targets, met or missed.

`run(report)` calls report(name, seconds, note) once per figure. Methods:
`load --replace staged` and `direct` (Graph Store PUT), and `versioned`
(the bulk loader into a new version graph in parallel parts, verified by
reading it back in parallel, then switched, see triplestore.versioned_load):
a first load of a million triples, then a staged reload of another million
over it, whose time is what readers wait for (load + verify + switch); the
old version is dropped after the switch and timed on its own line. The
floor is `oxigraph load` of the same file into a fresh store (the engine's
own bulk loader, no HTTP, no verification). The staged path's MOVE copies
every triple once more inside one transaction, so it is measured on the
paper graph only unless LKG_BENCH_STAGED_SYNTHETIC=1.
"""
from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from lanzarote_kg.bench.build_bench import example_parameters
from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.layout import Layout, find_root
from lanzarote_kg.core.namespaces import Graphs
from lanzarote_kg.sparql.catalogue import catalogue
from lanzarote_kg.sparql.params import bind_parameters
from lanzarote_kg.triplestore.http_client import HttpClient
from lanzarote_kg.triplestore.remote_reports import RemoteStore, remote_runner
from lanzarote_kg.triplestore.sparql_protocol import Dataset, SparqlEndpoint
from lanzarote_kg.triplestore.version_check import predicate_counts
from lanzarote_kg.triplestore.versioned_load import VersionedLoader, served_graphs
from lanzarote_kg.triplestore.http_client import HttpOptions
from lanzarote_kg.triplestore.server import OxigraphServer, ServerOptions, free_port, oxigraph_command
from lanzarote_kg.bench.synthetic import write_synthetic
from lanzarote_kg.triplestore.loader import LoadOptions, Replace, load

SYNTHETIC_TRIPLES = 1_000_000
TARGET_RATE = 100_000  # triples/s end to end for a million triples, verification included (issue 16)
TARGET_RELOAD = 30.0  # seconds for a staged reload that keeps the old graph readable until verified

Report = Callable[[str, float, str], None]


def _load(server: OxigraphServer, file: Path, replace: Replace):
    options = LoadOptions(graph_store=server.store_url, query_endpoint=server.query_url, update_endpoint=server.update_url,
                          file=file, replace=replace, http=HttpOptions(timeout=3600, retries=0))
    start = time.perf_counter()
    outcome = load(options, log=lambda message: None)
    seconds = time.perf_counter() - start
    if not outcome.ok:
        problem = outcome.error.message if outcome.error else "; ".join(r.problem for r in outcome.results if r.problem)
        raise RuntimeError(f"load of {file} failed: {problem}")
    return seconds, outcome.results


def _note(results, seconds: float) -> str:
    triples = sum(r.sent for r in results)
    stages: dict[str, float] = {}
    for result in results:
        for stage, spent in result.stages.items():
            stages[stage] = stages.get(stage, 0.0) + spent
    parts = ", ".join(f"{stage} {spent:.1f}s" for stage, spent in stages.items())
    return f"{triples} triples in {len(results)} graph(s), {triples / seconds:,.0f} triples/s ({parts}; parse rest)"


@dataclass
class Row:
    """One line of the comparison table."""

    method: str
    triples: int
    seconds: float  # until readers see the new graph, verification included
    client_cpu: float
    server_cpu: float
    server_peak: int  # bytes
    report_ms: float | None = None

    @property
    def rate(self) -> float:
        return self.triples / self.seconds if self.seconds else 0.0


def _server_cpu(server: OxigraphServer) -> float:
    fields = Path(f"/proc/{server.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _server_peak(server: OxigraphServer, reset: bool = False) -> int:
    if reset:  # the kernel's high-water mark, reset for the next measurement
        Path(f"/proc/{server.process.pid}/clear_refs").write_text("5")
        return 0
    for line in Path(f"/proc/{server.process.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def _measured(server: OxigraphServer, action) -> tuple[float, float, float, int, object]:
    """(wall s, client CPU s, server CPU s, server peak bytes, outcome) of action()."""
    _server_peak(server, reset=True)
    start, cpu, server_cpu = time.perf_counter(), time.process_time(), _server_cpu(server)
    outcome = action()
    seconds = time.perf_counter() - start
    return (seconds, time.process_time() - cpu, _server_cpu(server) - server_cpu, _server_peak(server), outcome)


def engine_floor(file: Path, workdir: Path) -> Row:
    """`oxigraph load` of the file into a fresh store: the engine's own bulk
    loader, without HTTP or verification (its CPU is the child's)."""
    location = workdir / "floor"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([oxigraph_command(), "load", "--location", str(location), "--file", str(file)],
                   stdin=subprocess.DEVNULL, capture_output=True, check=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    shutil.rmtree(location, ignore_errors=True)
    triples = sum(1 for _ in open(file, "rb"))
    return Row("synthetic, `oxigraph load` CLI (engine floor, no HTTP, no verification)", triples, seconds, 0.0, cpu,
               after.ru_maxrss * 1024)


def _versioned_loader(server: OxigraphServer) -> VersionedLoader:
    return VersionedLoader(server.store_url, server.query_url, server.update_url,
                           HttpClient(HttpOptions(timeout=3600, retries=0)), parallel=os.cpu_count() or 2)


def _versioned(server: OxigraphServer, file: Path):
    outcome = _versioned_loader(server).reload(file, drop_superseded=False)
    if not outcome.ok:
        raise RuntimeError(f"versioned load of {file} failed: {outcome.problem}")
    return outcome


def average_report_ms(server: OxigraphServer, repeat: int = 3) -> float:
    """Mean over the canned reports (median of `repeat` runs each) through
    the endpoint, on the graphs a reader is told to use. A report whose
    example parameter names a node the loaded graph lacks (the synthetic
    data graph has no 'UNICEF') is left out of the mean."""
    layout = Layout(find_root())
    client = HttpClient(HttpOptions(timeout=600, retries=0))
    graphs = served_graphs(SparqlEndpoint(server.query_url, client), tuple(str(g) for g in Graphs.ALL))
    endpoint = SparqlEndpoint(server.query_url, client, dataset=Dataset(graphs, graphs))
    run, store = remote_runner(endpoint), RemoteStore(endpoint)
    means = []
    for query in catalogue(layout.queries_dir):
        given = {p.name: p.default for p in query.parameters if p.default is not None}
        given.update(example_parameters(query))
        try:
            bindings = bind_parameters(query, given, store)
        except UserError:
            continue
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            run(query.text, bindings, query.name)
            samples.append(time.perf_counter() - start)
        means.append(statistics.median(samples))
    return statistics.mean(means) * 1000


def print_table(rows: list[Row]) -> None:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    print(f"\nload comparison, Oxigraph {ox.__version__} server, hardware: {os.cpu_count()} cores (nproc), "
          f"{memory:.0f} GB memory (load time: until readers see the graph, verification included)")
    print("| method | triples | load time (s) | triples/s | client CPU (s) | server CPU (s) "
          "| server peak memory (GB) | avg report time (ms) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        report = "" if r.report_ms is None else f"{r.report_ms:.1f}"
        print(f"| {r.method} | {r.triples:,} | {r.seconds:.1f} | {r.rate:,.0f} | {r.client_cpu:.1f} | "
              f"{r.server_cpu:.1f} | {r.server_peak / 1e9:.2f} | {report} |")


def print_targets(rows: list[Row]) -> None:
    loads = [r for r in rows if r.method.startswith("synthetic, versioned first")]
    reloads = [r for r in rows if r.method.startswith("synthetic, versioned staged reload")]
    floor = [r for r in rows if "engine floor" in r.method]
    print("\nloading targets (issue 16):")
    if loads:
        r = loads[0]
        print(f"- >= {TARGET_RATE:,} triples/s end to end for 1M triples, verification included: "
              f"{r.rate:,.0f} triples/s, {'met' if r.rate >= TARGET_RATE else 'missed'}"
              + (f" (the engine's own `oxigraph load` alone: {floor[0].rate:,.0f} triples/s, "
                 f"{floor[0].server_cpu:.1f} CPU s)" if floor else ""))
    if reloads:
        r = reloads[0]
        print(f"- staged reload <= {TARGET_RELOAD:.0f} s, old graph readable until the new one is verified: "
              f"{r.seconds:.1f} s, {'met' if r.seconds <= TARGET_RELOAD else 'missed'}")


def run(report: Report, synthetic_triples: int = SYNTHETIC_TRIPLES) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="lanzarote-kg-bench-"))
    server = OxigraphServer(ServerOptions(workdir / "store", free_port(), writable=True))
    rows: list[Row] = []
    try:
        server.start()
        paper = find_root() / "dist" / "lanzarote-kg.trig"
        if paper.exists():
            for replace in (Replace.STAGED, Replace.DIRECT):
                seconds, cpu, scpu, peak, (_, results) = _measured(server, lambda: _load(server, paper, replace))
                report(f"triplestore: load paper graph ({replace.value})", seconds, _note(results, seconds))
                rows.append(Row(f"paper graph, {replace.value} (PUT{' + MOVE' if replace is Replace.STAGED else ''})",
                                sum(r.sent for r in results), seconds, cpu, scpu, peak, average_report_ms(server)))
            seconds, cpu, scpu, peak, outcome = _measured(server, lambda: _versioned(server, paper))
            report("triplestore: load paper graph (versioned)", seconds, _stages(outcome))
            rows.append(Row("paper graph, versioned (bulk POST + switch)", sum(outcome.graphs.values()), seconds, cpu,
                            scpu, peak, average_report_ms(server)))
        else:
            report("triplestore: load paper graph", 0.0, "skipped: dist/lanzarote-kg.trig not built")

        synthetic, second = workdir / "synthetic.nq", workdir / "synthetic-2.nq"
        start = time.perf_counter()
        written = write_synthetic(synthetic, synthetic_triples)
        write_synthetic(second, synthetic_triples, seed=7)
        report("triplestore: generate synthetic graphs", time.perf_counter() - start,
               f"2 x {written} triples, {synthetic.stat().st_size / 1e6:.0f} MB of N-Quads each")
        floor = engine_floor(synthetic, workdir)
        report(f"triplestore: `oxigraph load` of {written:,} synthetic triples (engine floor)", floor.seconds,
               f"{floor.rate:,.0f} triples/s, {floor.server_cpu:.1f} CPU s")
        rows.append(floor)
        modes = ([Replace.DIRECT] if os.environ.get("LKG_BENCH_DIRECT_SYNTHETIC", "1") == "1" else []) \
            + ([Replace.STAGED] if os.environ.get("LKG_BENCH_STAGED_SYNTHETIC") == "1" else [])
        for replace in modes:
            seconds, cpu, scpu, peak, (_, results) = _measured(server, lambda: _load(server, synthetic, replace))
            report(f"triplestore: load {written:,} synthetic triples ({replace.value})", seconds,
                   _note(results, seconds))
            rows.append(Row(f"synthetic, {replace.value} (PUT)", written, seconds, cpu, scpu, peak))
        for label, file in (("first load", synthetic), ("staged reload over it", second)):
            seconds, cpu, scpu, peak, outcome = _measured(server, lambda: _versioned(server, file))
            report(f"triplestore: {written:,} synthetic triples, versioned {label}", seconds, _stages(outcome))
            rows.append(Row(f"synthetic, versioned {label} (readers switched)", written, seconds, cpu, scpu, peak,
                            average_report_ms(server, repeat=1)))
            if outcome.superseded:
                loader = _versioned_loader(server)
                dropped = sum(sum(predicate_counts(loader.endpoint, g).values()) for g in outcome.superseded)
                seconds, cpu, scpu, peak, _ = _measured(server, lambda: loader.drop_superseded(outcome.superseded))
                report("triplestore: drop the superseded version (after the switch)", seconds, f"{dropped} triples")
                rows.append(Row("drop of the superseded version, after the switch (readers unaffected)", dropped,
                                seconds, cpu, scpu, peak))
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print_table(rows)
    print_targets(rows)


def _stages(outcome) -> str:
    return ", ".join(f"{stage} {spent:.1f}s" for stage, spent in outcome.stages.items())


if __name__ == "__main__":
    run(lambda name, seconds, note: print(f"{name}: {seconds:.2f} s  {note}", flush=True))
