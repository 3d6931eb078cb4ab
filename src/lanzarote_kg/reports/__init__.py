"""The analysts' reports: running the canned reports of queries/ by name and
writing them with their index into dist/reports/.

May import: lanzarote_kg.pipeline, lanzarote_kg.sparql, lanzarote_kg.core.
Not the triplestore or the toolkit (independent siblings)."""
