"""OWL 2 RL rules specialised to a closed T-box, as lookup tables.

The T-box (every asserted triple that says something about classes or
properties, see `is_schema`) is closed once by `reasonable`; its closure
is compiled here into the tables of the instance rules it triggers:

    cax-sco          x a C                     => x a D      (C ⊑ D, closed)
    prp-spo1         x p y                     => x q y      (p ⊑ q, closed)
    prp-dom/prp-rng  x p y                     => x a D / y a R
    prp-inv1/2       x p y                     => y q x
    prp-trp          x p y, y p z              => x p z
    cls-hv1/cls-hv2  x a R  <=>  x p v         (R: onProperty p, hasValue v)
    prp-fp           x p y1, x p y2            => y1 owl:sameAs y2

`compiled_reasoning` runs them. Any other construct with instance-level
consequences is `Unsupported`: the build then reasons with `reasonable`.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
RDF_TYPE = ox.NamedNode(RDF + "type")
OWL_SAME_AS = ox.NamedNode(OWL + "sameAs")

# The constructs the tables implement, and those that only ever make a clash
# (reasonable adds no triple for them: the build's data checks find clashes).
COMPILED_PREDICATES = {RDFS + k for k in ("subClassOf", "subPropertyOf", "domain", "range")} | {
    OWL + k for k in ("equivalentClass", "inverseOf", "onProperty", "hasValue", "disjointWith", "members")} | {
    RDF + "first", RDF + "rest"}
COMPILED_TYPES = {OWL + k for k in ("Class", "Restriction", "ObjectProperty", "DatatypeProperty",
                                    "AnnotationProperty", "TransitiveProperty", "FunctionalProperty", "Ontology",
                                    "AllDisjointClasses")} | {RDFS + "Class", RDFS + "Datatype", RDF + "Property"}
# Everything else of OWL 2 RL: the compiler falls back when the T-box uses it.
UNSUPPORTED_PREDICATES = {OWL + k for k in (
    "someValuesFrom", "allValuesFrom", "intersectionOf", "unionOf", "complementOf", "oneOf", "propertyChainAxiom",
    "hasKey", "cardinality", "minCardinality", "maxCardinality", "qualifiedCardinality", "minQualifiedCardinality",
    "maxQualifiedCardinality", "onClass", "onDataRange", "onProperties", "hasSelf", "equivalentProperty",
    "propertyDisjointWith", "disjointUnionOf", "sameAs", "differentFrom", "distinctMembers", "sourceIndividual",
    "assertionProperty", "targetIndividual", "targetValue", "onDatatype", "withRestrictions",
    "datatypeComplementOf")}
UNSUPPORTED_TYPES = {OWL + k for k in (
    "SymmetricProperty", "AsymmetricProperty", "InverseFunctionalProperty", "ReflexiveProperty",
    "IrreflexiveProperty", "AllDisjointProperties", "AllDifferent", "NegativePropertyAssertion")}
SCHEMA_PREDICATES = frozenset(COMPILED_PREDICATES | UNSUPPORTED_PREDICATES)
SCHEMA_TYPES = frozenset(COMPILED_TYPES | UNSUPPORTED_TYPES)
_PREFIXES = {RDF: "rdf:", RDFS: "rdfs:", OWL: "owl:"}


def is_schema(triple) -> bool:
    """A T-box triple: a construct's own triple, or a class or property declaration."""
    _s, p, o = triple
    if p == RDF_TYPE:
        return isinstance(o, ox.NamedNode) and o.value in SCHEMA_TYPES
    return p.value in SCHEMA_PREDICATES


def short(term) -> str:
    """owl:x for the vocabulary, <iri> or _:b otherwise (for messages)."""
    for namespace, prefix in _PREFIXES.items():
        if isinstance(term, ox.NamedNode) and term.value.startswith(namespace):
            return prefix + term.value[len(namespace):]
    return str(term)


@dataclass(frozen=True)
class Unsupported:
    """Why the compiled rules cannot give reasonable's closure: a construct and where."""

    construct: str
    where: str

    def warning(self) -> str:
        return (f"LKG-W003: reasoning: {self.construct} ({self.where}) is not compiled into rule tables; "
                "the closure is reasonable's, slower at scale")


def _named_owner(term, schema) -> str:
    """The term, or for an anonymous class expression the named term that uses it."""
    owners = {}
    for s, _p, o in schema:
        owners.setdefault(o, s)
    seen = set()
    while isinstance(term, ox.BlankNode) and term in owners and term not in seen:
        seen.add(term)
        term = owners[term]
    return short(term) if isinstance(term, ox.NamedNode) else "an anonymous class expression"


def find_unsupported(schema: list) -> Unsupported | None:
    """The first (in a stable order) construct the tables do not implement."""
    found = []
    for s, p, o in schema:
        if p.value in UNSUPPORTED_PREDICATES:
            found.append((short(p), s))
        elif p == RDF_TYPE and o.value in UNSUPPORTED_TYPES:
            found.append((short(o), s))
    if not found:
        return None
    construct, term = min(found, key=lambda item: (item[0], str(item[1])))
    more = len({c for c, _ in found}) - 1
    return Unsupported(construct + (f" and {more} other construct(s)" if more else ""),
                       "on " + _named_owner(term, schema))


