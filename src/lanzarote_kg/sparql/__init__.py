"""Queries: the saved-query catalogue under queries/ (reports, data checks,
QC checks) with their `#+` headers, typed parameters, the two SPARQL engines
(Oxigraph by default, rdflib as the reference), the safety check every query
passes before it runs, and the result formats (W3C CSV/TSV/JSON, text,
Markdown, HTML).

May import: lanzarote_kg.core."""
