"""Helpers shared by the command modules."""
from __future__ import annotations

import argparse
from pathlib import Path

from lanzarote_kg.core.errors import FREE_TEXT_CONTROLS, UserError, check_text, shown
from lanzarote_kg.core.layout import Layout, find_root


def layout_of(args: argparse.Namespace) -> Layout:
    return Layout(Path(args.root).resolve() if args.root else find_root())


def version_line(root: str | None) -> str:
    from lanzarote_kg.toolkit.versioning import version_line as line

    return line(Path(root).resolve() if root else find_root())


def source_path(args: argparse.Namespace, layout: Layout, *, required: bool) -> Path | None:
    """The paper's text: --source, else ../shared/source/ if present."""
    if getattr(args, "source", None):
        path = Path(args.source)
        if not path.exists():
            raise UserError("LKG-E010", f"{path}: source text not found")
        return path
    path = layout.default_source
    if path.exists():
        return path
    if required:
        raise UserError("LKG-E010", f"{path}: source text not found (give its path with --source)")
    return None


def parse_params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs or []:
        check_text(pair, "--param", FREE_TEXT_CONTROLS)
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UserError("LKG-Q005", f"--param {shown(pair)}: expected key=value")
        params[key.strip()] = value
    return params
