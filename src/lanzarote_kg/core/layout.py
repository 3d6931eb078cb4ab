"""Where the project's inputs and outputs live."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lanzarote_kg.core.errors import UserError

SOURCE_FILE_NAME = "coe-2012-international-cooperation-lanzarote.txt"


@dataclass(frozen=True)
class Layout:
    """The directories of one checkout of the project."""

    root: Path

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def vocabulary_dir(self) -> Path:
        return self.ontology_dir / "vocabularies"

    @property
    def shapes_dir(self) -> Path:
        return self.ontology_dir / "shapes"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def checks_dir(self) -> Path:
        return self.queries_dir / "checks"

    @property
    def default_source(self) -> Path:
        """The paper's text, in the shared folder next to the checkout;
        LANZAROTE_KG_SOURCE overrides it."""
        override = os.environ.get("LANZAROTE_KG_SOURCE")
        if override:
            return Path(override)
        return self.root.parent / "shared" / "source" / SOURCE_FILE_NAME

    def ontology_files(self) -> list[Path]:
        return sorted(self.ontology_dir.glob("*.ttl"))

    def vocabulary_files(self) -> list[Path]:
        return sorted(self.vocabulary_dir.glob("*.ttl"))

    def shapes_files(self) -> list[Path]:
        return sorted(self.shapes_dir.glob("*.ttl"))

    def data_files(self) -> list[Path]:
        return sorted(self.data_dir.rglob("*.ttl"))

    def unread_files(self) -> list[Path]:
        """Files under ontology/ and data/ that no stage reads."""
        read = set(self.ontology_files() + self.vocabulary_files() + self.shapes_files() + self.data_files())
        present = [path for folder in (self.ontology_dir, self.data_dir) if folder.is_dir()
                   for path in sorted(folder.rglob("*")) if not path.is_dir()]
        return [path for path in present if path not in read]

    def check_inputs(self) -> None:
        """Refuse, by name, any file that would otherwise be silently left
        out of the graph (only Turtle is read: its parser has no DTDs,
        entities or remote contexts to switch off)."""
        unread = self.unread_files()
        if not unread:
            return
        path = unread[0]
        shown_path = path.relative_to(self.root) if path.is_relative_to(self.root) else path
        more = f" (and {len(unread) - 1} more file(s))" if len(unread) > 1 else ""
        raise UserError("LKG-E004", f"{shown_path}: {_why_unread(self, path)}{more}")


_OTHER_RDF = {".nt": "N-Triples", ".nq": "N-Quads", ".trig": "TriG", ".rdf": "RDF/XML", ".owl": "RDF/XML or OWL/XML",
              ".xml": "XML", ".jsonld": "JSON-LD", ".json": "JSON", ".n3": "Notation3", ".trix": "TriX",
              ".hext": "HexTuples", ".ofn": "OWL functional syntax", ".omn": "OWL Manchester syntax"}


def _why_unread(layout: Layout, path: Path) -> str:
    if path.suffix == ".ttl":
        return ("a Turtle file in a folder that is not read: ontology/ holds *.ttl, vocabularies/*.ttl and "
                "shapes/*.ttl; data/ holds *.ttl at any depth")
    kind = _OTHER_RDF.get(path.suffix.lower())
    if kind:
        return f"{kind} is not read, only Turtle (*.ttl): convert it to Turtle or move it out of the project"
    return "not a Turtle file (*.ttl), the only files read from data/ and ontology/: remove or move it"


def find_root(start: Path | None = None) -> Path:
    """The nearest directory at or above `start` holding ontology/ and data/."""
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "ontology").is_dir() and (candidate / "data").is_dir():
            return candidate
    # An installed package used outside a checkout: fall back to the
    # checkout this module was installed from (editable installs).
    package_root = Path(__file__).resolve().parents[3]
    return package_root
