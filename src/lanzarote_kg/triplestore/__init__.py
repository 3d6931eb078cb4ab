"""The graph in a triplestore: the HTTP client (timeouts, retries, Digest),
the SPARQL 1.1 Protocol, loading the release through the Graph Store
Protocol with verification, reports on a remote endpoint, and the local
Oxigraph server behind `serve`. The only subpackage that opens sockets.

May import: lanzarote_kg.pipeline, lanzarote_kg.sparql, lanzarote_kg.core.
Not the reports or the toolkit (independent siblings)."""
