"""A local Oxigraph server over the built graph (`lanzarote-kg serve`), and
the same process handling for the tests and the benchmark.

The graph is bulk-loaded with `oxigraph load` into a temporary --location
before the server starts, rather than sent through the Graph Store Protocol
after: the bulk loader is Oxigraph's fastest path, the endpoint never serves
a half-loaded graph, and a read-only server (`serve-read-only`) has no write
API to load through. Once the server answers, every named graph is counted
through the endpoint against the file, so what is served is what was built.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from lanzarote_kg.core.errors import UserError

HOST = "127.0.0.1"  # the endpoint is for this machine only


def oxigraph_command() -> str:
    """The `oxigraph` executable of this environment (the PyPI `oxigraph`
    package installs it next to the Python interpreter)."""
    here = Path(sys.executable).with_name("oxigraph")
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        raise UserError("LKG-T009", "the `oxigraph` command is not installed (pip install oxigraph)")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def check_port_free(port: int) -> None:
    with socket.socket() as sock:
        try:
            sock.bind((HOST, port))
        except OSError:
            raise UserError("LKG-T008", f"port {port} on {HOST} is already in use (choose another with --port)") from None


@dataclass(frozen=True)
class ServerOptions:
    location: Path
    port: int
    writable: bool = False
    union_default_graph: bool = True  # queries without GRAPH see every named graph
    start_timeout: float = 30.0


class OxigraphServer:
    """An `oxigraph serve` child process bound to 127.0.0.1."""

    def __init__(self, options: ServerOptions):
        self.options = options
        self.process: subprocess.Popen | None = None
        self.log_path = options.location.parent / f"{options.location.name}.log"

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.options.port}"

    @property
    def query_url(self) -> str:
        return self.base_url + "/query"

    @property
    def store_url(self) -> str:
        return self.base_url + "/store"

    @property
    def update_url(self) -> str:
        return self.base_url + "/update"

    def start(self) -> "OxigraphServer":
        check_port_free(self.options.port)
        command = [oxigraph_command(), "serve" if self.options.writable else "serve-read-only",
                   "--location", str(self.options.location), "--bind", f"{HOST}:{self.options.port}"]
        if self.options.union_default_graph:
            command.append("--union-default-graph")
        with open(self.log_path, "ab") as log:
            # Own process group: a Ctrl-C in the terminal reaches only us, and we stop the child in order.
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                            start_new_session=True)
        self._wait_until_answering()
        return self

    def _wait_until_answering(self) -> None:
        deadline = time.monotonic() + self.options.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                message = self.log_tail() or f"exit status {self.process.returncode}"
                if "Address already in use" in message:
                    raise UserError("LKG-T008", f"port {self.options.port} on {HOST} is already in use")
                raise UserError("LKG-T009", f"the Oxigraph server stopped at start-up: {message}")
            try:
                with socket.create_connection((HOST, self.options.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise UserError("LKG-T009", f"the Oxigraph server did not answer within {self.options.start_timeout:g} s")

    def log_tail(self) -> str:
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        except OSError:
            return ""
        return lines[-1].strip() if lines else ""

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the server to stop (SIGTERM); kill it if it does not."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def kill(self) -> None:
        """Stop abruptly, as a crash would (used by the tests)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> "OxigraphServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def bulk_load(location: Path, file: Path) -> None:
    """`oxigraph load` of a TriG / N-Quads file into a store directory."""
    completed = subprocess.run([oxigraph_command(), "load", "--location", str(location), "--file", str(file)],
                               stdin=subprocess.DEVNULL, capture_output=True, text=True)
    errors = [line for line in completed.stderr.splitlines() if "rror" in line]
    if completed.returncode != 0 or errors:
        raise UserError("LKG-T009", f"oxigraph load {file}: " + (errors[0] if errors else completed.stderr.strip()))


@dataclass(frozen=True)
class ServeOptions:
    graph_file: Path
    port: int = 7878
    writable: bool = False


class LocalEndpoint:
    """The `serve` command's server: a temporary store loaded with the built
    graph, removed again when the server stops."""

    def __init__(self, options: ServeOptions):
        if not options.graph_file.exists():
            raise UserError("LKG-T001", f"{options.graph_file}: not found (run `lanzarote-kg build` first)")
        self.options = options
        self.workdir = Path(tempfile.mkdtemp(prefix="lanzarote-kg-serve-"))
        self.server = OxigraphServer(ServerOptions(self.workdir / "store", options.port, options.writable))

    def start(self) -> OxigraphServer:
        try:
            check_port_free(self.options.port)
            bulk_load(self.server.options.location, self.options.graph_file)
            return self.server.start()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self.server.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def verify(self) -> list[tuple[str, int]]:
        """(graph, triples) served, checked against the file."""
        from lanzarote_kg.triplestore.http_client import HttpClient, HttpOptions
        from lanzarote_kg.triplestore.sparql_protocol import SparqlEndpoint
        from lanzarote_kg.triplestore.loader import read_graphs

        endpoint = SparqlEndpoint(self.server.query_url, HttpClient(HttpOptions(timeout=60, retries=0)))
        served = []
        for payload in read_graphs(self.options.graph_file):
            table = endpoint.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{payload.name}> {{ ?s ?p ?o }} }}")
            found = int(table.rows[0][0])
            if found != len(payload.triples):
                raise UserError("LKG-T011", f"{payload.name}: the file has {len(payload.triples)} triples, "
                                            f"the server {found}")
            served.append((payload.name, found))
        return served
