"""The layout of docs/ARCHITECTURE.md holds: import-linter's contracts are
kept, an import against the layers breaks them, and no module outgrows the
~300-line guideline."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "src" / "lanzarote_kg"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_import_contracts_are_kept():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_the_layers_contract(tmp_path):
    shutil.copytree(ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    errors = tmp_path / "src" / "lanzarote_kg" / "core" / "errors.py"
    errors.write_text(errors.read_text(encoding="utf-8") + "\nfrom lanzarote_kg.pipeline import build  # noqa\n",
                      encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout
    assert "Subpackages import only downwards BROKEN" in result.stdout
    assert "lanzarote_kg.core.errors -> lanzarote_kg.pipeline.build" in result.stdout


def test_no_module_is_over_300_lines():
    sizes = {str(path.relative_to(PACKAGE)): len(path.read_text(encoding="utf-8").splitlines())
             for path in PACKAGE.rglob("*.py")}
    assert sizes and max(sizes.values()) <= 300, sorted(sizes.items(), key=lambda item: -item[1])[:3]
