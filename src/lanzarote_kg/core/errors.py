"""Errors a user can cause and fix. Each carries a stable ID so that
documentation and scripts can refer to it; the CLI prints it on one line
and exits with status 2, without a traceback.

IDs are never reused. Those added for issue 23 (the others are named where
they are raised and in README.md / docs/TRIPLESTORE.md):
  LKG-E007  a literal or token longer than the parser's 16 MiB buffer (file:line)
  LKG-E015  an lkg:textFile that is not a plain file name in the source folder
  LKG-Q017  an argument or parameter value that is not text (escaped)
  LKG-B003  (build failure) terms nothing declares; a namespace one edit from the project's
  LKG-T020  the whole load's --deadline passed
  LKG-F007  fmt --diff without --check
  LKG-QC005 qc --show with an unknown level
"""
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


def escaped(value: str, limit: int = SHOWN_CHARS) -> str:
    """A value that may hold bytes that are not UTF-8 (decoded by Python as
    lone surrogates U+DC80..U+DCFF), other lone surrogates or control
    characters, as printable text: those as \\xNN or \\uNNNN escapes; cut
    like `shown` when long."""
    parts = []
    for char in value[: limit + 1]:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:
            parts.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF or code < 0x20 or 0x7F <= code < 0xA0:
            parts.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        elif char == "\\":
            parts.append("\\\\")
        else:
            parts.append(char)
    text = "'" + "".join(parts[:limit]).replace("'", "\\'") + "'"
    return text + f"… ({len(value)} characters)" if len(value) > limit else text


# Tab, line feed and carriage return are allowed in text (a quote to look
# up with `cite` may span lines; a string parameter may too); every other
# control character is refused.
FREE_TEXT_CONTROLS = frozenset("\t\n\r")


def text_problem(value: str, allowed: frozenset = frozenset()) -> str:
    """Why `value` is not text a user can mean ("" when it is): bytes that
    are not UTF-8, lone surrogates, control characters."""
    for char in value:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:
            return f"byte 0x{code - 0xDC00:02x} is not UTF-8"
        if 0xD800 <= code <= 0xDFFF:
            return f"U+{code:04X} is a lone surrogate, not a character"
        if (code < 0x20 or 0x7F <= code < 0xA0) and char not in allowed:
            return f"control character U+{code:04X}"
    return ""


def check_text(value: str, what: str, allowed: frozenset = frozenset()) -> str:
    """`value`, or LKG-Q017 naming `what` and the value escaped."""
    problem = text_problem(value, allowed)
    if problem:
        raise UserError("LKG-Q017", f"{what} {escaped(value)} is not valid text: {problem} "
                                    "(give UTF-8 text without control characters)")
    return value
