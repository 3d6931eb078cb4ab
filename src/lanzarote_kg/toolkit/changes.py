"""What changed between two releases (`lanzarote-kg changes OLD NEW`, issue 21).

Each side is a release file (`.nq` or `.trig`), a git revision (its
ontology/, data/ and queries/ built in memory, as `build` would) or the
working tree. The statements of the compared named graphs (by default the
asserted ones: ontology, vocabularies, data; `--graphs all` adds the
inferred and annotations graphs; the description graph, whose checksums
change with every release, never) are compared as sets of quads:

- Markdown for a pull request: the statements removed and added, grouped by
  the entity they are about, with its label and the labels of the values;
- an RDF Patch (https://afs.github.io/rdf-patch/) for machines: one
  transaction, `D` lines for the removed quads then `A` lines for the added
  ones, each sorted, so the same two sides always give the same bytes.
"""
from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from lanzarote_kg.core.errors import UserError, shown
from lanzarote_kg.core.layout import Layout
from lanzarote_kg.core.namespaces import Graphs

WORKING_TREE = "working tree"
LABELS = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel")
GRAPH_SETS = {"asserted": Graphs.ASSERTED, "all": Graphs.ALL}


@dataclass
class Side:
    name: str
    quads: set  # ox.Quad of the compared graphs
    labels: dict[str, str] = field(default_factory=dict)  # IRI -> label


@dataclass
class Changes:
    old: Side
    new: Side
    removed: list  # ox.Quad, sorted
    added: list

    @property
    def empty(self) -> bool:
        return not self.removed and not self.added

    def label(self, term) -> str:
        if isinstance(term, ox.NamedNode):
            return self.new.labels.get(term.value) or self.old.labels.get(term.value) or ""
        return ""


def _git(root: Path, *args: str, text: bool = True):
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=text, check=False)
    except FileNotFoundError:
        raise UserError("LKG-C002", "git is not installed; give two release files (.nq or .trig) instead") from None
    if done.returncode != 0:
        error = done.stderr if text else done.stderr.decode("utf-8", "replace")
        raise UserError("LKG-C001", f"git {' '.join(args)}: {error.strip() or 'failed'}")
    return done.stdout


def _side_store(root: Path, spec: str, source: Path | None) -> ox.Store:
    """The store of one side: a release file, the working tree or a revision."""
    from lanzarote_kg.pipeline.access import store_from_file
    from lanzarote_kg.pipeline.build import BuildOptions, run_build

    if spec == WORKING_TREE:
        return run_build(Layout(root), BuildOptions(source=source)).store
    path = Path(spec)
    if path.suffix in (".nq", ".trig") and path.is_file():
        return store_from_file(path)
    if path.exists():
        raise UserError("LKG-C001", f"{spec}: not a release file (.nq or .trig) nor a git revision")
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}").strip()
    except UserError:
        raise UserError("LKG-C001", f"{shown(spec)} is neither a release file (.nq or .trig) nor a git revision") from None
    archive = _git(root, "archive", "--format=tar", commit, "--", "ontology", "data", "queries", text=False)
    with tempfile.TemporaryDirectory(prefix="lanzarote-kg-changes-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        return run_build(Layout(Path(tmp)), BuildOptions(source=source)).store


def _canonical(quads: list, graph: ox.NamedNode) -> set:
    """Quads with blank nodes (the ontology's restrictions and lists), their
    blank nodes labelled by content: a parser gives them new labels on each
    read, so two reads of one file would otherwise differ."""
    from rdflib import Graph as RdfGraph
    from rdflib.compare import to_canonical_graph

    from lanzarote_kg.core.terms import from_oxigraph, to_oxigraph

    triples = RdfGraph()
    for quad in quads:
        triples.add((from_oxigraph(quad.subject), from_oxigraph(quad.predicate), from_oxigraph(quad.object)))
    return {ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph) for s, p, o in to_canonical_graph(triples)}


