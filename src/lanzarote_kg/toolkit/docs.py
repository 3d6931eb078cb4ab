"""HTML documentation of the ontology and vocabularies (`lanzarote-kg docs`).

The ontology page is pyLODE's (OntPub profile), given an rdflib graph so
that it reads nothing else: pyLODE fetches only when handed a URL, and its
background vocabularies (OWL, RDFS, SKOS, PROV...) ship inside the package.
pyLODE's SKOS profile (VocPub) shows a scheme's metadata but not its
concepts, so the vocabularies are written here as plain HTML tables, in the
same page. The overview diagram is an SVG drawn by overview_svg.
"""
from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.layout import Layout
from lanzarote_kg.toolkit.overview_svg import overview_svg
from lanzarote_kg.toolkit.qc import curie
from lanzarote_kg.pipeline.serialization import write_atomic
from lanzarote_kg.toolkit.turtle_format import parse_text

PYLODE_VERSION = "3.3.4"  # 3.4.x needs Python 3.12 for a wheel that imports


@dataclass(frozen=True)
class DocsOptions:
    out_dir: Path = Path("dist/docs")


@dataclass
class DocsResult:
    index: Path
    overview: Path
    classes: int
    schemes: int


def _read(paths: list[Path]) -> Graph:
    graph = Graph()
    for path in paths:
        graph += parse_text(path.read_text(encoding="utf-8"), str(path))
    return graph


def _pylode_html(graph: Graph) -> str:
    # pyLODE's supermodel module calls logging.basicConfig(level=DEBUG) when
    # imported; keep the root logger as it was so that our output stays quiet.
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode import OntPub
    except ImportError:
        raise UserError("LKG-DOC001", f"pyLODE is not installed (pip install pylode=={PYLODE_VERSION})") from None
    finally:
        root.handlers[:], root.level = handlers, level
    previous = logging.root.manager.disable
    logging.disable(logging.INFO)
    try:
        return OntPub(ontology=graph, sort_subjects=True).make_html()
    except Exception as exc:  # pyLODE raises its own errors for missing metadata
        raise UserError("LKG-DOC002", f"pyLODE could not document the ontology: {exc}") from None
    finally:
        logging.disable(previous)


def _anchors(page: str) -> dict[str, str]:
    """Class IRI -> id of its entry in pyLODE's page, for the diagram's links."""
    pattern = re.compile(r'<div class="[^"]*entity" id="([^"]+)">.*?<code>([^<]+)</code>', re.S)
    return {iri: fragment for fragment, iri in pattern.findall(page)}


def _vocabularies_html(vocabularies: Graph) -> str:
    out = ['<div class="section" id="vocabularies">', "<h2>Vocabularies</h2>",
           "<p>Closed lists of the knowledge graph, as SKOS concept schemes (ontology/vocabularies/).</p>"]
    schemes = sorted(vocabularies.subjects(RDF.type, SKOS.ConceptScheme), key=str)
    for scheme in schemes:
        name = str(vocabularies.value(scheme, SKOS.prefLabel) or vocabularies.value(scheme, RDFS.label) or scheme)
        slug = "scheme-" + str(scheme).rstrip("/").rsplit("/", 1)[-1]
        out += [f'<div class="entity" id="{html.escape(slug)}">', f"<h3>{html.escape(name)}</h3>",
                f"<p><code>{html.escape(str(scheme))}</code></p>",
                f"<p>{html.escape(str(vocabularies.value(scheme, SKOS.definition) or ''))}</p>",
                "<table><tr><th>concept</th><th>label</th><th>notation</th><th>broader</th><th>definition</th></tr>"]
        concepts = sorted(vocabularies.subjects(SKOS.inScheme, scheme), key=str)
        for concept in concepts:
            cells = [curie(str(concept)), vocabularies.value(concept, SKOS.prefLabel) or "",
                     vocabularies.value(concept, SKOS.notation) or "",
                     ", ".join(curie(str(b)) for b in sorted(vocabularies.objects(concept, SKOS.broader))),
                     vocabularies.value(concept, SKOS.definition) or ""]
            out.append("<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in cells) + "</tr>")
        out.append("</table></div>")
    out.append("</div>")
    return "\n".join(out)


def _inject(page: str, before: str, fragment: str) -> str:
    marker = page.find(before)
    if marker < 0:  # pyLODE changed its layout: append rather than lose the section
        marker = page.rfind("</div>", 0, page.find('<div id="toc">') if '<div id="toc">' in page else len(page))
    return page[:marker] + fragment + "\n" + page[marker:]


def build_docs(layout: Layout, options: DocsOptions = DocsOptions()) -> DocsResult:
    ontology = _read(layout.ontology_files())
    vocabularies = _read(layout.vocabulary_files())
    # Concept labels let pyLODE name the concepts that define classes
    # (owl:hasValue ikind:convention); the schemes themselves are left out,
    # or pyLODE would make each scheme's title part of the page title.
    documented = Graph()
    documented += ontology
    for concept in vocabularies.subjects(RDF.type, SKOS.Concept):
        for label in vocabularies.objects(concept, RDFS.label):
            documented.add((concept, RDFS.label, label))
    page = _pylode_html(documented)
    svg = overview_svg(ontology, _anchors(page))
    figure = ('<div class="section" id="overview"><h2>Overview</h2><p>The main classes, and the object properties '
              'that link them (from each property\'s domain to its range). '
              '<a href="overview.svg">overview.svg</a></p><figure>' + svg + "</figure></div>")
    page = _inject(page, '<div class="section" id="classes">', figure)
    page = _inject(page, '<div class="section" id="namespaces">', _vocabularies_html(vocabularies))
    out = Path(options.out_dir)
    write_atomic(out / "overview.svg", svg.encode("utf-8"))
    write_atomic(out / "index.html", page.encode("utf-8"))
    classes = sum(1 for c in ontology.subjects(RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class"))
                  if isinstance(c, URIRef))
    return DocsResult(out / "index.html", out / "overview.svg", classes,
                      len(set(vocabularies.subjects(RDF.type, SKOS.ConceptScheme))))
