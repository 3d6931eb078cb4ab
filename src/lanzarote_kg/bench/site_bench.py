"""`make bench`: the report site's generation time on the paper graph (the
target is at most 2 s), median of several builds from the built store."""
from __future__ import annotations

import statistics
import time
from pathlib import Path

from lanzarote_kg.core.layout import Layout
from lanzarote_kg.reports.site.build import build_site


def bench_site(layout: Layout, store, out: Path, repeat: int) -> None:
    source = layout.default_source if layout.default_source.exists() else None
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        started_cpu = time.process_time()
        result = build_site(layout.queries_dir, store, out / "site", source, layout.default_source)
        walls.append(result.seconds)
        cpus.append(time.process_time() - started_cpu)  # this process only; the chart worker is apart
    pages = sum(result.pages.values())
    print(f"\nreport site: {pages} pages, {result.files} files (median of {repeat})")
    print(f"{'site':<10} {statistics.median(walls):>9.3f} s wall, {statistics.median(cpus):.3f} s CPU in the main "
          f"process (first {walls[0]:.3f}, min {min(walls):.3f}, max {max(walls):.3f}; target 2 s)")
