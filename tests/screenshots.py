"""`make screenshots`: PNGs of the home page, a report with a chart, an
entity page and the source page, taken in headless Chromium from the
written site served on 127.0.0.1."""
from __future__ import annotations

import sys
from pathlib import Path

import browser
from lanzarote_kg.triplestore.site_server import SiteServer

PAGES = {
    "home": "index.html",
    "report-timeline": "reports/timeline.html",
    "report-network": "reports/interventions.html",
    "entity-lanzarote-convention": "entity/instrument/lanzarote-convention.html",
    "entity-toys": "entity/intervention/toys.html",
    "source": "source.html#L1041",
}


def main(site: Path, out: Path) -> int:
    why = browser.missing()
    if why:
        print(f"error: LKG-S004: {why}", file=sys.stderr)
        return 2
    with SiteServer(site) as server, browser.Chromium() as chrome:
        for name, page in PAGES.items():
            chrome.screenshot(server.url + page, out / f"{name}.png")
            print(f"wrote {out / name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2])))
