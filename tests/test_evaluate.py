"""``timeline evaluate`` and ``timeline.evaluate``: reading TimeML and eval gold, the TempEval-3
counts, the ``score.py`` figures, and the command through the CLI runner."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline import evaluate
from timeline.cli import app
from timeline.evaluate import GoldTimex, TimexCounts, read_timeml, score_timexes
from timeline.model import Timex

ROOT = Path(__file__).resolve().parent.parent
TIMEML = ROOT / "tests" / "fixtures" / "timeml"
GENRE = ROOT / "tests" / "genre"


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _t(start: int, end: int, value: str, typ: str = "DATE") -> Timex:
    return Timex("t", "d", "x" * (end - start), start, end, typ, value)


def test_read_timeml_rebuilds_the_text_and_spans():
    gd = read_timeml(TIMEML / "harbor_fund.tml")
    assert gd.dct == "2013-03-21"
    assert [(gd.text[g.start:g.end], g.type, g.value) for g in gd.timexes] == [
        ("Tuesday", "DATE", "2013-03-19"), ("fourth quarter", "DATE", "2012-Q4"),
        ("five years", "DURATION", "P5Y"), ("1998", "DATE", "1998"), ("next month", "DATE", "2013-04")]
    assert "1998 & will" in gd.text  # entities unescaped, offsets counted after unescaping


def test_read_timeml_rejects_a_file_without_text(tmp_path):
    bad = tmp_path / "bad.tml"
    bad.write_text("<TimeML><DCT></DCT></TimeML>", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.tml: no <TEXT> element"):
        read_timeml(bad)


@pytest.mark.parametrize("found,expect", [
    # exact span, right value
    ([_t(0, 4, "1998")], dict(strict=1, relaxed=1, value=1, found_relaxed=1, found_strict=1)),
    # overlap only, wrong value
    ([_t(0, 10, "1999")], dict(strict=0, relaxed=1, value=0, found_relaxed=1, found_strict=0)),
    # a spurious expression elsewhere
    ([_t(0, 4, "1998"), _t(20, 24, "PXY", "DURATION")],
     dict(strict=1, relaxed=1, value=1, found_relaxed=1, found_strict=1, found=2)),
    # nothing found
    ([], dict(strict=0, relaxed=0, value=0, found_relaxed=0, found_strict=0, found=0)),
])
def test_score_timexes_counts(found, expect):
    c = score_timexes([GoldTimex(0, 4, "DATE", "1998")], found)
    for k, v in expect.items():
        assert getattr(c, k) == v, (k, c)


def test_optional_gold_counts_only_when_found():
    gold = [GoldTimex(0, 4, "DATE", "1998"), GoldTimex(10, 14, "DATE", "2001", required=False)]
    assert score_timexes(gold, [_t(0, 4, "1998")]).gold == 1
    assert score_timexes(gold, [_t(0, 4, "1998"), _t(10, 14, "2001")]).gold == 2


def test_value_f1_is_value_accuracy_times_relaxed_f1():
    c = TimexCounts(gold=10, found=8, found_relaxed=8, found_strict=6, relaxed=8, strict=6, value=6, type=8)
    x = c.figures()
    assert x["relaxed_p"] == 1.0 and x["relaxed_r"] == 0.8
    assert x["value_f1"] == pytest.approx(0.75 * x["relaxed_f1"], abs=1e-4)
    assert (c + c).gold == 20


def test_evaluate_timeml_folder():
    report = evaluate.evaluate(TIMEML)
    assert report.format == "timeml"
    o = report.overall()
    assert (o["files"], o["gold"], o["found"]) == (2, 7, 7)
    assert o["relaxed_f1"] == 1.0 and o["value_f1"] == 1.0
    assert o["strict_f1"] == pytest.approx(6 / 7, abs=1e-3)  # "the fourth quarter": the article is in


def test_score_extraction_agrees_with_the_shared_scorer(scorer):
    import timeline

    for gold_path in sorted(GENRE.glob("*.gold.json"))[:3]:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        res = timeline.extract_files([str(gold_path.with_name(gold["document"]["file"]))]).to_dict()
        ours, theirs = evaluate.score_extraction(gold, res), scorer.score(gold, res)
        for k in ("timex_relaxed_f1", "timex_strict_f1", "timex_value_f1", "timex_type_acc", "org_recall",
                  "org_precision", "event_recall", "event_precision", "participant_recall",
                  "timex_negative_hits", "events_without_timex"):
            assert ours[k] == theirs[k], (gold_path.name, k, ours[k], theirs[k])


# --------------------------------------------------------------------------- the command


def test_cli_evaluate_timeml_json():
    result = run("evaluate", str(TIMEML), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == "timeml"
    assert data["overall"]["value_f1"] == 1.0
    assert [f["name"] for f in data["files"]] == ["harbor_fund", "quiet_day"]
    assert set(data["files"][0]["tempeval"]) >= {"strict_f1", "relaxed_f1", "value_accuracy", "type_accuracy",
                                                 "value_f1"}


def test_cli_evaluate_eval_json_prints_score_py_figures():
    result = run("evaluate", str(GENRE), "--format", "eval-json", "--limit", "2")
    assert result.exit_code == 0, result.stderr
    assert "score.py (micro)" in result.stdout and "org_recall" in result.stdout
    assert "relaxed  P" in result.stdout and "value    accuracy" in result.stdout


@pytest.mark.parametrize("args,message", [
    (("missing_folder",), "missing_folder: no such file or directory"),
    ((str(TIMEML), "--format", "xml"), "--format: unknown format 'xml'"),
    ((str(ROOT / "timeline" / "templates"),), "no gold files (looked for *.tml and *.gold.json)"),
])
def test_cli_evaluate_usage_errors(args, message):
    result = run("evaluate", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_cli_evaluate_reports_a_bad_file_and_scores_the_others(tmp_path):
    for f in TIMEML.glob("*.tml"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "broken.tml").write_text("<TimeML>no text</TimeML>", encoding="utf-8")
    result = run("evaluate", str(tmp_path), "--json")
    assert result.exit_code == 1
    assert "broken: " in result.stderr or "broken.tml" in result.stderr
    data = json.loads(result.stdout)
    assert data["overall"]["failed"] == 1 and data["overall"]["gold"] == 7
