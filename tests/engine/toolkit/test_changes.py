"""`lanzarote-kg changes OLD NEW` (issue 21): a label changed and a
statement removed, between two git commits and between two release files,
read back from the Markdown and from the RDF Patch."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

from helpers import edit_file, run_cli
from lanzarote_kg.toolkit.changes import WORKING_TREE, compare, read_patch, read_side, render_markdown, render_patch
from lanzarote_kg.core.namespaces import Graphs

CONVENTION = "https://w3id.org/lanzarote-kg/id/instrument/lanzarote-convention"
FILE = Path("data/instruments/lanzarote-convention.ttl")
OLD_LABEL = "Council of Europe Convention on the Protection of Children against Sexual Exploitation and Sexual Abuse"
NEW_LABEL = "Council of Europe Convention on the Protection of Children (label changed by a test)"
ALT = ('    skos:altLabel "Council of Europe Convention on the protection of children against sexual exploitation '
       'and sexual abuse"@en ;\n')
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"


def git(project: Path, *args: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, env=env)


def test_changes_between_two_commits_shows_the_label_change_and_the_removed_statement(project, tmp_path):
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "before")
    edit_file(project, FILE, f'rdfs:label "{OLD_LABEL}"@en', f'rdfs:label "{NEW_LABEL}"@en')
    edit_file(project, FILE, ALT, "")
    git(project, "commit", "-qam", "after")
    patch = tmp_path / "changes.rdfp"
    completed = run_cli("changes", "HEAD~1", "HEAD", "--patch", str(patch), root=project)
    assert completed.returncode == 0, completed.stderr
    markdown = completed.stdout
    assert markdown.startswith("# Changes: HEAD~1 → HEAD")
    assert "2 statement(s) removed, 1 added, about 1 entity." in markdown
    section = markdown.split(f"`{CONVENTION}`", 1)[1]
    assert f'| − | label | `"{OLD_LABEL}"@en` | data |' in section
    assert f'| + | label | `"{NEW_LABEL}"@en` | data |' in section
    alt_row = next(line for line in section.splitlines() if ALT.split('"')[1] in line)
    assert alt_row.startswith("| − | ") and alt_row.endswith("| data |")
    # The heading carries the entity's label (the new one).
    assert f"## {NEW_LABEL} `{CONVENTION}`" in markdown
    removed, added = read_patch(patch.read_text(encoding="utf-8"))
    data = ox.NamedNode(str(Graphs.DATA))
    subject = ox.NamedNode(CONVENTION)
    assert set(removed) == {ox.Quad(subject, ox.NamedNode(LABEL), ox.Literal(OLD_LABEL, language="en"), data),
                            ox.Quad(subject, ox.NamedNode(ALT_LABEL), ox.Literal(ALT.split('"')[1], language="en"), data)}
    assert added == [ox.Quad(subject, ox.NamedNode(LABEL), ox.Literal(NEW_LABEL, language="en"), data)]
    text = patch.read_text(encoding="utf-8")
    assert text.startswith("TX .\nD ") and text.endswith("TC .\n")
    # The working tree is the default NEW side: no change since HEAD.
    same = run_cli("changes", "HEAD", "--exit-code", root=project)
    assert same.returncode == 0 and "No statement removed or added." in same.stdout


def test_changes_between_two_release_files(build_result, tmp_path):
    old = tmp_path / "old.nq"
    build_result.store.dump(str(old), format=ox.RdfFormat.N_QUADS)
    text = old.read_text(encoding="utf-8")
    label_line = next(line for line in text.splitlines()
                      if line.startswith(f"<{CONVENTION}> <{LABEL}> ") and f"<{Graphs.DATA}>" in line)
    alt_line = next(line for line in text.splitlines()
                    if line.startswith(f"<{CONVENTION}> <{ALT_LABEL}> ") and f"<{Graphs.DATA}>" in line)
    new = tmp_path / "new.nq"
    new.write_text(text.replace(label_line, label_line.replace(OLD_LABEL, NEW_LABEL)).replace(alt_line + "\n", ""),
                   encoding="utf-8")
    changes = compare(read_side(tmp_path, str(old), Graphs.ASSERTED), read_side(tmp_path, str(new), Graphs.ASSERTED))
    assert [f"{q} ." for q in changes.added] == [label_line.replace(OLD_LABEL, NEW_LABEL)]
    assert sorted(f"{q} ." for q in changes.removed) == sorted([label_line, alt_line])
    removed, added = read_patch(render_patch(changes))
    assert removed == changes.removed and added == changes.added
    assert NEW_LABEL in render_markdown(changes)


def test_a_side_that_is_neither_file_nor_revision_is_one_line(project):
    completed = run_cli("changes", "no-such-revision", root=project)
    errors = [line for line in completed.stderr.splitlines() if line.startswith("error:")]
    assert completed.returncode == 2 and len(errors) == 1 and errors[0].startswith("error: LKG-C001"), completed.stderr
    assert "Traceback" not in completed.stderr
