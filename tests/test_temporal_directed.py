"""Occurrences of a recurring period chosen by tense or nearness (``UNDEF-<direction>-…``), holidays
on a weekday rule or on Easter, word numerals, and the loader's checks of ``context.yaml`` ``tense``."""
from __future__ import annotations

import shutil
from datetime import date

import pytest
import yaml

from timeline import resources
from timeline.temporal import RuleError, load_rules
from timeline.temporal.anchoring import floating_date, resolve, resolve_directed
from timeline.temporal.numerals import NumeralTable, parse_int

D = date(2017, 12, 31)  # a Sunday


@pytest.mark.parametrize("value,dct,expect", [
    ("UNDEF-next-year-01", D, "2018-01"),            # next January, seen from New Year's Eve
    ("UNDEF-last-year-01", D, "2017-01"),
    ("UNDEF-last-year-12", D, "2016-12"),            # last December: the one over before the DCT
    ("UNDEF-past-year-12", D, "2017-12"),            # December, said in the past: it has begun
    ("UNDEF-future-year-06", D, "2018-06"),
    ("UNDEF-last-year-FA", date(1998, 2, 6), "1997-FA"),
    ("UNDEF-past-week-5", D, "2017-12-29"),          # Friday, in a past sentence
    ("UNDEF-future-week-5", D, "2018-01-05"),        # Friday, in a future sentence
    ("UNDEF-past-week-7", D, "2017-12-31"),          # Sunday said on a Sunday: that day
    ("UNDEF-next-week-7", D, "2018-01-07"),
    ("UNDEF-past-week-5TNI", D, "2017-12-29TNI"),
    ("UNDEF-past-week-WE", date(1989, 11, 2), "1989-W43-WE"),
    ("UNDEF-closest-year-Q3", date(1989, 11, 2), "1989-Q3"),   # third-quarter results in November
    ("UNDEF-closest-year-11-n4-4", date(1999, 12, 2), "1999-11-25"),  # Thanksgiving
])
def test_resolve_directed(value, dct, expect):
    assert resolve_directed(value, dct)[0] == expect
    assert resolve(value, dct, [])[0] == expect


def test_closest_weighs_the_future():
    dct = date(2013, 3, 8)
    assert resolve_directed("UNDEF-closest-year-08-01", dct)[0] == "2013-08-01"
    assert resolve_directed("UNDEF-closest-year-08-01", dct, future_weight=2)[0] == "2012-08-01"


def test_a_year_written_in_the_sentence_wins_unless_the_sentence_is_future():
    local = (date(1997, 7, 1), 2)
    assert resolve_directed("UNDEF-closest-year-03-12", date(1999, 2, 27), local)[0] == "1997-03-12"
    assert resolve_directed("UNDEF-future-year-03-12", date(1999, 2, 27), local)[0] == "1999-03-12"


def test_without_a_dct_the_placeholders_stay():
    assert resolve_directed("UNDEF-past-week-5", None) == ("XXXX-WXX-5", "none")
    assert resolve_directed("UNDEF-next-year-01", None) == ("XXXX-01", "none")


@pytest.mark.parametrize("value,expect", [
    ("1999-11-n4-4", "1999-11-25"), ("2013-05-nL-1", "2013-05-27"), ("2013-09-n1-1", "2013-09-02"),
    ("2013-E+0", "2013-03-31"), ("2013-E-2", "2013-03-29"), ("2000-E+0", "2000-04-23"), ("2013-05", "2013-05"),
])
def test_floating_date(value, expect):
    assert floating_date(value) == expect


@pytest.mark.parametrize("text,value", [("twenty-four", 24), ("two hundred", 200), ("two hundred and five", 205),
                                         ("three thousand five hundred", 3500), ("nineteen", 19)])
def test_word_numerals(text, value):
    en = load_rules("en").numerals
    assert parse_int(text, en) == value
    assert parse_int("二十三", NumeralTable({"二": 2, "三": 3}, {"十": 10})) == 23


@pytest.fixture
def scratch_en(tmp_path, monkeypatch):
    """A copy of the en tables under a fresh language name, to break on purpose."""
    root = tmp_path / "resources"
    lang = f"q{tmp_path.name[-12:]}".replace("-", "_")  # unique: the loaders cache by language
    shutil.copytree(resources.ROOT / "en" / "temporal", root / lang / "temporal")
    monkeypatch.setattr(resources, "ROOT", root)

    def make(tense) -> str:
        f = root / lang / "temporal" / "context.yaml"
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        data["tense"] = tense
        f.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return lang
    return make


@pytest.mark.parametrize("tense,message", [
    ({"default": "later"}, r"tense\.default: expected one of past, future"),
    ({"future": ["(unclosed"]}, r"tense\.future: a cue does not compile"),
    ({"future_weight": 0}, r"tense\.future_weight: must be a positive number"),
    ({"certain_future": "will"}, r"tense\.certain_future: expected a list"),
    ({"sometimes": []}, r"tense: unknown keys \['sometimes'\]"),
])
def test_loader_rejects_a_bad_tense_table(scratch_en, tense, message):
    with pytest.raises(RuleError, match=f"context.yaml.*{message}"):
        load_rules(scratch_en(tense))
