"""Sorting files of N-Triples lines outside Python, with GNU sort.

The artifacts list their statements in byte order of their N-Triples text.
At a million triples, sorting Python lists of terms held every quad in
memory several times over (issue 22); GNU sort streams through temporary
files in a bounded buffer instead, in a child process, on the other core.

The C locale makes sort compare bytes. For valid UTF-8, byte order is code
point order, which is the order of Python's `sorted()` on the same text, so
the files are the same as when Python sorted them (tests/engine/pipeline/
test_release_files.py checks both orders agree, with hypothesis)."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from lanzarote_kg.core.errors import BuildFailure

BUFFER = "256M"  # per sort process: two run at a time on a 2-core machine
_ENV = dict(os.environ, LC_ALL="C")


def _sort_program() -> str:
    program = shutil.which("sort")
    if program is None:
        raise BuildFailure("LKG-B004", "GNU sort (coreutils) was not found on PATH: the build sorts its artifacts with it")
    return program


class Sorting:
    """One `sort` child process; `wait()` raises if it failed."""

    def __init__(self, inputs: list[Path], output: Path, *, unique: bool = False, merge: bool = False,
                 temporary: Path | None = None):
        command = [_sort_program(), "-S", BUFFER]
        if temporary is not None:
            command += ["-T", str(temporary)]
        command += (["-u"] if unique else []) + (["-m"] if merge else []) + ["-o", str(output)]
        self.output = output
        self._process = subprocess.Popen(command + [str(p) for p in inputs], env=_ENV, stdin=subprocess.DEVNULL,
                                         stderr=subprocess.PIPE)

    def wait(self) -> Path:
        _, error = self._process.communicate()
        if self._process.returncode != 0:
            raise BuildFailure("LKG-B004", f"sorting {self.output.name} failed: "
                               f"{error.decode('utf-8', 'replace').strip() or self._process.returncode}")
        return self.output


def sort_files(inputs: list[Path], output: Path, *, unique: bool = False, merge: bool = False,
               temporary: Path | None = None) -> Path:
    return Sorting(inputs, output, unique=unique, merge=merge, temporary=temporary).wait()


def duplicate_lines(sorted_inputs: list[Path]) -> list[str]:
    """Every copy of each line found in more than one of the sorted files
    (each is free of repeats): what the union of the files counts once."""
    merge = subprocess.Popen([_sort_program(), "-m"] + [str(p) for p in sorted_inputs], env=_ENV,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
    repeated = subprocess.run(["uniq", "-D"], stdin=merge.stdout, env=_ENV, stdout=subprocess.PIPE, check=True)
    merge.stdout.close()
    if merge.wait() != 0:
        raise BuildFailure("LKG-B004", "merging the sorted graphs failed")
    # Split at line feeds only: a literal may hold U+0085 or U+2028, which splitlines() would cut at.
    return [line + "\n" for line in repeated.stdout.decode("utf-8").split("\n")[:-1]]
