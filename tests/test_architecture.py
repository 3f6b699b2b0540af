"""The allowed arrows between modules (``docs/architecture.md``), read from the import statements
of ``timeline/`` (module-level and lazy ones alike)."""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "timeline"


def _graph() -> dict[str, set[str]]:
    """Each module -> the modules it imports (``scripts/draw_architecture.py``'s reading)."""
    import importlib.util

    script = PACKAGE.parent / "scripts" / "draw_architecture.py"
    spec = importlib.util.spec_from_file_location("draw_architecture", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.module_graph()


def test_no_import_cycle():
    graph = _graph()
    done: set[str] = set()

    def visit(m: str, path: list[str]) -> None:
        for n in sorted(graph.get(m, ())):
            assert n not in path, " -> ".join(path[path.index(n):] + [n])
            if n not in done:
                visit(n, path + [n])
        done.add(m)

    for m in sorted(graph):
        visit(m, [m])


def test_cli_calls_only_the_public_stages():
    allowed = {"timeline._version", "timeline.settings", "timeline.pipeline", "timeline.graph",
               "timeline.export", "timeline.render", "timeline.evaluate", "timeline.model"}
    assert _graph()["timeline.cli"] <= allowed


def test_render_reads_the_model_only():
    assert _graph()["timeline.render"] <= {"timeline.model"}


def test_the_model_is_a_leaf():
    assert _graph()["timeline.model"] <= {"timeline._version"}


def test_corpus_mode_never_imports_the_pipeline():
    graph = _graph()
    corpus = [m for m in graph if m == "timeline.corpus" or m.startswith("timeline.corpus.")]
    assert corpus
    for m in corpus:
        assert "timeline.pipeline" not in graph[m], m


DOCUMENT_LAYERS = ["tables", "decode", "language", "dates", "page", "dct", "document", "sources", "units",
                   "html_page", "jsonl", "read"]
"""The modules of ``timeline/documents/`` in the order data flows (its ``__init__`` docstring)."""


def test_the_document_stage_imports_only_its_lower_layers():
    graph = _graph()
    inside = {m.rsplit(".", 1)[1] for m in graph if m.startswith("timeline.documents.")}
    assert inside == set(DOCUMENT_LAYERS)
    for i, name in enumerate(DOCUMENT_LAYERS):
        below = {f"timeline.documents.{n}" for n in DOCUMENT_LAYERS[:i]}
        used = {m for m in graph[f"timeline.documents.{name}"] if m.startswith("timeline.documents")}
        assert used <= below, (name, sorted(used - below))
    # the rest of the program goes through the face, never into a layer
    for m, targets in graph.items():
        if not m.startswith("timeline.documents"):
            assert not any(t.startswith("timeline.documents.") for t in targets), m


def test_the_drawing_of_the_rooms_is_the_code_s():
    """docs/architecture.md draws the import arrows the code has (scripts/draw_architecture.py)."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run([sys.executable, str(root / "scripts" / "draw_architecture.py"), "--check",
                           str(root / "docs" / "architecture.md")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
