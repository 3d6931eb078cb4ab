"""A scale corpus: data shaped like the paper's, at any size, that passes the build.

`make bench-scale` needs graphs of 10k to 1M triples on which every stage
does its real work: the reasoner types instruments from their kind and
walks part-of chains, the shapes find labels, passages, dates and qualified
roles to check, the data checks and the quote check look at every passage.
So, unlike `synthetic` (random words, for load figures), every node here
conforms: each passage quotes words printed in the paper, within its line
range, inside the document part it names (read from data/paper/); concepts,
roles and pillars are the vocabularies' own; labels are unique; dates are
typed as the shapes require and never end before they start.

Deterministic: the same size, seed and source text give the same file. The
corpus is written as Turtle with passages as blank nodes, as the authors
write them, so the build's skolemization runs on it too.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from lanzarote_kg.core.layout import Layout
from lanzarote_kg.core.namespaces import BASE, LKG
from lanzarote_kg.pipeline.loading import parse_triples
from lanzarote_kg.pipeline.source import SourceText, normalise

ID = BASE + "id/"
_PART_OF_DOCUMENT = ox.NamedNode(LKG.partOfDocument)  # what every document part states
_ACTORS = ("NGO", "IntergovernmentalOrganisation", "NationalAuthority", "Company", "Network")
_INTERVENTIONS = ("Project", "Programme", "Fund", "Campaign", "Initiative")
PREFIXES = """@prefix lkg: <https://w3id.org/lanzarote-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/lanzarote-kg/id/> .

