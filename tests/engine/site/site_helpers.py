"""Writing the site in tests (the fixtures in conftest.py use it too)."""
from __future__ import annotations

from pathlib import Path

from lanzarote_kg.reports.site.build import SiteResult, build_site


def write_site(build_result, layout, out: Path, source: Path | None) -> SiteResult:
    return build_site(layout.queries_dir, build_result.store, out, source, layout.default_source)


def paper_text(layout) -> Path | None:
    return layout.default_source if layout.default_source.exists() else None
