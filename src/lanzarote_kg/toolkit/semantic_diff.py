"""Term-level semantic diff of the ontology (`lanzarote-kg diff`).

A line diff of Turtle says little (reordered statements, relabelled blank
nodes) and a triple diff says too much (every restriction's blank node gets
a new label on each parse). So each side is read into one graph and every
named subject (class, property, concept, scheme, shape, the ontology
itself) is described by a set of axiom strings: one per triple, with any
blank-node object written out from its content, recursively, in a fixed
order, much like OWL functional syntax. Two revisions differ for a term
exactly when its sets differ, whatever the blank-node labels.
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.toolkit.qc import curie
from lanzarote_kg.toolkit.turtle_format import parse_text

SH = "http://www.w3.org/ns/shacl#"
_KINDS = [(OWL.Ontology, "ontology"), (OWL.Class, "class"), (OWL.ObjectProperty, "object property"),
          (OWL.DatatypeProperty, "datatype property"), (OWL.AnnotationProperty, "annotation property"),
          (SKOS.ConceptScheme, "concept scheme"), (SKOS.Concept, "concept"), (URIRef(SH + "NodeShape"), "shape"),
          (URIRef(SH + "PropertyShape"), "shape")]
WORKING_TREE = "working tree"
_BARE = {XSD.integer, XSD.decimal, XSD.boolean, XSD.double}


@dataclass(frozen=True)
class DiffOptions:
    old: str = "HEAD"  # a git revision, or a file or directory
    new: str = WORKING_TREE  # the same; the working tree is <root>/ontology


@dataclass
class TermChange:
    iri: str
    name: str  # CURIE
    label: str
    kind: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class SemanticDiff:
    old_name: str
    new_name: str
    added: list[TermChange]
    removed: list[TermChange]
    changed: list[TermChange]
    general_added: list[str]  # axioms on no named term (owl:AllDisjointClasses...)
    general_removed: list[str]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.general_added or self.general_removed)

    def terms(self) -> set[str]:
        return {change.name for change in self.added + self.removed + self.changed}


# --- reading a side ------------------------------------------------------------

def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise UserError("LKG-D002", "git is not installed; give two files or directories instead") from None
    if done.returncode != 0:
        raise UserError("LKG-D001", f"git {' '.join(args)}: {done.stderr.strip() or 'failed'}")
    return done.stdout


def read_side(root: Path, spec: str) -> tuple[str, Graph]:
    """(name shown in the report, merged graph) for a revision or a path.

    Files are parsed one by one and merged, so blank nodes stay file-local
    as in Turtle."""
    graph = Graph()
    if spec == WORKING_TREE:
        path = root / "ontology"
    else:
        path = Path(spec) if Path(spec).is_absolute() else Path.cwd() / spec
    if path.exists():
        files = sorted(path.rglob("*.ttl")) if path.is_dir() else [path]
        for file in files:
            graph += parse_text(file.read_text(encoding="utf-8"), str(file))
        return (spec if spec != WORKING_TREE else WORKING_TREE), graph
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}").strip()
    except UserError:
        raise UserError("LKG-D001", f"{spec!r} is neither a file or directory nor a git revision") from None
    listing = _git(root, "ls-tree", "-r", "--name-only", commit, "--", "ontology")
    for name in sorted(line for line in listing.splitlines() if line.endswith(".ttl")):
        graph += parse_text(_git(root, "show", f"{commit}:{name}"), f"{spec}:{name}")
    return spec, graph


# --- describing terms ----------------------------------------------------------

class _Describer:
    def __init__(self, graph: Graph):
        self.graph = graph

    def name(self, term) -> str:
        if isinstance(term, URIRef):
            return curie(str(term))
        if isinstance(term, Literal):
            text = '"' + str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
            if term.language:
                return f"{text}@{term.language}"
            if term.datatype in _BARE:
                return str(term)
            return f"{text}^^{self.name(term.datatype)}" if term.datatype else text
        return self.bnode(term, frozenset())

    def bnode(self, node: BNode, path: frozenset) -> str:
        if node in path:  # a cycle through blank nodes: say so rather than recurse forever
            return "[cycle]"
        items = self._list(node)
        if items is not None:
            return "( " + " ".join(self._object(item, path | {node}) for item in items) + " )"
        pairs = sorted(f"{self.verb(p)} {self._object(o, path | {node})}" for p, o in self.graph.predicate_objects(node))
        return "[ " + " ; ".join(pairs) + " ]" if pairs else "[]"

    def _object(self, term, path: frozenset) -> str:
        return self.bnode(term, path) if isinstance(term, BNode) else self.name(term)

    def _list(self, node) -> list | None:
        items, seen = [], set()
        while node != RDF.nil:
            first = list(self.graph.objects(node, RDF.first))
            rest = list(self.graph.objects(node, RDF.rest))
            if len(first) != 1 or len(rest) != 1 or node in seen:
                return None
            seen.add(node)
            items.append(first[0])
            node = rest[0]
        return items

    def axioms(self, subject) -> set[str]:
        return {f"{self.verb(p)} {self._object(o, frozenset())}" for p, o in self.graph.predicate_objects(subject)}

    def verb(self, predicate) -> str:
        return "a" if predicate == RDF.type else self.name(predicate)

    def label(self, subject) -> str:
        for predicate in (RDFS.label, SKOS.prefLabel):
            values = sorted(self.graph.objects(subject, predicate), key=lambda v: (getattr(v, "language", None) != "en", str(v)))
            if values:
                return str(values[0])
        return ""

    def kind(self, subject) -> str:
        types = set(self.graph.objects(subject, RDF.type))
        return next((name for type_, name in _KINDS if type_ in types), "term")

    def general(self) -> set[str]:
        """Blank-node statements hanging from no named subject, written out whole."""
        objects = set(self.graph.objects())
        roots = {s for s in self.graph.subjects() if isinstance(s, BNode) and s not in objects}
        return {self.bnode(root, frozenset()) for root in roots}


def _change(describer: _Describer, iri) -> TermChange:
    return TermChange(str(iri), describer.name(iri), describer.label(iri), describer.kind(iri))


def semantic_diff(old_name: str, old: Graph, new_name: str, new: Graph) -> SemanticDiff:
    before, after = _Describer(old), _Describer(new)
    old_terms = {s for s in old.subjects() if isinstance(s, URIRef)}
    new_terms = {s for s in new.subjects() if isinstance(s, URIRef)}
    added, removed, changed = [], [], []
    for iri in sorted(new_terms - old_terms):
        change = _change(after, iri)
        change.added = sorted(after.axioms(iri))
        added.append(change)
    for iri in sorted(old_terms - new_terms):
        change = _change(before, iri)
        change.removed = sorted(before.axioms(iri))
        removed.append(change)
    for iri in sorted(old_terms & new_terms):
        was, now = before.axioms(iri), after.axioms(iri)
        if was != now:
            change = _change(after, iri)
            change.added, change.removed = sorted(now - was), sorted(was - now)
            changed.append(change)
    old_general, new_general = before.general(), after.general()
    return SemanticDiff(old_name, new_name, added, removed, changed,
                        sorted(new_general - old_general), sorted(old_general - new_general))


def run_diff(root: Path, options: DiffOptions = DiffOptions()) -> SemanticDiff:
    old_name, old = read_side(root, options.old)
    new_name, new = read_side(root, options.new)
    return semantic_diff(old_name, old, new_name, new)


# --- Markdown ------------------------------------------------------------------

def _heading(change: TermChange) -> str:
    label = f' "{change.label}"' if change.label else ""
    return f"`{change.name}`{label} ({change.kind})"


def _code(text: str) -> str:
    return "`` " + text.replace("\n", " ") + " ``" if "`" in text else f"`{text}`"


def render_markdown(diff: SemanticDiff) -> str:
    out = [f"## Ontology changes: {diff.old_name} → {diff.new_name}", ""]
    if diff.empty:
        return "\n".join(out + ["No change to any term.", ""])
    out += [f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed term(s)"
            + (f"; {len(diff.general_added) + len(diff.general_removed)} general axiom(s) changed"
               if diff.general_added or diff.general_removed else "") + ".", ""]
    for title, changes in (("Added", diff.added), ("Removed", diff.removed), ("Changed", diff.changed)):
        if not changes:
            continue
        out += [f"### {title}", ""]
        for change in changes:
            out.append(f"- {_heading(change)}")
            out += [f"  - added: {_code(axiom)}" for axiom in change.added] if title == "Changed" else \
                [f"  - {_code(axiom)}" for axiom in change.added + change.removed]
            if title == "Changed":
                out += [f"  - removed: {_code(axiom)}" for axiom in change.removed]
        out.append("")
    if diff.general_added or diff.general_removed:
        out += ["### General axioms", ""]
        out += [f"- added: {_code(axiom)}" for axiom in diff.general_added]
        out += [f"- removed: {_code(axiom)}" for axiom in diff.general_removed]
        out.append("")
    return "\n".join(out)
