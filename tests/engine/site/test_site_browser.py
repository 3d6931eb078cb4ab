"""The site in a real browser (headless Chromium): every page, served on
127.0.0.1, loads with no console error and requests nothing outside the
site; every internal link and anchor lands; each report page shows the
report's rows; the charts draw the marks the data calls for; an entity
page quotes the paper verbatim; the site works from file:// and reads
without JavaScript."""
from __future__ import annotations

import posixpath
import time
import urllib.parse
from dataclasses import dataclass

import pyoxigraph as ox
import pytest

import browser
from helpers import run_cli
from lanzarote_kg.pipeline.source import SourceText, normalise
from lanzarote_kg.sparql.catalogue import catalogue
from lanzarote_kg.reports.runner import run_report
from lanzarote_kg.sparql.catalogue import catalogue, read_query
from lanzarote_kg.sparql.engines import select_oxigraph
from lanzarote_kg.triplestore.site_server import SiteServer

pytestmark = pytest.mark.skipif(bool(browser.missing()), reason=browser.missing() or "")

# Run in the home page: load every same-site page reachable from it, one
# after the other, in an iframe, and report what each page holds. One
# WebDriver round trip for the whole site instead of four per page.
CRAWL = """
// Called repeatedly, each call loads up to `batch` pages (a call must end
// within the WebDriver client's 120 s read timeout, even on a busy machine).
const batch = arguments[0], done = arguments[arguments.length - 1];
const origin = location.origin + "/";
const marks = (figure, role) => figure ? [...figure.querySelectorAll(`[aria-roledescription="${role}"]`)] : [];
function facts(doc) {
  const chart = doc.querySelector("figure.chart");
  const result = doc.querySelector("section[aria-labelledby=result-h] table tbody");
  return {
    links: [...doc.querySelectorAll("a[href]")].map(a => a.href),
    ids: [...doc.querySelectorAll("[id]")].map(e => e.id),
    title: doc.title, h1: doc.querySelectorAll("h1").length,
    tablesWithoutHeaders: [...doc.querySelectorAll("table")].filter(t => !t.querySelector("th")).length,
    resultRows: result ? result.rows.length : null,
    rowCount: (doc.querySelector(".count .rows") || {}).textContent || null,
    chart: chart ? {id: chart.id, caption: chart.querySelector("figcaption").textContent,
                    points: marks(chart, "point").map(m => m.getAttribute("aria-label")),
                    lines: marks(chart, "line mark").length} : null,
    quotes: [...doc.querySelectorAll("blockquote")].map(b => b.textContent),
  };
}
if (!window.crawlState) {
  const frame = document.createElement("iframe");
  frame.style.display = "none";  // loaded and run, but never laid out or painted
  document.body.appendChild(frame);
  const start = location.href.split("#")[0];
  window.crawlState = {frame: frame, queue: [start], seen: new Set([start])};
}
const {frame, queue, seen} = window.crawlState, pages = {};
let left = batch;
function next() {
  if (!queue.length || left-- === 0) { done({pages: pages, finished: !queue.length}); return; }
  const url = queue.shift();
  frame.onload = () => {
    const found = facts(frame.contentDocument);
    pages[url] = found;
    for (const link of found.links) {
      const page = link.split("#")[0];
      if (page.startsWith(origin) && page.endsWith(".html") && !seen.has(page)) { seen.add(page); queue.push(page); }
    }
    next();
  };
  frame.src = url;
}
next();
"""


@pytest.fixture(scope="module")
def served(site):
    with SiteServer(site.out) as server:
        yield server


@pytest.fixture(scope="module")
def chromium():
    with browser.Chromium() as chrome:
        yield chrome


@dataclass
class Crawl:
    pages: dict[str, dict]  # URL -> facts
    console: list[str]
    requests: list[str]


@pytest.fixture(scope="module")
def crawl(served, chromium):
    """Every HTML page reachable from the home page, each loaded once."""
    started = time.perf_counter()
    chromium.visit(served.url + "index.html")
    chromium.driver.set_script_timeout(110)
    pages, finished = {}, False
    while not finished:
        answer = chromium.driver.execute_async_script(CRAWL, 100)
        pages.update(answer["pages"])
        finished = answer["finished"]
    console, requests = chromium.drain()
    print(f"crawled {len(pages)} pages in {time.perf_counter() - started:.1f}s")
    return Crawl(pages, console, requests)


def _page(served, path: str) -> str:
    return served.url + path


