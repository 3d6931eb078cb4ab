"""What an entity page shows: kind and label, statements in plain words,
qualified relations, errata, the project's interpretations, inferred facts,
what refers to it, and its evidence."""
from __future__ import annotations

from dataclasses import dataclass, field

from lanzarote_kg.core.namespaces import LKG

from .evidence import passages_of
from .graph_index import RDF_TYPE, GraphIndex, Term
from .paths import kind_of
from .statements import OWN_SECTION, Statement, grouped, inferred_statements, referred_by
from .support import support_of
from .values import Passage, Value, make_value, sort_key

PARTICIPANT, PARTICIPATION_IN, ROLE = str(LKG.participant), str(LKG.participationIn), str(LKG.role)
INTERPRETATION, ERRATUM, REASON = str(LKG.interpretation), str(LKG.erratum), str(LKG.reason)
BASED_IN, SUB_ORGANISATION_OF = str(LKG.basedIn), str(LKG.subOrganisationOf)
# The roles a country's page answers first: what it funded, implemented, joined.
ROLE_ORDER = ("funder", "implementer", "manager", "partner", "member", "organiser")


@dataclass
class Relation:
    """A qualified relation (lkg:Participation) seen from one side."""
    role: str
    counterpart: Value
    details: list[Statement]
    passages: list[Passage]
    outgoing: bool  # this entity is the participant


@dataclass
class Note:
    """An erratum or an interpretation attached to the entity."""
    label: str
    statements: list[Statement]
    passages: list[Passage] = field(default_factory=list)


@dataclass
class Entity:
    iri: str
    path: str
    kind: str
    kind_label: str
    label: str
    types: list[Value]
    statements: list[Statement]
    inferred: list[Statement]
    relations: list[Relation]
    incoming: list[Statement]
    interpretations: list[Note]
    errata: list[Note]
    passages: list[Passage]
    national: list[tuple[Value, Relation]] = field(default_factory=list)  # a country's, and its bodies' roles


def _note(index: GraphIndex, iri: str) -> Note:
    facts = index.out.get(iri, ())
    # The reason is what a reader looks for: last, after kind and values.
    statements = grouped(index, facts, skip=OWN_SECTION | {REASON}) + grouped(
        index, [(p, t) for p, t in facts if p == REASON], skip=frozenset())
    # An interpretation need not be labelled; its node's IRI is a digest no reader should see.
    return Note(index.labels.get(iri) or "The project's reading", statements, passages_of(index, iri))


def _relations(index: GraphIndex, iri: str) -> list[Relation]:
    relations = []
    skip = OWN_SECTION | {PARTICIPANT, PARTICIPATION_IN, ROLE}
    for participation, predicate in index.incoming.get(iri, ()):
        if predicate not in (PARTICIPANT, PARTICIPATION_IN):
            continue
        other = index.first(participation, PARTICIPATION_IN if predicate == PARTICIPANT else PARTICIPANT)
        role = index.first(participation, ROLE)
        if other is None:
            continue
        relations.append(Relation(index.label(role.value) if role else "participant", make_value(index, other),
                                  grouped(index, index.out.get(participation, ()), skip=skip,
                                          support=support_of(index, participation)),
                                  passages_of(index, participation), predicate == PARTICIPANT))
    # One row per role and counterpart, where the data says it twice (two
    # participations, each from its own passage): details and passages merged.
    merged: dict[tuple, Relation] = {}
    for r in relations:
        key = (r.outgoing, r.role, r.counterpart.iri)
        if key in merged:
            kept = merged[key]
            kept.details += [d for d in r.details if d not in kept.details]
            kept.passages = sorted({(p.start, p.end, p.quote): p for p in kept.passages + r.passages}.values(),
                                   key=lambda p: (p.start, p.end, p.quote))
        else:
            merged[key] = r
    return sorted(merged.values(), key=lambda r: (not r.outgoing, r.role, sort_key(r.counterpart)))


def national_bodies(index: GraphIndex, country: str) -> list[str]:
    """The actors based in the country, and the parts of those (however
    deep), without the country itself."""
    found = {s for s, p in index.incoming.get(country, ()) if p == BASED_IN}
    queue = sorted(found)
    while queue:
        body = queue.pop()
        for part, predicate in index.incoming.get(body, ()):
            if predicate == SUB_ORGANISATION_OF and part not in found:
                found.add(part)
                queue.append(part)
    found.discard(country)
    return sorted(found)


def _national(index: GraphIndex, country: str, own: list[Relation]) -> list[tuple[Value, Relation]]:
    """What the country did, directly or through its national bodies: every
    role they play, funders first."""
    rows = [(make_value(index, Term(country, iri=True)), r) for r in own if r.outgoing]
    for body in national_bodies(index, country):
        who = make_value(index, Term(body, iri=True))
        for relation in _relations(index, body):
            if relation.outgoing:
                # its interpretations are on the body's page, not this one
                for statement in relation.details:
                    for value in statement.values:
                        value.interpreted = False
                rows.append((who, relation))

    def order(row):
        role = row[1].role
        return (ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER), role,
                sort_key(row[1].counterpart), sort_key(row[0]))
    return sorted(rows, key=order)


def build_entity(index: GraphIndex, iri: str) -> Entity:
    facts = index.out.get(iri, ())
    kind = kind_of(iri)
    kind_label = index.kinds[kind]
    relations = _relations(index, iri)
    return Entity(
        iri=iri, path=index.pages[iri], kind=kind, kind_label=kind_label, label=index.label(iri),
        # Its classes, but not the one its kind already names ("Instrument: instrument").
        types=sorted((v for v in (make_value(index, t) for p, t in facts if p == RDF_TYPE)
                      if v.text.lower() != kind_label.lower()), key=sort_key),
        statements=grouped(index, facts, support=support_of(index, iri)), inferred=inferred_statements(index, iri),
        relations=relations,
        incoming=referred_by(index, iri, index.pages.__contains__, skip=frozenset({PARTICIPANT, PARTICIPATION_IN})),
        interpretations=[_note(index, t.value) for p, t in facts if p == INTERPRETATION],
        errata=[_note(index, t.value) for p, t in facts if p == ERRATUM],
        passages=passages_of(index, iri),
        national=_national(index, iri, relations) if kind == "country" else [],
    )


def page_entities(index: GraphIndex) -> list[str]:
    """Every node with a page: the typed subjects of the data and
    vocabularies whose IRI is `id/KIND/...` (graph_index.page_kinds)."""
    return sorted(index.pages)
