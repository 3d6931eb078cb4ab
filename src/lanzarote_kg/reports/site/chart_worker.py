"""The charts, from rows to SVG, in a forked worker process.

vl-convert holds the GIL while its embedded JavaScript engine starts (about
0.9 s on the first call) and networkx takes about 0.5 s to import, so
drawing in a thread would not overlap with writing the pages; a forked
child does. Where fork is not available the charts are drawn in-process."""
from __future__ import annotations

import multiprocessing


def draw_all(jobs: dict[str, tuple]) -> dict[str, tuple]:
    """jobs: report name -> (chart kind, rows). Returns name -> (ChartSpec, svg)."""
    import vl_convert

    from .charts import spec_for

    drawn = {}
    for name, (kind, rows) in sorted(jobs.items()):
        chart = spec_for(kind, rows)
        drawn[name] = (chart, vl_convert.vegalite_to_svg(chart.spec))
    return drawn


class PendingCharts:
    """Charts being drawn while the caller does other work."""

    def __init__(self, jobs: dict[str, tuple]):
        self._jobs = jobs
        self._pool = self._result = None
        if jobs and "fork" in multiprocessing.get_all_start_methods():
            self._pool = multiprocessing.get_context("fork").Pool(1)
            self._result = self._pool.apply_async(draw_all, (jobs,))

    def get(self) -> dict[str, tuple]:
        if self._pool is None:
            return draw_all(self._jobs)
        try:
            return self._result.get()
        finally:
            self._pool.close()
            self._pool.join()
