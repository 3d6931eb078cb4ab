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
