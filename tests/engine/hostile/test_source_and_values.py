"""Issue 23: a data file cannot make the build read a file outside the
source folder; a value that is not text (bytes that are not UTF-8, lone
surrogates, control characters) is one LKG-Q017 line; a literal longer than
the parser's buffer is one LKG-E007 line naming the file and line."""
from __future__ import annotations

import hashlib
import os
import shutil

import pytest

from helpers import ROOT, copy_project, edit_file, run_cli
from hostile_helpers import run_main

STRUCTURE = "data/paper/structure.ttl"
TEXT_FILE = 'lkg:textFile "coe-2012-international-cooperation-lanzarote.txt"'


def _text_file_line(project) -> int:
    lines = (project / STRUCTURE).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if "lkg:textFile" in line)


@pytest.mark.parametrize("name, says", [
    ("../../../etc/passwd", "holds a path separator or is an absolute path"),
    ("/etc/passwd", "holds a path separator or is an absolute path"),
    ("..", "is a directory reference"),
    ("sub\\\\x.txt", "holds a path separator or is an absolute path"),
])
def test_a_text_file_name_that_is_not_a_plain_file_name_is_refused_before_it_is_opened(tmp_path, name, says):
    project = copy_project(tmp_path / "project")
    edit_file(project, STRUCTURE, TEXT_FILE, f'lkg:textFile "{name}"')
    source = tmp_path / "source"
    source.mkdir()
    run = run_main("validate", "--source", str(source), root=project)
    line = run.error_line()
    assert run.returncode == 2, run.stderr
    assert line.startswith(f"error: LKG-E015: {STRUCTURE}:{_text_file_line(project)}: lkg:textFile "), line
    assert line.endswith(f"{says}: give the plain name of a file in the source folder"), line
    passwd = hashlib.sha256(open("/etc/passwd", "rb").read()).hexdigest()
    assert passwd not in run.stderr  # the outside file's checksum is never shown


def test_a_text_file_that_is_a_link_leaving_the_source_folder_is_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    outside = tmp_path / "outside.txt"
    outside.write_text("a secret\n", encoding="utf-8")
    source = tmp_path / "source"
    source.mkdir()
    os.symlink(outside, source / "coe-2012-international-cooperation-lanzarote.txt")
    run = run_main("validate", "--source", str(source), root=project)
    assert run.returncode == 2, run.stderr
    assert run.error_line() == (f"error: LKG-E015: {STRUCTURE}:{_text_file_line(project)}: lkg:textFile "
                                "'coe-2012-international-cooperation-lanzarote.txt' is a link that leaves the "
                                f"source folder {source}: refused")
    assert hashlib.sha256(outside.read_bytes()).hexdigest() not in run.stderr


def test_a_link_that_stays_in_the_source_folder_is_read(tmp_path, source_path):
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(source_path, source / "paper-copy.txt")
    os.symlink("paper-copy.txt", source / source_path.name)
    run = run_main("validate", "--source", str(source), root=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]


@pytest.mark.parametrize("value, escaped, problem", [
    ("UNICEF\udcff", "UNICEF\\xff", "byte 0xff is not UTF-8"),
    ("UNI\ud800CEF", "UNI\\ud800CEF", "U+D800 is a lone surrogate, not a character"),
    ("UNICEF\x1b[2J", "UNICEF\\x1b[2J", "control character U+001B"),
    ("UNICEF\x00", "UNICEF\\x00", "control character U+0000"),
    ("UNICEF\x9b", "UNICEF\\x9b", "control character U+009B"),
])
def test_a_parameter_that_is_not_text_is_one_line(value, escaped, problem, build_result):
    run = run_main("report", "actor-profile", "--param", f"actor={value}", root=ROOT)
    assert run.returncode == 2
    assert run.error_line() in (
        f"error: LKG-Q017: argument 'actor={escaped}' is not valid text: {problem} "
        "(give UTF-8 text without control characters)",
        f"error: LKG-Q017: --param 'actor={escaped}' is not valid text: {problem} "
        "(give UTF-8 text without control characters)")


def test_a_latin1_parameter_from_a_terminal_is_one_line_locally_and_with_an_endpoint():
    """The bytes as a Latin-1 terminal sends them, through a real process."""
    import subprocess
    import sys

    for extra in ([], ["--endpoint", "http://127.0.0.1:9/sparql", "--retries", "0"]):
        completed = subprocess.run([os.fsencode(sys.executable), b"-m", b"lanzarote_kg", b"--root", os.fsencode(ROOT),
                                    b"report", b"actor-profile", b"--param", b"actor=UNICEF\xff",
                                    *[e.encode() for e in extra]], capture_output=True, timeout=120)
        stderr = completed.stderr.decode("utf-8")
        assert completed.returncode == 2, stderr
        assert stderr == ("error: LKG-Q017: argument 'actor=UNICEF\\xff' is not valid text: byte 0xff is not UTF-8 "
                          "(give UTF-8 text without control characters)\n")


def test_the_library_checks_parameter_values_too(build_result, layout):
    from lanzarote_kg.core.errors import UserError
    from lanzarote_kg.reports.runner import run_report

    with pytest.raises(UserError) as raised:
        run_report(layout.queries_dir, "actor-profile", build_result.store, {"actor": "UNICEF\udcff"})
    assert raised.value.code == "LKG-Q017"
    assert "'UNICEF\\xff'" in raised.value.message


def test_a_literal_longer_than_the_parsers_buffer_is_one_line_naming_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    long = project / "data" / "long.ttl"
    with open(long, "w", encoding="utf-8") as handle:
        handle.write("@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\n")
        handle.write('<https://w3id.org/lanzarote-kg/id/thing/long> rdfs:comment "')
        handle.write("x" * (17 * 1024 * 1024))
        handle.write('" .\n')
    run = run_main("validate", root=project)
    assert run.returncode == 2, run.stderr[-2000:]
    assert run.error_line() == (f"error: LKG-E007: {long}:3: a literal or IRI longer than the parser's buffer of "
                                "16 MiB: not read (split the text, or keep it in a source text file)")
    long.write_text('@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n<https://example.org/x> rdfs:comment """\n'
                    + "y\n" * (9 * 1024 * 1024) + '""" .\n', encoding="utf-8")
    run = run_main("validate", root=project)
    assert run.returncode == 2, run.stderr[-2000:]
    assert run.error_line().startswith(f"error: LKG-E007: {long}:2: a literal or IRI longer")
