"""Traditional Chinese is recognised like simplified: the seed converted to traditional gives the
same time expressions, entities and events at the same offsets, with the original text."""
from __future__ import annotations

import pytest

import timeline


@pytest.fixture(scope="module")
def traditional_seed(seed_text) -> str:
    import opencc

    text = opencc.OpenCC("s2t").convert(seed_text)
    assert len(text) == len(seed_text)
    return text


def test_traditional_seed_gives_the_same_result_at_the_same_offsets(seed_text, traditional_seed):
    simplified = timeline.extract(seed_text)
    traditional = timeline.extract(traditional_seed)
    (doc,) = traditional.documents
    assert (doc.script, doc.language, doc.dct) == ("Hant", "zh", "2017-08-28")
    assert doc.text == traditional_seed

    assert [(t.start, t.end, t.type, t.value) for t in traditional.timexes] == \
           [(t.start, t.end, t.type, t.value) for t in simplified.timexes]
    for t in traditional.timexes:
        assert t.text == traditional_seed[t.start:t.end]

    def mention_spans(result):
        return sorted((e.type, m.start, m.end) for e in result.entities for m in e.mentions)

    assert mention_spans(traditional) == mention_spans(simplified)
    for e in traditional.entities:
        for m in e.mentions:
            assert m.text == traditional_seed[m.start:m.end]

    assert [(ev.start, ev.end, ev.trigger_span, (ev.date or {}).get("value")) for ev in traditional.events] == \
           [(ev.start, ev.end, ev.trigger_span, (ev.date or {}).get("value")) for ev in simplified.events]
    for ev in traditional.events:
        if ev.trigger_span:
            assert ev.trigger == traditional_seed[ev.trigger_span[0]:ev.trigger_span[1]]


def test_a_chamber_named_with_a_head_of_traditional_script_is_one_organisation():
    # 商業會 is read through the simplified copy (商业会, a head of orgs.yaml); the bare head later
    # stands for it
    text = "青江縣商業會第十四屆會員代表選舉，昨進行會員投票。商業會籲請各會員屆時出席投票。"
    orgs = [e for e in timeline.extract(text).entities if e.type == "ORG"]
    assert [(e.name, [m.text for m in e.mentions]) for e in orgs] == [("青江縣商業會", ["青江縣商業會", "商業會"])]
