"""Where the project's inputs and outputs live."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

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
