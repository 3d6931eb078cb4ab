"""`serve` as a Linked Data server for the local copy (issue 21).

Beside the Oxigraph endpoint, one server on 127.0.0.1 answers:

- `/id/...`: the entity whose IRI is `https://w3id.org/lanzarote-kg/id/...`,
  by content negotiation: Turtle, N-Triples or JSON-LD give its description
  (its statements, the labels of what they name, the passages supporting
  it and what each covers), read from the endpoint with one CONSTRUCT;
  HTML gives a 303 to the entity's page of the report site;
- `/.well-known/void`: the dataset description (dist/void.ttl);
- `/.well-known/sparql-examples`: the canned reports as SPARQL examples;
- `/query-ui`: Oxigraph's query UI (YASGUI, its script fetched from the
  Oxigraph server), with the prefix autocompleter reading the project's
  prefixes from `/prefixes.json` instead of prefix.cc and the LOV-based
  class and property autocompleters off; a Content-Security-Policy lets the
  page reach this server only. `/query` and `/sparql` are passed to the
  endpoint, so the UI queries its own origin;
- everything else: the report site (dist/site/), as the site server does.
"""
from __future__ import annotations

import http.client
import json
import threading
import urllib.parse
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.namespaces import BASE, PREFIXES

from .server import HOST, check_port_free
from .site_server import _SiteHandler

RDF_TYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
             "application/ld+json": ox.RdfFormat.JSON_LD}
HTML = "text/html"
_PROXIED = {"/query": "/query", "/sparql": "/query", "/yasgui.min.js": "/yasgui.min.js",
            "/yasgui.min.css": "/yasgui.min.css", "/logo.svg": "/logo.svg"}
_UNSAFE = set('<>"{}|^`\\ \n\t\r')

DESCRIBE = """PREFIX lkg: <https://w3id.org/lanzarote-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { %(e)s ?p ?o . ?o ?lp ?label . ?p rdfs:label ?plabel . ?passage ?pp ?po . ?sv ?svp ?svo . }
WHERE {
  { %(e)s ?p ?o }
  UNION { %(e)s ?p ?o . ?o ?lp ?label . VALUES ?lp { rdfs:label skos:prefLabel } }
  UNION { %(e)s ?p ?o . ?p rdfs:label ?plabel }
  UNION { %(e)s lkg:evidence ?passage . ?passage ?pp ?po }
  UNION { %(e)s lkg:evidence ?passage . ?passage lkg:supportsValue ?sv . ?sv ?svp ?svo }
}"""

UI_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>lanzarote-kg: query</title>
<link href="./yasgui.min.css" rel="stylesheet" type="text/css">
<script src="./yasgui.min.js"></script>
</head>
<body>
<div id="yasgui"></div>
<script>
  // Nothing off this machine: the prefixes come from this server, and the
  // class and property autocompleters (which ask lov.linkeddata.es) are off.
  Yasgui.Yasqe.defaults.prefixCcApi = window.location.origin + "/prefixes.json";
  delete Yasgui.Yasqe.Autocompleters.class;
  delete Yasgui.Yasqe.Autocompleters.property;
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  const endpoint = window.location.origin + "/query";
  new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] }
  });
