"""The figures issue 3 asks for, measured on the public test sets in ../shared/data (skipped
when the data is not beside the repository): Recognizers-Text >= 90 %, and JioNLP's sentences
without a time expression left untagged."""
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
    assert passed / len(cases) >= 0.90, failing


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
