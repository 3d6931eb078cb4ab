"""Deterministic artifacts, written atomically.

The same input gives byte-identical files: blank nodes of the ontology are
canonically labelled at load time, those of the data are skolemized, and
every line-based format is sorted. Each file is written to a temporary
name in the target directory and renamed into place, so a failed build
never leaves a half-written artifact.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.compare import to_canonical_graph


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sorted_lines(text: str) -> bytes:
    lines = sorted(set(line for line in text.splitlines() if line.strip()))
    return ("\n".join(lines) + "\n").encode("utf-8")


def ntriples(graph: Graph) -> bytes:
    return sorted_lines(graph.serialize(format="nt"))


def nquads(dataset: Dataset) -> bytes:
    return sorted_lines(dataset.serialize(format="nquads"))


def turtle(graph: Graph) -> bytes:
    return graph.serialize(format="turtle").encode("utf-8")


def trig(named_graphs: list[tuple[str, Graph]], prefixes: dict) -> bytes:
    """TriG with the named graphs in the given order (rdflib's Dataset
    serializer orders them by hash) and one shared prefix block."""
    prefix_lines: set[str] = set()
    bodies = []
    for name, graph in named_graphs:
        single = Dataset()
        target = single.graph(name)
        target += graph
        for prefix, namespace in prefixes.items():
            single.bind(prefix, namespace, override=True, replace=True)
        text = single.serialize(format="trig")
        body = []
        for line in text.splitlines():
            if line.startswith("@prefix"):
                prefix_lines.add(line)
            else:
                body.append(line)
        bodies.append("\n".join(body).strip())
    return ("\n".join(sorted(prefix_lines)) + "\n\n" + "\n\n".join(b for b in bodies if b) + "\n").encode("utf-8")


def _sorted_json(value, key: str = ""):
    """JSON-LD arrays are unordered (except @list): sort them for stable output."""
    if isinstance(value, dict):
        return {k: _sorted_json(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        if key == "@list":
            return items
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


def jsonld(graph: Graph, context: dict) -> bytes:
    """JSON-LD with nodes, arrays and keys sorted, for stable diffs."""
    document = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    document = _sorted_json(document)
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def canonical_turtle(graph: Graph, prefixes: dict) -> bytes:
    """Turtle of a graph whose blank nodes come from an engine (a report)."""
    canonical = Graph()
    canonical += to_canonical_graph(graph)
    for prefix, namespace in prefixes.items():
        canonical.bind(prefix, namespace, override=True, replace=True)
    return turtle(canonical)
