"""Reading SPARQL 1.1 Query Results JSON as servers actually write it.

Read here rather than by pyoxigraph's parser, which refuses two forms real
servers send: Virtuoso's blank nodes `nodeID://b10000` (not a blank-node
label) and the pre-standard `"type": "typed-literal"` that Virtuoso still
writes for every typed literal. Terms are built through pyoxigraph, so an
invalid IRI is refused and literals convert exactly as the local engines'
results do (core.terms).
"""
from __future__ import annotations

import json
import re

import pyoxigraph as ox

from lanzarote_kg.core.terms import from_oxigraph
from lanzarote_kg.sparql.engines import Table

_LABEL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")


class ResultsError(ValueError):
    """The document is not SPARQL 1.1 JSON results."""


def blank_node(value: str) -> ox.BlankNode:
    """A blank node for a server's label: kept when it is a valid label,
    else (nodeID://b10000) hex-encoded, so distinct labels stay distinct."""
    return ox.BlankNode(value if _LABEL.fullmatch(value) else "x" + value.encode("utf-8").hex())


def _term(binding: dict):
    if not isinstance(binding, dict) or not isinstance(binding.get("value"), str):
        raise ResultsError(f"a binding without a string value: {str(binding)[:80]}")
    kind, value = binding.get("type"), binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return blank_node(value)
    if kind in ("literal", "typed-literal"):
        if binding.get("xml:lang"):
            return ox.Literal(value, language=binding["xml:lang"])
        if binding.get("datatype"):
            return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
        return ox.Literal(value)
    raise ResultsError(f"unknown term type {str(kind)[:40]!r}")


def parse_select(body: bytes) -> Table:
    """The Table of a SELECT answer (rdflib terms, None where unbound)."""
    try:
        document = json.loads(body)
        variables = document["head"]["vars"]
        bindings = document["results"]["bindings"]
        if not (isinstance(variables, list) and all(isinstance(v, str) for v in variables)
                and isinstance(bindings, list)):
            raise ResultsError("head.vars or results.bindings is not a list")
        rows = []
        for solution in bindings:
            if not isinstance(solution, dict):
                raise ResultsError("a solution is not an object")
            rows.append(tuple(from_oxigraph(_term(solution[v])) if v in solution else None for v in variables))
    except (KeyError, TypeError) as exc:
        raise ResultsError(f"missing member {exc}") from None
    except RecursionError:
        raise ResultsError("nested too deeply") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ResultsError(f"not JSON: {exc}") from None
    except (SyntaxError, ValueError) as exc:  # invalid IRI, language tag or label
        raise ResultsError(str(exc)) from None
    return Table(list(variables), rows)
