"""Literals by value: what a server may rewrite without losing anything.

Servers store some literals as native values and write them back in their
own form: Virtuoso 7.2 gives `"1.50"^^xsd:decimal` back as `"1.5"`, and a
duration as a bare number (`"P18M"` as `"18"`, whole months; `"P3D"` as
`"259200.0"`, seconds); Oxigraph and Comunica print a decimal sum as
`4954239` and `4954239.0`. `value_key` is equal for two literals of the same
datatype and the same value, so a verification can tell a rewritten form
(a warning) from a lost or changed value (a failure).
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
_EXACT = {XSD + name for name in (
    "decimal", "integer", "long", "int", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
_FLOATING = {XSD + "double", XSD + "float"}
_DURATIONS = {XSD + "duration", XSD + "yearMonthDuration", XSD + "dayTimeDuration"}
_DURATION = re.compile(r"(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _decimal(text: str) -> Decimal | None:
    if not _NUMBER.fullmatch(text.strip()):
        return None
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        return None


def duration_value(text: str) -> tuple[Decimal, Decimal] | None:
    """(months, seconds) of an xsd:duration, in the ISO form or in
    Virtuoso's numeric one (an integer: months; with a fraction: seconds)."""
    text = text.strip()
    match = _DURATION.fullmatch(text)
    if match and text not in ("P", "-P") and not text.endswith("T"):
        sign = -1 if match.group(1) else 1
        years, months, days, hours, minutes = (int(g or 0) for g in match.groups()[1:6])
        seconds = Decimal(match.group(7) or 0)
        return (Decimal(sign * (12 * years + months)),
                sign * (Decimal(((days * 24 + hours) * 60 + minutes) * 60) + seconds))
    number = _decimal(text)
    if number is None:
        return None
    if re.fullmatch(r"[+-]?\d+", text):
        return number, Decimal(0)
    return Decimal(0), number


def value_key(term):
    """Equal for two terms that are the same value of the same datatype;
    other terms (IRIs, blank nodes, strings, unknown datatypes) key as themselves."""
    if not isinstance(term, ox.Literal) or term.language:
        return term
    datatype, text = term.datatype.value, term.value
    value = None
    if datatype in _EXACT:
        number = _decimal(text)
        value = number.normalize() if number is not None else None
    elif datatype in _FLOATING:
        try:
            value = float(text)
        except ValueError:
            value = None
    elif datatype in _DURATIONS:
        value = duration_value(text)
    elif datatype == XSD + "boolean" and text in ("true", "false", "1", "0"):
        value = text in ("true", "1")
    return term if value is None else (datatype, value)


def short(term) -> str:
    """A literal for a message: its form and the datatype's local name."""
    if isinstance(term, ox.Literal) and not term.language and term.datatype.value.startswith(XSD):
        return f'"{term.value}"^^xsd:{term.datatype.value[len(XSD):]}'
    return str(term)
