"""The query page's data: Oxigraph's WebAssembly as a script (base64), the
release graph as a script (N-Quads in a string), and the reports as editable
examples. Scripts rather than files to fetch, because a page opened from
file:// may not fetch; the same files serve a web server."""
from __future__ import annotations

import base64
import json
import re
import threading
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from .graph_index import ID
from .writer import STATIC

OXIGRAPH = "0.5.11"  # vendor/npm/package-lock.json; `make vendor` refreshes static/oxigraph-*
WASM_SCRIPT = f"static/oxigraph-{OXIGRAPH}-wasm.js"


@cache  # the same bytes for every site this process builds
def wasm_script() -> str:
    data = (STATIC / f"oxigraph-{OXIGRAPH}_bg.wasm").read_bytes()
    return "window.LKG_OXIGRAPH_WASM = \"" + base64.b64encode(data).decode("ascii") + "\";\n"


FORMATS = {".nq": "application/n-quads", ".trig": "application/trig"}


class GraphScript:
    """The release graph in a script (`window.LKG_GRAPH`, its media type in
    `window.LKG_GRAPH_FORMAT`), made by a thread while the site is built:
    the file the store was read from, when there is one (dist/'s files are
    byte-identical from build to build, so the site is too), else the
    store's N-Quads with their lines sorted (the blank nodes' labels are the
    parser's, so this is the same within one process only)."""

    def __init__(self, store: ox.Store, graph_file: Path | None = None):
        self._text: str = ""
        self._format = FORMATS.get(graph_file.suffix, "") if graph_file is not None else ""
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._read, args=(store, graph_file if self._format else None),
                                        daemon=True)
        self._thread.start()

    def _read(self, store: ox.Store, graph_file: Path | None) -> None:
        try:
            if graph_file is not None:
                self._text = graph_file.read_text(encoding="utf-8")
                return
            lines = store.dump(format=ox.RdfFormat.N_QUADS).split(b"\n")
            lines.sort()
            self._format = FORMATS[".nq"]
            self._text = b"\n".join(line for line in lines if line).decode("utf-8") + "\n"
        except BaseException as exc:  # handed to result()
            self._error = exc

    def result(self) -> str:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return (f"window.LKG_GRAPH_FORMAT = {json.dumps(self._format)};\n"
                "window.LKG_GRAPH = " + raw_string(self._text) + ";\n")


def raw_string(text: str) -> str:
    """`text` as a JavaScript expression: raw template literals (no escaping
    to do, which for megabytes of N-Quads is time), with each backtick, each
    `${` and a piece's odd last backslash (which would escape the closing
    backtick) written as strings of their own between them."""
    pieces = []
    for piece in _SPECIAL.split(text):
        if piece in ("`", "${"):
            pieces.append(json.dumps(piece))
            continue
        trailing = len(piece) - len(piece.rstrip("\\"))
        if trailing % 2:
            pieces += ["String.raw`" + piece[:-1] + "`", json.dumps("\\")]
        elif piece:
            pieces.append("String.raw`" + piece + "`")
    return " + ".join(pieces) or '""'


_SPECIAL = re.compile(r"(`|\$\{)")


def config(reports, index) -> str:
    """The page's settings as JSON for a <script type="application/json">:
    the examples (every report's SPARQL) and the nodes that have a page."""
    data = {"id": ID, "pages": sorted(iri[len(ID):] for iri in index.pages),
            "examples": [{"name": r.query.name, "title": r.query.title, "text": r.query.text} for r in reports]}
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
