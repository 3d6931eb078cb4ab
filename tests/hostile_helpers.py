"""Helpers for the hostile-input tests: a TCP server on 127.0.0.1 that
counts the connections it accepts (whatever opens them: Python, Oxigraph's
native code or another server), and the CLI run in-process."""
from __future__ import annotations

import contextlib
import io
import logging
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from lanzarote_kg.cli import main
from lanzarote_kg.core import netguard


class ConnectionRecorder:
    """Listens on a free port of 127.0.0.1 and counts every connection."""

    def __init__(self):
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(64)
        self._socket.settimeout(0.05)
        self.port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self._count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except OSError:
                continue
            self._count += 1
            connection.close()

    def connections(self) -> int:
        """The count so far, after a moment for connections in flight."""
        time.sleep(0.2)
        return self._count

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self._socket.close()


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    def error_line(self) -> str:
        """The one line of a user error or a failure; asserts there is no traceback."""
        assert "Traceback" not in self.stderr, self.stderr[-3000:]
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        lines = [line for line in lines if not line.startswith("warning: LKG-")]
        assert lines and lines[0].startswith(("error: LKG-", "failed: LKG-")), self.stderr[-3000:]
        errors = [line for line in lines if line.startswith("error:")]
        assert len(errors) <= 1, self.stderr[-3000:]
        return lines[0]


def run_main(*args: str, root: Path) -> Run:
    """The CLI in this process (no interpreter start-up per call); the
    network guard and rdflib's log level are put back afterwards."""
    out, err = io.StringIO(), io.StringIO()
    level = logging.getLogger("rdflib").level
    # What a terminal shows of library logging (Python's last-resort handler
    # prints warnings to stderr; under pytest a capture handler takes them).
    shown = logging.StreamHandler(err)
    shown.setLevel(logging.WARNING)
    logging.getLogger().addHandler(shown)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(["--root", str(root), *args])
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code
    finally:
        logging.getLogger().removeHandler(shown)
        netguard.allow_network()
        logging.getLogger("rdflib").setLevel(level)
    return Run(code, out.getvalue(), err.getvalue())


SMALL_GRAPH = "<https://example.org/s> <http://www.w3.org/2000/01/rdf-schema#label> \"thing\" <https://example.org/g> .\n"


def write_query(path: Path, text: str, header: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#+ title: hostile\n#+ question: does it reach out?\n{header}{text}\n", encoding="utf-8")
    return path