def read_side(root: Path, spec: str, graphs: tuple, source: Path | None = None) -> Side:
    store = _side_store(root, spec, source)
    quads = set()
    for name in (ox.NamedNode(str(g)) for g in graphs):
        blank = []
        for quad in store.quads_for_pattern(None, None, None, name):
            if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
                blank.append(quad)
            else:
                quads.add(quad)
        if blank:
            quads |= _canonical(blank, name)
    labels: dict[str, str] = {}
    for predicate in LABELS:
        for quad in sorted(store.quads_for_pattern(None, ox.NamedNode(predicate), None, None), key=str):
            if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.Literal):
                labels.setdefault(quad.subject.value, quad.object.value)
    return Side(spec, quads, labels)


def compare(old: Side, new: Side) -> Changes:
    return Changes(old, new, sorted(old.quads - new.quads, key=str), sorted(new.quads - old.quads, key=str))


def run_changes(root: Path, old: str, new: str = WORKING_TREE, graphs: str = "asserted",
                source: Path | None = None) -> Changes:
    if graphs not in GRAPH_SETS:
        raise UserError("LKG-C003", f"--graphs {shown(graphs)}: use {' or '.join(GRAPH_SETS)}")
    chosen = GRAPH_SETS[graphs]
    return compare(read_side(root, old, chosen, source), read_side(root, new, chosen, source))


# --- output -----------------------------------------------------------------------

def _short(term) -> str:
    if isinstance(term, ox.NamedNode):
        value = term.value
        return value.rsplit("#", 1)[-1] if "#" in value else value.rsplit("/", 1)[-1]
    return str(term)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _value(changes: Changes, term) -> str:
    if isinstance(term, ox.Literal):
        return f"`{_cell(str(term))}`"
    label = changes.label(term)
    shown_term = f"`{_cell(str(term))}`"
    return f"{_cell(label)} {shown_term}" if label else shown_term


def render_markdown(changes: Changes) -> str:
    lines = [f"# Changes: {changes.old.name} → {changes.new.name}", ""]
    if changes.empty:
        return "\n".join(lines + ["No statement removed or added.", ""])
    by_entity: dict = defaultdict(list)
    for sign, quads in (("−", changes.removed), ("+", changes.added)):
        for quad in quads:
            by_entity[quad.subject].append((sign, quad))
    lines += [f"{len(changes.removed)} statement(s) removed, {len(changes.added)} added, "
              f"about {len(by_entity)} entit{'y' if len(by_entity) == 1 else 'ies'}.", ""]
    order = sorted(by_entity, key=lambda s: (changes.label(s).lower() or "\uffff", str(s)))
    for subject in order:
        label = changes.label(subject)
        shown_subject = subject.value if isinstance(subject, ox.NamedNode) else str(subject)
        lines += [f"## {_cell(label) + ' ' if label else ''}`{shown_subject}`", "",
                  "| | property | value | graph |", "| --- | --- | --- | --- |"]
        rows = sorted(by_entity[subject], key=lambda item: (str(item[1].predicate), item[0] != "−", str(item[1].object)))
        for sign, quad in rows:
            prop = changes.label(quad.predicate) or _short(quad.predicate)
            lines.append(f"| {sign} | {_cell(prop)} | {_value(changes, quad.object)} | {_short(quad.graph_name)} |")
        lines.append("")
    return "\n".join(lines)


def render_patch(changes: Changes) -> str:
    """RDF Patch: one transaction, the deletions then the additions."""
    def line(op: str, quad) -> str:
        return f"{op} {quad.subject} {quad.predicate} {quad.object} {quad.graph_name} ."
    body = [line("D", q) for q in changes.removed] + [line("A", q) for q in changes.added]
    return "\n".join(["TX ."] + body + ["TC ."]) + "\n"


def read_patch(text: str) -> tuple[list, list]:
    """(removed, added) quads of an RDF Patch written by render_patch."""
    removed, added = [], []
    for raw in text.splitlines():
        op, _, rest = raw.partition(" ")
        if op in ("D", "A"):
            quad = next(iter(ox.parse(rest.encode("utf-8"), format=ox.RdfFormat.N_QUADS)))
            (removed if op == "D" else added).append(quad)
    return removed, added
