"""One version number in four places (`lanzarote-kg version`).

The ontology's owl:versionIRI and owl:versionInfo (ontology/header.ttl),
the package version (pyproject.toml), `__version__`
(src/lanzarote_kg/__init__.py) and the latest heading of CHANGELOG.md must
agree. A bump rewrites exactly those lines, as text, so that the rest of
each file (comments, layout) is untouched, and adds a dated heading to the
changelog under which the "Unreleased" notes now fall.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.pipeline.serialization import write_atomic

PARTS = ("major", "minor", "patch")
_SEMVER = r"(\d+)\.(\d+)\.(\d+)"
_VERSION_IRI = re.compile(r'^(\s*owl:versionIRI\s+<https://w3id\.org/lanzarote-kg/ontology/)' + _SEMVER + r'(>.*)$', re.M)
_VERSION_INFO = re.compile(r'^(\s*owl:versionInfo\s+")' + _SEMVER + r'(".*)$', re.M)
_PYPROJECT = re.compile(r'^(version\s*=\s*")' + _SEMVER + r'(")', re.M)
_INIT = re.compile(r'^(__version__\s*=\s*")' + _SEMVER + r'(")', re.M)
_CHANGELOG_RELEASE = re.compile(r"^## \[" + _SEMVER + r"\]", re.M)
_UNRELEASED = re.compile(r"^## \[Unreleased\][^\n]*\n", re.M)


@dataclass(frozen=True)
class BumpOptions:
    part: str  # major | minor | patch
    date: dt.date | None = None  # the changelog heading's date; default today


@dataclass(frozen=True)
class VersionFiles:
    header: Path
    pyproject: Path
    init: Path
    changelog: Path

    @classmethod
    def of(cls, root: Path) -> "VersionFiles":
        return cls(root / "ontology" / "header.ttl", root / "pyproject.toml",
                   root / "src" / "lanzarote_kg" / "__init__.py", root / "CHANGELOG.md")

    def patterns(self) -> list[tuple[Path, re.Pattern, str]]:
        return [(self.header, _VERSION_IRI, "owl:versionIRI"), (self.header, _VERSION_INFO, "owl:versionInfo"),
                (self.pyproject, _PYPROJECT, "version"), (self.init, _INIT, "__version__")]


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError("LKG-VER001", f"{path}: not found (the version is kept in ontology/header.ttl, "
                                      "pyproject.toml, src/lanzarote_kg/__init__.py and CHANGELOG.md)") from None


def versions(files: VersionFiles) -> dict[str, str]:
    """Where each version is written -> the version found there."""
    found = {}
    for path, pattern, what in files.patterns():
        matches = pattern.findall(_read(path))
        if len(matches) != 1:
            raise UserError("LKG-VER002", f"{path}: expected exactly one {what} line with a version x.y.z, "
                                          f"found {len(matches)}")
        found[f"{path.name} {what}"] = ".".join(matches[0][1:4])
    release = _CHANGELOG_RELEASE.search(_read(files.changelog))
    found["CHANGELOG.md latest release"] = ".".join(release.groups()) if release else "none"
    return found


def ontology_version(header: Path) -> str | None:
    """The owl:versionInfo of the ontology header, or None when the header
    is not there or holds no single x.y.z version."""
    try:
        matches = _VERSION_INFO.findall(header.read_text(encoding="utf-8"))
    except (FileNotFoundError, IsADirectoryError, UnicodeDecodeError):
        return None
    return ".".join(matches[0][1:4]) if len(matches) == 1 else None


def version_line(root: Path) -> str:
    """What `lanzarote-kg --version` prints: the package's version and the
    ontology's (from the checkout's ontology/header.ttl)."""
    from lanzarote_kg import __version__

    found = ontology_version(VersionFiles.of(root).header)
    ontology = found if found else f"not found (no {root / 'ontology' / 'header.ttl'})"
    return f"lanzarote-kg {__version__}, ontology {ontology}"


def current_version(files: VersionFiles) -> str:
    found = versions(files)
    distinct = sorted(set(found.values()))
    if len(distinct) != 1:
        detail = "; ".join(f"{where}: {version}" for where, version in found.items())
        raise UserError("LKG-VER003", f"the version numbers disagree ({detail})")
    return distinct[0]


def bumped(version: str, part: str) -> str:
    if part not in PARTS:
        raise UserError("LKG-VER004", f"--bump must be one of {', '.join(PARTS)}")
    major, minor, patch = (int(n) for n in version.split("."))
    if part == "major":
        return f"{major + 1}.0.0"
    if part == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def bump(files: VersionFiles, options: BumpOptions) -> tuple[str, str]:
    """Rewrite the version everywhere; (old, new). Nothing is written unless
    every file can be updated."""
    old = current_version(files)
    new = bumped(old, options.part)
    texts: dict[Path, str] = {}
    for path, pattern, _ in files.patterns():
        text = texts.get(path, _read(path))
        texts[path] = pattern.sub(lambda m: m.group(1) + new + m.group(5), text, count=1)
    changelog = _read(files.changelog)
    heading = f"## [{new}] - {(options.date or dt.date.today()).isoformat()}\n"
    unreleased = _UNRELEASED.search(changelog)
    if unreleased:  # the notes gathered under Unreleased now belong to the release
        at = unreleased.end()
        changelog = changelog[:at] + "\n" + heading + changelog[at:]
    else:
        first = _CHANGELOG_RELEASE.search(changelog)
        at = first.start() if first else len(changelog)
        changelog = changelog[:at] + heading + "\n" + changelog[at:]
    texts[files.changelog] = changelog
    for path, text in texts.items():
        write_atomic(path, text.encode("utf-8"))
    return old, new
