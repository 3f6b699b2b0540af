"""The development corpus of the genre (tests/genre/: invented articles with gold annotations in
the format of shared/eval) scored with the shared scorer: the micro means must hold their floors.
The held-out corpus (tests/genre_holdout/) is measured by ``scripts/eval_genre.py`` only, never
tested or tuned on."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "genre"

# micro mean, lowest acceptable value
FLOORS = {"timex_value_f1": 0.95, "timex_strict_f1": 0.93, "org_recall": 0.95,
          "org_precision": 0.95, "event_recall": 0.95, "event_precision": 0.85, "participant_recall": 0.90}


@pytest.fixture(scope="module")
def micro_scores(scorer):
    import timeline

    spec = importlib.util.spec_from_file_location("eval_genre", ROOT / "scripts" / "eval_genre.py")
    eval_genre = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(eval_genre)
    rows = []
    for txt in sorted(CORPUS.glob("*.txt")):
        gold = json.loads(txt.with_suffix(".gold.json").read_text(encoding="utf-8"))
        result = timeline.extract_files([str(txt)]).to_dict()
        row = scorer.score(gold, result)
        row["offset_errors"] = scorer.check_offsets(result, txt.read_text(encoding="utf-8"))
        rows.append(row)
    assert len(rows) >= 8
    return rows, eval_genre.micro(rows)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_genre_corpus_floor(micro_scores, metric):
    _, means = micro_scores
    assert means[metric] >= FLOORS[metric], f"{metric}: {means[metric]}"


def test_genre_corpus_has_no_negative_hits_or_offset_errors(micro_scores):
    rows, _ = micro_scores
    assert [r["timex_negative_hits"] for r in rows] == [[]] * len(rows)
    assert [r["offset_errors"] for r in rows] == [[]] * len(rows)
