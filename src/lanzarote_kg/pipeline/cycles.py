"""Strongly connected components (Tarjan), iteratively: inputs are the
user's, so neither a 5,000-item RDF list nor a long chain of imports may
reach Python's recursion limit."""
from __future__ import annotations

from typing import Callable, Hashable, Iterable


def components(nodes: Iterable[Hashable], successors: Callable[[Hashable], list]) -> list[list]:
    """Every component, sinks first (each after the components it reaches),
    in a deterministic order for a given order of `nodes` and successors."""
    index: dict = {}
    low: dict = {}
    on_stack: set = set()
    stack: list = []
    found: list[list] = []
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, at = work.pop()
            if at == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            children = successors(node)
            if at < len(children):
                work.append((node, at + 1))
                child = children[at]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == node:
                        break
                found.append(members)
    return found


def is_cycle(members: list, successors: Callable[[Hashable], list]) -> bool:
    """A component is a cycle when it has two members or a self-loop."""
    return len(members) > 1 or members[0] in successors(members[0])
