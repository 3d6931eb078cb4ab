"""Errors a user can cause and fix. Each carries a stable ID so that
documentation and scripts can refer to it; the CLI prints it on one line
and exits with status 2, without a traceback."""
from __future__ import annotations


class UserError(Exception):
    """A mistake in the user's input: a file, a term, a parameter."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class BuildFailure(Exception):
    """The input parsed but does not pass: SHACL violations, an inconsistent
    closure or a failing data check. The CLI exits with status 1."""

    def __init__(self, code: str, message: str, details: list[str] | None = None):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.details = details or []


SHOWN_CHARS = 80
LINE_CHARS = 1000


def shown(value: str, limit: int = SHOWN_CHARS) -> str:
    """A value as it appears in an error line: quoted, and cut with an
    ellipsis when long (a 100,000-character parameter is not echoed whole)."""
    if len(value) > limit:
        return repr(value[:limit]) + f"… ({len(value)} characters)"
    return repr(value)


def one_line(message: str, limit: int = LINE_CHARS) -> str:
    """A message on one line of bounded length: white space runs (line
    breaks included) become one space; the middle of a long one is cut."""
    text = " ".join(message.split())
    if len(text) > limit:
        half = limit // 2
        return text[:half] + " … " + text[-half:]
    return text
