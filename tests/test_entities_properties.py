"""Properties of recognise() on arbitrary text: it never fails, spans index the text, ids are
unique and typed, a name is never its own alias, and no two entities share a mention."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.entities import recognise
from timeline.model import Timex

PIECES = ["区", "市", "县", "工商联", "商会", "有限公司", "集团", "(", ")", "（", "）", "、", "，", "。",
          "梁平", "重庆", "甲乙", "与", "的", "主任", "付云", "老师", "以下简称“甲乙”", "驻",
          "行业商会", "政府", "委", "2017年", "\n", "技术支持:", "行", "局", "a", "1", "家",
          "该院", "协会", "我县", "被告", "总会", "市府", "举行", "批准", "村", "以下简称“公司”", "公司",
          # constructions of the second generalisation round: sub-bodies, stores, counts, prepositions
          "党委", "党工委", "党支部", "办公室", "店", "超市", "一家", "第一笔", "据", "和", "市局", "拨打",
          "商协会", "台商", "希望", "王建民", "会长", "市场监管所"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.data())
def test_recognise_is_total_and_consistent(pieces, data):
    text = "".join(pieces)
    spans = []
    if text:
        s = data.draw(st.integers(0, len(text) - 1))
        e = data.draw(st.integers(s + 1, len(text)))
        spans = [Timex(id="t1", doc="d1", text=text[s:e], start=s, end=e, type="DATE", value="XXXX")]
    ents = recognise(text, lang="zh", doc_id="d1", timexes=spans)
    ids = [e.id for e in ents]
    assert len(ids) == len(set(ids))
    seen = set()
    for e in ents:
        assert e.type in ("ORG", "PER", "LOC") and e.id[0] == {"ORG": "o", "PER": "p", "LOC": "l"}[e.type]
        assert e.name and e.name not in e.aliases and e.mentions
        for m in e.mentions:
            assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
            assert (m.start, m.end) not in seen
            seen.add((m.start, m.end))
            for t in spans:
                assert m.end <= t.start or t.end <= m.start, "a mention overlaps a time expression"


def test_a_weak_word_inside_a_time_expression_joins_nothing():
    """Found by the property above: a weak word (与) tagged as part of a time expression is no
    bridge between a place and a head (区区区区与局, (行村区与局)."""
    for text in ("区区区区与局", "(行村区与局"):
        k = text.index("与")
        tx = [Timex(id="t1", doc="d1", text="与", start=k, end=k + 1, type="DATE", value="XXXX")]
        for e in recognise(text, lang="zh", doc_id="d1", timexes=tx):
            for m in e.mentions:
                assert m.end <= k or k + 1 <= m.start, (e.name, m)


def test_empty_and_punctuation_only():
    assert recognise("", lang="zh", doc_id="d1") == []
    assert recognise("，。、（）", lang="zh", doc_id="d1") == []


EN_PIECES = ["The ", "Bank", " of ", "China", " and ", "Acme", " Co., Ltd.", " Inc.", " (ACFIC)", " (the \"Company\")",
             "Mr. ", "Li Wei", " met ", ". ", "Province", " Federation", "Industry", ",", "2017", "\n"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(EN_PIECES), max_size=30))
def test_word_engine_is_total_and_consistent(pieces):
    text = "".join(pieces)
    ents = recognise(text, lang="en", doc_id="d1")
    seen = set()
    for e in ents:
        assert e.name and e.name not in e.aliases and e.mentions
        for m in e.mentions:
            assert text[m.start:m.end] == m.text and (m.start, m.end) not in seen
            seen.add((m.start, m.end))
