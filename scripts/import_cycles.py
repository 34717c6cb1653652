#!/usr/bin/env python3
"""Print every import cycle in Pacer's code and exit 1 if there is one.

Two views of the graph (grimp, installed with import-linter), imports inside functions included:
  - modules: each group of modules that import each other, directly or round a loop;
  - subpackages: the same between the top-level parts of each package (bot.services,
    bot.scheduler, ...), counting an import of any module inside a part as an import of it.

Usage (from the project root, with PYTHONPATH=.):
    .venv/bin/python scripts/import_cycles.py            # bot
    .venv/bin/python scripts/import_cycles.py bot actions
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping

import grimp


def strongly_connected(nodes: Iterable[str], edges: Mapping[str, set[str]]) -> list[list[str]]:
    """The groups of two or more nodes that reach each other (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def subpackage(module: str) -> str:
    return ".".join(module.split(".")[:2])


def find_cycles(packages: list[str]) -> tuple[list[list[str]], list[list[str]]]:
    """(module cycles, subpackage cycles) in `packages`."""
    graph = grimp.build_graph(*packages, include_external_packages=False, cache_dir=None)
    modules = set(graph.modules)
    module_edges = {module: set(graph.find_modules_directly_imported_by(module)) for module in modules}
    part_edges: dict[str, set[str]] = {}
    for importer, imported in module_edges.items():
        for target in imported:
            if subpackage(importer) != subpackage(target):
                part_edges.setdefault(subpackage(importer), set()).add(subpackage(target))
    parts = {subpackage(module) for module in modules}
    return strongly_connected(modules, module_edges), strongly_connected(parts, part_edges)


def main(argv: list[str]) -> int:
    packages = argv or ["bot"]
    module_cycles, part_cycles = find_cycles(packages)
    for title, cycles in (("module", module_cycles), ("subpackage", part_cycles)):
        for group in cycles:
            print(f"{title} cycle: {' <-> '.join(group)}")
    total = len(module_cycles) + len(part_cycles)
    print(f"{', '.join(packages)}: {len(module_cycles)} module cycles, {len(part_cycles)} subpackage cycles")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
