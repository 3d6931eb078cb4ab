"""Writing the site's files: pages from the Jinja2 templates (autoescaped),
into a staging folder that replaces the old site only when complete. Files
are written by a small thread pool while the next page renders (writing
releases the GIL)."""
from __future__ import annotations

import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .paths import root_of

HERE = Path(__file__).parent
TEMPLATES, STATIC = HERE / "templates", HERE / "static"


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
        self._pool = ThreadPoolExecutor(max_workers=2)
        self._pending = []
        self.count = 0

    def page(self, path: str, template: str, **context) -> None:
        text = self.env.get_template(template).render(root=root_of(path), site=self.site, **context)
        self.file(path, text)

    def file(self, path: str, text: str) -> None:
        target = self.staging / path
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        self._pending.append(self._pool.submit(target.write_bytes, text.encode("utf-8")))
        self.count += 1

    def finish(self) -> None:
        """Copy the static files, wait for every write, then swap the new
        site in for the old one."""
        for source in sorted(STATIC.iterdir()):
            self.file(f"static/{source.name}", source.read_text(encoding="utf-8"))
        self._pool.shutdown(wait=True)
        for done in self._pending:
            done.result()  # re-raises a failed write
        if self.out.exists():
            shutil.rmtree(self.out)
        self.staging.rename(self.out)

    def abandon(self) -> None:
        self._pool.shutdown(wait=True)
        shutil.rmtree(self.staging, ignore_errors=True)
