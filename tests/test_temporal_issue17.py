"""Issue 17 through the public API: the temporal faults that showed on whole documents (the
constructions themselves are spec cases in ``tests/specs/temporal/zh/issue17.yaml``)."""
from __future__ import annotations

import pytest

import timeline


def test_half_of_an_unknown_count_does_not_raise():
    result = timeline.extract("项目建设历时数周半。", dct="2020-01-01")
    assert [(t.text, t.type, t.value) for t in result.timexes] == [("数周半", "DURATION", "PXW")]


def test_a_date_alone_is_read_with_the_chinese_tables():
    """A document without any letter (``2010/01/29``) is not English: its date stays whole."""
    result = timeline.extract("2010/01/29")
    assert result.documents[0].language == "zh"
    assert [(t.text, t.value) for t in result.timexes] == [("2010/01/29", "2010-01-29")]


def test_a_short_traditional_era_date():
    """Too short to be detected as traditional Chinese: 民國 is known in both spellings."""
    result = timeline.extract("民國一一三年三月五日")
    assert [(t.text, t.value) for t in result.timexes] == [("民國一一三年三月五日", "2024-03-05")]


@pytest.mark.parametrize("dct", ["0001-01-01", "9999-12-31"])
def test_the_tagger_survives_the_edges_of_the_calendar(dct):
    from timeline.temporal import tag

    got = tag("今天，三年来公司成立。明天，去年，上周", dct=dct, lang="zh", doc_id="d1")
    assert [t.text for t in got] == ["今天", "三年来", "明天", "去年", "上周"]
    assert got[0].value == dct


@pytest.mark.parametrize("dct", ["0001-01-01", "9999-12-31"])
def test_the_pipeline_survives_the_edges_of_the_calendar(dct):
    result = timeline.extract("今天，三年来公司成立。", dct=dct)
    assert [t.text for t in result.timexes] == ["今天", "三年来"]
