"""One graph artifact written from sorted N-Triples files, in a child
process of the build (issue 22): Oxigraph's parser and serializer cross into
Python for every statement, so at a million triples each file costs seconds
of CPU that the build's own process can spend on something else meanwhile.

    python -m lanzarote_kg.pipeline.graph_writer FORMAT OUTPUT PREFIXES_JSON INPUT...

FORMAT is an Oxigraph format name (turtle, json-ld, trig); INPUT files are
N-Triples, written out in the order given; for trig each INPUT is
GRAPH_IRI=FILE, its statements in that named graph. Imports only
pyoxigraph: the child starts in a tenth of a second."""
from __future__ import annotations

import json
import sys
from itertools import chain

import pyoxigraph as ox

FORMATS = {"turtle": ox.RdfFormat.TURTLE, "json-ld": ox.RdfFormat.JSON_LD, "trig": ox.RdfFormat.TRIG}


def write(fmt: str, output: str, prefixes: dict, inputs: list[str]) -> None:
    if fmt == "trig":
        statements = chain.from_iterable(_in_graph(*given.split("=", 1)) for given in inputs)
    else:
        statements = (quad.triple for path in inputs
                      for quad in ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES, lenient=True))
    options = {"prefixes": prefixes} if prefixes else {}
    ox.serialize(statements, output=output, format=FORMATS[fmt], **options)


def _in_graph(graph: str, path: str):
    name = ox.NamedNode(graph)
    for quad in ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES, lenient=True):
        yield ox.Quad(quad.subject, quad.predicate, quad.object, name)


def main(argv: list[str]) -> int:
    fmt, output, prefixes, *inputs = argv
    write(fmt, output, json.loads(prefixes), inputs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
