"""``timeline evaluate-ner``: the whole recogniser scored on BIO and CLUENER files (exact spans)."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from timeline import pipeline
from timeline.cli import app

# Sentences every source reads alike: a placed organisation the rules know, a time expression
# that is no name.  Gold: 青梧县工商联 ORG [0, 6) of sentence 1; 青梧县工商联 ORG [6, 12) of sentence 2.


def _bio(text: str, tags: list[str]) -> str:
    return "".join(f"{c}\t{t}\n" for c, t in zip(text, tags, strict=True))


BIO = _bio("青梧县工商联召开会议。", ["B-ORG"] + ["I-ORG"] * 5 + ["O"] * 5) + "\n" + \
    _bio("2019年，青梧县工商联成立。", ["O"] * 6 + ["B-ORG"] + ["I-ORG"] * 5 + ["O"] * 3)
CLUENER = json.dumps({"text": "青梧县工商联召开会议。", "label": {"government": {"青梧县工商联": [[0, 5]]}}},
                     ensure_ascii=False) + "\n"


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def bio(tmp_path):
    p = tmp_path / "tiny_bio.txt"
    p.write_text(BIO, encoding="utf-8")
    return p


def test_the_library_scores_the_whole_recogniser(bio):
    got = pipeline.evaluate_ner(str(bio))
    assert got["ORG"]["gold"] == 2 and got["ORG"]["tp"] == 2
    assert got["texts"] == 2 and set(got) >= {"PER", "LOC", "ORG", "overall", "file", "chars"}


def test_cli_table_and_json(bio, tmp_path):
    r = run("evaluate-ner", str(bio))
    assert r.exit_code == 0, r.stderr
    org = next(line for line in r.stdout.splitlines() if line.startswith("ORG"))
    assert org.split()[1:4] == ["1.0000", "1.0000", "1.0000"]
    clue = tmp_path / "tiny.jsonl"
    clue.write_text(CLUENER, encoding="utf-8")
    r = run("evaluate-ner", str(clue), "--json")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["ORG"]["f1"] == 1.0


def test_cli_errors_are_one_line(tmp_path):
    r = run("evaluate-ner", str(tmp_path / "absent.txt"))
    assert r.exit_code == 2 and r.stderr.strip() == f"timeline: {tmp_path / 'absent.txt'}: no such file"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{bad\n", encoding="utf-8")
    r = run("evaluate-ner", str(bad))
    assert r.exit_code == 1 and r.stderr.startswith(f"timeline: {bad}:1: not a CLUENER line")
