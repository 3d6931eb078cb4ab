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
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Callable

from lanzarote_kg.core.errors import BuildFailure, UserError, shown
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


def _where(locate: Callable[[str, str], str] | None, document: str, name: str) -> str:
    where = locate(document, name) if locate is not None else ""
    return where or document


def text_file_problem(name: str) -> str:
    """Why `name` is not a plain file name ("" when it is one)."""
    if not name or name.strip() != name:
        return "is empty or starts or ends with white space"
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in name):
        return "holds a control character"
    if "/" in name or "\\" in name or PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() \
            or PureWindowsPath(name).drive:
        return "holds a path separator or is an absolute path"
    if name in (".", ".."):
        return "is a directory reference"
    return ""


def text_path(folder: Path | None, name: str, document: str,
              locate: Callable[[str, str], str] | None = None) -> Path | None:
    """The text file `name` of `document` inside `folder`, refused (before
    anything is opened) unless it is a plain file name that stays in the
    folder once symbolic links are followed."""
    problem = text_file_problem(name)
    if problem:
        raise UserError("LKG-E015", f"{_where(locate, document, name)}: lkg:textFile {shown(name)} {problem}: "
                                    "give the plain name of a file in the source folder")
    if folder is None:
        return None
    path = folder / name
    if path.is_symlink() or path.exists():
        resolved, home = path.resolve(), folder.resolve()
        if not resolved.is_relative_to(home):
            raise UserError("LKG-E015", f"{_where(locate, document, name)}: lkg:textFile {shown(name)} is a link "
                                        f"that leaves the source folder {folder}: refused")
    return path


def load_sources(store, source: Path | None, locate: Callable[[str, str], str] | None = None) -> Sources:
    """The text of every source document the data describes, checked against
    its recorded SHA-256. `source` is a text file or the folder holding the
    texts; None checks nothing. Every text-file name is checked first: a
    plain file name, inside the folder (LKG-E015, placed by `locate`, which
    gives "file:line" for a document and its text-file name)."""
    documents = [(row["document"].value, row["file"], row["sum"]) for row in store.query(_DOCUMENTS)]
    folder = source_folder(source) if source is not None else None
    paths = {document: text_path(folder, file.value, document, locate)
             for document, file, _ in documents if file is not None}
    if source is None:
        return Sources({}, [doc for doc, _, _ in documents])
    names = {f.value for _, f, _ in documents if f is not None}
    if not source.is_dir() and source.name not in names:
        raise UserError("LKG-E012", f"{source}: names no source document of the data (their text files: "
                                    f"{', '.join(sorted(names)) or 'none'}); give the file of one of them "
                                    "or the folder that holds them")
    texts, missing = {}, []
    for document, file, recorded in documents:
        path = paths.get(document)
        if path is None or not path.is_file():
            missing.append(document)
            continue
        text = SourceText(path)
        if recorded is not None and text.sha256 != recorded.value:
            raise BuildFailure("LKG-B002", f"{path}: SHA-256 {text.sha256} differs from the one {document} "
                                           f"records ({recorded.value}): line numbers would not match")
        texts[document] = text
    return Sources(texts, missing)
