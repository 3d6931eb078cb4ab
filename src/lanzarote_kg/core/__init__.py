"""The small core every other subpackage may import: errors with stable IDs,
namespaces and graph names, the project's directory layout, term conversion
between rdflib and pyoxigraph, and the network guard.

May import: the standard library, rdflib and pyoxigraph only; nothing else of
lanzarote_kg."""
