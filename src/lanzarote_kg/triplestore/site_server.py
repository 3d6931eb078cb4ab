"""A static file server for the report site (dist/site/), on 127.0.0.1
beside the SPARQL endpoint (`lanzarote-kg serve`), and for the browser
tests. Python's http.server, one thread per request, no directory listings
outside the site, no logging of each request."""
from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from lanzarote_kg.core.errors import UserError

from .server import HOST, check_port_free


class _SiteHandler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: a browser fetches many small files
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".srj": "application/sparql-results+json",
                      ".js": "text/javascript", ".csv": "text/csv; charset=utf-8",
                      ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml"}

    def log_message(self, format, *args) -> None:  # noqa: A002 (the base class's name)
        pass  # quiet: the terminal shows the endpoints, not every request


class SiteServer:
    """Serves one directory on 127.0.0.1 from a background thread."""

    def __init__(self, directory: Path, port: int = 0):
        if not (directory / "index.html").exists():
            raise UserError("LKG-S003", f"{directory}: no site there (write it with `lanzarote-kg site`)")
        if port:
            check_port_free(port)
        self.directory = directory
        self._server = ThreadingHTTPServer((HOST, port), partial(_SiteHandler, directory=str(directory)))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="site-server", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self._server.server_address[1]}/"

    def start(self) -> "SiteServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()  # waits for serve_forever, so only once started
            self._thread.join(timeout=10)
        self._server.server_close()

    def __enter__(self) -> "SiteServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
