"""The charts' SVG, drawn by vl-convert in a child process.

vl-convert holds the GIL while its embedded JavaScript engine starts (about
1 s, on the first chart), so drawing in a thread would not overlap with
writing the pages; a child process does. It is started first thing and
starts the engine at once, on a one-point chart, while the parent indexes
the graph and runs the reports; it then reads the charts' Vega-Lite specs
as JSON on its standard input and writes their SVG as JSON on its standard
output. A child of its own (`python -m`), not a fork or a multiprocessing
spawn: a fork copies the locks of the parent's threads (vl-convert's
runtime threads hang a forked child once the parent has drawn), and a
spawn re-runs the caller's main script."""
from __future__ import annotations

import json
import subprocess
import sys
import threading

from lanzarote_kg.core.errors import UserError

# No chart reads data from anywhere but its spec: vl-convert would fetch a
# URL named in a spec (from native code, which the network guard cannot see).
NO_URLS: list[str] = []
_WARM_UP = {"data": {"values": [{"x": 0}]}, "mark": "point", "encoding": {"x": {"field": "x", "type": "quantitative"}}}


def to_svg(spec: dict) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(spec, allowed_base_urls=NO_URLS)


class ChartWorker:
    """`start()` starts the child, `submit(specs)` hands it the Vega-Lite
    specs by name, `get()` waits for their SVG by name."""

    def __init__(self):
        self._child: subprocess.Popen | None = None
        self._talk: threading.Thread | None = None
        self._answer: tuple[bytes, bytes] = (b"{}", b"")

    def start(self) -> "ChartWorker":
        self._child = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return self

    def submit(self, specs: dict[str, dict]) -> None:
        payload = json.dumps(specs, sort_keys=True).encode("utf-8")

        def talk() -> None:  # in a thread: the child reads only once warm, and the pipe is small
            self._answer = self._child.communicate(payload)

        self._talk = threading.Thread(target=talk, daemon=True)
        self._talk.start()

    def get(self) -> dict[str, str]:
        self._talk.join()
        out, err = self._answer
        if self._child.returncode != 0:
            last = (err.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
            raise UserError("LKG-S005", f"drawing the charts failed (vl-convert): {last}")
        return json.loads(out)

    def __enter__(self) -> "ChartWorker":
        return self.start()

    def __exit__(self, *exc) -> None:
        if self._child is not None and self._child.poll() is None:
            self._child.kill()  # an error before the charts were asked for
            self._child.wait()


def main() -> int:
    to_svg(_WARM_UP)
    specs = json.load(sys.stdin)
    json.dump({name: to_svg(spec) for name, spec in sorted(specs.items())}, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
