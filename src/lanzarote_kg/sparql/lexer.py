"""The tokens of a SPARQL 1.1 query, by the lexical rules of the
recommendation: the codepoint-escape step over the whole text first
(section 19.2), then the terminals of section 19.8.

The safety check reads these tokens instead of parsing: rdflib's parser
costs 10-300 ms per saved query (median 110 ms, measured on the 40 saved
queries), more than Oxigraph takes to answer most of them, and a parse by
one engine says nothing about how another reads the same text (Oxigraph
0.5 does not apply the escape step outside strings and IRIs).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lanzarote_kg.core.errors import UserError, shown

MAX_QUERY_CHARS = 1_000_000

_PN_CHARS_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
                  "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + "\\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = (f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})"
             f"(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?")
_VARNAME = f"[{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00B7\u0300-\u036F\u203F-\u2040]*"
_ECHAR = r"""\\[tbnrf\\"']"""
_EXPONENT = r"[eE][+-]?[0-9]+"

# One alternative per terminal; at a given offset the first that matches
# is the longest possible token (long strings before short ones, numbers
# before punctuation, prefixed names before bare words).
_TERMINALS = [
    ("ws", r"[ \t\r\n]+"),
    ("comment", r"#[^\r\n]*"),
    ("iri", r"<[^<>\"{}|^`\\\x00-\x20]*>"),
    ("string", f"'''(?:(?:'|'')?(?:[^'\\\\]|{_ECHAR}))*'''"
               f'|"""(?:(?:"|"")?(?:[^"\\\\]|{_ECHAR}))*"""'
               f"|'(?:[^\\x27\\x5C\\x0A\\x0D]|{_ECHAR})*'"
               f'|"(?:[^\\x22\\x5C\\x0A\\x0D]|{_ECHAR})*"'),
    ("var", f"[?$]{_VARNAME}"),
    ("bnode", f"_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"),
    ("pname", f"(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?"),
    ("langtag", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
    ("number", f"[0-9]+\\.[0-9]*{_EXPONENT}|\\.[0-9]+{_EXPONENT}|[0-9]+{_EXPONENT}|[0-9]*\\.[0-9]+|[0-9]+"),
    ("word", r"[A-Za-z][A-Za-z0-9_]*"),
    ("punct", r"\^\^|&&|\|\||!=|<=|>=|[{}()\[\];,.*/+\-=<>!^|?]"),
]
_SCANNER = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _TERMINALS))
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class Token:
    kind: str  # a name of _TERMINALS (never "ws" or "comment")
    text: str
    line: int


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def expand_codepoints(text: str, origin: str) -> str:
    """The escape step of section 19.2. An escape of an ASCII character is
    refused: engines disagree on where the step applies (Oxigraph only in
    strings and IRIs), so `"a\\u0022"` would be one string to one engine and
    a string followed by code to another."""
    def replace(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        where = f"{origin}:{line_at(text, match.start())}"
        if code < 0x80:
            raise UserError("LKG-Q013", f"{where}: the escape {match.group()} spells the ASCII character "
                                        f"{chr(code)!r}: write the character itself (engines read such escapes "
                                        f"differently)")
        if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
            raise UserError("LKG-Q013", f"{where}: the escape {match.group()} is not a character")
        return chr(code)
    return _CODEPOINT.sub(replace, text)


def tokenize(text: str, origin: str = "query") -> list[Token]:
    """Every token of a query (white space and comments dropped); a
    character that starts no token is a syntax error naming its line."""
    if len(text) > MAX_QUERY_CHARS:
        raise UserError("LKG-Q014", f"{origin}: the query has {len(text)} characters (at most {MAX_QUERY_CHARS})")
    expanded = expand_codepoints(text, origin)
    tokens, offset, line = [], 0, 1
    while offset < len(expanded):
        match = _SCANNER.match(expanded, offset)
        if match is None:
            raise UserError("LKG-Q010", f"{origin}:{line}: SPARQL syntax error: no token starts at "
                                        f"{shown(expanded[offset:offset + 20])}")
        kind = match.lastgroup
        if kind not in ("ws", "comment"):
            tokens.append(Token(kind, match.group(), line))
        line += match.group().count("\n")
        offset = match.end()
    return tokens
