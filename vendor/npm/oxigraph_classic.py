"""`make vendor`: Oxigraph's web build (an ES module, which a page opened
from file:// may not load) as a classic script defining `window.oxigraph`,
and its WebAssembly file as is. The site's query page hands the
WebAssembly bytes to `oxigraph.init` itself (inlined as base64 by the
site build), so the default that fetches `web_bg.wasm` next to the module
is replaced by an error: nothing is ever fetched."""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

DEFAULT_FETCH = "module_or_path = new URL('web_bg.wasm', import.meta.url);"


def main(package: Path, static: Path, version: str) -> int:
    text = (package / "web.js").read_text(encoding="utf-8")
    if DEFAULT_FETCH not in text:
        raise SystemExit("oxigraph web.js changed: its default wasm URL is not where it was")
    text = text.replace(DEFAULT_FETCH, 'throw new Error("oxigraph.init needs the WebAssembly bytes");')
    text = re.sub(r"^export \{[^}]*\};\s*$", "", text, flags=re.M)
    exported = re.findall(r"^export (?:class|function) (\w+)", text, flags=re.M)
    text = re.sub(r"^export (class|function) ", r"\1 ", text, flags=re.M)
    if "import.meta" in text or re.search(r"^(import|export)\b", text, flags=re.M):
        raise SystemExit("oxigraph web.js: a module statement is left")
    names = ", ".join(f"{n}: {n}" for n in sorted(exported))
    script = (f"// Oxigraph {version} (npm `oxigraph`, web.js), MIT OR Apache-2.0: see oxigraph-{version}-LICENSE.txt.\n"
              "// Converted to a classic script by vendor/npm/oxigraph_classic.py (`make vendor`).\n"
              "(function () {\n\"use strict\";\n" + text +
              f"\nwindow.oxigraph = {{ init: __wbg_init, initSync: initSync, {names} }};\n}}());\n")
    (static / f"oxigraph-{version}.js").write_text(script, encoding="utf-8")
    shutil.copyfile(package / "web_bg.wasm", static / f"oxigraph-{version}_bg.wasm")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]))
