"""Property-based fuzzing (hypothesis): random truncations and byte changes
of a data file, a shapes file and a query file; tokens longer than the
parser's buffer; parameter values that are not text (issue 23). Whatever the bytes, the CLI
answers with exit 0 (the change was harmless, e.g. inside a comment), 1
(the graph does not pass) or 2 (a user error), never a traceback, and a
failure starts with one `error:`/`failed:` line; a user error is that line
alone. Each example is bounded in time: past PER_EXAMPLE_SECONDS the
process prints every thread's stack and exits (a hang fails the run).

`make test` runs a bounded, derandomized sample; `make fuzz` runs
LKG_FUZZ_SCALE times more examples, random each time."""
from __future__ import annotations

import faulthandler
import os
import re
import shutil
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import ROOT
from hostile_helpers import run_main

SCALE = int(os.environ.get("LKG_FUZZ_SCALE", "0"))  # 0: the bounded run of `make test`
PER_EXAMPLE_SECONDS = 120
# Bytes that matter to Turtle and SPARQL, and some that are no text at all.
_INTERESTING = b"<>\"'{}()[];,.:#\\@^_?$!&|=*+-/%\n\r\t 0123456789aAeEuUfFtTsS\x00\x7f\xc3\xff"
EXIT_CODES: Counter = Counter()