"""


@dataclass(frozen=True)
class Line:
    part: str  # IRI of the narrowest document part holding the line
    number: int
    words: tuple[str, ...]  # the line's words, normalised as the quote check reads them


def _text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def quotable_lines(layout: Layout, source: SourceText) -> list[Line]:
    """Lines of the paper with at least six words, each with the narrowest
    document part (of data/paper/) whose line range holds it."""
    start, end = ox.NamedNode(LKG.startLine), ox.NamedNode(LKG.endLine)
    ranges: dict = {}
    parts = set()
    for path in sorted((layout.data_dir / "paper").glob("*.ttl")):
        for t in parse_triples(path):
            if t.predicate == _PART_OF_DOCUMENT:
                parts.add(t.subject.value)
            elif t.predicate in (start, end):
                ranges.setdefault(t.subject.value, {})[t.predicate.value] = int(t.object.value)
    spans = sorted((r[start.value], r[end.value], iri) for iri, r in ranges.items()
                   if iri in parts and start.value in r and end.value in r)
    lines = []
    for number, raw in enumerate(source.lines, start=1):
        words = tuple(normalise(raw).split(" "))
        holding = [(e - s, iri) for s, e, iri in spans if s <= number <= e]
        if len(words) >= 6 and holding:
            lines.append(Line(min(holding)[1], number, words))
    return lines


class _Corpus:
    def __init__(self, handle, lines: list[Line], rng: random.Random, vocab: dict):
        self.handle, self.lines, self.rng, self.vocab = handle, lines, rng, vocab
        self.triples = 0

    def node(self, subject: str, statements: list[tuple[str, str]], evidence: int = 1) -> None:
        """One node: its statements, a coined label, then `evidence` passages
        (4 triples each, plus the link); the first passage supports every
        statement, so the coverage rule (issue 15) has real work and passes,
        and each other passage supports one of them."""
        supported = sorted({p for p, _ in statements if p not in ("a", "rdfs:label")}) or ["rdfs:label"]
        # Every passage supports something (issue 19's rule): the others repeat the first statement's.
        again = supported[:1]
        passages = [self.passage(supported)] + [self.passage(again) for _ in range(evidence - 1)]
        body = ([f"{p} {o}" for p, o in statements] + ["lkg:labelCoined true"]
                + [f"lkg:evidence {passage}" for passage in passages])
        self.triples += len(statements) + 1 + 5 * evidence + len(supported) + len(again) * (evidence - 1)
        self.handle.write(f"<{subject}> " + " ;\n    ".join(body) + " .\n\n")

    def passage(self, supports: list[str]) -> str:
        line = self.rng.choice(self.lines)
        size = self.rng.randint(4, min(12, len(line.words)))
        first = self.rng.randint(0, len(line.words) - size)
        quote = " ".join(line.words[first:first + size])
        named = f" ; lkg:supports {', '.join(supports)}" if supports else ""
        return (f"[ lkg:inPart <{line.part}> ; lkg:startLine {line.number} ; lkg:endLine {line.number} ; "
                f"lkg:quote {_text(quote)}{named} ]")

    def topic(self, n: int = 3) -> str:
        return " ".join(self.rng.choice(self.lines).words[0] for _ in range(n)).lower()

    def pick(self, kind: str) -> str:
        return f"<{self.rng.choice(self.vocab[kind])}>"

    def block(self, n: int) -> None:
        """One instrument with three articles, four actors, one intervention
        with four qualified participations: 173 triples."""
        rng, label = self.rng, "rdfs:label"
        actors = [f"{ID}actor/scale-{n}-{i}" for i in range(4)]
        instrument = f"{ID}instrument/scale-{n}"
        year = rng.randint(1950, 2012)
        self.node(instrument, [
            ("a", "lkg:Instrument"), (label, _text(f"Scale instrument {n} on {self.topic()}") + "@en"),
            ("lkg:instrumentKind", self.pick("instrument-kind")),
            ("lkg:adoptionDate", f'"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"^^xsd:date'),
            ("lkg:adoptedBy", f"<{actors[0]}>")])
        for i in range(1, 4):
            self.node(f"{ID}provision/scale-{n}/article-{i}", [
                ("a", "lkg:Article"), (label, _text(f"Article {i} of scale instrument {n}") + "@en"),
                ("lkg:partOf", f"<{instrument}>"), ("lkg:provisionNumber", _text(str(i))),
                ("lkg:servesPillar", self.pick("pillar"))])
        for i, actor in enumerate(actors):
            self.node(actor, [("a", f"lkg:{rng.choice(_ACTORS)}"),
                              (label, _text(f"Scale actor {n}-{i} for {self.topic(2)}") + "@en")])
        intervention = f"{ID}intervention/scale-{n}"
        start = rng.randint(1996, 2010)
        self.node(intervention, [
            ("a", f"lkg:{rng.choice(_INTERVENTIONS)}"),
            (label, _text(f"Scale intervention {n} on {self.topic()}") + "@en"),
            ("lkg:startDate", f'"{start}"^^xsd:gYear'), ("lkg:endDate", f'"{start + rng.randint(0, 3)}"^^xsd:gYear'),
            ("lkg:assignedPillar", self.pick("pillar")), ("lkg:targetGroup", self.pick("target-group"))], evidence=2)
        for i, actor in enumerate(actors):
            role = self.pick("participation-role")
            self.node(f"{ID}participation/scale-{n}/{i}", [
                ("a", "lkg:Participation"),
                (label, _text(f"Scale actor {n}-{i} takes part in scale intervention {n}") + "@en"),
                ("lkg:nameAsPrinted", _text(f"Scale actor {n}-{i}")), ("lkg:participant", f"<{actor}>"),
                ("lkg:participationIn", f"<{intervention}>"), ("lkg:role", role)])


def vocabulary(layout: Layout) -> dict[str, list[str]]:
    """Concept IRIs by scheme slug (id/concept/<scheme>/<concept>), sorted."""
    prefix = ID + "concept/"
    found: dict[str, set] = {}
    for path in layout.vocabulary_files():
        for t in parse_triples(path):
            if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(prefix):
                found.setdefault(t.subject.value[len(prefix):].split("/")[0], set()).add(t.subject.value)
    return {scheme: sorted(iris) for scheme, iris in found.items()}


def write_corpus(path: Path, triples: int, layout: Layout, source: SourceText, seed: int = 2012) -> int:
    """Write at least `triples` data triples (whole blocks) as Turtle; return the count."""
    rng = random.Random(seed)
    lines = quotable_lines(layout, source)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(f"# Scale corpus: {triples} triples asked, seed {seed}; written by lanzarote_kg.bench.scale_corpus\n")
        handle.write(PREFIXES)
        corpus = _Corpus(handle, lines, rng, vocabulary(layout))
        block = 0
        while corpus.triples < triples:
            corpus.block(block)
            block += 1
    return corpus.triples
