"""The version level's date and previous version come from CHANGELOG.md
headings, never from the clock (issue 21)."""
from __future__ import annotations

from lanzarote_kg.pipeline.description import (DATASET, ReleaseFacts, description_triples, releases,
                                               version_dates)
from lanzarote_kg.pipeline.line_statistics import LineCounts, as_statistics

CHANGELOG = """# Changelog

## [Unreleased]

## [0.3.0] - 2027-02-01

## [0.2.0] - 2026-12-20

## [0.1.0] - 2026-11-28
"""


def test_date_and_previous_version_of_each_release(tmp_path):
    path = tmp_path / "CHANGELOG.md"
    path.write_text(CHANGELOG, encoding="utf-8")
    assert releases(path) == [("0.3.0", "2027-02-01"), ("0.2.0", "2026-12-20"), ("0.1.0", "2026-11-28")]
    assert version_dates(path, "0.2.0") == ("2026-12-20", "0.1.0")
    assert version_dates(path, "0.1.0") == ("2026-11-28", None)
    # A version not released yet: no date, and the latest release is the previous one.
    assert version_dates(path, "0.4.0") == (None, "0.3.0")
    assert version_dates(tmp_path / "missing.md", "0.1.0") == (None, None)


def test_the_version_links_to_its_previous_version():
    facts = ReleaseFacts(version="0.2.0", ontology_version="0.2.0", title="t", description="d",
                         license="https://creativecommons.org/licenses/by/4.0/", creator="c", issued="2026-12-20",
                         previous="0.1.0", documents=())
    triples = {str(t) for t in description_triples(facts, {}, as_statistics(LineCounts()), {})}
    assert (f"<{DATASET}/0.2.0> <http://purl.org/pav/previousVersion> <{DATASET}/0.1.0>") in triples
    assert (f'<{DATASET}/0.2.0> <http://purl.org/dc/terms/issued> '
            f'"2026-12-20"^^<http://www.w3.org/2001/XMLSchema#date>') in triples
