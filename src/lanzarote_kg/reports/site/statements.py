"""Statements in plain words: a property's label and its values, grouped by
property, sorted by label; inferred ones marked, the project's own
classifications marked as interpretations."""
from __future__ import annotations

from dataclasses import dataclass

from lanzarote_kg.core.namespaces import LKG

from .graph_index import RDF_TYPE, RDFS_LABEL, GraphIndex, Term
from .values import Value, grouped_number, make_value, sort_key

# Bookkeeping, never shown: whether the project coined the label, a node's
# position in a printed list (the reports use it to order their rows).
HIDDEN = frozenset({str(LKG.labelCoined), str(LKG.sequence)})
# Shown in sections of their own rather than as plain statements.
OWN_SECTION = frozenset({RDF_TYPE, RDFS_LABEL, str(LKG.evidence), str(LKG.interpretation),
                         str(LKG.erratum)}) | HIDDEN
AMOUNT = str(LKG.amount)
SUPPORTS_VALUE, PROPERTY, VALUE = str(LKG.supportsValue), str(LKG.property), str(LKG.value)
# The project's classification, not the paper's words (docs/AUTHORING.md).
INTERPRETIVE = frozenset({str(LKG.assignedPillar), str(LKG.assignedObligation)})
_LKG = str(LKG)


@dataclass
class Statement:
    property: str
    label: str
    values: list[Value]
    interpretive: bool = False


def grouped(index: GraphIndex, pairs, inferred: bool = False, skip=OWN_SECTION, support=None) -> list[Statement]:
    """`support` (support.Support) gives each value the passages that say it."""
    by_property: dict[str, list[Value]] = {}
    for predicate, term in pairs:
        if predicate == SUPPORTS_VALUE and predicate not in skip:
            # A statement node (skolemised): said as "property: value".
            by_property.setdefault(predicate, []).extend(supported_statements(index, term.value))
            continue
        if predicate not in skip:
            value = make_value(index, term, inferred)
            if predicate == AMOUNT and not term.iri:
                value.text = grouped_number(term.value)
            if support is not None:
                value.passages = support.passages_for(predicate, term)
                value.interpreted = support.is_interpreted(predicate, term)
            by_property.setdefault(predicate, []).append(value)
    return [Statement(p, _name(index, p), sorted(by_property[p], key=sort_key), p in INTERPRETIVE)
            for p in sorted(by_property, key=lambda p: (_name(index, p).lower(), p))]


def _name(index: GraphIndex, predicate: str) -> str:
    return "supports" if predicate == SUPPORTS_VALUE else index.property_label(predicate)


def supported_statements(index: GraphIndex, node: str) -> list[Value]:
    """`lkg:supportsValue [ lkg:property P ; lkg:value V, W ]` as "P: V",
    "P: W", with each value's label and link."""
    prop = index.first(node, PROPERTY)
    if prop is None:
        return []
    values = []
    for term in index.all(node, VALUE):
        value = make_value(index, term)
        value.text = f"{index.property_label(prop.value)}: {value.text}"
        values.append(value)
    return values


def inferred_statements(index: GraphIndex, iri: str) -> list[Statement]:
    """What the OWL 2 RL closure adds in the project's own vocabulary. Its
    mirrors in ELI, PROV-O, schema.org and the like repeat asserted facts
    under other names and are left out; so are owl:sameAs to itself, and
    values it also states under another property (an inferred `addresses
    pillar: prevent` beside the stated `serves pillar: prevent`)."""
    stated = {t for _, t in index.out.get(iri, ())}
    pairs = [(p, t) for p, t in index.inferred.get(iri, ())
             if (p.startswith(_LKG) or p == RDF_TYPE) and (p != RDF_TYPE or t.value.startswith(_LKG))
             and (p == RDF_TYPE or t not in stated)]
    statements = grouped(index, [(p, t) for p, t in pairs if p != RDF_TYPE], inferred=True)
    types = sorted((make_value(index, t, True) for p, t in pairs if p == RDF_TYPE), key=sort_key)
    if types:
        statements.insert(0, Statement(RDF_TYPE, "is also a", types))
    return statements


def referred_by(index: GraphIndex, iri: str, has_page, skip=frozenset()) -> list[Statement]:
    """Statements of other pages that point at this node, grouped by property."""
    by_property: dict[str, list[Value]] = {}
    for subject, predicate in index.incoming.get(iri, ()):
        if predicate in skip or not has_page(subject):
            continue
        by_property.setdefault(predicate, []).append(make_value(index, Term(subject, iri=True)))
    return [Statement(p, index.property_label(p), sorted(v, key=sort_key))
            for p, v in sorted(by_property.items(), key=lambda kv: (index.property_label(kv[0]).lower(), kv[0]))]
