"""The graph artifacts of a build, streamed through files (issue 22).

Every named graph is written as N-Triples lines (Oxigraph dumps the store's
graphs; the annotations come as text, see annotations), sorted with GNU
sort in the C locale, then each artifact is written from the sorted files
as a stream: no list of every statement is ever held in Python. The files
are made in a hidden staging folder inside dist/ and renamed into place
only when the build passes (`commit`), so a failed build leaves dist/ as it
was, and nothing half-written.

Order of the dataset files (TriG, N-Quads): the named graphs in the order of
Graphs.ALL, each sorted by its N-Triples text, then the description."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from lanzarote_kg.core.errors import BuildFailure
from lanzarote_kg.core.namespaces import PREFIXES, Graphs
from lanzarote_kg.pipeline.external_sort import Sorting, duplicate_lines
from lanzarote_kg.pipeline.line_statistics import LineCounts, combined

TURTLE, NTRIPLES, JSONLD = "lanzarote-kg.ttl", "lanzarote-kg-full.nt", "lanzarote-kg.jsonld"
TRIG, NQUADS = "lanzarote-kg.trig", "lanzarote-kg.nq"
_BODY = "dataset-body.nq"  # the N-Quads of the named graphs, before the description is known
_BODY_TRIG = "dataset-body.trig"  # the same as TriG
_SORTS_AT_ONCE = 2  # GNU sort processes (each with its BUFFER) running together
_CHUNK = 1 << 20
_BLOCK = 16 << 20  # characters of N-Triples counted and rewritten at a time


def _short(graph: str) -> str:
    return graph.rsplit("/", 1)[-1]


class ReleaseFiles:
    """A staging folder in `out_dir` for the artifacts of one build."""

    def __init__(self, out_dir: Path):
        out_dir.mkdir(parents=True, exist_ok=True)
        self.out_dir = out_dir
        self.dir = Path(tempfile.mkdtemp(dir=out_dir, prefix=".build-"))
        self.counts: dict[str, LineCounts] = {}  # graph IRI -> its statistics' counts
        self.total: LineCounts | None = None  # the union of the graphs, each statement once
        self.payloads: dict[str, bytes] = {}  # small artifacts (reports, description), by file name
        self._trig: Writing | None = None  # the child writing the graphs' TriG

    def path(self, name: str) -> Path:
        return self.dir / name

    def _graph_file(self, graph: str) -> Path:
        return self.dir / f"graph-{_short(graph)}.nt"

    def write_graphs(self, store: ox.Store, annotations: Iterable[str]) -> None:
        """The sorted N-Triples of every named graph, the Turtle, JSON-LD and
        N-Triples artifacts, the N-Quads of the graphs and their counts.
        The sorts and the Turtle and JSON-LD writers run in child processes
        while this one makes the annotations and counts the statements."""
        sorts: list[Sorting] = []

        def sort(raw: Path, graph: str) -> None:
            if len(sorts) >= _SORTS_AT_ONCE:  # each holds a buffer: bounded memory
                sorts.pop(0).wait()
            sorts.append(Sorting([raw], self._graph_file(graph), temporary=self.dir))

        for graph in (*Graphs.ASSERTED, Graphs.INFERRED):
            raw = self.dir / f"raw-{_short(graph)}.nt"
            store.dump(output=str(raw), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(graph)))
            sort(raw, str(graph))
        raw = self.dir / "raw-annotations.nt"
        with open(raw, "w", encoding="utf-8") as handle:
            handle.writelines(annotations)
        sort(raw, str(Graphs.ANNOTATIONS))
        for sorting in sorts:
            sorting.wait()
        asserted = [self._graph_file(str(g)) for g in Graphs.ASSERTED]
        inferred = self._graph_file(str(Graphs.INFERRED))
        self._trig = Writing("trig", self.path(_BODY_TRIG),
                             [f"{g}={self._graph_file(str(g))}" for g in Graphs.ALL], PREFIXES)
        children = [Sorting(asserted + [inferred], self.path(NTRIPLES), unique=True, merge=True, temporary=self.dir),
                    Writing("turtle", self.path(TURTLE), asserted, PREFIXES),
                    Writing("json-ld", self.path(JSONLD), asserted)]
        self._write_body()
        graphs = [self._graph_file(str(g)) for g in Graphs.ALL]
        self.total = combined(list(self.counts.values()), duplicate_lines(graphs))
        for child in children:
            child.wait()

    def _write_body(self) -> None:
        """The named graphs as N-Quads, counted on the way, a block of whole
        lines at a time (a line ends in " .\\n", which no term holds)."""
        with open(self.path(_BODY), "w", encoding="utf-8") as body:
            for graph in Graphs.ALL:
                counts = LineCounts()
                suffix = f" <{graph}> .\n"
                with open(self._graph_file(str(graph)), encoding="utf-8", newline="\n") as lines:
                    while block := lines.read(_BLOCK):
                        block += lines.readline()
                        counts.add_text(block)
                        body.write(block.replace(" .\n", suffix))
                if counts.triples:
                    self.counts[str(graph)] = counts

    def write_dataset(self, description: list[ox.Triple]) -> None:
        """The N-Quads and TriG files: the graphs, then the description. The
        graphs' TriG was written by a child process meanwhile; the
        description's follows it without the prefix lines TriG opens with
        (the same bytes as writing both at once: tested on the paper)."""
        graph = ox.NamedNode(str(Graphs.DESCRIPTION))
        quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in description]
        body = self.path(_BODY)
        with open(body, "ab") as handle:
            handle.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
        body.rename(self.path(NQUADS))
        described = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES).split(b"\n")
        opening = next((i for i, line in enumerate(described) if not line.startswith(b"@prefix ")), len(described))
        trig = self._trig.wait()
        with open(trig, "ab") as handle:
            handle.write(b"\n".join(described[opening:]))
        trig.rename(self.path(TRIG))

    def digest(self, name: str) -> tuple[int, str]:
        """Size in bytes and SHA-256 of a staged or in-memory artifact."""
        if name in self.payloads:
            return len(self.payloads[name]), hashlib.sha256(self.payloads[name]).hexdigest()
        sha = hashlib.sha256()
        with open(self.path(name), "rb") as handle:
            while chunk := handle.read(_CHUNK):
                sha.update(chunk)
        return self.path(name).stat().st_size, sha.hexdigest()

    def artifacts(self) -> list[str]:
        names = set(self.payloads) | {p.name for p in self.dir.iterdir() if not p.name.startswith(("graph-", "raw-"))}
        return sorted(names - {_BODY, _BODY_TRIG})

    def commit(self) -> None:
        """Every artifact renamed into dist/ (world-readable), then the staging folder removed."""
        for name, payload in self.payloads.items():
            self.path(name).write_bytes(payload)
        for name in self.artifacts():
            os.chmod(self.path(name), 0o644)
            os.replace(self.path(name), self.out_dir / name)
        self.discard()

    def discard(self) -> None:
        """The staging folder removed, and a child still writing into it
        (after a failed build, or an error) stopped."""
        if self._trig is not None:
            self._trig.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class Writing:
    """A graph_writer child process; `wait()` raises if it failed."""

    def __init__(self, fmt: str, output: Path, inputs: list[Path], prefixes: dict | None = None):
        self.output = output
        command = [sys.executable, "-m", "lanzarote_kg.pipeline.graph_writer", fmt, str(output),
                   json.dumps({k: str(v) for k, v in (prefixes or {}).items()})] + [str(p) for p in inputs]
        self._process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()

    def wait(self) -> Path:
        _, error = self._process.communicate()
        if self._process.returncode != 0:
            raise BuildFailure("LKG-B004", f"writing {self.output.name} failed: "
                               f"{error.decode('utf-8', 'replace').strip()[-500:] or self._process.returncode}")
        return self.output
