"""GROUP_CONCAT parts sorted in the result layer (issue 21)."""
from __future__ import annotations

from rdflib import Literal, URIRef

from lanzarote_kg.sparql.concat import concatenations, sorted_concatenations
from lanzarote_kg.sparql.engines import Table

QUERY = """SELECT ?x ?pillars ?lines ?plain WHERE {
  { SELECT ?x (GROUP_CONCAT(DISTINCT STR(?name); separator="; ") AS ?pillars)
              (GROUP_CONCAT(?r ; SEPARATOR = ' | ') AS ?lines) (group_concat(?p) AS ?plain) WHERE { } GROUP BY ?x }
}"""


def test_the_variables_bound_by_group_concat_and_their_separators():
    assert concatenations(QUERY) == {"pillars": "; ", "lines": " | ", "plain": " "}


def test_parts_come_sorted_whatever_order_the_engine_chose():
    table = Table(["x", "pillars", "lines", "plain"], [
        (URIRef("urn:x"), Literal("protect; promote"), Literal("L9 | L10 | L1"), Literal("b a")),
        (URIRef("urn:y"), Literal("promote; protect"), None, Literal("c", lang="en")),
    ])
    rows = sorted_concatenations(table, QUERY).rows
    assert rows[0] == (URIRef("urn:x"), Literal("promote; protect"), Literal("L1 | L10 | L9"), Literal("a b"))
    assert rows[1] == (URIRef("urn:y"), Literal("promote; protect"), None, Literal("c", lang="en"))
    # Columns that are no concatenation are untouched.
    other = Table(["x"], [(Literal("b; a"),)])
    assert sorted_concatenations(other, QUERY).rows == other.rows
