"""Pages for people (issue 20): no skolem digest, bookkeeping field or
variable name on any page; headers in words; inferred repeats of stated
values left out; page kinds taken from the graph, so that a node of a kind
the site has never heard of still gets its page."""
from __future__ import annotations

import re

import pyoxigraph as ox

from lanzarote_kg.core.namespaces import BASE, LKG
from lanzarote_kg.reports.site.build import build_site

_DIGEST = re.compile(r"\b[0-9a-f]{10,16}\b")
_CAMEL = re.compile(r"<(th|dt)[^>]*>([^<]*[a-z][A-Z][^<]*)<")


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_no_page_shows_a_digest_a_coined_flag_a_sequence_or_a_camel_case_header(site):
    pages = sorted(site.out.rglob("*.html"))
    assert len(pages) > 700
    for page in pages:
        html = page.read_text(encoding="utf-8")
        text = _text(html)
        assert not _DIGEST.search(text), (page, _DIGEST.search(text).group())
        assert "label coined" not in text, page
        assert "<dt>sequence</dt>" not in html, page
        assert not _CAMEL.search(html), (page, _CAMEL.search(html).group(2))


def test_an_interpretation_lists_the_obligations_it_supports_by_name(site):
    page = (site.out / "entity/intervention/toys.html").read_text(encoding="utf-8")
    box = page[page.index('<article class="note interpretation">'):]
    box = box[:box.index("</article>")]
    assert ('<dd><a href="../../entity/obligation/lanzarote-convention/article-9.html">assigned obligation: '
            "Involve children, the private sector, the media and civil society in prevention (Art. 9)</a></dd>") in box
    assert "supports value" not in page


def test_inferred_values_that_repeat_stated_ones_are_left_out(site):
    page = (site.out / "entity/intervention/toys.html").read_text(encoding="utf-8")
    assert "<dt>serves pillar</dt>" in page
    assert "<dt>addresses pillar</dt>" not in page  # prevent and protect are stated under serves pillar


def test_report_headers_are_words_and_empty_columns_are_dropped(site):
    page = (site.out / "reports/article-38.html").read_text(encoding="utf-8")
    assert '<th scope="col">served by</th>' in page
    unicef = (site.out / "entity/actor/unicef.html").read_text(encoding="utf-8")
    profile = unicef[unicef.index('id="profile-h"'):]
    assert "name as printed" not in profile and "nameAsPrinted" not in profile
    results = (site.out / "reports/provenance.html").read_text(encoding="utf-8")
    assert '<th scope="col">start line</th>' in results
    # a passage is named by where it is printed, and links there
    assert '<td><a href="../source.html#L1484">lines 1484–1485</a></td>' in results


def test_amounts_are_written_as_money(site):
    page = (site.out / "reports/interventions.html").read_text(encoding="utf-8")
    assert "EUR 2,800,000" in page and "2800000 EUR" not in page
    amount = (site.out / "entity/amount/tacro-ii/italian-contribution.html").read_text(encoding="utf-8")
    assert "<dd>3,000,000 " in amount


def test_errata_come_after_the_entitys_own_facts(site):
    page = (site.out / "entity/instrument/lanzarote-convention.html").read_text(encoding="utf-8")
    assert 'id="errata-h"' in page
    assert page.index('id="facts-h"') < page.index('id="errata-h"')


def test_the_entity_index_sorts_numbers_as_numbers(site):
    page = (site.out / "entities.html").read_text(encoding="utf-8")
    names = re.findall(r'href="entity/provision/lanzarote-convention/article-(\d+)\.html"', page)
    assert names.index("4") < names.index("38") < names.index("46")


def test_a_node_of_a_new_kind_gets_the_generic_page(build_result, layout, tmp_path):
    store = ox.Store()
    store.extend(list(build_result.store))
    data = ox.NamedNode(BASE + "graph/data")
    gizmo = ox.NamedNode(BASE + "id/gizmo/first-gizmo")
    convention = ox.NamedNode(BASE + "id/instrument/lanzarote-convention")
    store.extend([
        ox.Quad(gizmo, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                ox.NamedNode(str(LKG) + "Gizmo"), data),
        ox.Quad(gizmo, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("First gizmo"), data),
        ox.Quad(gizmo, ox.NamedNode(str(LKG.relatesTo)), convention, data),
    ])
    result = build_site(layout.queries_dir, store, tmp_path / "site", None, layout.default_source)
    page = (result.out / "entity/gizmo/first-gizmo.html").read_text(encoding="utf-8")
    assert "<h1>First gizmo</h1>" in page and '<p class="kind">Gizmo</p>' in page
    index = (result.out / "entities.html").read_text(encoding="utf-8")
    assert '<a href="#gizmo">Gizmo (1)</a>' in index
    assert '<a href="entity/gizmo/first-gizmo.html">First gizmo</a>' in index
    convention_page = (result.out / "entity/instrument/lanzarote-convention.html").read_text(encoding="utf-8")
    assert 'href="../../entity/gizmo/first-gizmo.html">First gizmo</a>' in convention_page
    assert result.pages["gizmo"] == 1


def test_a_countrys_page_says_what_it_funded_directly_or_through_its_bodies(site):
    page = (site.out / "entity/country/italy.html").read_text(encoding="utf-8")
    section = page[page.index('id="national-h"'):]
    section = section[:section.index("</section>")]
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>", section)
    said = [(_text(who).strip(), role, _text(what).strip()) for who, role, what in rows]
    dgcs = "General Direction of Development Cooperation of the Italian Ministry of Foreign Affairs"
    assert (dgcs, "funder", "TACRO II") in said
    assert ("Italian Equal Opportunities Department of the Presidency of the Council of Ministers", "funder",
            "Fund for children victims of sexual abuse and sexual exploitation") in said
    assert ("Italy", "member", "Virtual Global Taskforce") in said
    assert [role for _, role, _ in said][:3] == ["funder"] * 3  # funders first
    # the membership once in the qualified relations, though the data says it twice
    relations = page[page.index('id="rel-h"'):]
    assert relations[:relations.index("</section>")].count("virtual-global-taskforce.html") == 1


def test_the_source_page_has_a_table_of_contents_and_a_toggle(site):
    page = (site.out / "source.html").read_text(encoding="utf-8")
    contents = page[page.index('id="contents-h"'):page.index("</nav>", page.index('id="contents-h"'))]
    assert '<li class="depth-1"><a href="#L103">1.1 ARTICLE 38 OF THE LANZAROTE CONVENTION</a>' in contents
    assert contents.count("<li") == 35 and "footnote" not in contents
    assert '<input type="checkbox" id="hide-links">' in page
