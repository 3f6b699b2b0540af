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
    orgs = {e.name for e in ents if e.type == "ORG"}
    assert not orgs & set(gold["chrome_organisations"]), "a chrome-only organisation is no ORG of the article"
    kept = recognise(text, lang="zh", doc_id="d1", keep_chrome=True)
    chrome = {e.name for e in kept if e.attributes.get("chrome")}
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


def _org_scores(gold: dict, ents) -> tuple[float, float, list, list]:
    """Organisation recall and precision as shared/eval/score.py computes them."""
    names = {}
    for i, o in enumerate(gold["organisations"]):
        for n in [o["name"], *o.get("aliases", [])]:
            names.setdefault(n, set()).add(i)
    acceptable = set(gold.get("acceptable_organisations", []))
    orgs = [e for e in ents if e.type == "ORG"]
    found, ok, extra = set(), 0, []
    for e in orgs:
        ids = set().union(*(names.get(n, set()) for n in [e.name, *e.aliases]))
        found |= ids
        if ids or {e.name, *e.aliases} & acceptable:
            ok += 1
        else:
            extra.append(e.name)
    missed = [o["name"] for i, o in enumerate(gold["organisations"]) if i not in found]
    return len(found) / len(gold["organisations"]), ok / max(1, len(orgs)), missed, extra


ARTICLES = sorted(p.name for p in (ROOT / "tests" / "specs" / "entities").glob("zh_article_*.yaml"))


@pytest.mark.parametrize("fname", ARTICLES)
def test_unseen_article_of_the_genre(fname):
    import yaml

    gold = yaml.safe_load((ROOT / "tests" / "specs" / "entities" / fname).read_text(encoding="utf-8"))
    ents = recognise(gold["text"], lang="zh", doc_id="d1")
    recall, precision, missed, extra = _org_scores(gold, ents)
    assert recall >= 0.95, missed
    assert precision >= 0.95, extra
    assert not {e.name for e in ents if e.type == "ORG"} & set(gold["chrome_organisations"])
    kept = recognise(gold["text"], lang="zh", doc_id="d1", keep_chrome=True)
    assert set(gold["chrome_organisations"]) <= {e.name for e in kept if e.attributes.get("chrome")}
