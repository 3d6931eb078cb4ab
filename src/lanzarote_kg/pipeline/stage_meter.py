"""Time and memory of the build's stages, for `make bench` and `make bench-scale`.

Wall time always; with `memory=True`, also the peak resident set size of
the process while each stage ran, sampled every 10 ms from /proc/self/statm
by a thread (stages overlap: validation runs beside the checks, and each
active stage gets the peaks seen while it ran). Child processes (GNU sort)
count too. Sampling, not tracemalloc,
because most of the memory is the native engines' (Oxigraph, reasonable,
pyshacl-turbo), which tracemalloc does not see. Off by default: the paper's
build does not pay for the thread.
"""
from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _statm_bytes(pid: str) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0  # no /proc, or the child just ended


def _children() -> list[str]:
    try:
        tasks = os.listdir("/proc/self/task")
    except OSError:
        return []
    pids = []
    for task in tasks:
        try:
            with open(f"/proc/self/task/{task}/children", "rb") as handle:
                pids += handle.read().decode().split()
        except OSError:
            continue
    return pids


def resident_bytes() -> int:
    """The resident set size now of the process and its child processes
    (the build sorts in GNU sort children); 0 where /proc is absent."""
    return _statm_bytes("self") + sum(_statm_bytes(pid) for pid in _children())


class StageMeter:
    def __init__(self, memory: bool = False, interval: float = 0.01):
        self.timings: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.peaks: dict[str, int] = {}
        self._active: set[str] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._sampler = None
        if memory:
            self._sampler = threading.Thread(target=self._sample, args=(interval,), daemon=True)
            self._sampler.start()

    def _record(self, rss: int) -> None:
        with self._lock:
            for name in self._active:
                self.peaks[name] = max(self.peaks.get(name, 0), rss)

    def _sample(self, interval: float) -> None:
        while not self._stop.wait(interval):
            self._record(resident_bytes())

    @contextmanager
    def stage(self, name: str):
        start, cpu = time.perf_counter(), time.process_time()
        if self._sampler:
            with self._lock:
                self._active.add(name)
            self._record(resident_bytes())
        try:
            yield
        finally:
            if self._sampler:
                self._record(resident_bytes())
                with self._lock:
                    self._active.discard(name)
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start
            # Process CPU time counts every thread: overlapping stages share it.
            self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - cpu

    def close(self) -> None:
        self._stop.set()
        if self._sampler:
            self._sampler.join()
