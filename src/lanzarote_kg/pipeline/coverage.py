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
from pathlib import Path

from lanzarote_kg.sparql.catalogue import read_query
from lanzarote_kg.sparql.engines import select_oxigraph

KINDS = ("supported", "interpreted", "external", "unsupported")


@dataclass(frozen=True)
class Statement:
    entity: object  # rdflib terms
    property: object
    value: object
    cover: str  # one of KINDS
    file: str  # the data file the statement is written in


@dataclass
class Coverage:
    statements: list[Statement]

    def counts(self) -> dict[str, int]:
        found = Counter(s.cover for s in self.statements)
        return {"statements": len(self.statements), **{kind: found[kind] for kind in KINDS}}

    def unsupported(self, files: set[str] | None = None) -> list[Statement]:
        return [s for s in self.statements if s.cover == "unsupported" and (files is None or s.file in files)]

    def line(self) -> str:
        counts = self.counts()
        return ("statements: " + f"{counts['statements']} in data/ ("
                + ", ".join(f"{counts[kind]} {kind}" for kind in KINDS) + ")")


def statements_query(queries_dir: Path) -> Path:
    return queries_dir / "coverage" / "statements.rq"


def compute_coverage(kg, queries_dir: Path) -> Coverage:
    """Every statement in scope with its cover, in a stable order."""
    query = read_query(statements_query(queries_dir))
    table = select_oxigraph(kg.store, query.text, origin=str(query.path))
    statements = []
    for entity, prop, value, rank in table.rows:
        statements.append(Statement(entity, prop, value, KINDS[int(rank) - 1], kg.origin_of(entity, prop, value)))
    return Coverage(statements)


def checkout_coverage(layout) -> tuple[Coverage, object]:
    """Load and reason (the scope needs the inferred types), then the coverage;
    returns it with the knowledge graph."""
    from lanzarote_kg.pipeline.knowledge_graph import load
    from lanzarote_kg.core.namespaces import Graphs
    from lanzarote_kg.pipeline.reasoning import infer

    kg = load(layout)
    kg.set_inferred(infer(kg.triples(*Graphs.ASSERTED)).inferred)
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
