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


def _room(path: Path) -> str:
    rel = path.relative_to(PKG)
    return rel.parts[0].removesuffix(".py")


def arrows() -> set[tuple[str, str]]:
    """(importer room, imported room) for every import between two rooms of ``timeline``."""
    out = set()
    for path in sorted(PKG.rglob("*.py")):
        room = _room(path)
        depth = len(path.relative_to(PKG).parts) - 1
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom):
                if node.level == 0 and node.module and node.module.startswith("timeline."):
                    names = [node.module.split(".")[1]]
                elif node.level > depth:           # ``from ..x import`` out of a package
                    names = [node.module.split(".")[0]] if node.module else [a.name for a in node.names]
                elif node.level == 1 and depth == 0:
                    names = [node.module.split(".")[0]] if node.module else [a.name for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name.split(".")[1] for a in node.names if a.name.startswith("timeline.")]
            for n in names:
                if n != room and ((PKG / n).is_dir() or (PKG / f"{n}.py").is_file()):
                    out.add((room, n))
    return out


def mermaid() -> str:
    edges = sorted((a, b) for a, b in arrows() if a not in FLOOR and b not in FLOOR and a != "__init__")
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
