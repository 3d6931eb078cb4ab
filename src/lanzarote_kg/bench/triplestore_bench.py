"""Load figures for `make bench`: the paper's graph and a synthetic graph of
a million triples, each loaded into a local Oxigraph server with `load` and
verified through its query endpoint.

`run(report)` calls report(name, seconds, note) once per figure. The
synthetic graph goes in with --replace direct (Oxigraph 0.5.13's PUT is
atomic); the staged path's MOVE copies every triple once more inside one
transaction and takes several times longer on Oxigraph, so it is measured
on the paper graph only unless LKG_BENCH_STAGED_SYNTHETIC=1.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Callable

from lanzarote_kg.core.layout import find_root
from lanzarote_kg.triplestore.http_client import HttpOptions
from lanzarote_kg.triplestore.server import OxigraphServer, ServerOptions, free_port
from lanzarote_kg.bench.synthetic import write_synthetic
from lanzarote_kg.triplestore.loader import LoadOptions, Replace, load

SYNTHETIC_TRIPLES = 1_000_000

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


def run(report: Report, synthetic_triples: int = SYNTHETIC_TRIPLES) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="lanzarote-kg-bench-"))
    server = OxigraphServer(ServerOptions(workdir / "store", free_port(), writable=True))
    try:
        server.start()
        paper = find_root() / "dist" / "lanzarote-kg.trig"
        if paper.exists():
            for replace in (Replace.STAGED, Replace.DIRECT):
                seconds, results = _load(server, paper, replace)
                report(f"triplestore: load paper graph ({replace.value})", seconds, _note(results, seconds))
        else:
            report("triplestore: load paper graph", 0.0, "skipped: dist/lanzarote-kg.trig not built")

        synthetic = workdir / "synthetic.nq"
        start = time.perf_counter()
        written = write_synthetic(synthetic, synthetic_triples)
        report("triplestore: generate synthetic graph", time.perf_counter() - start,
               f"{written} triples, {synthetic.stat().st_size / 1e6:.0f} MB of N-Quads")
        modes = [Replace.DIRECT] + ([Replace.STAGED] if os.environ.get("LKG_BENCH_STAGED_SYNTHETIC") == "1" else [])
        for replace in modes:
            seconds, results = _load(server, synthetic, replace)
            report(f"triplestore: load {written:,} synthetic triples ({replace.value})", seconds,
                   _note(results, seconds))
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    run(lambda name, seconds, note: print(f"{name}: {seconds:.2f} s  {note}", flush=True))