def test_the_crawl_reaches_every_page_the_site_wrote(crawl, served, site):
    written = {served.url + str(p.relative_to(site.out)) for p in site.out.rglob("*.html")}
    assert set(crawl.pages) == written
    assert len(crawl.pages) == sum(site.pages.values())


def test_every_page_loads_without_console_errors_or_outside_requests(crawl, served):
    assert crawl.console == []
    assert len(crawl.requests) > len(crawl.pages)  # the pages, their stylesheet and scripts were seen
    assert [r for r in crawl.requests if not r.startswith(served.url)] == []


def test_every_internal_link_and_anchor_lands(crawl, served, site):
    ids = {url: set(facts["ids"]) for url, facts in crawl.pages.items()}
    broken = []
    for url, facts in crawl.pages.items():
        for link in facts["links"]:
            assert link.startswith(served.url), (url, link)  # no link leaves the site
            page, _, fragment = link.partition("#")
            if page.endswith(".html"):
                if page not in ids or (fragment and fragment not in ids[page]):
                    broken.append((url, link))
            else:  # a download: the file is there
                relative = urllib.parse.unquote(page[len(served.url):])
                if not (site.out / posixpath.normpath(relative)).is_file():
                    broken.append((url, link))
    assert broken == []


def test_every_page_has_one_title_heading_and_header_cells(crawl):
    for url, facts in crawl.pages.items():
        assert facts["title"] and facts["h1"] == 1, url
        assert facts["tablesWithoutHeaders"] == 0, url


def test_each_report_page_shows_the_reports_rows(crawl, served, kg, layout):
    for query in catalogue(layout.queries_dir):
        example = dict([query.extra["example"].split("=", 1)]) if query.parameters else {}
        expected = len(run_report(layout.queries_dir, query.name, kg.result.store, example).table.rows)
        facts = crawl.pages[_page(served, f"reports/{query.name}.html")]
        assert facts["resultRows"] == expected and facts["rowCount"] == str(expected), query.name


def test_the_timeline_marks_each_dated_row_from_1989_to_2012(crawl, served, kg, layout):
    rows = run_report(layout.queries_dir, "timeline", kg.result.store).table.rows
    in_range = [r for r in rows if 1989 <= int(str(r[0])[:4]) <= 2012]
    chart = crawl.pages[_page(served, "reports/timeline.html")]["chart"]
    assert chart["id"] == "chart-timeline" and len(chart["points"]) == len(in_range) == 81
    # The three World Congresses and UNGASS, each a mark at its first day.
    congresses = run_report(layout.queries_dir, "world-congresses", kg.result.store).table.rows
    labels = dict(kg.select("SELECT ?e ?l WHERE { ?e a lkg:Event ; rdfs:label ?l }"))
    for event, start in ((str(r[0]), str(r[1])) for r in congresses):
        assert f"{start}: {labels[event]} (event, held)" in chart["points"], event
    assert sum("World Congress" in p and "(event, held)" in p and "preparatory" not in p
               for p in chart["points"]) == 3


def test_the_network_draws_every_actor_intervention_and_relation(crawl, served, kg, layout):
    query = read_query(layout.queries_dir / "charts" / "network.rq")
    rows = select_oxigraph(kg.result.store, query.text).rows
    roles = {str(r[1]) for r in rows}
    assert {"funder", "implementer", "partner", "member"} <= roles
    nodes = {str(r[0]) for r in rows} | {str(r[2]) for r in rows}
    chart = crawl.pages[_page(served, "reports/interventions.html")]["chart"]
    assert len(chart["points"]) == len(nodes) and chart["lines"] == len(rows)
    # each point named, with what it is and its relations, in its tooltip and ARIA label
    assert any(p.startswith("Virtual Global Taskforce (intervention or network): ") for p in chart["points"])
    assert all(" (actor): " in p or " (intervention or network): " in p for p in chart["points"])


def test_the_heat_map_and_the_funding_bars_have_a_mark_per_cell(crawl, served):
    heat = crawl.pages[_page(served, "reports/pillar-matrix.html")]["chart"]
    assert heat["id"] == "chart-heatmap" and "13 interventions, 4 pillars" in heat["caption"]
    bars = crawl.pages[_page(served, "reports/funding-by-funder.html")]["chart"]
    assert bars["id"] == "chart-bars" and "2 bars" in bars["caption"]


def test_an_entity_page_quotes_the_paper_verbatim(crawl, served, source_path):
    quotes = crawl.pages[_page(served, "entity/instrument/lanzarote-convention.html")]["quotes"]
    text = SourceText(source_path)
    assert len(quotes) >= 3
    for quote in quotes:
        assert text.locate(quote), quote
    assert any("25 October 2007" in q and text.occurs_within(q, 17, 19) for q in quotes)


