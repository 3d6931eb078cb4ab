"""`make screenshots`: PNGs of the home page, the reports with charts and
traced rows, entity and country pages, the source page with its contents,
the search and the query page (after running a query), taken in headless
Chromium from the written site served on 127.0.0.1."""
from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote

import browser
from lanzarote_kg.triplestore.site_server import SiteServer

PAGES = {
    "home": "index.html",
    "report-timeline": "reports/timeline.html",
    "report-network": "reports/interventions.html",
    "entity-lanzarote-convention": "entity/instrument/lanzarote-convention.html",
    "entity-toys": "entity/intervention/toys.html",
    "source": "source.html#L1041",
    "source-contents": "source.html",
    "report-article-38": "reports/article-38.html",
    "report-funding": "reports/funding-by-funder.html",
    "report-world-congresses": "reports/world-congresses.html",
    "entity-italy": "entity/country/italy.html",
    "entity-index": "entities.html",
    "search-grooming": "search.html?q=grooming",
    "search-lanzarote-convention": "search.html?q=Lanzarote%20Convention",
    "query-world-congresses": "query.html#query=" + quote(
        "PREFIX lkg: <https://w3id.org/lanzarote-kg/ontology#>\n"
        "SELECT ?congress ?start ?place WHERE {\n  ?congress a lkg:Congress ; lkg:startDate ?start ; lkg:location ?place .\n}\n"
        "ORDER BY ?start"),
}
# Pages that finish drawing after loading: wait for this text in the page.
WAIT_FOR = {"query-world-congresses": " rows."}


def main(site: Path, out: Path) -> int:
    why = browser.missing()
    if why:
        print(f"error: LKG-S004: {why}", file=sys.stderr)
        return 2
    with SiteServer(site) as server, browser.Chromium() as chrome:
        for name, page in PAGES.items():
            chrome.screenshot(server.url + page, out / f"{name}.png", WAIT_FOR.get(name))
            print(f"wrote {out / name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2])))
