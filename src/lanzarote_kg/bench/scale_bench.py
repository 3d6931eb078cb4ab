"""`make bench-scale`: the whole build at 10k, 100k and 1M triples of the
scale corpus (see scale_corpus), with time, CPU time and peak resident
memory per stage, the seconds of each data check and each canned report on
the built store, and the growth ratio from one size to the next.

Each size is built in its own process (a fresh interpreter, so one size's
peak memory is not the previous one's), in a temporary copy of the project
whose data/ holds the paper's data plus the corpus. The machine is shared:
CPU seconds are printed next to wall seconds, as they move less with load.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from lanzarote_kg.bench.build_bench import example_parameters
from lanzarote_kg.bench.scale_corpus import write_corpus
from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.layout import Layout, find_root
from lanzarote_kg.pipeline.build import BuildOptions, run_build
from lanzarote_kg.pipeline.source import SourceText
from lanzarote_kg.sparql.catalogue import catalogue
from lanzarote_kg.sparql.engines import select_oxigraph
from lanzarote_kg.sparql.params import bind_parameters

SIZES = (10_000, 100_000, 1_000_000)
STAGES = ("parse", "reason", "validate", "check", "quotes", "serialize", "describe", "write", "total")
# Issue 16's targets for the build on a 2-core machine: wall seconds and peak
# bytes at 1M triples, the growth of wall time from 100k to 1M, and the
# slowest canned report on the 1M graph.
TARGETS = {"wall": 60.0, "peak": 4e9, "growth": 12.0, "report": 1.0}


def prepare(root: Path, size: int, workdir: Path, source: SourceText) -> tuple[Path, int]:
    """A copy of the project with `size` corpus triples in data/scale/."""
    project = workdir / f"scale-{size}"
    shutil.rmtree(project, ignore_errors=True)
    for folder in ("ontology", "queries", "data"):
        shutil.copytree(root / folder, project / folder)
    written = write_corpus(project / "data" / "scale" / "corpus.ttl", size, Layout(root), source)
    return project, written


def report_times(layout: Layout, store, repeat: int = 3) -> dict[str, float]:
    """Median seconds of each canned report on the built store."""
    times = {}
    for query in catalogue(layout.queries_dir):
        given = {p.name: p.default for p in query.parameters if p.default is not None}
        given.update(example_parameters(query))
        bindings = bind_parameters(query, given, store)
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            select_oxigraph(store, query.text, bindings)
            samples.append(time.perf_counter() - start)
        times[query.name] = statistics.median(samples)
    return times


def measure(project: Path, source: Path) -> dict:
    """Build one prepared project; the figures as a JSON-ready dict. The
    canned reports are timed on the release the build wrote (dist/'s
    N-Quads), as a user queries it, after the build's peak was taken."""
    from lanzarote_kg.core.namespaces import Graphs
    from lanzarote_kg.pipeline.access import NQUADS, store_from_file

    layout = Layout(project)
    result = run_build(layout, BuildOptions(out_dir=project / "dist", source=source, measure_memory=True))
    figures = {
        "ok": result.ok, "wall": result.timings, "cpu": result.meter.cpu,
        "peak": result.meter.peaks, "checks": result.check_timings,
        "max_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        # With its GNU sort children, sampled (their ru_maxrss counts the parent's pages at the fork).
        "tree_peak": max(result.meter.peaks.values(), default=0),
        "cpu_seconds": time.process_time(),
    }
    del result
    store = store_from_file(project / "dist" / NQUADS)
    counts = {str(g).rsplit("/", 1)[-1]: sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(str(g)))) for g in Graphs.ALL}
    counts["asserted"] = counts["ontology"] + counts["vocabularies"] + counts["data"]
    figures["counts"] = counts
    figures["reports"] = report_times(layout, store)
    return figures


