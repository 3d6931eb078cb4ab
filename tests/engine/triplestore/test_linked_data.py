"""`serve` as a Linked Data server (issue 21), against a real `serve`
started here on 127.0.0.1: content negotiation on the entity IRIs, the
/.well-known/ documents, the query UI that reaches nothing off the machine;
and the w3id redirect rules of the release, read from dist/.htaccess."""
from __future__ import annotations

import http.client
import json
import re
import signal
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest

from helpers import ROOT
from lanzarote_kg.core.layout import Layout
from lanzarote_kg.pipeline.build import BuildOptions, run_build
from lanzarote_kg.pipeline.redirects import ENTITY_FORMATS
from lanzarote_kg.triplestore.linked_data import negotiate
from lanzarote_kg.triplestore.server import free_port

ENTITY = "https://w3id.org/lanzarote-kg/id/instrument/lanzarote-convention"
PATH = "/id/instrument/lanzarote-convention"
LKG = "https://w3id.org/lanzarote-kg/ontology#"


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ld") / "dist"
    layout = Layout(ROOT)
    source = layout.default_source if layout.default_source.exists() else None
    assert run_build(layout, BuildOptions(out_dir=out, source=source)).ok
    completed = subprocess.run([sys.executable, "-m", "lanzarote_kg", "--root", str(ROOT), "site", "--out",
                                str(out / "site"), "--graph", str(out / "lanzarote-kg.nq")],
                               capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr
    return out


@pytest.fixture(scope="module")
def served(dist):
    port, site_port = free_port(), free_port()
    process = subprocess.Popen([sys.executable, "-m", "lanzarote_kg", "--root", str(ROOT), "serve", "--port", str(port),
                                "--site-port", str(site_port), "--graph", str(dist / "lanzarote-kg.trig")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith("store:"):
            break
    yield {"port": port, "site_port": site_port, "lines": lines}
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()


def get(port: int, path: str, accept: str | None = None, method: str = "GET", body: bytes | None = None,
        headers: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers={**({"Accept": accept} if accept else {}), **(headers or {})})
        response = connection.getresponse()
        return response.status, dict((k.lower(), v) for k, v in response.getheaders()), response.read()
    finally:
        connection.close()


def test_start_up_lines_name_the_endpoint_the_query_ui_and_the_site(served):
    site = f"http://127.0.0.1:{served['site_port']}/"
    lines = served["lines"]
    assert f"query endpoint: http://127.0.0.1:{served['port']}/query" in lines, lines
    assert any(line.startswith(f"query UI: {site}query-ui") for line in lines), lines
    assert any(line.startswith(f"report site: {site}") for line in lines), lines
    assert any(line.startswith(f"entities: {site}id/") for line in lines), lines
    assert f"dataset description: {site}.well-known/void; SPARQL examples: {site}.well-known/sparql-examples" in lines


def own_statements(dist: Path) -> set[str]:
    """The entity's statements in the release, read from the N-Quads file here."""
    return {str(q.triple) for q in ox.parse(path=str(dist / "lanzarote-kg.nq"), format=ox.RdfFormat.N_QUADS)
            if q.subject == ox.NamedNode(ENTITY) and q.graph_name != ox.NamedNode("https://w3id.org/lanzarote-kg/graph/description")}


@pytest.mark.parametrize("media, fmt", [("text/turtle", ox.RdfFormat.TURTLE),
                                        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                                        ("application/ld+json", ox.RdfFormat.JSON_LD)])
def test_an_entity_iri_answers_its_description_in_each_rdf_type(served, dist, media, fmt):
    status, headers, body = get(served["site_port"], PATH, accept=media)
    assert status == 200 and headers["content-type"].startswith(media) and headers["vary"] == "Accept"
    triples = {str(t) for t in ox.parse(body, format=fmt)}
    assert own_statements(dist) <= triples  # every statement about it
    labels = [t for t in ox.parse(body, format=fmt) if t.predicate.value == "http://www.w3.org/2000/01/rdf-schema#label"]
    assert any(t.subject.value == ENTITY for t in labels)
    assert any(t.subject.value != ENTITY for t in labels)  # the labels of what it names
    quotes = [t for t in ox.parse(body, format=fmt) if t.predicate.value == LKG + "quote"]
    assert quotes and all("/id/passage/" in t.subject.value for t in quotes)  # the passages supporting it


def test_html_is_a_303_to_the_entity_page_and_an_unknown_entity_is_404(served):
    status, headers, _ = get(served["site_port"], PATH, accept="text/html,application/xhtml+xml,*/*;q=0.8")
    assert status == 303 and headers["location"] == "/entity/instrument/lanzarote-convention.html"
    status, headers, body = get(served["site_port"], headers["location"])
    assert status == 200 and b"Lanzarote" in body
    assert get(served["site_port"], "/id/instrument/no-such-thing", accept="text/turtle")[0] == 404
    assert get(served["site_port"], PATH, accept="image/png")[0] == 406


def test_well_known_void_and_sparql_examples_are_the_release_files(served, dist):
    for path, name in (("/.well-known/void", "void.ttl"), ("/.well-known/sparql-examples", "sparql-examples.ttl")):
        status, headers, body = get(served["site_port"], path)
        assert status == 200 and headers["content-type"].startswith("text/turtle")
        assert body == (dist / name).read_bytes()


def test_the_query_ui_reaches_nothing_off_the_machine(served):
    status, headers, body = get(served["site_port"], "/query-ui")
    assert status == 200
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy
    page = body.decode("utf-8")
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", page)  # no script or style from elsewhere
    assert "prefixes.json" in page and "delete Yasgui.Yasqe.Autocompleters.class" in page
    status, _, script = get(served["site_port"], "/yasgui.min.js")
    assert status == 200 and b"prefix.cc" in script  # what the page's settings replace
    prefixes = json.loads(get(served["site_port"], "/prefixes.json")[2])
    assert prefixes["lkg"] == LKG
    # The UI's queries go to its own origin, passed to the endpoint.
    form = urllib.parse.urlencode({"query": f"ASK {{ <{ENTITY}> ?p ?o }}"}).encode()
    status, _, answer = get(served["site_port"], "/query", accept="application/sparql-results+json", method="POST",
                            body=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and json.loads(answer)["boolean"] is True


def test_negotiation_prefers_exact_types_and_q_values():
    assert negotiate("text/turtle", True) == "text/turtle"
    assert negotiate("application/ld+json;q=0.9, text/turtle;q=0.5", True) == "application/ld+json"
    assert negotiate("*/*", True) == "text/html" and negotiate("*/*", False) == "text/turtle"
    assert negotiate(None, False) == "text/turtle"
    assert negotiate("text/html", False) is None
    assert negotiate("application/*", True) == "application/n-triples"


def test_the_release_htaccess_has_a_303_per_media_type(dist):
    lines = [line for line in (dist / ".htaccess").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert "RewriteEngine on" in lines
    for media, pattern, suffix in ENTITY_FORMATS:
        condition = lines.index(f"RewriteCond %{{HTTP_ACCEPT}} {pattern}")
        rule = lines[condition + 1].split()
        assert rule[0] == "RewriteRule" and rule[1] == "^id/(.+)$" and rule[-1] == "[R=303,L]"
        assert rule[2].endswith(f"/id/$1{suffix}")
        assert re.fullmatch(pattern, media)  # the condition matches its own media type
    rules = [line.split() for line in lines if line.startswith("RewriteRule ^id/")]
    assert len(rules) == len(ENTITY_FORMATS) + 1  # then HTML and the rest, to the entity's page
    assert rules[-1][2].endswith("/site/entity/$1.html") and rules[-1][-1] == "[R=303,L]"
    assert any(line.startswith("RewriteRule ^\\.well-known/void$") for line in lines)