def test_the_source_page_anchors_every_line_and_links_quotes_back(crawl, served, source_path):
    facts = crawl.pages[_page(served, "source.html")]
    lines = SourceText(source_path).line_count
    assert {f"L{n}" for n in range(1, lines + 1)} <= set(facts["ids"])
    back = {link for link in facts["links"] if "/entity/" in link}
    assert served.url + "entity/instrument/lanzarote-convention.html" in back


def test_the_site_works_from_file_and_its_search_finds_an_acronym(chromium, site):
    home = site.out.resolve().as_uri() + "/index.html"
    visit = chromium.visit(home)
    assert visit.console == [] and all(r.startswith("file://") for r in visit.requests), visit
    box = chromium.driver.find_element("id", "q")
    box.send_keys("UNICEF")
    found = chromium.driver.execute_script(
        "return [...document.querySelectorAll('#search-results a')].map(a => [a.textContent, a.href])")
    assert ["UNICEF", site.out.resolve().as_uri() + "/entity/actor/unicef.html"] in found
    report = chromium.visit(site.out.resolve().as_uri() + "/reports/timeline.html",
                            "return document.querySelectorAll('#chart-timeline [aria-roledescription=point]').length")
    assert report.console == [] and report.facts == 81


def test_without_javascript_the_pages_still_read(served):
    with browser.Chromium(javascript=False) as plain:
        home = plain.visit(served.url + "index.html", None)
        text = plain.driver.find_element("tag name", "main").text
        assert "Interventions against the 4Ps" in text and "every entity by kind" in text
        assert not plain.driver.find_element("css selector", "form.search").is_displayed()
        assert home.console == []


CHART_FACTS = """
const svg = document.querySelector("figure.chart svg");
const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
const marks = [...svg.querySelectorAll('[role="graphics-symbol"]')].filter(m => m.tagName !== "text" && m.tagName !== "g");
return {
  marks: marks.length,
  untitled: marks.filter(m => !m.querySelector("title") || m.querySelector("title").textContent !== m.getAttribute("aria-label")).length,
  titles: marks.map(m => m.querySelector("title") ? m.querySelector("title").textContent : ""),
  smallest: Math.min(...[...svg.querySelectorAll("text")].map(t => parseFloat(getComputedStyle(t).fontSize) * scale)),
  colours: [...svg.querySelectorAll('[aria-roledescription="line mark"]')].map(m => m.getAttribute("stroke")),
};
"""


@pytest.mark.parametrize("report", ["timeline", "interventions", "pillar-matrix", "funding-by-funder"])
def test_every_chart_mark_has_a_tooltip_and_no_text_is_under_11_px(chromium, served, report):
    visit = chromium.visit(served.url + f"reports/{report}.html", CHART_FACTS)
    facts = visit.facts
    assert facts["marks"] > 0 and facts["untitled"] == 0, report
    assert facts["smallest"] >= 11, (report, facts["smallest"])


def test_a_network_tooltip_names_the_actor_and_what_it_does(chromium, served):
    facts = chromium.visit(served.url + "reports/interventions.html", CHART_FACTS).facts
    dgcs = [t for t in facts["titles"] if t.startswith("General Direction of Development Cooperation of the "
                                                       "Italian Ministry of Foreign Affairs (actor): ")]
    assert len(dgcs) == 1 and "funder of TACRO II" in dgcs[0], facts["titles"]
    # the roles drawn in as many colours (Okabe-Ito), partner apart from member
    assert len(set(facts["colours"])) == 5
    # every actor also in the table beside the chart
    table = chromium.driver.execute_script(
        "return [...document.querySelectorAll('details.chart-table tbody tr td:first-child')].map(c => c.textContent)")
    assert "General Direction of Development Cooperation of the Italian Ministry of Foreign Affairs" in table


def test_the_funding_chart_writes_money_as_money(chromium, served):
    facts = chromium.visit(served.url + "reports/funding-by-funder.html", CHART_FACTS).facts
    assert any("EUR 2,800,000 to 1 intervention" in t for t in facts["titles"]), facts["titles"]


SEARCH_RESULTS = """
return {entities: [...document.querySelectorAll('#search-results a')].map(a => [a.textContent, a.href]),
        lines: [...document.querySelectorAll('#search-lines a')].map(a => [a.textContent, a.href]),
        status: document.getElementById('search-status').textContent};
"""