def paper_build(root: Path) -> dict:
    """The paper's whole `lanzarote-kg build` as a user runs it: wall and
    CPU seconds and peak memory of the process and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lanzarote-kg-paper-") as out:
        subprocess.run([sys.executable, "-m", "lanzarote_kg", "--root", str(root), "build", "--out", out],
                       stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall": time.perf_counter() - start,
            "cpu": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
            "max_rss": after.ru_maxrss * 1024}


def _gb(value: float) -> str:
    return f"{value / 1e9:.2f}"


def print_table(runs: dict[int, dict], paper: dict | None = None) -> None:
    sizes = sorted(runs)
    print(f"machine: {os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 1e9:.0f} GB")
    for size in sizes:
        c = runs[size]["counts"]
        print(f"{size:>9,} corpus triples: {c['asserted']:,} asserted + {c['inferred']:,} inferred, "
              f"build ok: {runs[size]['ok']}, process peak RSS {_gb(runs[size]['max_rss'])} GB")
    head = "".join(f" {f'{s // 1000}k wall':>11} {'cpu':>7} {'GB':>6}" for s in sizes)
    growth = "".join(f" {f'x{b // a} size':>9}" for a, b in zip(sizes, sizes[1:]))
    print(f"\n{'stage':<16}{head}   growth of wall time{growth}")
    for stage in STAGES:
        cells = ""
        for size in sizes:
            run = runs[size]
            cells += (f" {run['wall'].get(stage, 0):>11.2f} {run['cpu'].get(stage, 0):>7.2f}"
                      f" {_gb(run['peak'].get(stage, run['max_rss'] if stage == 'total' else 0)):>6}")
        ratios = "".join(f" {_ratio(runs[a]['wall'].get(stage), runs[b]['wall'].get(stage)):>9}"
                         for a, b in zip(sizes, sizes[1:]))
        print(f"{stage:<16}{cells}   {'':>19}{ratios}")
    for title, key in (("data checks", "checks"), ("canned reports", "reports")):
        print(f"\n{title}, seconds")
        for name in sorted(runs[sizes[0]][key]):
            cells = "".join(f" {runs[s][key].get(name, 0):>9.3f}" for s in sizes)
            print(f"  {name:<28}{cells}")
        averages = "".join(f" {statistics.mean(runs[s][key].values()):>9.3f}" for s in sizes)
        print(f"  {'average':<28}{averages}")
    print()
    if paper is not None:
        print(f"paper build, whole process: {paper['wall']:.2f} s wall, {paper['cpu']:.2f} CPU s, "
              f"peak {_gb(paper['max_rss'])} GB\n")
    print("\n".join(target_lines(runs)))


def target_lines(runs: dict[int, dict]) -> list[str]:
    """Each target of the 1M build, met or missed, with the figure (the
    stages whose own figure alone misses it are named)."""
    big = runs.get(1_000_000)
    if big is None:
        return ["targets: no 1M build measured (not asked for, or stopped over --max-rss-gb)"]
    stages = [s for s in STAGES if s != "total"]
    over = lambda key, limit: ", ".join(s for s in stages if big[key].get(s, 0) > limit) or "none alone"

    def line(name: str, value: float, limit: float, unit: str, detail: str = "") -> str:
        verdict = "met" if value <= limit else "MISSED"
        return f"  {name:<34} {value:>8.2f} {unit:<3} (target <= {limit:g}) {verdict}{detail}"

    lines = ["targets at 1M triples:"]
    wall = big["wall"]["total"]
    cpu = f" ({big['cpu_seconds']:.1f} CPU s)" if "cpu_seconds" in big else ""
    lines.append(line("build wall time", wall, TARGETS["wall"], "s",
                      cpu + (f"; stages over it: {over('wall', TARGETS['wall'])}" if wall > TARGETS["wall"] else "")))
    peak = max(big["max_rss"], big.get("tree_peak", 0))
    lines.append(line("peak memory, with sort children", peak / 1e9, TARGETS["peak"] / 1e9, "GB",
                      f" (process alone {_gb(big['max_rss'])})"
                      + (f"; stages running when over it: {over('peak', TARGETS['peak'])}" if peak > TARGETS["peak"] else "")))
    if 100_000 in runs:
        growth = wall / runs[100_000]["wall"]["total"]
        lines.append(line("wall time 1M / 100k", growth, TARGETS["growth"], "x"))
    slow = {name: t for name, t in big["reports"].items() if t > TARGETS["report"]}
    lines.append(line("slowest canned report", max(big["reports"].values()), TARGETS["report"], "s",
                      f"; over it: {', '.join(sorted(slow))}" if slow else ""))
    return lines


def run_child(project: Path, limit: float) -> dict | None:
    """Measure one project in a child process; None when it was stopped for
    going over `limit` bytes resident (the machine is shared)."""
    child = subprocess.Popen([sys.executable, "-m", "lanzarote_kg.bench.scale_bench", "--measure", str(project)],
                             stdout=subprocess.PIPE, text=True)
    while child.poll() is None:
        try:
            with open(f"/proc/{child.pid}/statm", "rb") as handle:
                resident = int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            resident = 0
        if resident > limit:
            child.kill()
            child.wait()
            return None
        time.sleep(0.2)
    output = child.stdout.read()
    if child.returncode != 0:
        raise RuntimeError(f"measuring {project} failed with status {child.returncode}")
    return json.loads(output.strip().splitlines()[-1])


def _ratio(small: float | None, big: float | None) -> str:
    return f"{big / small:.1f}x" if small and big is not None else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lanzarote_kg.bench.scale_bench", description=__doc__)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="corpus sizes in triples, comma-separated")
    parser.add_argument("--workdir", help="where the project copies go (default: a temporary directory, removed)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # one prepared project, in a child process
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--max-rss-gb", type=float, default=6.0,
                        help="stop a size whose build goes over this resident memory (default 6)")
    args = parser.parse_args(argv)
    root = find_root()
    source = Layout(root).default_source
    if args.measure:
        print(json.dumps(measure(Path(args.measure), source)))
        return 0
    try:
        text = SourceText(source)  # the corpus quotes the paper: the text is needed
    except UserError as exc:
        print(f"error: {exc.code}: {exc.message}", file=sys.stderr)
        return 2
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="lanzarote-kg-scale-"))
    runs = {}
    print("building the paper ...", file=sys.stderr, flush=True)
    paper = paper_build(root)
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            project, written = prepare(root, size, workdir, text)
            print(f"building {written:,} corpus triples ...", file=sys.stderr, flush=True)
            figures = run_child(project, args.max_rss_gb * 1e9)
            if figures is None:
                print(f"{size:,}: stopped, the build went over {args.max_rss_gb:g} GB resident", file=sys.stderr)
                break
            runs[size] = figures
            shutil.rmtree(project, ignore_errors=True)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    print_table(runs, paper)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps({"paper": paper, **{str(k): v for k, v in runs.items()}},
                                              indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
