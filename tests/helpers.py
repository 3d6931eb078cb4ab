"""Helpers for tests that run the CLI or change a copy of the project."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def copy_project(target: Path) -> Path:
    """A throw-away copy of the project's inputs (ontology, data, queries)."""
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, target / name)
    return target


def run_cli(*args: str, root: Path = ROOT, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    environment = dict(os.environ)
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "lanzarote_kg", "--root", str(root), *args],
                          capture_output=True, text=True, env=environment, cwd=cwd or root, timeout=600)


def edit_file(project: Path, relative: Path, old: str, new: str) -> None:
    """Replace the first occurrence of `old` in a file of a project copy."""
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {relative}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