def _settings(examples: int):
    if SCALE:
        return settings(max_examples=examples * SCALE, deadline=None, derandomize=False,
                        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def mutations(draw, original: bytes) -> bytes:
    """The original cut at a random point and/or with a few bytes changed."""
    data = bytearray(original)
    truncate = draw(st.booleans())
    if truncate:
        del data[draw(st.integers(0, len(data))):]
    for _ in range(draw(st.integers(0 if truncate else 1, 8))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        data[at] = draw(st.sampled_from(_INTERESTING) | st.integers(0, 255))
    return bytes(data)


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory) -> Path:
    """A small project: the ontology (whole: the shapes name terms of every
    module, and the build refuses undeclared terms), the paper's structure
    and the UNGASS data."""
    root = tmp_path_factory.mktemp("fuzz") / "project"
    for folder in ("ontology", "data/paper", "queries"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "data" / "events").mkdir()
    shutil.copy(ROOT / "data" / "events" / "ungass.ttl", root / "data" / "events" / "ungass.ttl")
    return root


@pytest.fixture(scope="module")
def fuzz_graph(fuzz_project) -> Path:
    """The small project's graph as N-Quads, for the query examples."""
    from lanzarote_kg.core.layout import Layout
    from lanzarote_kg.pipeline.build import run_build

    path = fuzz_project / "small.nq"
    run_build(Layout(fuzz_project), ).store.dump(str(path), format=ox.RdfFormat.N_QUADS)
    return path


def _check(run) -> None:
    EXIT_CODES[run.returncode] += 1
    assert run.returncode in (0, 1, 2), (run.returncode, run.stderr[-3000:])
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    if run.returncode == 0:
        return
    lines = [line for line in run.stderr.splitlines() if line and not line.startswith("warning: LKG-W")]
    assert lines, run.stderr
    if run.returncode == 2:
        assert len(lines) == 1 and lines[0].startswith("error: LKG-"), run.stderr[-3000:]
    else:
        assert lines[0].startswith("failed: LKG-") and all(line.startswith("  ") for line in lines[1:]), \
            run.stderr[-3000:]


def _run_bounded(*args: str, root: Path):
    faulthandler.dump_traceback_later(PER_EXAMPLE_SECONDS, exit=True)
    try:
        return run_main(*args, root=root)
    finally:
        faulthandler.cancel_dump_traceback_later()


def _with_bytes(path: Path, data: bytes, *args: str, root: Path):
    original = path.read_bytes()
    path.write_bytes(data)
    try:
        return _run_bounded(*args, root=root)
    finally:
        path.write_bytes(original)


_DATA = (ROOT / "data" / "events" / "ungass.ttl").read_bytes()
_SHAPES = (ROOT / "ontology" / "shapes" / "core.ttl").read_bytes()
_QUERY = (ROOT / "queries" / "world-congresses.rq").read_bytes()


def _changed(original: bytes, old: bytes, new: bytes) -> bytes:
    changed = re.sub(old, new, original, count=1)
    assert changed != original
    return changed


# Besides the random examples, the damage of issue 12 that crashed before.
@_settings(examples=10)
@given(data=mutations(_DATA))
@example(data=_changed(_DATA, rb"lkg:startLine [0-9]+", b'lkg:startLine "abc"'))
def test_a_damaged_data_file(fuzz_project, data):
    _check(_with_bytes(fuzz_project / "data" / "events" / "ungass.ttl", data, "validate", root=fuzz_project))


@_settings(examples=10)
@given(data=mutations(_SHAPES))
@example(data=_changed(_SHAPES, rb"sh:minInclusive 1", b'sh:minInclusive "x"^^xsd:integer'))
def test_a_damaged_shapes_file(fuzz_project, data):
    _check(_with_bytes(fuzz_project / "ontology" / "shapes" / "core.ttl", data, "validate", root=fuzz_project))


@_settings(examples=100)
@given(data=mutations(_QUERY), engine=st.sampled_from(["oxigraph", "rdflib"]))
@example(data=_changed(_QUERY, rb"SELECT", b"SELECT \xff"), engine="oxigraph")
def test_a_damaged_query_file(fuzz_project, fuzz_graph, data, engine):
    query = fuzz_project / "fuzz.rq"
    query.write_bytes(data)
    _check(_run_bounded("query", str(query), "--engine", engine, "--graph", str(fuzz_graph), root=fuzz_project))


# Issue 23: tokens around and past the parser's 16 MiB buffer, of every kind
# a Turtle file can hold, give exit 2 and one line naming the file, never MemoryError.
_SUBJECT = b"<https://w3id.org/lanzarote-kg/id/x/long> "
_TOKENS = {
    "string": (_SUBJECT + b'<http://www.w3.org/2000/01/rdf-schema#comment> "', b'" .\n'),
    "long-string": (_SUBJECT + b"<http://www.w3.org/2000/01/rdf-schema#comment> '''", b"''' .\n"),
    "iri": (_SUBJECT + b"<http://www.w3.org/2000/01/rdf-schema#seeAlso> <https://x/", b"> .\n"),
    "prefixed-name": (b"@prefix x: <https://x/> .\n" + _SUBJECT + b"<http://www.w3.org/2000/01/rdf-schema#seeAlso> x:",
                      b" .\n"),
    "integer": (_SUBJECT + b"<http://www.w3.org/2000/01/rdf-schema#comment> ", b" .\n"),
}
_BUFFER = 16 * 1024 * 1024


@_settings(examples=3)
@given(kind=st.sampled_from(sorted(_TOKENS)), extra=st.sampled_from([1, 1024, 4 * 1024 * 1024]))
@example(kind="string", extra=1)
def test_a_token_longer_than_the_parsers_buffer(fuzz_project, kind, extra):
    head, tail = _TOKENS[kind]
    body = (b"7" if kind == "integer" else b"a") * (_BUFFER + extra)
    path = fuzz_project / "data" / "long-token.ttl"
    path.write_bytes(head + body + tail)
    try:
        run = _run_bounded("validate", root=fuzz_project)
    finally:
        path.unlink()
    _check(run)
    assert run.returncode == 2, run.stderr[-3000:]
    assert run.stderr.startswith(("error: LKG-E007: ", "error: LKG-E006: ", "error: LKG-E003: ")), run.stderr[-3000:]
    assert f"{path}:" in run.stderr


# Issue 23: parameter values that are not text (bytes a Latin-1 terminal
# sends, lone surrogates, control characters) are one LKG-Q017 line, locally
# and with --endpoint (refused before any connection), never a traceback.
_NOT_TEXT = st.one_of(
    st.binary(min_size=1, max_size=12).map(lambda b: b.decode("utf-8", "surrogateescape")),
    st.text(alphabet=st.characters(blacklist_categories=()), min_size=1, max_size=12),
)


@_settings(examples=30)
@given(value=_NOT_TEXT, remote=st.booleans())
@example(value="UNICEF\udcff", remote=False)
@example(value="UNICEF\udcff", remote=True)
def test_a_parameter_value_that_may_not_be_text(fuzz_project, fuzz_graph, value, remote):
    from lanzarote_kg.core.errors import FREE_TEXT_CONTROLS, text_problem

    where = ["--endpoint", "http://127.0.0.1:9/sparql", "--retries", "0"] if remote else ["--graph", str(fuzz_graph)]
    run = _run_bounded("report", "actor-profile", "--param", f"actor={value}", *where, root=fuzz_project)
    _check(run)
    if text_problem(value, FREE_TEXT_CONTROLS):
        assert run.returncode == 2 and run.stderr.startswith("error: LKG-Q017: "), run.stderr[-3000:]
        run.stderr.encode("utf-8")  # printable: no lone surrogate reaches the terminal


@pytest.fixture(scope="module", autouse=True)
def fuzz_summary():
    """Prints how many examples ran and how they exited (shown with -s)."""
    yield
    print(f"\nfuzz examples by exit code: {dict(sorted(EXIT_CODES.items()))}, total {sum(EXIT_CODES.values())}")
