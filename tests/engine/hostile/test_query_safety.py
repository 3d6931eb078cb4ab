"""No saved query reaches the network, whatever its spelling, on any path
that runs one: `query` (both engines), `report`, the data checks of the
build, the QC checks and `report --endpoint`. Each spelling below made
Oxigraph open a connection before the check read tokens: a server on
127.0.0.1 counts connections, whatever code opens them."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import copy_project
from hostile_helpers import SMALL_GRAPH, ConnectionRecorder, run_main, write_query
from lanzarote_kg.core.errors import UserError
from lanzarote_kg.sparql.safety import check_safe


def tokenize(text: str):
    from lanzarote_kg.sparql.lexer import tokenize as tokens  # new in issue 12

    return tokens(text)

# Spellings that reach out; {url} is the recording server. Comments say how
# an engine reads each one.
REACHING_OUT = {
    # Oxigraph reads SERVICE + svc:x (no word boundary after a keyword).
    "keyword glued to a prefixed name": ("PREFIX svc: <{url}>\nSELECT * WHERE {{ SERVICEsvc:x {{ ?s ?p ?o }} }}",
                                         "LKG-Q012", "SERVICE"),
    "keyword then an empty-prefix name": ("PREFIX : <{url}>\nSELECT * WHERE {{ SERVICE:x {{ ?s ?p ?o }} }}",
                                          "LKG-Q012", "SERVICE"),
    # Oxigraph reads the boolean true, then SERVICE.
    "a boolean glued to SERVICE": ("SELECT * WHERE {{ OPTIONAL {{ ?s ?p trueSERVICE<{url}>{{}} }} }}",
                                   "LKG-Q012", "SERVICE"),
    "an integer glued to SERVICE": ("SELECT * WHERE {{ OPTIONAL {{ ?s ?p 1SERVICE <{url}> {{}} }} }}",
                                    "LKG-Q012", "SERVICE"),
    # rdflib applies the escape step everywhere (a closing quote: the rest is a
    # string to it); Oxigraph only inside the string (the rest is code).
    "an escaped quote": ('SELECT * WHERE {{ VALUES ?x {{ "a\\u0022 " }} SERVICE <{url}> {{ ?s ?p ?o }} # " }}\n}}',
                         "LKG-Q013", "\\u0022"),
    "an escaped keyword": ("SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}", "LKG-Q013", "\\u0053"),
    # The old lexical check took `ex:a` for the whole name and `#...` for a comment.
    "an escaped # in a local name": ("PREFIX ex: <https://example.org/>\nSELECT * WHERE {{ FILTER(!BOUND(?z) || ?z = ex:a\\#) SERVICE <{url}> {{ ?a ?b ?c }} }}",
                                     "LKG-Q012", "SERVICE"),
    "FROM glued to a prefixed name": ("PREFIX : <{url}>\nSELECT * FROM:x WHERE {{ ?s ?p ?o }}", "LKG-Q012", "FROM"),
    "FROM NAMED": ("SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", "LKG-Q012", "FROM"),
}


@pytest.fixture()
def recorder():
    server = ConnectionRecorder()
    yield server
    server.close()


@pytest.fixture(scope="module")
def small_graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("graph") / "small.nq"
    path.write_text(SMALL_GRAPH, encoding="utf-8")
    return path


def _expect_refusal(run, code: str, spelled: str, where: str) -> str:
    """Exit 2, one line naming the file and the line of the refused spelling."""
    assert run.returncode == 2, (run.returncode, run.stderr[-2000:])
    lines = Path(where).read_text(encoding="utf-8").splitlines()
    number = next(i for i, text in enumerate(lines, 1) if spelled in text and not text.startswith("#+"))
    line = run.error_line()
    assert line.startswith(f"error: {code}: {where}:{number}: "), line
    assert spelled in line, line
    return line


@pytest.mark.parametrize("name", sorted(REACHING_OUT))
@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_query_refuses_before_any_connection(tmp_path, recorder, small_graph, name, engine):
    text, code, spelled = REACHING_OUT[name]
    query = write_query(tmp_path / "hostile.rq", text.format(url=recorder.url))
    run = run_main("query", str(query), "--engine", engine, "--graph", str(small_graph), root=tmp_path)
    assert recorder.connections() == 0
    _expect_refusal(run, code, spelled, str(query))


@pytest.mark.parametrize("name", ["keyword glued to a prefixed name", "an escaped quote", "FROM NAMED"])
def test_report_data_checks_and_qc_refuse_before_any_connection(tmp_path, recorder, small_graph, name):
    text, code, spelled = REACHING_OUT[name]
    text = text.format(url=recorder.url)
    project = copy_project(tmp_path / "project")
    report = write_query(project / "queries" / "hostile.rq", text)
    _expect_refusal(run_main("report", "hostile", "--graph", str(small_graph), root=project), code, spelled,
                    str(report))
    report.unlink()
    check = write_query(project / "queries" / "checks" / "hostile.rq", text,
                        "#+ problem: none\n#+ solution: none\n")
    _expect_refusal(run_main("validate", root=project), code, spelled, str(check))
    check.unlink()
    qc = write_query(project / "queries" / "qc" / "hostile.rq", text, "#+ severity: error\n")
    _expect_refusal(run_main("qc", root=project), code, spelled, str(qc))
    assert recorder.connections() == 0


def test_report_on_an_endpoint_refuses_before_the_server_runs_it(tmp_path, recorder):
    """The SPARQL server (a real Oxigraph) would run SERVICE itself: nothing
    may be sent to it."""
    from lanzarote_kg.triplestore.server import OxigraphServer, ServerOptions, free_port

    project = copy_project(tmp_path / "project")
    text, code, spelled = REACHING_OUT["keyword glued to a prefixed name"]
    report = write_query(project / "queries" / "hostile.rq", text.format(url=recorder.url))
    server = OxigraphServer(ServerOptions(tmp_path / "store", free_port(), writable=True,
                                          union_default_graph=True)).start()
    try:
        run = run_main("report", "hostile", "--endpoint", server.query_url, "--retries", "0", root=project)
    finally:
        server.stop()
    assert recorder.connections() == 0
    _expect_refusal(run, code, spelled, str(report))


@pytest.mark.parametrize("text, code, spelled", [
    ("ASK { ?s ?p ?o }", "LKG-Q011", "ASK"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { { SELECT * { ?s ?p ?o } } }", "LKG-Q011", "CONSTRUCT"),
    ("PREFIX : <https://example.org/>\nINSERT DATA { :a :b :c }", "LKG-Q011", "INSERT"),
    ("DELETE WHERE { ?s ?p ?o }", "LKG-Q011", "DELETE"),
    ("LOAD <https://example.org/data.ttl>", "LKG-Q012", "LOAD"),
    ("CLEAR ALL", "LKG-Q011", "CLEAR"),
    ("SELECT * WHERE { ?s ?p ?o } # and then\nDROP GRAPH <https://example.org/g>", "LKG-Q011", "DROP"),
])
def test_every_other_form_and_every_update_is_refused(tmp_path, small_graph, text, code, spelled):
    query = write_query(tmp_path / "form.rq", text)
    run = run_main("query", str(query), "--graph", str(small_graph), root=tmp_path)
    _expect_refusal(run, code, spelled, str(query))


@pytest.mark.parametrize("text, kind, holding", [
    ("SELECT * WHERE { ?s <https://example.org/service/from/load> ?o }", "iri", "service"),
    ("SELECT * WHERE { ?s <http://www.w3.org/ns/prov#wasDerivedFrom> ?o }", "iri", "From"),
    ('SELECT * WHERE { ?s ?p "SERVICE <x> FROM" }', "string", "SERVICE"),
    ("SELECT ?fromDate WHERE { ?s ?p ?fromDate }", "var", "from"),
    ("PREFIX ex: <https://example.org/>\nSELECT * WHERE { ?s ex:loadService ?o }", "pname", "Service"),
    ('SELECT * WHERE { ?s ?p "caf\\u00e9" }', "string", "caf\u00e9"),  # a non-ASCII escape, expanded
])
def test_words_inside_iris_strings_variables_and_local_names_pass(text, kind, holding):
    check_safe(text, "q.rq")
    assert any(t.kind == kind and holding in t.text for t in tokenize(text)), tokenize(text)


def test_less_than_and_comments_are_no_iris_or_code():
    tokens = tokenize("# SERVICE in a comment\nSELECT * WHERE { ?s ?p ?o FILTER(?o<?p&&?p>?o) }")
    check_safe("# SERVICE in a comment\nSELECT * WHERE { ?s ?p ?o FILTER(?o<?p&&?p>?o) }", "q.rq")
    assert "SERVICE" not in " ".join(t.text for t in tokens)
    assert [t.text for t in tokens if t.kind == "iri"] == ["<?p&&?p>"]  # longest match; also read as code


def test_iri_read_as_less_than_then_code():
    """`<2)SERVICE?s#>` is one IRI by the longest-match rule, but an engine
    in an expression reads less-than, then SERVICE."""
    with pytest.raises(UserError, match=r"LKG-Q012: q.rq:1: SERVICE"):
        check_safe("SELECT * WHERE { VALUES ?s { <http://127.0.0.1:1/> } FILTER(1<2)SERVICE?s#>\n{ ?a ?b ?c } }", "q.rq")


def test_tokens_follow_the_recommendation():
    tokens = tokenize("PREFIX ex: <https://e/>\nSELECT ?x WHERE { ?x ex:a\\#b 1.5e3, 'it''s'@en-GB, \"\"\"a\"b\"\"\" }")
    assert [(t.kind, t.text) for t in tokens[:3]] == [("word", "PREFIX"), ("pname", "ex:"), ("iri", "<https://e/>")]
    assert ("pname", "ex:a\\#b") in [(t.kind, t.text) for t in tokens]
    assert ("number", "1.5e3") in [(t.kind, t.text) for t in tokens]
    assert ("string", '"""a"b"""') in [(t.kind, t.text) for t in tokens]
    assert tokens[-1].line == 2


def test_a_huge_or_unreadable_query_file_is_one_line(tmp_path, small_graph):
    big = tmp_path / "big.rq"
    big.write_text("SELECT * WHERE { ?s ?p ?o }\n" + "#" * 1_100_000, encoding="utf-8")
    run = run_main("query", str(big), "--graph", str(small_graph), root=tmp_path)
    assert run.returncode == 2 and run.error_line().startswith(f"error: LKG-Q014: {big}:")
    binary = tmp_path / "binary.rq"
    binary.write_bytes(b"SELECT * WHERE { ?s ?p \xff }")
    run = run_main("query", str(binary), "--graph", str(small_graph), root=tmp_path)
    assert run.returncode == 2 and run.error_line().startswith(f"error: LKG-Q015: {binary}: not UTF-8")
