"""Every command the README documents, run through typer's CliRunner on the seed article.

The command templates are read from README.md (its ``## Commands`` table and the quick start),
so a documented command that stops working, or a command documented wrongly, fails here.
``INPUT...`` becomes the seed, ``OUTDIR``/``FILE`` paths in a temporary folder, an optional
``[--flag]`` is given, and ``[--format json|jsonl]`` is run once per choice.
"""
from __future__ import annotations

import itertools
import json
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def _documented() -> list[str]:
    if not README.exists():
        return []
    text = README.read_text(encoding="utf-8")
    commands = re.findall(r"^\|\s*`(timeline [^`]+)`", text, flags=re.M)
    commands += re.findall(r"&& (timeline [^\n`]+)", text)
    return [c.replace("\\|", "|") for c in commands]


def _variants(template: str) -> list[str]:
    """Expand optional groups: ``[--flag]`` is given; ``[--opt a|b]`` gives one variant a choice."""
    groups = re.findall(r"\[([^\]]+)\]", template)
    base = re.sub(r"\s*\[[^\]]+\]", "", template)
    choices = []
    for g in groups:
        name, _, values = g.partition(" ")
        choices.append([f"{name} {v}" for v in values.split("|")] if values else [name])
    return [" ".join([base, *combo]) for combo in itertools.product(*choices)] or [base]


COMMANDS = [v for c in _documented() for v in _variants(c)]


def test_the_readme_documents_the_four_commands():
    assert {c.split()[1] for c in COMMANDS} >= {"build", "extract", "graph", "evaluate"}


def _check_json(argv: list[str], stdout: str) -> None:
    """The JSON an evaluation command prints holds its figures."""
    if argv[0] == "evaluate" and "--json" in argv:
        assert json.loads(stdout)["overall"]["files"] >= 1
    if argv[0] == "evaluate-ner":
        assert json.loads(stdout)["ORG"]["gold"] == 1


def _tiny_corpus(folder: Path) -> str:
    """A BIO file of one sentence: 青梧县工商联 ORG [0, 6)."""
    corpus = folder / "tiny_bio.txt"
    tags = ["B-ORG"] + ["I-ORG"] * 5 + ["O"] * 5
    corpus.write_text("".join(f"{c}\t{t}\n" for c, t in zip("青梧县工商联召开会议。", tags, strict=True)),
                      encoding="utf-8")
    return str(corpus)


@pytest.mark.parametrize("command", COMMANDS)
def test_documented_command(command, tmp_path, seed_path, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    argv = shlex.split(command)[1:]
    outputs = []
    for i, arg in enumerate(argv):
        if arg in ("INPUT...", "seeds/000_b0a8ce1bfdd55632.txt"):
            argv[i] = str(seed_path)
        elif arg in ("OUTDIR", "examples/seed"):
            argv[i] = str(tmp_path / "out")
            outputs += [tmp_path / "out" / n for n in ("timeline.html", "graph.graphml", "events.json")]
        elif arg == "FILE" and argv[0] == "evaluate-ner":      # an annotated corpus (BIO)
            argv[i] = _tiny_corpus(tmp_path)
        elif arg == "FILE":
            argv[i] = str(tmp_path / "graph.graphml")
            outputs.append(tmp_path / "graph.graphml")
        elif arg == "GOLD_DIR":  # a small TimeML folder, or eval gold files of the genre corpus
            eval_json = "eval-json" in argv
            argv[i] = str(ROOT / "tests" / ("genre" if eval_json else "fixtures/timeml"))
            if eval_json:
                argv += ["--limit", "1"]
        elif arg == "EVENTS_JSON":           # timeline render: the events.json of a build of the seed
            built = CliRunner().invoke(app, ["build", str(seed_path), "-o", str(tmp_path / "built"), "-q"])
            assert built.exit_code == 0
            argv[i] = str(tmp_path / "built" / "events.json")
        elif arg == "PAGE.html":
            argv[i] = str(tmp_path / "page.html")
            outputs.append(tmp_path / "page.html")
    result = CliRunner().invoke(app, argv, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    for out in outputs:
        assert out.exists() and out.stat().st_size > 0, out
    _check_json(argv, result.stdout)
    if argv[0] == "extract":
        lines = result.stdout.splitlines() if "jsonl" in argv else [result.stdout]
        for line in lines:
            data = json.loads(line)
            assert data["documents"][0]["dct"] == "2017-08-28"
            assert data["events"], "the seed has dated events"
    if "--open" in argv:
        assert opened == [(tmp_path / "out" / "timeline.html").resolve().as_uri()]
