"""The report site, written once per test session from the graph the
session builds (tests/conftest.py), with the paper's text where present."""
from __future__ import annotations

import pytest

from site_helpers import paper_text, write_site


@pytest.fixture(scope="session")
def site(build_result, layout, tmp_path_factory):
    return write_site(build_result, layout, tmp_path_factory.mktemp("site") / "site", paper_text(layout))
