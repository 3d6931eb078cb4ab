"""OWL 2 DL consistency with HermiT (`lanzarote-kg reason-dl`).

The build's OWL 2 RL closure catches clashes between individuals, but not a
class that can have no member at all (a class under two disjoint classes),
nor anything outside the RL profile. HermiT, a complete OWL 2 DL reasoner,
does; owlready2 ships it (Java is needed to run it).

The ontology and vocabularies are written as N-Triples into a temporary
directory and loaded from there into a fresh owlready2 World: nothing is
fetched (the ontology has no owl:imports, and any would be dropped and
reported). Data is left out: instance checking is the build's job, and its
partial dates (xsd:gYear...) are outside the OWL 2 datatype map.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDFS, XSD

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.core.layout import Layout
from lanzarote_kg.toolkit.qc import curie
from lanzarote_kg.toolkit.turtle_format import parse_text

# The OWL 2 datatype map (OWL 2 Structural Specification, section 4): HermiT
# refuses any other datatype.
OWL2_DATATYPES = {XSD[name] for name in (
    "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long int short "
    "byte unsignedLong unsignedInt unsignedShort unsignedByte double float string normalizedString token "
    "language Name NCName NMTOKEN boolean hexBinary base64Binary anyURI dateTime dateTimeStamp").split()} | {
    RDFS.Literal, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#PlainLiteral"),
    URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral"), OWL.real, OWL.rational}
_DATA_RANGE_PREDICATES = (RDFS.range, OWL.someValuesFrom, OWL.allValuesFrom, OWL.onDataRange)


@dataclass(frozen=True)
class DLOptions:
    java: str | None = None  # path of the java executable; default: the one on PATH
    memory_mb: int = 2000


@dataclass
class DLResult:
    consistent: bool
    unsatisfiable: list[tuple[str, str]]  # (IRI, label)
    relaxed: list[str] = field(default_factory=list)  # what was changed to let HermiT read the ontology
    seconds: float = 0.0
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable


def java_executable(options: DLOptions = DLOptions()) -> str | None:
    """The java to run HermiT with, or None when there is none to run."""
    return shutil.which(options.java or "java")


def ontology_graph(layout: Layout) -> Graph:
    graph = Graph()
    for path in layout.ontology_files() + layout.vocabulary_files():
        graph += parse_text(path.read_text(encoding="utf-8"), str(path))
    return graph


def prepare(graph: Graph) -> tuple[Graph, list[str]]:
    """A copy HermiT can read, and what had to change: ranges outside the
    OWL 2 datatype map become rdfs:Literal (the QC check
    datatype-outside-owl2 reports them too); owl:imports are dropped."""
    prepared, relaxed = Graph(), []
    for s, p, o in graph:
        if p in _DATA_RANGE_PREDICATES and isinstance(o, URIRef) and str(o).startswith(str(XSD)) \
                and o not in OWL2_DATATYPES:
            relaxed.append(f"{curie(s)} {curie(p)} {curie(o)}: {curie(o)} is not in the OWL 2 datatype map; "
                           "read as rdfs:Literal")
            o = RDFS.Literal
        if p == OWL.imports:
            relaxed.append(f"{curie(s)} owl:imports {curie(o)}: dropped (nothing is fetched)")
            continue
        prepared.add((s, p, o))
    return prepared, sorted(relaxed)


def _labels(graph: Graph) -> dict[str, str]:
    return {str(s): str(o) for s, o in graph.subject_objects(RDFS.label)}


def run_dl(layout: Layout, options: DLOptions = DLOptions()) -> DLResult:
    java = java_executable(options)
    if java is None:
        raise UserError("LKG-DL001", "java not found: HermiT needs a Java runtime (Debian/Ubuntu: "
                                     "apt-get install -y default-jre-headless)")
    try:
        import owlready2
    except ImportError:
        raise UserError("LKG-DL002", "owlready2 is not installed (pip install owlready2)") from None
    start = time.perf_counter()
    graph, relaxed = prepare(ontology_graph(layout))
    labels = _labels(graph)
    with tempfile.TemporaryDirectory(prefix="lkg-dl-") as tmp:
        path = Path(tmp) / "lanzarote-kg.nt"
        graph.serialize(path, format="nt", encoding="utf-8")
        owlready2.JAVA_EXE = java
        owlready2.reasoning.JAVA_MEMORY = options.memory_mb
        world = owlready2.World()  # a fresh quadstore: nothing left from an earlier run
        ontology = world.get_ontology(path.as_uri()).load()
        try:
            with ontology:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            return DLResult(False, [], relaxed, time.perf_counter() - start, " ".join(str(exc).split())[:500])
        except owlready2.base.OwlReadyJavaError as exc:
            raise UserError("LKG-DL003", "HermiT failed: " + " ".join(str(exc).split())[:800]) from None
        unsatisfiable = sorted({(cls.iri, labels.get(cls.iri, "")) for cls in world.inconsistent_classes()
                                if cls.iri != str(OWL.Nothing)})
        world.close()
    return DLResult(True, unsatisfiable, relaxed, time.perf_counter() - start)


def render(result: DLResult) -> str:
    lines = []
    for note in result.relaxed:
        lines.append(f"note: {note}")
    if not result.consistent:
        lines.append(f"HermiT: the ontology is INCONSISTENT: {result.message}")
    elif result.unsatisfiable:
        lines.append(f"HermiT: consistent, but {len(result.unsatisfiable)} unsatisfiable class(es):")
        lines += [f"  {curie(iri)}" + (f' "{label}"' if label else "") for iri, label in result.unsatisfiable]
    else:
        lines.append("HermiT: the ontology is consistent; no unsatisfiable class")
    lines.append(f"time: {result.seconds:.1f}s")
    return "\n".join(lines) + "\n"