</script>
</body>
</html>
"""
# The page, its script and the queries: this origin only (inline script and styles allowed).
UI_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
             "img-src 'self' data:; font-src 'self' data:; connect-src 'self'")


def negotiate(accept: str | None, has_page: bool) -> str | None:
    """The media type to answer an Accept header with, or None (406)."""
    offered = list(RDF_TYPES) + [HTML]
    if not accept or not accept.strip():
        return HTML if has_page else "text/turtle"
    ranked = []
    for order, item in enumerate(accept.split(",")):
        media, *params = [part.strip() for part in item.split(";")]
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranked.append((q, media.lower(), order))
    best = None
    for q, media, order in ranked:
        if q <= 0:
            continue
        if media == "*/*":
            matches = [HTML if has_page else "text/turtle"]
        elif media.endswith("/*"):
            matches = [m for m in [HTML] + list(RDF_TYPES) if m.startswith(media[:-1])]
        else:
            matches = [m for m in offered if m == media]
        for match in matches:
            if match == HTML and not has_page:
                continue
            # Exact types win over wild cards at the same q.
            key = (q, media != "*/*" and not media.endswith("/*"), -order)
            if best is None or key > best[0]:
                best = (key, match)
    return best[1] if best else None


def entity_document(triples: list, media: str) -> bytes:
    triples = sorted(set(triples), key=str)
    if media == "text/turtle":
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return ox.serialize(triples, format=RDF_TYPES[media])


class _LinkedDataHandler(_SiteHandler):
    endpoint_host: str = HOST
    endpoint_port: int = 7878
    dist_dir: Path = Path("dist")
    site_dir: Path | None = None

    # --- helpers -----------------------------------------------------------------
    def _send(self, status: int, content_type: str, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _text(self, status: int, message: str, headers: dict | None = None) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers)

    def _file(self, path: Path, content_type: str) -> None:
        if not path.is_file():
            return self._text(404, f"{path.name} is not in {path.parent} (run `lanzarote-kg build`)")
        self._send(200, content_type, path.read_bytes())

    def _proxy(self, target: str, query: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {name: self.headers[name] for name in ("Content-Type", "Accept") if self.headers.get(name)}
        connection = http.client.HTTPConnection(self.endpoint_host, self.endpoint_port, timeout=300)
        try:
            connection.request(self.command, target + (f"?{query}" if query else ""), body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            self._send(response.status, response.getheader("Content-Type") or "application/octet-stream", data)
        except OSError as exc:
            self._text(502, f"the SPARQL endpoint does not answer: {exc}")
        finally:
            connection.close()

    def _entity(self, path: str) -> None:
        rest = urllib.parse.unquote(path[len("/id/"):])
        iri = BASE + "id/" + rest
        if not rest or any(c in _UNSAFE for c in rest):
            return self._text(400, f"not an entity IRI: {iri!r}")
        page = (self.site_dir / "entity" / f"{rest}.html") if self.site_dir else None
        has_page = page is not None and page.is_file()
        media = negotiate(self.headers.get("Accept"), has_page)
        vary = {"Vary": "Accept"}
        if media is None:
            return self._text(406, "available: " + ", ".join(list(RDF_TYPES) + ([HTML] if has_page else [])), vary)
        if media == HTML:
            return self._send(303, "text/plain; charset=utf-8", b"See Other\n",
                              {**vary, "Location": f"/entity/{urllib.parse.quote(rest)}.html"})
        triples = self._construct(iri)
        if triples is None:
            return
        if not triples:
            return self._text(404, f"no statement about {iri}", vary)
        self._send(200, f"{media}; charset=utf-8" if media != "application/ld+json" else media,
                   entity_document(triples, media), vary)

    def _construct(self, iri: str) -> list | None:
        form = urllib.parse.urlencode({"query": DESCRIBE % {"e": f"<{iri}>"}}).encode("ascii")
        connection = http.client.HTTPConnection(self.endpoint_host, self.endpoint_port, timeout=60)
        try:
            connection.request("POST", "/query", body=form, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/n-triples"})
            response = connection.getresponse()
            data = response.read()
        except OSError as exc:
            self._text(502, f"the SPARQL endpoint does not answer: {exc}")
            return None
        finally:
            connection.close()
        if response.status != 200:
            self._text(502, f"the SPARQL endpoint answered {response.status}")
            return None
        return [t for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]

    # --- routes ----------------------------------------------------------------------
    def _route(self) -> bool:
        parts = urllib.parse.urlsplit(self.path)
        path = parts.path
        if path in _PROXIED:
            self._proxy(_PROXIED[path], parts.query)
        elif self.command == "POST":
            self._text(405, "POST goes to /query only")
        elif path == "/.well-known/void":
            self._file(self.dist_dir / "void.ttl", "text/turtle; charset=utf-8")
        elif path == "/.well-known/sparql-examples":
            self._file(self.dist_dir / "sparql-examples.ttl", "text/turtle; charset=utf-8")
        elif path.startswith("/id/"):
            self._entity(path)
        elif path in ("/query-ui", "/query-ui/"):
            self._send(200, "text/html; charset=utf-8", UI_PAGE.encode("utf-8"), {"Content-Security-Policy": UI_POLICY})
        elif path == "/prefixes.json":
            self._send(200, "application/json", json.dumps(PREFIXES, sort_keys=True).encode("utf-8"))
        elif self.site_dir is None:
            self._text(404, "no report site is served (write it with `lanzarote-kg site`)")
        else:
            return False
        return True

    def do_GET(self) -> None:  # noqa: N802 (the base class's name)
        if not self._route():
            super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802
        if not self._route():
            super().do_HEAD()

    def do_POST(self) -> None:  # noqa: N802
        self._route()


class LinkedDataServer:
    """The site, the entity IRIs, /.well-known/ and the query UI, on 127.0.0.1."""

    def __init__(self, dist_dir: Path, endpoint_port: int, site_dir: Path | None = None, port: int = 0):
        if port:
            check_port_free(port)
        if site_dir is not None and not (site_dir / "index.html").exists():
            raise UserError("LKG-S003", f"{site_dir}: no site there (write it with `lanzarote-kg site`)")
        handler = type("Handler", (_LinkedDataHandler,), {
            "endpoint_port": endpoint_port, "dist_dir": dist_dir, "site_dir": site_dir})
        directory = site_dir if site_dir is not None else dist_dir
        self.site_dir, self.directory = site_dir, directory
        self._server = ThreadingHTTPServer((HOST, port), partial(handler, directory=str(directory)))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="linked-data-server", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self._server.server_address[1]}/"

    def start(self) -> "LinkedDataServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join(timeout=10)
        self._server.server_close()
