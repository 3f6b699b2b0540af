"""Random text through the whole pipeline: no exception, and every span points at its text.

The text mixes CJK (simplified and traditional), digits (ASCII and full-width), date words,
punctuation, whitespace (including NBSP and the ideographic space) and control characters.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline
from timeline import documents

PIECES = st.sampled_from([
    "年", "月", "日", "号", "今年", "去年", "同年", "上旬", "年底", "月底", "季度", "上半年", "至", "到", "—", "-",
    "区工商联", "成立", "召开", "签署", "有限公司", "（以下简称“", "”）", "會議", "臺灣", "發展",
    "出版日期: ", "发布时间：", "---\ndate: ", "\n---\n", "March", "2017-08-28", "70、80后", "第08版",
    "。", "，", "、", "；", "“", "”", "《", "》", "(", ")", ":", "|", "\n", "\r\n", "\t", " ", "\u00a0", "\u3000",
])
CHARS = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),                 # CJK ideographs
    st.sampled_from("0123456789０１２３４５６７８９一二三四五六七八九十百千万两零〇"),  # digits
    st.characters(categories=["Po", "Pd", "Ps", "Pe", "Pi", "Pf", "Zs"]),      # punctuation, spaces
    st.characters(categories=["Cc"]),                                          # control characters
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),                     # ASCII
)
TEXTS = st.lists(st.one_of(PIECES, CHARS), max_size=80).map("".join)


def _check_spans(result, text: str) -> None:
    (doc,) = result.documents
    assert doc.text == text
    n = len(text)
    for t in result.timexes:
        assert 0 <= t.start <= t.end <= n and text[t.start:t.end] == t.text, t
    for e in result.entities:
        for m in e.mentions:
            assert 0 <= m.start <= m.end <= n and text[m.start:m.end] == m.text, m
    for ev in result.events:
        assert 0 <= ev.start <= ev.end <= n, ev
        if ev.trigger_span:
            s, t = ev.trigger_span
            assert 0 <= s <= t <= n and text[s:t] == ev.trigger, ev
        for a in ev.amounts:
            if "start" in a and "end" in a and "text" in a:
                assert text[a["start"]:a["end"]] == a["text"], a
    result.to_dict()  # serialisable shapes


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, dct=st.one_of(st.none(), st.just("2017-08-28")))
def test_random_text_through_the_pipeline(text, dct):
    result = timeline.extract(text, dct=dct)
    _check_spans(result, text)


@settings(max_examples=100, deadline=None)
@given(text=TEXTS)
def test_matching_text_always_has_the_same_length(text):
    doc = documents.document_from_text(text, doc_id="d1")
    assert len(documents.matching_text(doc)) == len(text)


TRADITIONAL = st.lists(st.one_of(st.sampled_from(list("區工商聯於召開會議發展經濟臺灣鄉親乾隆後裡麵髮鬥爭個週際")),
                                 st.sampled_from(["乾隆", "頭髮", "理髮", "後來", "週年", "。", "，", "4月", " "])),
                       min_size=1, max_size=60).map("".join)


@settings(max_examples=150, deadline=None)
@given(text=TRADITIONAL)
def test_traditional_matching_copy_keeps_every_offset(text):
    doc = documents.document_from_text(text, doc_id="d1", lang="zh")
    match = documents.matching_text(doc)
    assert len(match) == len(text)
    assert doc.text == text


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=200))
def test_random_bytes_decode_strictly_or_fail_with_one_line(data):
    try:
        text, encoding = documents.decode(data)
    except documents.DecodingError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert text.strip()
        assert "\ufffd" not in text or "\ufffd".encode(encoding) in data
