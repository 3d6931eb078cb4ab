"""The query page's data: Oxigraph's WebAssembly as a script (base64), the
release graph as a script (N-Quads in a string), and the reports as editable
examples. Scripts rather than files to fetch, because a page opened from
file:// may not fetch; the same files serve a web server."""
from __future__ import annotations

import base64
import json
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
    parser's, so this is the same within one process only). Bytes
    throughout: 15 MB decoded and encoded again cost a tenth of a second."""

    def __init__(self, store: ox.Store, graph_file: Path | None = None):
        self._script: bytes = b""
        self._format = FORMATS.get(graph_file.suffix, "") if graph_file is not None else ""
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._make, args=(store, graph_file if self._format else None),
                                        daemon=True)
        self._thread.start()

    def _make(self, store: ox.Store, graph_file: Path | None) -> None:
        try:
            if graph_file is not None:
                text = graph_file.read_bytes()
            else:
                lines = store.dump(format=ox.RdfFormat.N_QUADS).split(b"\n")
                lines.sort()
                self._format = FORMATS[".nq"]
                text = b"\n".join(line for line in lines if line) + b"\n"
            self._script = (f"window.LKG_GRAPH_FORMAT = {json.dumps(self._format)};\nwindow.LKG_GRAPH = "
                            .encode("ascii") + raw_string(text) + b";\n")
        except BaseException as exc:  # handed to result()
            self._error = exc

    def result(self) -> bytes:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._script


def raw_string(text: bytes) -> bytes:
    """UTF-8 `text` as a JavaScript expression: raw template literals (no
    escaping to do, which for megabytes of N-Quads is time), with each
    backtick, each `${` and a piece's odd last backslash (which would escape
    the closing backtick) written as strings of their own between them."""
    pieces = []
    for piece in _special(text):  # bytes.split: memchr-fast over megabytes, where a regex crawls
        if piece in (b"`", b"${"):
            pieces.append(b'"' + piece + b'"')
            continue
        trailing = len(piece) - len(piece.rstrip(b"\\"))
        if trailing % 2:
            pieces += [b"String.raw`" + piece[:-1] + b"`", b'"\\\\"']
        elif piece:
            pieces.append(b"String.raw`" + piece + b"`")
    return b" + ".join(pieces) or b'""'


def _special(text: bytes):
    """The text cut before and after each backtick and each `${`."""
    for number, chunk in enumerate(text.split(b"`")):
        if number:
            yield b"`"
        for inner, part in enumerate(chunk.split(b"${")):
            if inner:
                yield b"${"
            yield part


def config(reports, index) -> str:
    """The page's settings as JSON for a <script type="application/json">:
    the examples (every report's SPARQL) and the nodes that have a page."""
    data = {"id": ID, "pages": sorted(iri[len(ID):] for iri in index.pages),
            "examples": [{"name": r.query.name, "title": r.query.title, "text": r.query.text} for r in reports]}
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
