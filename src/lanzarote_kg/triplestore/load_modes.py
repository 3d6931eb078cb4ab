"""A load never mixes the two ways of holding the graphs (issue 21).

`load --replace staged|direct` puts each named graph under its own name;
`load --replace versioned` puts it in `<graph>/v/<version>` and names the
current version in `graph/versions`. After one mode, a load in the other
left both copies on the server and a union query saw every triple twice.
Now the load asks the server first and refuses, on one line (LKG-T021),
naming the graphs and the statement that removes the other mode's copy:
the loader never drops what it did not itself write.
"""
from __future__ import annotations

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.triplestore.sparql_protocol import SparqlEndpoint
from lanzarote_kg.triplestore.verification import iri
from lanzarote_kg.triplestore.versioned_load import HAS_VERSION, VERSIONS_GRAPH


def versioned_graphs(endpoint: SparqlEndpoint, graphs: list[str]) -> dict[str, str]:
    """Those of `graphs` that a versioned load holds: name -> current version graph."""
    if not graphs:
        return {}
    values = " ".join(iri(g) for g in graphs)
    table = endpoint.select(f"SELECT ?g ?v WHERE {{ VALUES ?g {{ {values} }} "
                            f"GRAPH <{VERSIONS_GRAPH}> {{ ?g <{HAS_VERSION}> ?v }} }}")
    return {str(g): str(v) for g, v in table.rows}


def plain_graphs(endpoint: SparqlEndpoint, graphs: list[str]) -> list[str]:
    """Those of `graphs` that hold triples under their own name."""
    if not graphs:
        return []
    values = " ".join(iri(g) for g in graphs)
    table = endpoint.select(f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}")
    return sorted(str(g) for (g,) in table.rows)


def _listed(graphs: list[str]) -> str:
    shown = ", ".join(graphs[:3])
    return shown + (f" and {len(graphs) - 3} more" if len(graphs) > 3 else "")


def refuse_other_mode(endpoint: SparqlEndpoint, graphs: list[str], versioned: bool) -> None:
    """LKG-T021 when the server holds any of `graphs` in the other load mode."""
    if versioned:
        found = plain_graphs(endpoint, graphs)
        if found:
            drops = " ; ".join(f"DROP GRAPH {iri(g)}" for g in found)
            raise UserError("LKG-T021", f"the server holds {len(found)} of these graphs from a staged or direct load "
                            f"({_listed(found)}); a versioned load beside them would make union queries see every "
                            f"triple twice. Load with --replace staged (or direct) again, or remove them first "
                            f"with SPARQL Update: {drops}")
        return
    found = versioned_graphs(endpoint, graphs)
    if found:
        names = sorted(found)
        drops = " ; ".join(f"DROP GRAPH {iri(found[g])}" for g in names)
        raise UserError("LKG-T021", f"the server holds {len(names)} of these graphs from a versioned load "
                        f"({_listed(names)}, named in {VERSIONS_GRAPH}); a staged or direct load beside them would "
                        f"make union queries see every triple twice. Load with --replace versioned again, or remove "
                        f"them first with SPARQL Update: {drops} ; DROP GRAPH <{VERSIONS_GRAPH}>")
