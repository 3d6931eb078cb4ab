"""The source documents the data describes, and their texts.

Each `lkg:SourceDocument` of data/ names its text file (`lkg:textFile`, a
file name) and the SHA-256 of that text. The texts live in one source
folder: the folder of `--source` (or LANZAROTE_KG_SOURCE), by default
`../shared/source/`. A document whose text is not there is reported as not
checked; a text whose checksum differs is refused, since its line numbers
would not match.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lanzarote_kg.core.errors import BuildFailure, UserError
from lanzarote_kg.core.namespaces import LKG
from lanzarote_kg.pipeline.source import SourceText

_DOCUMENTS = """
SELECT ?document ?file ?sum WHERE {
  GRAPH ?g { ?document a <%(doc)s> . OPTIONAL { ?document <%(file)s> ?file } OPTIONAL { ?document <%(sum)s> ?sum } }
} ORDER BY ?document""" % {"doc": LKG.SourceDocument, "file": LKG.textFile, "sum": LKG.sha256}


@dataclass
class Sources:
    """The texts found for the documents of the data, by document IRI."""

    texts: dict[str, SourceText]
    missing: list[str]  # documents whose text file is not in the source folder

    @property
    def checked(self) -> bool:
        return bool(self.texts)


def source_folder(source: Path) -> Path:
    """The folder of texts that a --source path names (a file in it, or the folder)."""
    return source if source.is_dir() else source.parent


def load_sources(store, source: Path | None) -> Sources:
    """The text of every source document the data describes, checked against
    its recorded SHA-256. `source` is a text file or the folder holding the
    texts; None checks nothing."""
    documents = [(row["document"].value, row["file"], row["sum"]) for row in store.query(_DOCUMENTS)]
    if source is None:
        return Sources({}, [doc for doc, _, _ in documents])
    folder = source_folder(source)
    names = {f.value for _, f, _ in documents if f is not None}
    if not source.is_dir() and source.name not in names:
        raise UserError("LKG-E012", f"{source}: names no source document of the data (their text files: "
                                    f"{', '.join(sorted(names)) or 'none'}); give the file of one of them "
                                    "or the folder that holds them")
    texts, missing = {}, []
    for document, file, recorded in documents:
        path = folder / file.value if file is not None else None
        if path is None or not path.is_file():
            missing.append(document)
            continue
        text = SourceText(path)
        if recorded is not None and text.sha256 != recorded.value:
            raise BuildFailure("LKG-B002", f"{path}: SHA-256 {text.sha256} differs from the one {document} "
                                           f"records ({recorded.value}): line numbers would not match")
        texts[document] = text
    return Sources(texts, missing)
