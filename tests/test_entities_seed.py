"""The seed article scored by shared/eval/score.py (organisation recall and precision >= 0.95)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from timeline.entities import recognise

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "000_b0a8ce1bfdd55632.txt"


def _scorer():
    path = SHARED / "eval" / "score.py"
    if not path.exists() or not SEED.exists():
        pytest.skip("shared/eval or the seed is absent")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_seed_organisations_scored():
    score = _scorer()
    gold = json.loads((SHARED / "eval" / "seed.gold.json").read_text(encoding="utf-8"))
    text = SEED.read_text(encoding="utf-8")
    ents = recognise(text, lang="zh", doc_id="d1")
    res = {"documents": [{"id": "d1", "text": text, "dct": "2017-08-28"}], "timexes": [],
           "entities": [e.to_dict() for e in ents], "events": []}
    out = score.score(gold, res)
    assert out["org_recall"] >= 0.95, out["org_missed"]
    assert out["org_precision"] >= 0.95, out["org_unexpected"]
    for e in ents:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    chrome = {e.name for e in ents if e.attributes.get("chrome")}
    assert set(gold["chrome_organisations"]) <= chrome
    assert not chrome & {o["name"] for o in gold["organisations"]}


def test_seed_place_is_no_person():
    text = SEED.read_text(encoding="utf-8") if SEED.exists() else pytest.skip("seed absent")
    ents = recognise(text, lang="zh", doc_id="d1")
    people = {e.name for e in ents if e.type == "PER"}
    places = {n for e in ents if e.type == "LOC" for n in (e.name, *e.aliases)}
    assert "梁平" in places and "梁平" not in people
    fu = next(e for e in ents if e.type == "PER" and e.name == "付云")
    assert fu.attributes["titles"] == ["区委常委", "工业园区管委会主任"]
