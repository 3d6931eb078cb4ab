"""The query safety check: what may run as a report, a data check or a QC
check. Only SELECT queries that cannot reach the network or the file system
(no SERVICE, LOAD, FROM, FROM NAMED) are allowed."""
from __future__ import annotations

import re
from functools import lru_cache

from lanzarote_kg.core.errors import UserError

# Strings, IRIs, comments, variables and prefixed names can contain any
# word; the keywords that reach out can only appear outside them.
_LEXEMES = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|\#[^\n]*|[?$][A-Za-z0-9_]+|[A-Za-z0-9_.-]*:[A-Za-z0-9_.%-]*''')
_REACHING_OUT = re.compile(r"\b(SERVICE|LOAD|FROM)\b", re.IGNORECASE)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|DROP|CLEAR|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)


@lru_cache(maxsize=256)
def check_safe(query_text: str, origin: str = "query") -> None:
    """Refuse non-SELECT queries and anything that could reach the network
    or the file system (SERVICE, LOAD, FROM / FROM NAMED). A lexical check:
    parsing with rdflib's parser costs 20-120 ms per report, more than
    Oxigraph takes to answer it; syntax errors are reported by the engine."""
    bare = _LEXEMES.sub(" ", query_text)
    outside = _REACHING_OUT.search(bare)
    if outside:
        keyword = outside.group(1).upper()
        detail = "FROM / FROM NAMED are not allowed (the dataset is fixed)" if keyword == "FROM" else \
            "SERVICE and LOAD are not allowed (no network access)"
        raise UserError("LKG-Q012", f"{origin}: {detail}")
    form = _FORM.search(bare)
    if form is None or form.group(1).upper() != "SELECT":
        found = form.group(1).upper() if form else "no query form"
        raise UserError("LKG-Q011", f"{origin}: only SELECT queries can be run as reports (got {found})")
