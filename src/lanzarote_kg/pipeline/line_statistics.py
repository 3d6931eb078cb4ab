"""VoID statistics counted from the release's sorted N-Triples lines.

At a million triples the release is several million statements, the
annotations included, which are never terms in the store (issue 22): the
figures are counted from the text the release is written from, one pass
over each named graph, and the whole dataset's figures are combined from
the graphs' (a statement in two graphs counts once: GNU sort lists those).

A line is `S P O .` where S and P hold no space (an IRI or a blank node
label), so O is what follows the second space, up to the final ` .`.
`void_statistics.Statistics` defines what each figure counts (HCLS 6.6)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from lanzarote_kg.pipeline.void_statistics import RDF, Statistics

_TYPE = f"<{RDF}type>"


@dataclass
class LineCounts:
    """What a set of statements counts, kept so that sets combine."""

    triples: int = 0
    subjects: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)  # IRIs (N-Triples form) that have an rdf:type
    values: set[str] = field(default_factory=set)  # objects as written, each followed by " ."
    properties: Counter = field(default_factory=Counter)  # predicate in N-Triples form -> statements
    classes: Counter = field(default_factory=Counter)  # class IRI in N-Triples form -> subjects typed with it
    first_member: dict[str, str] = field(default_factory=dict)  # class -> smallest IRI typed with it

    def add_text(self, text: str) -> None:
        """Count a block of whole lines. Column by column: a loop over the
        lines doing the same took 2.5 times as long at a million (issue 22)."""
        rows = [line.split(" ", 2) for line in text.split("\n")[:-1]]
        if not rows:
            return
        subjects, predicates, rests = zip(*rows)
        self.triples += len(rows)
        self.subjects.update(subjects)
        self.properties.update(predicates)
        self.values.update(rests)
        typed = [(subject, rest[:-2]) for subject, predicate, rest in rows if predicate == _TYPE and rest[0] == "<"]
        self.classes.update(cls for _, cls in typed)
        for subject, cls in typed:
            if subject[0] == "<":
                self.entities.add(subject)
                iri = subject[1:-1]
                known = self.first_member.get(cls)
                if known is None or iri < known:
                    self.first_member[cls] = iri


def count_lines(lines: Iterable[str]) -> LineCounts:
    """The counts of N-Triples lines (each statement once)."""
    counts = LineCounts()
    counts.add_text("".join(lines))
    return counts


def combined(parts: list[LineCounts], repeated: list[str]) -> LineCounts:
    """The counts of the union of the parts' statements; `repeated` holds
    every copy of each statement found in more than one part."""
    union = LineCounts()
    for part in parts:
        union.triples += part.triples
        union.subjects |= part.subjects
        union.entities |= part.entities
        union.values |= part.values
        union.properties.update(part.properties)
        union.classes.update(part.classes)
        for cls, iri in part.first_member.items():
            if cls not in union.first_member or iri < union.first_member[cls]:
                union.first_member[cls] = iri
    copies = Counter(repeated)
    for line, count in copies.items():
        subject, predicate, rest = line.split(" ", 2)
        union.triples -= count - 1
        union.properties[predicate] -= count - 1
        if predicate == _TYPE and rest[0] == "<":
            union.classes[rest[:-3]] -= count - 1
    return union


def as_statistics(counts: LineCounts) -> Statistics:
    classes = {cls[1:-1]: n for cls, n in counts.classes.items()}
    examples: list[str] = []
    for cls, _ in sorted(classes.items(), key=lambda kv: (-kv[1], kv[0])):
        iri = counts.first_member.get(f"<{cls}>")
        if iri is not None and iri not in examples:
            examples.append(iri)
        if len(examples) == 3:
            break
    literals = sum(1 for value in counts.values if value[0] == '"')
    return Statistics(counts.triples, len(counts.entities), len(counts.subjects), len(counts.values) - literals,
                      literals, {p[1:-1]: n for p, n in counts.properties.items()}, classes, examples)
