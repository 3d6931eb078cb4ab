"""The graph pipeline, from ontology/ and data/ to dist/: file layout and
parsing, blank-node skolemization, the knowledge graph's named graphs, OWL 2
RL reasoning, SHACL validation, the paper's source text and quote check, the
paper's structure (for `cite`), serialization and the build itself; and
opening the built graph for queries.

May import: lanzarote_kg.sparql (data checks are saved queries) and
lanzarote_kg.core."""
