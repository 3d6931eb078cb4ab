"""Split a Turtle file into its header comment, prefix directives and
statement blocks, keeping every comment with the statement it precedes.

This is the half of `lanzarote-kg fmt` that must never lose text: it reads
characters, not triples, so that comments survive (no RDF parser keeps
them). It only has to find where statements end, which in Turtle means a
`.` at bracket depth 0 outside strings, IRIs and comments; the triples of
each statement are read by a real parser afterwards.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lanzarote_kg.core.errors import UserError

_PREFIX = re.compile(r"@prefix\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>\s*\.$", re.S)
_SPARQL_PREFIX = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>$", re.S | re.I)
_SPARQL_DIRECTIVE = re.compile(r"(PREFIX|BASE)\b", re.I)
_TERMINATOR_FOLLOWERS = " \t\r\n#"


@dataclass
class Block:
    """One statement with the comment lines and blank lines before it.

    `leading` holds comment lines and "" for a blank line, in source order
    (runs of blank lines collapsed); `inner` the comments written inside the
    statement, which the formatter moves above it; `trailing` a comment on
    the statement's last line."""

    text: str
    line: int
    leading: list[str] = field(default_factory=list)
    inner: list[str] = field(default_factory=list)
    trailing: str = ""


@dataclass
class Document:
    header: list[str] = field(default_factory=list)
    blank_after_header: bool = False
    prefixes: dict[str, str] = field(default_factory=dict)  # in declaration order
    blocks: list[Block] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)  # comments after the last statement


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _skip_string(text: str, i: int, origin: str) -> int:
    """Index just after the string literal starting at i."""
    quote = text[i]
    long = text.startswith(quote * 3, i)
    j = i + (3 if long else 1)
    while j < len(text):
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if long and text.startswith(quote * 3, j):
            return j + 3
        if not long and c == quote:
            return j + 1
        if not long and c == "\n":
            break
        j += 1
    raise UserError("LKG-F001", f"{origin}:{_line_of(text, i)}: unterminated string")


def _skip_iri(text: str, i: int, origin: str) -> int:
    end = text.find(">", i)
    if end < 0 or "\n" in text[i:end]:
        raise UserError("LKG-F001", f"{origin}:{_line_of(text, i)}: unterminated IRI")
    return end + 1


def _scan_statement(text: str, i: int, origin: str) -> tuple[int, str, list[str]]:
    """(end index, statement text without comments, comments found inside)."""
    sparql = _SPARQL_DIRECTIVE.match(text, i) and not text.startswith(":", _SPARQL_DIRECTIVE.match(text, i).end())
    depth, j, pieces, inner, start = 0, i, [], [], i
    while j < len(text):
        c = text[j]
        if c in "\"'":
            j = _skip_string(text, j, origin)
            continue
        if c == "<":
            j = _skip_iri(text, j, origin)
            if sparql:  # SPARQL-style directives end with their IRI, no '.'
                pieces.append(text[start:j])
                return j, "".join(pieces), inner
            continue
        if c == "#":
            end = text.find("\n", j)
            end = len(text) if end < 0 else end
            pieces.append(text[start:j])
            inner.append(text[j:end].rstrip())
            start = j = end
            continue
        if c == "_" and text.startswith("_:", j) and (j == 0 or text[j - 1] in " \t\r\n[(,;"):
            raise UserError("LKG-F003", f"{origin}:{_line_of(text, j)}: labelled blank nodes (_:x) are not "
                                        "supported by the formatter; write them as [ ... ]")
        if c in "[(":
            depth += 1
        elif c in "])":
            depth -= 1
        elif c == "." and depth == 0 and (j + 1 == len(text) or text[j + 1] in _TERMINATOR_FOLLOWERS):
            pieces.append(text[start:j + 1])
            return j + 1, "".join(pieces), inner
        j += 1
    raise UserError("LKG-F001", f"{origin}:{_line_of(text, i)}: statement is not terminated by '.'")


def _directive(statement: str, origin: str, line: int) -> tuple[str, str] | None:
    """(prefix, namespace) for a prefix directive, None for a statement."""
    compact = statement.strip()
    lowered = compact.lower()
    if lowered.startswith("@base") or (lowered.startswith("base") and _SPARQL_DIRECTIVE.match(compact)):
        raise UserError("LKG-F003", f"{origin}:{line}: @base is not supported (the project writes absolute IRIs)")
    if compact.startswith("@prefix") or (_SPARQL_DIRECTIVE.match(compact) and lowered.startswith("prefix")
                                          and not compact[6:7] == ":"):
        match = _PREFIX.match(compact) or _SPARQL_PREFIX.match(compact)
        if not match:
            raise UserError("LKG-F001", f"{origin}:{line}: cannot read prefix directive {compact!r}")
        return match.group(1) or "", match.group(2)
    return None


def scan(text: str, origin: str = "<text>") -> Document:
    """Split Turtle text into a Document (raises UserError LKG-F001/F003)."""
    doc = Document()
    pending: list[str] = []
    newlines = 0
    seen_directive = seen_statement = False
    last_block: Block | None = None
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\n":
            newlines += 1
            i += 1
            continue
        if c in " \t\r\ufeff":
            i += 1
            continue
        blank = newlines >= 2 and (pending or seen_directive or seen_statement)
        if c == "#":
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
            comment = text[i:end].rstrip()
            if newlines == 0 and last_block is not None and not pending and not last_block.trailing:
                last_block.trailing = comment
            else:
                if blank and (not pending or pending[-1] != ""):
                    pending.append("")
                pending.append(comment)
            newlines, i = 0, end
            continue
        line = _line_of(text, i)
        end, statement, inner = _scan_statement(text, i, origin)
        directive = _directive(statement, origin, line)
        if directive is not None:
            prefix, namespace = directive
            if doc.prefixes.get(prefix, namespace) != namespace:
                raise UserError("LKG-F003", f"{origin}:{line}: prefix {prefix}: is declared twice with different "
                                            "namespaces")
            doc.prefixes[prefix] = namespace
            if not seen_statement:
                if not seen_directive:
                    doc.blank_after_header = newlines >= 2 and bool(pending)
                doc.header.extend(item for item in pending if item or doc.header)
                doc.header.extend(inner)
                pending = []
            seen_directive = True
            last_block = None
        else:
            if blank and (not pending or pending[-1] != ""):
                pending.append("")
            last_block = Block(text=statement, line=line, leading=pending, inner=inner)
            doc.blocks.append(last_block)
            pending = []
            seen_statement = True
        newlines, i = 0, end
    if not seen_directive and not seen_statement:
        doc.header = pending
    else:
        doc.tail = pending
    while doc.header and doc.header[-1] == "":
        doc.header.pop()
    return doc
