"""Anchoring helpers behind the narrative constructions of
``tests/specs/temporal/zh/narrative_and_properties.yaml``: the year 新的一年 names, lunar dates
with the ``lunardate`` package and, as a fallback, without it, and the day 同日/次日 refer to."""
from __future__ import annotations

import sys
from datetime import date

import pytest

from timeline.temporal import _narrative_day, _opens_clause, load_rules
from timeline.temporal.anchoring import lunar_to_gregorian, parse_anchor, resolve


@pytest.mark.parametrize("dct,value", [
    (date(2022, 12, 30), "2023"),   # written in December: the year about to begin
    (date(2023, 1, 10), "2023"),    # written in January: the year just begun
    (date(2023, 10, 15), "2024"),   # planning in autumn
    (date(2023, 3, 1), "2023"),
])
def test_nearest_year(dct, value):
    assert resolve("UNDEF-nearest-year", dct, None) == (value, "dct")


def test_nearest_year_without_dct_keeps_placeholders():
    assert resolve("UNDEF-nearest-year", None, None) == ("XXXX", "none")


@pytest.mark.parametrize("value,expected", [
    ("2023-L01-08", "2023"),           # the year only: never a Gregorian reading of the lunar day
    ("2023-L01-08T09:00", "2023"),
    ("2023-L10", "2023"),
    ("XXXX-L01-08", "XXXX-XX-XX"),
    ("XXXX-L10", "XXXX"),
    ("2023-01-08", "2023-01-08"),      # Gregorian values pass through
])
def test_lunar_without_lunardate(monkeypatch, value, expected):
    monkeypatch.setitem(sys.modules, "lunardate", None)  # import now raises ImportError
    assert lunar_to_gregorian(value) == expected


@pytest.mark.parametrize("value,near,expected", [
    ("2023-L01-08", None, "2023-01-29"),
    ("2023-L01-08T09:00", None, "2023-01-29T09:00"),
    ("2017-L01-01-1", None, "2017-01-27"),          # 除夕, the day before the lunar new year
    ("2023-L12-23", date(2023, 1, 10), "2023-01-14"),  # year from context: lunar 2022 is nearer
    ("2023-L12-23", date(2023, 12, 20), "2024-02-02"),
    ("2023-L12-23", None, "2024-02-02"),            # written year: the lunar year
    ("2017-L01-30", None, "2017"),                  # a day the lunar month lacks: the year only
])
def test_lunar_with_lunardate(value, near, expected):
    import lunardate  # noqa: F401  (a runtime dependency)
    assert lunar_to_gregorian(value, near) == expected


RS = load_rules("zh")


@pytest.mark.parametrize("text,expected", [
    ("12月17日上午，仪式举行", (True, False, True)),
    ("会议于12月17日召开", (False, False, False)),
    ("于12月17日召开", (True, False, True)),           # a clause opener (context.yaml clause_openers)
    ("该企业早在2019年1月25日注册", (False, True, False)),  # an aside signal (context.yaml aside_signals)
    ("后经申请，2011年2月28日，法院追加被告", (True, False, False)),  # opens a clause, not the sentence
])
def test_clause_position(text, expected):
    start = next(i for i, c in enumerate(text) if c.isdigit())
    assert _opens_clause(text, start, RS) == expected


def test_narrative_day_skips_an_aside_of_another_year():
    text = "12月17日上午，仪式举行。会上提到2019年1月25日的注册。同日"
    history = [parse_anchor("2023-12-17TMO"), parse_anchor("2019-01-25")]
    starts = [0, text.index("2019")]
    assert _narrative_day(history, starts, text, RS) == [history[0]]


def test_narrative_day_without_an_opening_date_keeps_history():
    text = "会上回顾了2018年6月1日的签约。当日"
    history = [parse_anchor("2018-06-01")]
    assert _narrative_day(history, [text.index("2018")], text, RS) is history
