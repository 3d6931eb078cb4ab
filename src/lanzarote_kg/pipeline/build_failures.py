"""A failed build told to its author: each SHACL violation, quote problem,
inconsistency and failing data check on a line with the data file (and
line) it comes from, and the advice that leads to the fix."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pyoxigraph as ox

from lanzarote_kg.core.errors import BuildFailure
from lanzarote_kg.pipeline.coverage import advice
from lanzarote_kg.pipeline.locate import locate_node

if TYPE_CHECKING:
    from lanzarote_kg.pipeline.build import BuildResult, CheckFailure


def _row_line(result: BuildResult, failure: CheckFailure, row: tuple) -> str:
    """A check's row, with the data file its statement (or entity) is written in."""
    text = " | ".join("" if t is None else str(t) for t in row)
    columns = dict(zip(failure.table.variables, row))
    entity = columns.get("entity")
    if entity is None:
        return text
    file = result.kg.origin_of(entity, columns.get("property"), columns.get("value"))
    return f"{text} [{file}]" if file else text


def _violation_line(result: BuildResult, violation) -> str:
    """The violation with the data file and line of its focus node."""
    try:
        node = ox.NamedNode(violation.focus)
    except ValueError:
        return violation.line()
    return replace(violation, file=locate_node(result.kg, node) or violation.file).line()


def failure_lines(result: BuildResult) -> list[str]:
    lines = [_violation_line(result, v) for v in result.report.errors]
    lines += [problem.line() for problem in result.quote_problems]
    for message in result.engine_errors:
        lines.append(f"OWL RL inconsistency: {message}")
    for failure in result.check_failures:
        lines.append(f"check {failure.name} ({failure.severity}): {failure.title}: {len(failure.table.rows)} row(s)")
        for row in failure.table.rows[:10]:
            lines.append("    " + _row_line(result, failure, row))
            if failure.name == "unsupported-statements" and len(row) >= 3 and None not in row[:3]:
                lines.append("      fix: " + advice(result.kg.store, *row[:3]))
        if failure.solution:
            lines.append(f"    solution: {failure.solution}")
    return lines


def raise_if_failed(result: BuildResult) -> None:
    if result.ok:
        return
    problems = []
    if not result.report.conforms:
        problems.append(f"{len(result.report.errors)} SHACL violation(s)")
    if result.engine_errors:
        problems.append(f"{len(result.engine_errors)} OWL RL inconsistency report(s)")
    if result.quote_problems:
        problems.append(f"{len(result.quote_problems)} quote(s) not found in the source")
    if result.blocking_checks:
        problems.append(f"{len(result.blocking_checks)} failing data check(s)")
    raise BuildFailure("LKG-B001", "build failed: " + ", ".join(problems), failure_lines(result))
