"""Writing the site's files: pages from the Jinja2 templates (autoescaped),
into a staging folder that replaces the old site only when complete.
Written one after the other: a thread pool for the writes measured no
faster (the pages are small and the page cache takes them)."""
from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .paths import root_of

HERE = Path(__file__).parent
TEMPLATES, STATIC = HERE / "templates", HERE / "static"


@cache  # compiled templates are kept for the next site built by this process
def environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, auto_reload=False)


class SiteWriter:
    def __init__(self, out: Path, site: dict):
        self.out = out
        self.site = site
        self.env = environment()
        out.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
        self._folders: set[Path] = set()
        self.count = 0

    def page(self, path: str, template: str, **context) -> None:
        text = self.env.get_template(template).render(root=root_of(path), site=self.site, **context)
        self.file(path, text)

    def file(self, path: str, text: str | bytes) -> None:
        target = self.staging / path
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        self.count += 1

    def finish(self) -> None:
        """Copy the static files, then swap the new site in for the old
        one: two renames, so the old site is whole until the new one is."""
        for source in sorted(STATIC.iterdir()):
            if source.suffix != ".wasm":  # the query page's WebAssembly goes inline (query_page.wasm_script)
                self.file(f"static/{source.name}", source.read_text(encoding="utf-8"))
        old = None
        if self.out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.out.name}-old-", dir=self.out.parent))
            self.out.rename(old / self.out.name)
        self.staging.rename(self.out)
        if old is not None:
            shutil.rmtree(old)

    def abandon(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
