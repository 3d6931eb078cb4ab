"""A synthetic, policy-shaped graph of any size, for load benchmarks.

Deterministic (a seeded random.Random): the same size and seed always give
the same file. It uses the project's vocabulary and IRI patterns:
instruments with provisions, actors, interventions, participations (actor,
role, intervention) and the passages every fact points to, all in one named
graph, with no blank nodes, written as N-Quads (.nq) or TriG (.trig) with
exactly the number of distinct triples asked for.
"""
from __future__ import annotations

import hashlib
import random
from pathlib import Path

from lanzarote_kg.core.namespaces import BASE, LKG

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
ID = BASE + "id/"
PART = ID + "document/coe-2012-international-cooperation-lanzarote/"
DATA_GRAPH = BASE + "graph/data"

_INSTRUMENTS = [("Convention", "convention"), ("Protocol", "convention"), ("Recommendation", "recommendation"),
                ("Resolution", "resolution"), ("Directive", "directive"), ("Declaration", "declaration"),
                ("CodeOfConduct", "code-of-conduct"), ("NationalLaw", "national-law")]
_ACTORS = ["Country", "NGO", "IntergovernmentalOrganisation", "NationalAuthority", "Company", "Network"]
_INTERVENTIONS = ["Project", "Programme", "Fund", "Campaign", "Initiative"]
_ROLES = ["funder", "implementer", "partner", "member", "signatory", "supporter", "manager", "developer"]
_PILLARS = ["prevent", "protect", "prosecute", "promote"]
_PARTS = ["introduction", "chapter-1", "chapter-2", "chapter-3", "chapter-4", "appendix-i"]
_WORDS = ("child protection cooperation exploitation abuse prevention victims assistance training police "
          "judicial network awareness tourism online helpline hotline funding strategy evaluation regional "
          "national international standards monitoring rehabilitation reporting data research").split()


def _iri(value: str) -> str:
    return f"<{value}>"


def _text(value: str, suffix: str = "") -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"{suffix}'


class _Writer:
    def __init__(self, handle, graph: str, limit: int, trig: bool):
        self.handle, self.limit, self.count = handle, limit, 0
        self.tail = " .\n" if trig else f" {_iri(graph)} .\n"

    def add(self, s: str, p: str, o: str) -> None:
        if self.count < self.limit:
            self.handle.write(f"{s} {p} {o}{self.tail}")
            self.count += 1

    @property
    def full(self) -> bool:
        return self.count >= self.limit


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(n))


def _passage(w: _Writer, rng: random.Random, serial: int) -> str:
    start = rng.randint(1, 1500)
    end = start + rng.randint(0, 4)
    quote = _words(rng, rng.randint(6, 18)).capitalize() + "."
    digest = hashlib.sha1(f"{serial}:{quote}".encode()).hexdigest()[:10]
    node = _iri(f"{ID}passage/L{start:04d}-{end:04d}-{digest}")
    w.add(node, _iri(LKG.inPart), _iri(PART + rng.choice(_PARTS)))
    w.add(node, _iri(LKG.startLine), _text(str(start), f"^^<{XSD}integer>"))
    w.add(node, _iri(LKG.endLine), _text(str(end), f"^^<{XSD}integer>"))
    w.add(node, _iri(LKG.quote), _text(quote))
    return node


def _block(w: _Writer, rng: random.Random, n: int) -> None:
    """One instrument with three provisions, four actors, one intervention
    with four participations, each with its evidence: about 90 triples."""
    a, p, label, evidence = _iri(RDF_TYPE), _iri, _iri(LABEL), _iri(LKG.evidence)
    cls, kind = rng.choice(_INSTRUMENTS)
    instrument = p(f"{ID}instrument/synthetic-{n}")
    actors = [p(f"{ID}actor/synthetic-{n}-{i}") for i in range(4)]
    w.add(instrument, a, p(LKG[cls]))
    w.add(instrument, label, _text(f"Synthetic {kind.replace('-', ' ')} {n} on {_words(rng, 3)}", "@en"))
    w.add(instrument, p(LKG.instrumentKind), p(f"{ID}concept/instrument-kind/{kind}"))
    w.add(instrument, p(LKG.adoptionDate), _text(f"{rng.randint(1950, 2012)}-{rng.randint(1, 12):02d}-"
                                                 f"{rng.randint(1, 28):02d}", f"^^<{XSD}date>"))
    w.add(instrument, p(LKG.adoptedBy), actors[0])
    w.add(instrument, evidence, _passage(w, rng, n * 100))
    for i in range(3):
        provision = p(f"{ID}provision/synthetic-{n}/article-{i + 1}")
        w.add(provision, a, p(LKG.Article))
        w.add(provision, p(LKG.partOf), instrument)
        w.add(provision, p(LKG.provisionNumber), _text(str(i + 1)))
        w.add(provision, label, _text(f"Article {i + 1}: {_words(rng, 4)}", "@en"))
        w.add(provision, p(LKG.servesPillar), p(f"{ID}concept/pillar/{rng.choice(_PILLARS)}"))
        w.add(provision, evidence, _passage(w, rng, n * 100 + 1 + i))
    for i, actor in enumerate(actors):
        w.add(actor, a, p(LKG[rng.choice(_ACTORS)]))
        w.add(actor, label, _text(f"Synthetic actor {n}-{i} ({_words(rng, 2)})", "@en"))
        w.add(actor, evidence, _passage(w, rng, n * 100 + 10 + i))
    intervention = p(f"{ID}intervention/synthetic-{n}")
    w.add(intervention, a, p(LKG[rng.choice(_INTERVENTIONS)]))
    w.add(intervention, label, _text(f"Synthetic intervention {n}: {_words(rng, 5)}", "@en"))
    w.add(intervention, p(LKG.startDate), _text(str(rng.randint(1996, 2012)), f"^^<{XSD}gYear>"))
    w.add(intervention, p(LKG.assignedPillar), p(f"{ID}concept/pillar/{rng.choice(_PILLARS)}"))
    w.add(intervention, evidence, _passage(w, rng, n * 100 + 20))
    for i, actor in enumerate(actors):
        role = rng.choice(_ROLES)
        participation = p(f"{ID}participation/synthetic-{n}/{i}-{role}")
        w.add(participation, a, p(LKG.Participation))
        w.add(participation, p(LKG.participant), actor)
        w.add(participation, p(LKG.participationIn), intervention)
        w.add(participation, p(LKG.role), p(f"{ID}concept/participation-role/{role}"))
        w.add(participation, label, _text(f"Synthetic actor {n}-{i} is {role} of intervention {n}", "@en"))
        w.add(participation, evidence, _passage(w, rng, n * 100 + 30 + i))


def write_synthetic(path: Path, triples: int, seed: int = 2012, graph: str = DATA_GRAPH) -> int:
    """Write `triples` distinct triples into the named graph `graph` of a
    .nq or .trig file; return the number written."""
    rng = random.Random(seed)
    trig = path.suffix == ".trig"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        if trig:
            handle.write(f"{_iri(graph)} {{\n")
        writer = _Writer(handle, graph, triples, trig)
        block = 0
        while not writer.full:
            _block(writer, rng, block)
            block += 1
        if trig:
            handle.write("}\n")
    return writer.count
