"""The build catches what `qc` catches about terms (issue 23).

* A term of the project's own namespaces (`lkg:` terms, concepts, schemes,
  shapes) used as a property or a value but declared nowhere (no
  `rdf:type` in the ontology, the vocabularies, the shapes or the data):
  a misspelt `lkg:usdBy` is otherwise valid RDF that SHACL never notices.
* An IRI in a namespace one edit away from one of the project's own
  (`…/ontolgy#`, `http://w3id.org/lanzarote-kg/…`): a likely typo, which
  otherwise shows up only as statements without evidence on a skolem IRI.

Both fail the build (LKG-B003), each problem on one line with the file and
line where the term is written and, for an undeclared term, the closest
declared term of its namespace (difflib). The same undeclared-term rule is
`queries/qc/undeclared-term.rq`.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

import pyoxigraph as ox

from lanzarote_kg.core.errors import BuildFailure
from lanzarote_kg.core.layout import Layout
from lanzarote_kg.core.namespaces import BASE, PREFIXES, Graphs
from lanzarote_kg.pipeline.locate import iri_at, line_at

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_TYPE = ox.NamedNode(RDF_TYPE)
# The namespaces whose terms must be declared (as queries/qc/undeclared-term.rq).
CHECKED = (BASE + "ontology#", BASE + "id/concept/", BASE + "id/scheme/", BASE + "shapes#")
# The project's namespaces an IRI one edit away from is a likely typo of.
# (the ontology's version IRIs are in ontology/).
OWN = (BASE + "ontology#", BASE + "ontology/", BASE + "shapes#", BASE + "id/", BASE + "graph/")


def distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance of a and b, or `limit` when it is at least that."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) >= limit:
            return limit
        previous = current
    return min(previous[-1], limit)


def namespace_of(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1] if cut >= 0 else iri


def near_namespace(namespace: str) -> str | None:
    """The project namespace `namespace` is one edit away from, if any."""
    if namespace == BASE or any(namespace.startswith(own) for own in OWN):
        return None
    # Under the project's base, a misspelt namespace of it; elsewhere, a misspelt base.
    for own in sorted(OWN, key=len, reverse=True) if namespace.startswith(BASE) else (BASE,):
        for size in (len(own) - 1, len(own), len(own) + 1):
            if distance(namespace[:size], own) <= 1:
                return own
    return None


def _compact(iri: str) -> str:
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return f"<{iri}>"
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    local = iri[len(best):]
    return f"{prefix}:{local}" if re.fullmatch(r"[\w-]+", local or "-") else f"<{iri}>"


class _Files:
    """The input files' bytes, read once, to say where a term is written."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.paths = (layout.data_files() + layout.ontology_files() + layout.vocabulary_files()
                      + layout.shapes_files())
        self._data: dict[Path, bytes] = {}

    def _read(self, path: Path) -> bytes:
        if path not in self._data:
            self._data[path] = path.read_bytes()
        return self._data[path]

    def _shown(self, path: Path) -> str:
        return str(path.relative_to(self.layout.root)) if path.is_relative_to(self.layout.root) else str(path)

    def where(self, iri: str) -> str:
        """"file:line" of the first place the IRI is written, whole or as a
        prefixed name of a prefix the file declares; "" when not found."""
        for path in self.paths:
            data = self._read(path)
            at = iri_at(data, iri)
            if at >= 0:
                return f"{self._shown(path)}:{line_at(data, at)}"
        return ""

    def where_text(self, text: str) -> str:
        needle = text.encode("utf-8")
        for path in self.paths:
            data = self._read(path)
            at = data.find(needle)
            if at >= 0:
                return f"{self._shown(path)}:{line_at(data, at)}"
        return ""


def _terms_of(triples: list) -> tuple[set[str], dict[str, str], set[str]]:
    """The IRIs typed with something (declared), the project's terms used as
    a property or a value (a term used both ways is a property), and the
    namespace of every IRI and datatype. Distinct terms first, then strings:
    at a million triples a loop over the triples took 15 s (issue 22)."""
    subjects = {t.subject for t in triples}
    predicates = {t.predicate for t in triples}
    objects = {t.object for t in triples}
    typed = {t.subject for t in triples if t.predicate == _TYPE}
    declared = {term.value for term in typed if type(term) is ox.NamedNode}
    used: dict[str, str] = {}
    for term in sorted(term.value for term in objects if type(term) is ox.NamedNode and term.value.startswith(BASE)):
        used[term] = "value"
    for term in (p.value for p in predicates if p.value.startswith(BASE)):
        used[term] = "property"
    iris = {term.value for term in subjects | objects | predicates if type(term) is ox.NamedNode}
    iris |= {term.datatype.value for term in objects if type(term) is ox.Literal}
    return declared, used, {namespace_of(iri) for iri in iris}


def term_problems(layout: Layout, store: ox.Store, shape_triples: list) -> list[str]:
    """One line per undeclared term and per IRI in a near-miss namespace."""
    declared, used, namespaces = _terms_of([q.triple for g in Graphs.ASSERTED
                                             for q in store.quads_for_pattern(None, None, None, ox.NamedNode(str(g)))]
                                            + list(shape_triples))
    problems: list[str] = []
    files = _Files(layout)
    for term in sorted(used):
        if term in declared or not term.startswith(CHECKED) or term == BASE + "shapes#":
            continue
        namespace = next(ns for ns in CHECKED if term.startswith(ns))
        siblings = {d[len(namespace):]: d for d in declared if d.startswith(namespace)}
        close = difflib.get_close_matches(term[len(namespace):], list(siblings), n=1, cutoff=0.6)
        hint = f"; the closest declared term: {_compact(siblings[close[0]])}" if close else \
            "; no declared term is close: declare it (label, definition, rdfs:isDefinedBy), see docs/EXTENDING.md"
        where = files.where(term) or "?"
        problems.append(f"{where}: {_compact(term)} (used as a {used[term]}) is not declared by the ontology, "
                        f"the vocabularies or the shapes{hint}")
    for namespace in sorted(namespaces):
        own = near_namespace(namespace)
        if own is None:
            continue
        where = files.where_text(namespace) or "?"
        problems.append(f"{where}: the namespace <{namespace}> is one edit away from the project's <{own}>: "
                        "a likely typo")
    return problems


def check_terms(layout: Layout, store: ox.Store, shape_triples: list) -> None:
    problems = term_problems(layout, store, shape_triples)
    if problems:
        raise BuildFailure("LKG-B003", f"{len(problems)} term(s) the ontology does not declare, or in a namespace "
                                       "that looks misspelt (`lanzarote-kg qc` lists the same)", problems)