def test_search_puts_the_exact_short_name_first_from_every_pages_box(chromium, site):
    root = site.out.resolve().as_uri() + "/"
    chromium.visit(root + "entity/instrument/echr.html")  # any page: the box is in its navigation
    box = chromium.driver.find_element("id", "nav-q")
    box.send_keys("Lanzarote Convention")
    box.submit()
    found = chromium.visit(chromium.driver.current_url, SEARCH_RESULTS).facts
    assert chromium.driver.current_url.startswith(root + "search.html?q=Lanzarote")
    assert found["entities"][0] == ["Council of Europe Convention on the Protection of Children against Sexual "
                                    "Exploitation and Sexual Abuse", root + "entity/instrument/lanzarote-convention.html"]


def test_search_finds_a_word_of_the_paper_at_its_line(chromium, site, source_path):
    root = site.out.resolve().as_uri() + "/"
    visit = chromium.visit(root + "search.html?q=grooming", SEARCH_RESULTS)
    assert visit.console == []
    lines = visit.facts["lines"]
    assert lines, visit.facts
    text = SourceText(source_path)
    for label, href in lines:
        number = int(href.rsplit("#L", 1)[1])
        assert label == f"line {number}" and "grooming" in text.lines[number - 1].lower()
    # "money" is not a word of the paper; its amounts of money are entities
    money = chromium.visit(root + "search.html?q=money", SEARCH_RESULTS).facts
    assert money["lines"] == [] and root + "entity/amount/tacro-ii/italian-contribution.html" in {
        href for _, href in money["entities"]}


COUNT_QUERY = ("PREFIX lkg: <https://w3id.org/lanzarote-kg/ontology#>\n"
               "SELECT (COUNT(*) AS ?n) WHERE { ?participation lkg:participationIn ?context }")
_INTERNAL = ("chrome://", "chrome-untrusted://", "data:", "blob:", "file://")  # the browser's own, and the disk


