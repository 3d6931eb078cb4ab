"""`make bench`: time the build stages and the reports, on the default
engines and on the reference engines side by side, in one run."""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from lanzarote_kg.pipeline.build import BuildOptions, run_build
from lanzarote_kg.sparql.catalogue import catalogue
from lanzarote_kg.sparql.engines import Engine, select_oxigraph, select_rdflib
from lanzarote_kg.core.layout import Layout, find_root
from lanzarote_kg.sparql.params import bind_parameters
from lanzarote_kg.pipeline.reasoning import Reasoner
from lanzarote_kg.pipeline.validation import ShaclEngine

STAGES = ("parse", "reason", "validate", "check", "quotes", "serialize", "describe", "write")


def _median_timings(layout: Layout, options: BuildOptions, repeat: int) -> tuple[dict, object]:
    runs, result = [], None
    for _ in range(repeat):
        result = run_build(layout, options)
        runs.append(result.timings)
    medians = {stage: statistics.median(run.get(stage, 0.0) for run in runs) for stage in (*STAGES, "total")}
    return medians, result


def bench_build(layout: Layout, out: Path, repeat: int) -> object:
    fast_options = BuildOptions(out_dir=out)
    reference_options = BuildOptions(reasoner=Reasoner.OWLRL, shacl_engine=ShaclEngine.PYSHACL,
                                     sparql_engine=Engine.RDFLIB, out_dir=out)
    fast, result = _median_timings(layout, fast_options, repeat)
    reference, _ = _median_timings(layout, reference_options, 1)
    counts = result.counts()
    print(f"paper graph: {counts['asserted']} asserted triples, {counts['inferred']} inferred "
          f"(ontology {counts['ontology']}, vocabularies {counts['vocabularies']}, data {counts['data']})")
    print(f"\nbuild stages, seconds (default: median of {repeat}; reference: 1 run)")
    print(f"{'stage':<16} {'default':>9} {'reference':>10} {'ratio':>7}   engines")
    engines = {"parse": "Oxigraph | Oxigraph", "reason": "compiled rules | owlrl",
               "validate": "compiled SPARQL | pyshacl", "check": "Oxigraph SPARQL | rdflib SPARQL",
               "quotes": "Python | Python", "serialize": "Oxigraph + GNU sort | the same",
               "describe": "Python | Python", "write": "files | files"}
    for stage in STAGES:
        ratio = reference[stage] / fast[stage] if fast[stage] > 0 else float("nan")
        print(f"{stage:<16} {fast[stage]:>9.3f} {reference[stage]:>10.3f} {ratio:>6.1f}x   {engines[stage]}")
    # Validation runs beside check and serialize, so the wall time is less than the sum.
    print(f"{'wall':<16} {fast['total']:>9.3f} {reference['total']:>10.3f} {reference['total'] / fast['total']:>6.1f}x"
          "   whole build in the process (validation overlaps check and serialize)")
    return result


def bench_reports(layout: Layout, result, repeat: int) -> None:
    graph = result.rdflib_graph
    print(f"\nreports, milliseconds (median of {repeat})")
    print(f"{'report':<24} {'rows':>5} {'oxigraph':>9} {'rdflib':>9} {'ratio':>7}")
    for query in catalogue(layout.queries_dir):
        given = {p.name: p.default for p in query.parameters if p.default is not None}
        if any(p.default is None for p in query.parameters):
            given.update(example_parameters(query))
        bindings = bind_parameters(query, given, result.store)
        times = {}
        for engine in (Engine.OXIGRAPH, Engine.RDFLIB):
            samples = []
            for _ in range(repeat):
                start = time.perf_counter()
                if engine is Engine.OXIGRAPH:
                    table = select_oxigraph(result.store, query.text, bindings)
                else:
                    table = select_rdflib(graph, query.text, bindings)
                samples.append(time.perf_counter() - start)
            times[engine] = statistics.median(samples) * 1000
        ratio = times[Engine.RDFLIB] / times[Engine.OXIGRAPH] if times[Engine.OXIGRAPH] else float("nan")
        print(f"{query.name:<24} {len(table.rows):>5} {times[Engine.OXIGRAPH]:>9.1f} {times[Engine.RDFLIB]:>9.1f} {ratio:>6.1f}x")


def example_parameters(query) -> dict:
    # A real value for each parameter without a default: the first example in
    # the header ("#+ example: name=value"), so the timing uses real data.
    examples = {}
    for item in query.extra.get("example", "").split(";"):
        key, _, value = item.strip().partition("=")
        if key:
            examples[key.strip()] = value.strip()
    return examples


def bench_triplestore() -> None:
    try:
        from lanzarote_kg.bench import triplestore_bench as triplestore
    except ImportError:
        return
    print("\ntriplestore loads (Oxigraph server, Graph Store Protocol)")

    def report(name: str, seconds: float, note: str = "") -> None:
        print(f"{name:<40} {seconds:>9.2f} s   {note}")

    triplestore.run(report)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lanzarote_kg.bench", description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement on the default path")
    parser.add_argument("--out", default="dist/bench", help="where the benchmark builds write their artifacts")
    parser.add_argument("--skip-triplestore", action="store_true")
    args = parser.parse_args(argv)
    layout = Layout(find_root())
    result = bench_build(layout, Path(args.out), args.repeat)
    bench_reports(layout, result, args.repeat)
    from lanzarote_kg.bench.site_bench import bench_site
    bench_site(layout, result.store, Path(args.out), max(args.repeat, 5))
    if not args.skip_triplestore:
        bench_triplestore()
    return 0


