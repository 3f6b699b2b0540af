"""The figures issues 3 and 17 ask for, measured on the public test sets in ../shared/data
(skipped when the data is not beside the repository): Recognizers-Text >= 92 % with every value
real, JioNLP's sentences without a time expression left untagged, and on the real articles of
``real_zh`` (DCT given from the gold, to isolate the tagger) TIMEX3 value F1 >= 0.95 with no
hit on a never-date."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_recognizers_text_pass_rate():
    path = DATA / "recognizers_text_zh" / "DateTime" / "DateTimeModel.json"
    if not path.exists():
        pytest.skip(f"{path} not found")
    rt = _script("eval_recognizers")
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    results = [rt.check_case(c) for c in cases]
    passed = sum(ok for ok, _ in results)
    failing = [(c["Input"], why) for c, (ok, why) in zip(cases, results, strict=True) if not ok]
    assert passed / len(cases) >= 0.92, failing


def test_recognizers_text_negatives_stay_untagged():
    path = DATA / "recognizers_text_zh" / "DateTime" / "DateTimeModel.json"
    if not path.exists():
        pytest.skip(f"{path} not found")
    rt = _script("eval_recognizers")
    cases = [c for c in json.loads(path.read_text(encoding="utf-8-sig")) if not c["Results"]
             and c["Input"] != "12号"]  # RT leaves a bare 12号 untagged; we read it as a day of the month
    for c in cases:
        assert rt.check_case(c)[0], c["Input"]


def test_jionlp_sentences_without_time_stay_untagged():
    path = DATA / "jionlp_zh" / "time_extractor_cases.json"
    if not path.exists():
        pytest.skip(f"{path} not found")
    from timeline.temporal import tag

    for c in json.loads(path.read_text(encoding="utf-8")):
        if not c["expected"]:
            got = [t.text for t in tag(c["text"], dct="2021-06-14", lang="zh", doc_id="j")]
            assert got == [], (c["text"], got)


def test_real_articles_with_the_gold_dct(scorer):
    """Micro value F1 over ``real_zh`` as ``score_set.py --dct-from-gold`` computes it."""
    import timeline

    folder = DATA / "real_zh"
    if not folder.exists():
        pytest.skip(f"{folder} not found")
    found = gold_n = found_value = value = 0
    never = []
    for g in sorted((folder / "gold").glob("*.gold.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        text = (folder / "articles" / g.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        out = scorer.score(gold, timeline.extract(text, dct=gold["document"]["dct"]).to_dict())
        c = out["timex_counts"]
        found, gold_n = found + c["found"], gold_n + c["gold"]
        found_value, value = found_value + c["found_value"], value + c["value"]
        never += out["timex_negative_hits"]
    p, r = found_value / found, value / gold_n
    assert 2 * p * r / (p + r) >= 0.95 and never == [], (p, r, never)