def reachable(relation: dict, start) -> set:
    """Every node `start` reaches through relation a -> {b} (itself only on a cycle)."""
    reach, stack = set(), list(relation.get(start, ()))
    while stack:
        node = stack.pop()
        if node not in reach:
            reach.add(node)
            stack.extend(relation.get(node, ()))
    return reach


def _closed(relation: dict) -> dict:
    """Transitive closure of a -> {b}, without a itself."""
    closed = {}
    for start in relation:
        reach = reachable(relation, start)
        reach.discard(start)
        if reach:
            closed[start] = tuple(sorted(reach, key=str))
    return closed


def _frozen(relation: dict) -> dict:
    return {key: tuple(sorted(values, key=str)) for key, values in relation.items()}


@dataclass(frozen=True)
class RuleTables:
    """The instance rules a T-box triggers, each a lookup from what a triple holds."""

    superclasses: dict = field(default_factory=dict)  # C -> (D ...): cax-sco
    superproperties: dict = field(default_factory=dict)  # p -> (q ...): prp-spo1
    domains: dict = field(default_factory=dict)  # p -> (D ...): prp-dom
    ranges: dict = field(default_factory=dict)  # p -> (R ...): prp-rng
    inverses: dict = field(default_factory=dict)  # p -> (q ...): prp-inv1/2
    values_of_class: dict = field(default_factory=dict)  # R -> ((p, v) ...): cls-hv1
    classes_of_value: dict = field(default_factory=dict)  # (p, v) -> (R ...): cls-hv2
    transitive: frozenset = frozenset()  # prp-trp
    functional: frozenset = frozenset()  # prp-fp

    @property
    def read(self) -> set:
        """The predicates whose triples fire a rule."""
        return ({RDF_TYPE} | set(self.superproperties) | set(self.inverses) | set(self.domains) | set(self.ranges)
                | {p for p, _v in self.classes_of_value} | self.transitive | self.functional)

    @property
    def written(self) -> set:
        """The predicates of the triples the rules add (owl:sameAs aside)."""
        return ({RDF_TYPE} | {q for qs in self.superproperties.values() for q in qs} | self.transitive
                | {q for qs in self.inverses.values() for q in qs}
                | {p for pairs in self.values_of_class.values() for p, _v in pairs})

    def schema_conclusion(self) -> Unsupported | None:
        """A rule that would derive a T-box triple from the instances: the
        T-box closure would be incomplete, so the compiled rules cannot be used."""
        for p in sorted(self.written - {RDF_TYPE}, key=str):
            if p.value in SCHEMA_PREDICATES:
                return Unsupported(f"a sub-property or inverse of {short(p)}", f"on {short(p)}")
        classes = {c for cs in self.superclasses.values() for c in cs} | {
            c for table in (self.domains, self.ranges, self.classes_of_value) for cs in table.values() for c in cs}
        for c in sorted(classes, key=str):
            if isinstance(c, ox.NamedNode) and c.value in SCHEMA_TYPES:
                return Unsupported(f"instances typed as {short(c)} by a rule", f"on {short(c)}")
        return None


def compile_tables(closed_schema) -> RuleTables:
    """The tables of a closed T-box (asserted schema triples and their closure)."""
    sub_class, sub_property = defaultdict(set), defaultdict(set)
    domains, ranges, inverses = defaultdict(set), defaultdict(set), defaultdict(set)
    on_property, has_value = defaultdict(set), defaultdict(set)
    transitive, functional = set(), set()
    for s, p, o in closed_schema:
        name = p.value
        if name == RDFS + "subClassOf":
            sub_class[s].add(o)
        elif name == OWL + "equivalentClass":
            sub_class[s].add(o)
            sub_class[o].add(s)
        elif name == RDFS + "subPropertyOf":
            sub_property[s].add(o)
        elif name == RDFS + "domain":
            domains[s].add(o)
        elif name == RDFS + "range":
            ranges[s].add(o)
        elif name == OWL + "inverseOf":
            inverses[s].add(o)
            inverses[o].add(s)
        elif name == OWL + "onProperty":
            on_property[s].add(o)
        elif name == OWL + "hasValue":
            has_value[s].add(o)
        elif p == RDF_TYPE and o.value == OWL + "TransitiveProperty":
            transitive.add(s)
        elif p == RDF_TYPE and o.value == OWL + "FunctionalProperty":
            functional.add(s)
    values_of_class, classes_of_value = defaultdict(set), defaultdict(set)
    for restriction, values in has_value.items():
        for prop in on_property.get(restriction, ()):
            for value in values:
                values_of_class[restriction].add((prop, value))
                classes_of_value[(prop, value)].add(restriction)
    return RuleTables(
        superclasses=_closed(sub_class), superproperties=_closed(sub_property), domains=_frozen(domains),
        ranges=_frozen(ranges), inverses=_frozen(inverses), values_of_class=_frozen(values_of_class),
        classes_of_value=_frozen(classes_of_value), transitive=frozenset(transitive),
        functional=frozenset(functional))
