"""The super-linear constructions of issue 11, rewritten to run in linear time, give the right
output on long inputs (generated here, at sizes a quadratic pass would already feel): what each
stage finds in a run of the same few characters, and in long documents repeating one sentence.
Correctness only; the time and memory growth is measured by ``scripts/bench_scaling.py``."""
from __future__ import annotations

import random
import re

import pytest

import timeline
from timeline.entities.rules import load_rules as entity_rules
from timeline.temporal.engine import _stretches
from timeline.temporal.rules import MIN_STRETCH, load_rules

DCT = "2020-01-01"


def _extract(text: str):
    return timeline.extract(text, dct=DCT, lang="zh")


# --------------------------------------------------------------------------- temporal
@pytest.mark.parametrize("tail", ["", "\n"])
def test_a_long_run_without_a_break_holds_no_time_expression(tail):
    x = _extract("的" * 20000 + tail)
    assert (x.timexes, x.entities, x.events) == ([], [], [])


@pytest.mark.parametrize("run", ["的" * 20000, "十" * 20000, "a" * 20000])
def test_a_date_after_a_long_run_without_a_break_is_found(run):
    text = run + "2017年8月28日召开会议"
    (t,) = _extract(text).timexes
    assert (t.text, t.value, t.start) == ("2017年8月28日", "2017-08-28", len(run))


def test_stretches_are_those_of_their_definition():
    """The pre-filter cuts the text after the first break at least MIN_STRETCH characters on
    (``(?s).{MIN_STRETCH-1,}?[breaks]`` applied from each cut): the bisection over the breaks
    gives the same cuts as that pattern on random texts."""
    rs = load_rules("zh")
    breaks = sorted(rs.scan_breaks | rs.clause_breaks)
    pattern = re.compile(f"(?s).{{{MIN_STRETCH - 1},}}?[{re.escape(''.join(breaks))}]")
    rng = random.Random(11)
    for _ in range(500):
        text = "".join(rng.choice(breaks) if rng.random() < 0.2 else rng.choice("年月日的a1")
                       for _ in range(rng.randint(0, 400)))
        cuts = [0] + [m.end() for m in pattern.finditer(text)]
        if cuts[-1] != len(text):
            cuts.append(len(text))
        assert _stretches(text, rs)[0] == cuts, text


def test_each_year_of_a_long_run_of_years_is_one_expression():
    n = 5000
    x = _extract("2017年" * n)
    assert len(x.timexes) == n
    assert {t.value for t in x.timexes} == {"2017"}
    assert [(t.start, t.end) for t in x.timexes] == [(5 * i, 5 * i + 5) for i in range(n)]
    assert [t.id for t in x.timexes[:2]] + [x.timexes[-1].id] == ["t1", "t2", f"t{n}"]


def test_a_long_run_of_relative_weeks_reads_each_on_the_dct():
    x = _extract("上周" * 3000)
    assert len(x.timexes) == 3000 and {t.value for t in x.timexes} == {"2019-W52"}


def test_a_run_of_numerals_is_no_count_and_no_name():
    assert _extract("十" * 20000).entities == []
    # a count phrase starts where its run of numerals starts: one count, the whole run
    rules = entity_rules("zh")
    text = "十" * 5000 + "家企业"
    assert [m.span() for m in rules.count_re.finditer(text)] == [(0, 5001)]


def test_the_count_pattern_matches_as_if_tried_at_every_offset():
    """The lookbehind that makes the count pattern start at a run's start drops no match: the
    same matches as the pattern without it, on random texts of numerals and measure words."""
    rules = entity_rules("zh")
    bare = re.compile(rules.count_re.pattern.split(")", 1)[1])
    rng = random.Random(3)
    alphabet = "0123十百千万两几家个名元美亿人民币欧港a"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert [m.span() for m in rules.count_re.finditer(text)] == [m.span() for m in bare.finditer(text)], text


# --------------------------------------------------------------------------- entities
def test_a_long_run_of_heads_names_nothing():
    x = _extract("有限公司" * 5000)
    assert x.entities == []


def test_a_company_named_many_times_is_one_entity():
    n = 2000
    (e,) = _extract("恒拓科技有限公司" * n).entities
    assert (e.name, e.type, len(e.mentions)) == ("恒拓科技有限公司", "ORG", n)


def test_a_long_chain_of_places_is_one_place():
    n = 5000
    (e,) = _extract("重庆" * n).entities
    assert (e.name, e.type, len(e.mentions)) == ("重庆", "LOC", n)


