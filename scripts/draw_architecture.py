#!/usr/bin/env python3
"""Draw the rooms of ``timeline/`` and the import arrows between them as a Mermaid graph.

Usage: python scripts/draw_architecture.py [--check docs/architecture.md]

A room is a top-level module or package of ``timeline/``; an arrow ``a --> b`` says that some
module of ``a`` imports ``b`` (at the top or inside a function: lazy imports count). The shared
floor (``model``, ``resources``, ``text``, ``settings``, ``budget``, ``_version``) is drawn once
as a box every room may use; its arrows are left out to keep the drawing readable. The output is
the block between the ``<!-- rooms -->`` markers of ``docs/architecture.md``; ``--check`` exits 1
when that block differs from the code (``tests/test_architecture.py`` runs it).
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "timeline"
FLOOR = ("model", "resources", "text", "settings", "budget", "_version")
ORDER = ("cli", "evaluate", "pipeline", "corpus", "documents", "temporal", "entities", "events", "graph",
         "export", "render")
MARK = "<!-- rooms -->"


def _modules() -> dict[str, Path]:
    """Dotted module name (``timeline.entities.scan``; a package by its folder) -> its file."""
    out = {}
    for p in PKG.rglob("*.py"):
        parts = p.relative_to(ROOT).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = p
    return out


def module_graph() -> dict[str, set[str]]:
    """Each module of ``timeline`` -> the modules of ``timeline`` it imports (``from`` imports,
    at the top or inside a function; ``tests/test_architecture.py`` checks its arrows on it)."""
    mods = _modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for m, p in mods.items():
        pkg = m if p.name == "__init__.py" else m.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                base = pkg.split(".")[:len(pkg.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.split(".")[0] == "timeline":
                target = node.module
            else:
                continue
            subs = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in mods]
            graph[m].update(subs or [target])
    return graph


def arrows() -> set[tuple[str, str]]:
    """(importer room, imported room) for every import between two rooms of ``timeline``."""
    out = set()
    for m, targets in module_graph().items():
        for n in targets:
            a, b = m.split(".")[1:2], n.split(".")[1:2]    # the room: the name after ``timeline.``
            if a and b and a != b:
                out.add((a[0], b[0]))
    return out


def mermaid() -> str:
    edges = sorted((a, b) for a, b in arrows() if a not in FLOOR and b not in FLOOR)
    rank = {r: i for i, r in enumerate(ORDER)}
    edges.sort(key=lambda e: (rank.get(e[0], 99), rank.get(e[1], 99), e))
    lines = ["```mermaid", "graph TD"]
    lines += [f"  {a} --> {b}" for a, b in edges]
    lines.append(f"  floor[\"shared floor: {', '.join(FLOOR)}\"]")
    lines.append("```")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    text = mermaid()
    if argv[:1] == ["--check"]:
        doc = Path(argv[1]).read_text(encoding="utf-8")
        parts = doc.split(MARK)
        if len(parts) != 3 or parts[1].strip() != text.strip():
            print(f"{argv[1]}: the drawing between the {MARK} markers is not the code's; "
                  "run python scripts/draw_architecture.py and paste its output", file=sys.stderr)
            return 1
        return 0
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