def _answer(chromium, timeout: float = 240) -> dict:
    """Wait for the query page's answer (or failure); its status and table."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = chromium.driver.execute_script("return document.getElementById('query-status').textContent")
        if " row" in status or "failed" in status or "could not" in status:
            break
        time.sleep(0.5)
    return chromium.driver.execute_script("""
        return {status: document.getElementById('query-status').textContent,
                head: [...document.querySelectorAll('#query-results th')].map(c => c.textContent),
                rows: [...document.querySelectorAll('#query-results tbody tr')].map(
                    r => [...r.cells].map(c => c.textContent)),
                links: [...document.querySelectorAll('#query-results tbody a')].map(a => [a.textContent, a.href]),
                share: document.getElementById('query-share').href,
                examples: document.querySelectorAll('#query-example option').length};""")


def test_the_query_page_counts_from_file_as_the_command_line_does(chromium, site, build_result, layout, tmp_path):
    # The command line, on the graph the site was built from.
    graph = tmp_path / "graph.nq"
    build_result.store.dump(str(graph), format=ox.RdfFormat.N_QUADS)
    query = tmp_path / "count.rq"
    query.write_text(COUNT_QUERY, encoding="utf-8")
    cli = run_cli("query", str(query), "--graph", str(graph), "--format", "csv")
    assert cli.returncode == 0, cli.stderr
    expected = cli.stdout.splitlines()[1]
    assert int(expected) > 100
    # The browser, from file://, with the query in the share link.
    root = site.out.resolve().as_uri() + "/"
    chromium.drain()
    chromium.driver.get(root + "query.html#query=" + urllib.parse.quote(COUNT_QUERY))
    answer = _answer(chromium)
    console, requests = chromium.drain()
    assert answer["head"] == ["n"] and answer["rows"] == [[expected]], answer
    assert answer["examples"] == len(catalogue(layout.queries_dir)) == 20  # every canned report is an example
    assert console == [] and [r for r in requests if not r.startswith(_INTERNAL)] == []
    assert all(r.startswith(root) for r in requests if r.startswith("file://"))


def test_the_query_page_runs_an_example_with_labels_from_the_server(chromium, served):
    chromium.driver.get(served.url + "query.html")
    _answer(chromium, 5)  # the engine starts while the page waits for a click
    select = chromium.driver.find_element("id", "query-example")
    for option in select.find_elements("tag name", "option"):
        if option.text == "The World Congresses and UNGASS":
            option.click()
    chromium.driver.find_element("css selector", "#query-form button[type=submit]").click()
    answer = _answer(chromium)
    assert answer["status"] == "4 rows.", answer
    # IRIs shown by their labels, linked to their pages
    congresses = [(text, href) for text, href in answer["links"] if href.startswith(served.url + "entity/event/")]
    assert len(congresses) == 4 and sum("World Congress" in text for text, _ in congresses) == 3, congresses
    assert answer["head"][0] == "event" and not any(text.startswith("https://") for text, _ in answer["links"])
    # the share link holds the query
    shared = urllib.parse.unquote(answer["share"].split("#query=", 1)[1])
    assert shared.startswith("#+ title: The World Congresses and UNGASS") and "SELECT ?event" in shared
    console, requests = chromium.drain()
    assert console == [] and [r for r in requests if not r.startswith(_INTERNAL + (served.url,))] == []


def _click_link(chromium, text: str) -> None:
    chromium.driver.find_element("link text", text).click()


def _cells(chromium, selector: str) -> list[list[str]]:
    return chromium.driver.execute_script(
        f"return [...document.querySelectorAll({selector!r})].map(r => [...r.cells].map(c => c.textContent.trim()))")


def test_what_did_italy_fund_in_one_click_from_the_home_page(chromium, served):
    chromium.driver.get(served.url + "index.html")
    chromium.driver.find_element("id", "q").send_keys("Italy")
    _click_link(chromium, "Italy")  # click 1: the first result
    assert chromium.driver.current_url == served.url + "entity/country/italy.html"
    rows = _cells(chromium, "section[aria-labelledby=national-h] tbody tr")
    funded = {(who, what) for who, role, what, *_ in rows if role == "funder"}
    assert funded == {
        ("General Direction of Development Cooperation of the Italian Ministry of Foreign Affairs", "TACRO II"),
        ("General Direction of Development Cooperation of the Italian Ministry of Foreign Affairs",
         "Preventing and combating trafficking of minors and young women from Nigeria to Italy"),
        ("Italian Equal Opportunities Department of the Presidency of the Council of Ministers",
         "Fund for children victims of sexual abuse and sexual exploitation")}


def test_which_obligations_article_38_imposes_and_on_whom_in_one_click(chromium, served):
    chromium.driver.get(served.url + "index.html")
    _click_link(chromium, "Article 38 and what serves it")  # click 1
    head = chromium.driver.execute_script(
        "return [...document.querySelectorAll('section[aria-labelledby=result-h] thead th')].map(c => c.textContent)")
    assert head[:3] == ["provision", "obligation", "bearers"] and head[-1] == "in the paper"
    rows = _cells(chromium, "section[aria-labelledby=result-h] tbody tr")
    obligations = {(row[0], row[1], row[2]) for row in rows if row[1]}
    assert ("Lanzarote Convention, Article 38(4)", next(o for p, o, b in obligations if p.endswith("38(4)")),
            "Parties to the Convention") in obligations
    assert {b for _, _, b in obligations} == {"Parties to the Convention"}


def test_how_much_money_tacro_ii_had_and_from_whom_in_one_click(chromium, served):
    chromium.driver.get(served.url + "index.html")
    _click_link(chromium, "Interventions")  # click 1
    rows = _cells(chromium, "section[aria-labelledby=result-h] tbody tr")
    tacro = next(row for row in rows if row[0] == "TACRO II")
    assert "General Direction of Development Cooperation" in tacro[1] and "EUR 3,000,000" in tacro
    assert tacro[-1].startswith("line")  # traced to the paper


def test_a_report_rows_evidence_link_leads_to_the_line_that_says_it(chromium, served, source_path):
    chromium.driver.get(served.url + "reports/world-congresses.html")
    row = chromium.driver.find_element(
        "xpath", "//section[@aria-labelledby='result-h']//tbody/tr[td/a[contains(@href, 'world-congress-1-stockholm')]]")
    link = row.find_element("css selector", "td.evidence a")
    quote = link.get_attribute("title")
    link.click()
    line = int(chromium.driver.current_url.rsplit("#L", 1)[1])
    target = chromium.driver.execute_script("return document.querySelector(':target').textContent")
    text = SourceText(source_path)
    assert text.lines[line - 1].strip()[:20] in target
    assert text.occurs_within(quote, line, line + 5), (quote, line)


def test_the_source_pages_toggle_hides_the_entity_links(chromium, served):
    chromium.driver.get(served.url + "source.html")
    shown = "return [...document.querySelectorAll('ol.source .supports')].filter(e => e.offsetParent).length"
    before = chromium.driver.execute_script(shown)
    chromium.driver.find_element("id", "hide-links").click()
    assert before > 100 and chromium.driver.execute_script(shown) == 0
    _click_link(chromium, "1.1 ARTICLE 38 OF THE LANZAROTE CONVENTION")
    assert chromium.driver.current_url.endswith("source.html#L103")