def test_a_long_run_of_place_chains_keeps_both_places():
    n = 2000
    x = _extract("重庆市梁平区" * n)
    assert sorted((e.name, e.type, len(e.mentions)) for e in x.entities) == [("梁平区", "LOC", n), ("重庆市", "LOC", n)]


def test_every_anaphor_of_a_long_document_is_the_body_named_before_it():
    n = 500
    (e,) = _extract("恒拓科技有限公司召开会议。该公司表示，将扩大生产。" * n).entities
    assert e.name == "恒拓科技有限公司"
    assert sorted({m.text for m in e.mentions}) == ["恒拓科技有限公司", "该公司"]
    assert len(e.mentions) == 2 * n


def test_a_bare_head_is_the_body_most_spoken_of_before_it():
    text = "东湖区商会召开会议。" + "西川县商会召开会议。" * 3 + "商会表示，将继续工作。"
    x = _extract(text)
    west = next(e for e in x.entities if e.name == "西川县商会")
    assert text.rindex("商会") in [m.start for m in west.mentions]
    east = next(e for e in x.entities if e.name == "东湖区商会")
    assert len(east.mentions) == 1


# --------------------------------------------------------------------------- events
def test_a_happening_told_in_every_sentence_of_a_long_document_is_one_event_with_every_source():
    n, sentence = 300, "2017年8月28日，恒拓科技有限公司投资5亿元建设新厂。"
    x = _extract(sentence * n)
    (ev,) = x.events
    (org,) = x.entities
    assert ev.date["value"] == "2017-08-28"
    assert [(p.entity, p.role) for p in ev.participants] == [(org.id, "agent")]
    assert [(a["value"], a["unit"]) for a in ev.amounts] == [(500000000, "CNY")]
    assert [(s["start"], s["timex"]) for s in ev.sources] == [(len(sentence) * i, f"t{i + 1}") for i in range(n)]


def test_a_clause_of_many_verbs_and_no_date_makes_no_event():
    x = _extract("出席" * 5000)
    assert (x.timexes, x.events) == ([], [])


# --------------------------------------------------------------------------- indexes of the combination
def _longest_common_run(a: str, b: str) -> int:
    """The definition: the longest run of characters ``a`` and ``b`` share (quadratic DP)."""
    best, prev = 0, [0] * (len(b) + 1)
    for ch in a:
        cur = [0] * (len(b) + 1)
        for j, ch2 in enumerate(b, 1):
            if ch == ch2:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def test_a_shared_run_is_found_as_its_definition_says():
    """``repeats._share_run`` (a set of runs, linear) agrees with the longest common run."""
    from timeline.events.repeats import _share_run

    rng = random.Random(5)
    for _ in range(2000):
        a = "".join(rng.choice("甲乙丙丁") for _ in range(rng.randint(0, 14)))
        b = "".join(rng.choice("甲乙丙丁") for _ in range(rng.randint(0, 14)))
        for n in (1, 3, 6):
            assert _share_run(a, b, n) == (_longest_common_run(a, b) >= n), (a, b, n)


def test_the_span_index_keeps_the_order_a_list_would():
    """``combine._Spans``: the mentions across a span in order, a mention added goes last, one
    removed leaves its place; the same as a list scanned each time."""
    from timeline.entities.combine import _Spans
    from timeline.entities.scan import PlaceMention

    rng = random.Random(3)
    spans = [PlaceMention(s, s + rng.randint(1, 6), "x", "x", None) for s in (rng.randrange(200) for _ in range(60))]
    index, plain = _Spans(spans[:30]), list(spans[:30])
    for m in spans[30:]:
        s, e = m.start, m.end
        across = [p for p in plain if p.start < e and s < p.end]
        assert index.across(s, e) == across
        for p in across[:1]:
            index.remove(p)
            plain = [x for x in plain if x is not p]
        index.add(m)
        plain.append(m)
        assert index.mentions() == plain


def test_many_model_organisations_beside_many_places_are_each_read():
    """A long document of the seed's sentences repeated: the same organisations in each copy
    (the model's organisations combined through the span index, not a scan of every mention)."""
    seed = (timeline.__file__.rsplit("/", 2)[0] + "/seeds/000_b0a8ce1bfdd55632.txt")
    try:
        text = open(seed, encoding="utf-8").read()
    except OSError:
        pytest.skip("the seed is not beside the package")
    one = _extract(text)
    many = _extract((text + "\n") * 6)
    assert {e.name for e in many.entities if e.type == "ORG"} == {e.name for e in one.entities if e.type == "ORG"}
    org_mentions = sum(len(e.mentions) for e in one.entities if e.type == "ORG")
    assert sum(len(e.mentions) for e in many.entities if e.type == "ORG") == 6 * org_mentions
