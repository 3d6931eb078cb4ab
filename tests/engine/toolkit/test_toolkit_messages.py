"""Issue 23: `fmt --check --diff` shows the change; `qc --show LEVEL` hides
the findings below a level (the companion of --fail-on)."""
from __future__ import annotations

from helpers import ROOT, copy_project
from hostile_helpers import run_main


def test_fmt_check_diff_shows_what_would_change_and_writes_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "loose.ttl"
    text = '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n<https://example.org/a>    rdfs:label   "x" .\n'
    path.write_text(text, encoding="utf-8")
    run = run_main("fmt", "--check", "--diff", str(path), root=project)
    assert run.returncode == 1
    assert run.stdout == (f"--- {path}\n+++ {path} (canonical)\n@@ -1,2 +1,3 @@\n"
                          " @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                          '-<https://example.org/a>    rdfs:label   "x" .\n+\n+<https://example.org/a> rdfs:label "x" .\n'
                          f"would reformat: {path}\n")
    assert path.read_text(encoding="utf-8") == text
    run = run_main("fmt", "--diff", str(path), root=project)
    assert run.returncode == 2
    assert run.error_line() == "error: LKG-F007: --diff shows what --check finds: give both (fmt --check --diff)"


def test_qc_show_hides_levels_below_the_one_given_and_counts_them():
    everything = run_main("qc", "--format", "tsv", root=ROOT)
    infos = [line for line in everything.stdout.splitlines() if line.startswith("info\t")]
    assert infos  # the ontology has info-level findings (properties that apply to anything)
    shown = run_main("qc", "--format", "tsv", "--show", "warn", root=ROOT)
    assert shown.returncode == everything.returncode
    assert not [line for line in shown.stdout.splitlines() if line.startswith("info\t")]
    assert [line for line in shown.stdout.splitlines() if not line.startswith("info\t")] == \
        [line for line in everything.stdout.splitlines() if not line.startswith("info\t")]
    assert shown.stderr.strip().endswith(f"info(s) (not shown: {len(infos)} info)")
