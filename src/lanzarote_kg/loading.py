"""Parse the project's Turtle files into graphs, remembering which file each
subject came from (so that reports can name it)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from .errors import UserError


@dataclass
class LoadedGraph:
    """One named graph's triples and the files they were read from."""

    graph: Graph
    files: list[Path] = field(default_factory=list)
    # subject -> first file that states something about it
    subject_files: dict = field(default_factory=dict)


def parse_turtle(path: Path) -> Graph:
    """Parse one Turtle file; a syntax error names the file and line."""
    graph = Graph()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError("LKG-E001", f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise UserError("LKG-E002", f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        graph.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except BadSyntax as exc:
        # BadSyntax counts lines from 0.
        # args: (uri, line, text, position, why); the text is the whole file.
        why = exc.args[4] if len(exc.args) > 4 else "syntax error"
        why = " ".join(str(why).split())
        raise UserError("LKG-E003", f"{path}:{exc.lines + 1}: Turtle syntax error: {why}") from None
    except Exception as exc:  # rdflib raises assorted errors for bad terms
        raise UserError("LKG-E003", f"{path}: Turtle error: {' '.join(str(exc).split())}") from None
    return graph


def load_files(paths: list[Path], root: Path | None = None) -> LoadedGraph:
    """Parse files into one graph (blank nodes stay distinct per file)."""
    loaded = LoadedGraph(graph=Graph())
    for path in paths:
        part = parse_turtle(path)
        shown = path.relative_to(root) if root and path.is_relative_to(root) else path
        for subject in part.subjects(unique=True):
            loaded.subject_files.setdefault(subject, shown)
        loaded.graph += part
        loaded.files.append(shown)
    return loaded
