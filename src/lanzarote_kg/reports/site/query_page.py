"""The query page's data: Oxigraph's WebAssembly as a script (base64), the
release graph as a script (TriG in a string), and the reports as editable
examples. Scripts rather than files to fetch, because a page opened from
file:// may not fetch; the same files serve a web server."""
from __future__ import annotations

import base64
import json
import threading
from functools import cache

import pyoxigraph as ox

from .graph_index import ID, RDFS_LABEL, SKOS_PREF
from .writer import STATIC

OXIGRAPH = "0.5.11"  # vendor/npm/package-lock.json; `make vendor` refreshes static/oxigraph-*
WASM_SCRIPT = f"static/oxigraph-{OXIGRAPH}-wasm.js"
PREFIXES = {"lkg": "https://w3id.org/lanzarote-kg/ontology#", "id": ID,
            "rdfs": RDFS_LABEL.rsplit("#", 1)[0] + "#", "skos": SKOS_PREF.rsplit("#", 1)[0] + "#",
            "xsd": "http://www.w3.org/2001/XMLSchema#", "oa": "http://www.w3.org/ns/oa#",
            "prov": "http://www.w3.org/ns/prov#", "owl": "http://www.w3.org/2002/07/owl#"}


@cache  # the same bytes for every site this process builds
def wasm_script() -> str:
    data = (STATIC / f"oxigraph-{OXIGRAPH}_bg.wasm").read_bytes()
    return "window.LKG_OXIGRAPH_WASM = \"" + base64.b64encode(data).decode("ascii") + "\";\n"


class GraphScript:
    """The store as TriG in a script (`window.LKG_GRAPH`), written by a
    thread while the site is built (Oxigraph releases the GIL)."""

    def __init__(self, store: ox.Store):
        self._text: bytes = b""
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._dump, args=(store,), daemon=True)
        self._thread.start()

    def _dump(self, store: ox.Store) -> None:
        try:
            self._text = store.dump(format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
        except BaseException as exc:  # handed to result()
            self._error = exc

    def result(self) -> str:
        self._thread.join()
        if self._error is not None:
            raise self._error
        # `</` escaped: the string is a script's content
        return ("window.LKG_GRAPH = " + json.dumps(self._text.decode("utf-8"), ensure_ascii=False)
                .replace("</", "<\\/") + ";\n")


def config(reports, index) -> str:
    """The page's settings as JSON for a <script type="application/json">:
    the examples (every report's SPARQL) and the nodes that have a page."""
    data = {"id": ID, "pages": sorted(iri[len(ID):] for iri in index.pages),
            "examples": [{"name": r.query.name, "title": r.query.title, "text": r.query.text} for r in reports]}
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
