"""The ontology engineers' toolkit: QC checks (queries/qc/), canonical Turtle
(`fmt`: scanner, renderer, formatter), the semantic diff, documentation with
pyLODE and the SVG overview, version bumps, and the OWL 2 DL check (HermiT).

May import: lanzarote_kg.pipeline, lanzarote_kg.sparql, lanzarote_kg.core.
Not the reports or the triplestore (independent siblings)."""
