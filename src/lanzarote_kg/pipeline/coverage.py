"""Evidence per statement: what covers each statement of the data.

A statement is covered when a passage of its subject supports it
(`lkg:supports` the property where the subject has one value of it,
`lkg:supportsValue [ lkg:property P ; lkg:value V ]` naming the value where
it has several), when an interpretation of the subject covers it the same
way, or when an external source the subject cites provides it. The scope and
the covers are in queries/coverage/statements.rq; the rule (no statement
uncovered) is the data check queries/checks/unsupported-statements.rq.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lanzarote_kg.core.terms import from_oxigraph
from lanzarote_kg.sparql.catalogue import read_query
from lanzarote_kg.sparql.safety import check_safe

KINDS = ("supported", "interpreted", "external", "unsupported")


@dataclass(frozen=True)
class Statement:
    entity: object  # rdflib terms
    property: object
    value: object
    cover: str  # one of KINDS
    file: str  # the data file the statement is written in


class Coverage:
    """The covers of the data's statements. The rows stay Oxigraph terms and
    ranks; a Statement (rdflib terms, its file) is made when asked for: at a
    million triples converting every row took longer than the query (issue 22)."""

    def __init__(self, rows: list[tuple], origin_of):
        self._rows = rows  # (entity, property, value, rank 1-4), Oxigraph terms, sorted
        self._origin_of = origin_of

    @cached_property
    def statements(self) -> list[Statement]:
        return [self._statement(row) for row in self._rows]

    def _statement(self, row) -> Statement:
        entity, prop, value = (from_oxigraph(term) for term in row[:3])
        return Statement(entity, prop, value, KINDS[row[3] - 1], self._origin_of(entity, prop, value))

    def counts(self) -> dict[str, int]:
        found = Counter(KINDS[row[3] - 1] for row in self._rows)
        return {"statements": len(self._rows), **{kind: found[kind] for kind in KINDS}}

    def unsupported(self, files: set[str] | None = None) -> list[Statement]:
        missing = (self._statement(row) for row in self._rows if row[3] == len(KINDS))
        return [s for s in missing if files is None or s.file in files]

    def line(self) -> str:
        counts = self.counts()
        return ("statements: " + f"{counts['statements']} in data/ ("
                + ", ".join(f"{counts[kind]} {kind}" for kind in KINDS) + ")")


def statements_query(queries_dir: Path) -> Path:
    return queries_dir / "coverage" / "statements.rq"


def compute_coverage(kg, queries_dir: Path) -> Coverage:
    """Every statement in scope with its cover, in a stable order (by the
    N-Triples text of subject, property and value)."""
    query = read_query(statements_query(queries_dir))
    check_safe(query.text, str(query.path))
    solutions = kg.store.query(query.text, use_default_graph_as_union=True)
    rows = [(row[0], row[1], row[2], int(row[3].value)) for row in solutions]
    rows.sort(key=lambda row: (str(row[0]), str(row[1]), str(row[2])))
    return Coverage(rows, kg.origin_of)


def checkout_coverage(layout) -> tuple[Coverage, object]:
    """Load and reason (the scope needs the inferred types), then the coverage;
    returns it with the knowledge graph."""
    from lanzarote_kg.pipeline.knowledge_graph import load
    from lanzarote_kg.pipeline.reasoning import infer

    kg = load(layout)
    kg.set_inferred(infer(kg.store).inferred)
    return compute_coverage(kg, layout.queries_dir), kg


_PASSAGES_OF = """
PREFIX lkg: <https://w3id.org/lanzarote-kg/ontology#>
SELECT ?entity ?start ?end ?quote WHERE {
  ?entity lkg:evidence ?passage . ?passage lkg:startLine ?start ; lkg:endLine ?end ; lkg:quote ?quote .
} ORDER BY ?entity ?start ?end ?quote"""


def passages_by_subject(kg) -> dict[str, list[tuple[int, int, str]]]:
    """Each subject's passages (start line, end line, quote), to choose from."""
    found: dict[str, list] = {}
    for row in kg.store.query(_PASSAGES_OF, use_default_graph_as_union=True):
        found.setdefault(row["entity"].value, []).append(
            (int(row["start"].value), int(row["end"].value), row["quote"].value))
    return found


_SUPPORTERS = """
PREFIX lkg: <https://w3id.org/lanzarote-kg/ontology#>
SELECT (COUNT(DISTINCT ?other) AS ?values) (COUNT(DISTINCT ?source) AS ?supporting) WHERE {
  %(entity)s %(property)s ?other .
  OPTIONAL { { %(entity)s lkg:evidence ?source } UNION { %(entity)s lkg:interpretation ?source }
             ?source lkg:supports %(property)s }
}"""


def advice(store, entity, prop, value) -> str:
    """What to write so that an unsupported statement is covered: for a
    property the subject has several values of, the rule that applies
    (`lkg:supportsValue` naming the value; `lkg:supports` covers a property
    with one value only), even when `lkg:supports` is already there."""
    import pyoxigraph as ox

    from lanzarote_kg.core.terms import to_oxigraph

    terms = [t if isinstance(t, (ox.NamedNode, ox.Literal, ox.BlankNode)) else to_oxigraph(t)
             for t in (entity, prop, value)]
    if not all(isinstance(t, ox.NamedNode) for t in terms[:2]):
        return "add `lkg:supports` (one value) or `lkg:supportsValue` (several) to the passage that says it"
    entity, prop, value = terms
    # IRIs of the store itself, written in their N-Triples form (no user text).
    rows = list(store.query(_SUPPORTERS % {"entity": entity, "property": prop}, use_default_graph_as_union=True))
    values = int(rows[0]["values"].value) if rows else 1
    supporting = int(rows[0]["supporting"].value) if rows else 0
    property_n3, value_n3 = prop, value
    if values > 1:
        already = (f"`lkg:supports {property_n3}` is there but " if supporting else "")
        return (f"{already}the subject has {values} values of this property, so `lkg:supports` does not cover "
                f"them: name this one with `lkg:supportsValue [ lkg:property {property_n3} ; lkg:value {value_n3} ]` "
                "on the passage that says it")
    return f"add `lkg:supports {property_n3}` to the passage of the subject that says it"
