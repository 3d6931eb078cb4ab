"""The query safety check: what may run as a report, a data check, a QC
check or on a remote endpoint. Only SELECT queries that cannot reach the
network or the file system (no SERVICE, LOAD, FROM, FROM NAMED, no update)
are allowed.

Decided on the query's tokens (sparql.lexer), read the way any engine might
read them, because the engines read some spellings differently from the
recommendation and from each other:
- Oxigraph 0.5 matches keywords without a word boundary: `SERVICEsvc:x`,
  `trueSERVICE<...>` and `1SERVICE` all call SERVICE. So a forbidden
  keyword inside any bare word, prefix, language tag or blank node label is
  refused, not only a token equal to it.
- `<` is an IRI or the less-than operator depending on the grammar: in
  `FILTER(1<2)SERVICE?s#>` an engine reads code where the longest-match
  rule reads an IRI. So the text of an IRI is read as code too, up to its
  first `#` (a comment there), unless that text cannot be code (`//`).
- Escapes of ASCII characters are refused by the lexer (see there).
"""
from __future__ import annotations

from functools import lru_cache

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.sparql.lexer import Token, tokenize

_REACHING_OUT = ("SERVICE", "LOAD", "FROM")
_UPDATES = ("INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH", "USING")
_OTHER_FORMS = ("ASK", "CONSTRUCT", "DESCRIBE")
# No SPARQL keyword or function name contains any of these, so a bare word
# containing one is either that keyword glued to something or an error.
_IN_WORDS = _REACHING_OUT + _UPDATES + _OTHER_FORMS


def _refuse_reaching_out(keyword: str, where: str, spelled: str) -> None:
    detail = ("FROM / FROM NAMED are not allowed (the dataset is fixed)" if keyword == "FROM"
              else f"{keyword} is not allowed (no network or file access)")
    found = "" if spelled.upper() == keyword else f" (read in {spelled!r})"
    raise UserError("LKG-Q012", f"{where}: {detail}{found}")


def _check_word(token: Token, origin: str) -> None:
    upper = token.text.upper()
    where = f"{origin}:{token.line}"
    names = _IN_WORDS if token.kind == "word" else _REACHING_OUT
    for keyword in names:
        if keyword in upper:
            if keyword in _REACHING_OUT:
                _refuse_reaching_out(keyword, where, token.text)
            raise UserError("LKG-Q011", f"{where}: only SELECT queries can be run (found {keyword} "
                                        f"in {token.text!r})")


def _check_iri_as_code(token: Token, origin: str) -> None:
    """The IRI's text as an engine reading `<` as less-than would see it."""
    content = token.text[1:-1]
    cut = min((i for i in (content.find("#"), content.find("'")) if i >= 0), default=len(content))
    code = content[:cut]
    if "//" in code:
        return  # `//` is no SPARQL code: this can only be an IRI
    if cut < len(content) and content[cut] == "'":
        raise UserError("LKG-Q013", f"{origin}:{token.line}: the IRI {token.text!r} holds a ' that an engine "
                                    f"reading '<' as less-than takes for a string: write it as %27")
    try:
        inner = tokenize(code, origin)
    except UserError:
        return  # not code either: an IRI to every engine
    for part in inner:
        if part.kind in ("word", "pname", "langtag", "bnode"):
            _check_word(Token(part.kind, _prefix_of(part), token.line), origin)


def _prefix_of(token: Token) -> str:
    """The part of a token an engine could read as a keyword: a prefixed
    name's prefix (local names are read whole by every engine)."""
    return token.text.split(":", 1)[0] if token.kind == "pname" else token.text


@lru_cache(maxsize=512)
def check_safe(query_text: str, origin: str = "query") -> None:
    """Refuse anything but a SELECT that stays in the local dataset."""
    tokens = tokenize(query_text, origin)
    for token in tokens:
        if token.kind in ("word", "pname", "langtag", "bnode"):
            _check_word(Token(token.kind, _prefix_of(token), token.line), origin)
        elif token.kind == "iri":
            _check_iri_as_code(token, origin)
    _check_form(tokens, origin)


def _check_form(tokens: list[Token], origin: str) -> None:
    """After the prologue (BASE <iri>, PREFIX p: <iri>) comes SELECT."""
    at = 0
    while at < len(tokens) and tokens[at].kind == "word" and tokens[at].text.upper() in ("BASE", "PREFIX"):
        at += 3 if tokens[at].text.upper() == "PREFIX" else 2
    if at >= len(tokens):
        raise UserError("LKG-Q011", f"{origin}: only SELECT queries can be run (the file holds no query)")
    first = tokens[at]
    if first.kind != "word" or first.text.upper() != "SELECT":
        raise UserError("LKG-Q011", f"{origin}:{first.line}: only SELECT queries can be run (got {first.text!r})")
