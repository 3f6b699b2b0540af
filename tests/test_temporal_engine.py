"""The temporal engine below the spec tables: intervals, numerals, durations, anchoring, and a
loader that rejects bad rule tables naming file and rule."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from timeline import resources
from timeline import text as text_layer
from timeline.temporal import interval, load_rules, tag
from timeline.temporal.anchoring import parse_anchor, resolve, resolve_same_period
from timeline.temporal.engine import candidates, iso_duration
from timeline.temporal.numerals import NumeralTable, parse_amount, parse_int
from timeline.temporal.rules import (
    RuleError,
    can_match_char,
    parse_template,
    required_chars,
)

SPECS = Path(__file__).resolve().parent / "specs" / "temporal"
INTERVALS = yaml.safe_load((SPECS / "intervals.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", INTERVALS, ids=lambda c: f"{c['value']}/{c.get('mod')}")
def test_interval(case):
    assert list(interval(case["value"], case.get("mod"))) == case["expect"]


ZH = NumeralTable(
    {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9},
    {"十": 10, "百": 100, "千": 1000, "万": 10000}, ("半",))


@pytest.mark.parametrize("text,value", [
    ("二〇一七", 2017), ("零八", 8), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23),
    ("一百零五", 105), ("两千零五", 2005), ("三万", 30000), ("２０１６", 2016), ("2016", 2016),
    ("", None), ("12a", None), ("二3", None),
])
def test_parse_int(text, value):
    assert parse_int(text, ZH) == value


@pytest.mark.parametrize("text,value", [("半", 0.5), ("3.5", 3.5), ("三", 3.0), ("x", None)])
def test_parse_amount(text, value):
    assert parse_amount(text, ZH) == value


@pytest.mark.parametrize("parts,value", [
    ([(3, "Y")], "P3Y"), ([(0.5, "Y")], "P6M"), ([(3, "Y"), (0.5, "Y")], "P3Y6M"),
    ([(0.5, "TH")], "PT30M"), ([("X", "Y")], "PXY"), ([(3, "Q")], "P9M"),
    ([(8, "D"), (20, "TH")], "P8DT20H"), ([(1, "M"), (2, "D")], "P1M2D"),
])
def test_iso_duration(parts, value):
    assert iso_duration(parts) == value


DCT = date(2017, 8, 28)


@pytest.mark.parametrize("under,previous,value,anchor", [
    ("UNDEF-this-year-04", None, "2017-04", "dct"),
    ("UNDEF-year-MINUS-1", None, "2016", "dct"),
    ("UNDEF-REF-this-year", "2014", "2014", "previous"),
    ("UNDEF-REF-year-PLUS-1", "2014-05", "2015", "previous"),
    ("UNDEF-REF-this-year", None, "2017", "dct"),
    ("UNDEF-this-month-13", None, "2017-08-13", "dct"),
    ("UNDEF-day-PLUS-1T13:00", None, "2017-08-29T13:00", "dct"),
    ("UNDEF-week-MINUS-1-3", None, "2017-08-23", "dct"),
    ("UNDEF-week-PLUS-2-WE", None, "2017-W37-WE", "dct"),
    ("UNDEF-half-MINUS-1", None, "2017-H1", "dct"),
    ("UNDEF-year-MINUS-1-H1", None, "2016-H1", "dct"),
    ("UNDEF-year-04", "2016-09", "2016-04", "previous"),
    ("2014", None, "2014", "none"),
])
def test_resolve(under, previous, value, anchor):
    prev = parse_anchor(previous)
    assert resolve(under, DCT, prev, prev) == (value, anchor)


@pytest.mark.parametrize("under,value", [
    ("UNDEF-this-year-04", "XXXX-04"), ("UNDEF-day-MINUS-1", "XXXX-XX-XX"), ("UNDEF-month-13", "XXXX-XX-13"),
])
def test_resolve_without_dct(under, value):
    assert resolve(under, None, None, None) == (value, "none")


@pytest.mark.parametrize("under,previous,dct,value,anchor", [
    ("UNDEF-REF-same-year-MINUS-1", "2020-Q1", DCT, "2019-Q1", "previous"),    # 今年一季度 … 去年同期
    ("UNDEF-REF-same-year-MINUS-1", "2019-06", DCT, "2018-06", "previous"),    # 截至6月底 … 去年同期
    ("UNDEF-REF-same-year-MINUS-2", "2019-H1", DCT, "2017-H1", "previous"),    # 前年同期
    ("UNDEF-REF-same-year-MINUS-1", "2016-02-29", DCT, "2015-02", "previous"),  # no 29 February in 2015
    ("UNDEF-REF-same-year-MINUS-1", "2016-05-04T10:00", DCT, "2015-05-04", "previous"),
    ("UNDEF-REF-same-year-MINUS-1", "PRESENT_REF", DCT, "2016", "dct"),       # no usable previous date
    ("UNDEF-REF-same-year-MINUS-1", None, None, "XXXX", "none"),
])
def test_resolve_same_period(under, previous, dct, value, anchor):
    assert resolve_same_period(under, previous, dct) == (value, anchor)


def test_resolve_same_period_ignores_other_values():
    assert resolve_same_period("UNDEF-year-MINUS-1", "2019-Q1", DCT) is None


@pytest.mark.parametrize("pattern,char,expected", [
    ("[0-9]{4}年", "。", False),
    ("[0-9]{1,2}月[ \\t]{0,3}[0-9]{1,2}日", "\n", False),
    ("[0-9]{1,2}月\\s+[0-9]{1,2}日", "\n", True),        # \s holds a newline
    ("[^，。]{0,3}年", "。", False),                       # a negated class
    ("[^，]{0,3}年", "。", True),
    ("年(?=。)", "。", False),                             # a lookahead consumes nothing
    ("号(?:，星期[一二])?", "，", True),
    (".年", "\n", False), (".年", "。", True),
])
def test_can_match_char(pattern, char, expected):
    assert can_match_char(pattern, char) is expected


def test_prefilter_finds_what_a_full_scan_finds(seed_text):
    """Scanning only the stretches that hold a rule's required characters loses no match of
    the rule (positive rules; a match cut by a number is dropped either way)."""
    rs = load_rules("zh")
    text = seed_text + "\n2019年8月至2020年10月期间，10月12号，星期一；今（8）日、去年同期、Wed, 13 Apr 2022"
    got = {(c.start, c.end, c.rule.id) for c in candidates(text, rs) if not c.rule.negative}
    for rule in rs.rules:
        if rule.negative:
            continue
        for m in rule.pattern.finditer(text):
            s, e = m.span()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            cut = (s > 0 and text[s].isdecimal() and text[s - 1].isdecimal()) or \
                (e < len(text) and text[e - 1].isdecimal() and text[e].isdecimal())
            if s < e and not cut:
                assert (s, e, rule.id) in got or any(g[2] == rule.id and g[0] <= s < g[1] for g in got), \
                    (rule.id, text[s:e])


def test_template_alternatives_and_defaults():
    t = parse_template("[{year}|UNDEF-{yshift}|UNDEF-year]-{month}[T{hour}:{minute=00}]")
    assert t.render({"year": "2016", "month": "04"}) == "2016-04"
    assert t.render({"yshift": "this-year", "month": "04", "hour": "09"}) == "UNDEF-this-year-04T09:00"
    assert t.render({"month": "04"}) == "UNDEF-year-04"
    assert t.render({}) is None
    with pytest.raises(ValueError):
        parse_template("{year]")


@pytest.mark.parametrize("pattern,matches", [
    ("(?:(?P<a>上周|上个星期)|本周)[一二]", ["上周一", "本周二", "上个星期一"]),
    ("(?:(?P<y>[0-9]{4})年)?(?P<h>上半年|下半年)", ["上半年", "2017年下半年"]),
    ("(?:今年|去年)?(?:春节|元旦|国庆节)", ["春节", "今年国庆节"]),
])
def test_required_chars_are_in_every_match(pattern, matches):
    needs = required_chars(pattern)
    assert needs
    for text in matches:
        for need in needs:
            if isinstance(need, frozenset):
                assert set(text) & need, (text, need)
            else:  # dynamic: some branch has all of its characters in the match
                assert any(branch <= set(text) for branch in need), (text, need)


def test_tag_contract_on_the_seed(seed_text):
    got = tag(seed_text, dct="2017-08-28", lang="zh", doc_id="d1")
    assert [t.id for t in got] == [f"t{i}" for i in range(1, len(got) + 1)]
    for a, b in zip(got, got[1:], strict=False):
        assert a.end <= b.start
    for t in got:
        assert seed_text[t.start:t.end] == t.text
        assert t.doc == "d1" and t.rule.startswith("zh:") and t.anchor in ("dct", "previous", "none")
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


def test_malformed_dct_raises():
    with pytest.raises(ValueError):
        tag("今年4月", dct="28/08/2017", lang="zh", doc_id="d1")


# ----------------------------------------------------------------------------- loader checks
@pytest.fixture
def scratch_lang(tmp_path, monkeypatch):
    """A copy of the zh tables under a fresh language name, to break on purpose."""
    root = tmp_path / "resources"
    shutil.copytree(resources.ROOT / "zh" / "temporal", root / "xx" / "temporal")
    shutil.copytree(resources.ROOT / "en" / "temporal", root / "en" / "temporal")  # embedded_languages
    for lang in ("xx", "en"):       # the text tables: sentence ends, range connectors, scripts
        shutil.copy(resources.ROOT / ("zh" if lang == "xx" else lang) / "text.yaml", root / lang / "text.yaml")
    (root / "xx" / "entities").mkdir()      # the tables imported from another stage (tables.yaml imports)
    shutil.copy(resources.ROOT / "zh" / "entities" / "people.yaml", root / "xx" / "entities" / "people.yaml")
    monkeypatch.setattr(resources, "ROOT", root)
    text_layer.load_rules.cache_clear()
    text_layer.scripts.cache_clear()
    counter = {"n": 0}

    def make(edit) -> str:
        counter["n"] += 1
        lang = f"xx{counter['n']}"
        shutil.copytree(root / "xx", root / lang)
        edit(root / lang / "temporal")
        return lang

    yield make
    load_rules.cache_clear()
    resources.load_yaml.cache_clear()
    text_layer.load_rules.cache_clear()
    text_layer.scripts.cache_clear()


def _add_rule(folder: Path, rule: dict) -> None:
    f = folder / "rules_dates.yaml"
    data = yaml.safe_load(f.read_text(encoding="utf-8"))
    data["rules"].append(rule)
    f.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize("rule,message", [
    ({"id": "bad_group", "type": "DATE", "pattern": "(?P<yeer>[0-9]{4})年", "value": "{yeer}"}, "unknown group names"),
    ({"id": "bad_macro", "type": "DATE", "pattern": "{yaer}年", "value": "2017"}, "unknown pattern macro"),
    ({"id": "bad_placeholder", "type": "DATE", "pattern": "(?P<year>{year4})年", "value": "{month}"},
     "not a group of the pattern"),
    ({"id": "bad_regex", "type": "DATE", "pattern": "(?P<year>{year4}年", "value": "{year}"}, "does not compile"),
    ({"id": "bad_type", "type": "DAY", "pattern": "(?P<year>{year4})年", "value": "{year}"}, "type must be one of"),
    ({"id": "bad_mod", "type": "DATE", "pattern": "(?P<year>{year4})年底", "value": "{year}", "mod": "LATE"},
     "not a TIMEX3 mod"),
    ({"id": "bad_key", "type": "DATE", "pattern": "(?P<year>{year4})年", "value": "{year}", "vaule": "x"},
     "unknown keys"),
    ({"id": "year", "type": "DATE", "pattern": "(?P<year>{year4})年", "value": "{year}"}, "duplicate rule id"),
    ({"id": "bad_example", "type": "DATE", "pattern": "(?P<year>{year4})年", "value": "{year}",
      "examples": ["2017"]}, "lacks every character"),
])
def test_loader_rejects_bad_rules(scratch_lang, rule, message):
    lang = scratch_lang(lambda folder: _add_rule(folder, rule))
    with pytest.raises(RuleError) as err:
        load_rules(lang)
    assert message in str(err.value)
    assert "rules_dates.yaml" in str(err.value) and repr(rule["id"]) in str(err.value)


def test_loader_rejects_a_rule_that_can_match_a_scan_break(scratch_lang):
    rule = {"id": "across_lines", "type": "DATE", "pattern": "(?P<year>{year4})\\s*年", "value": "{year}"}
    lang = scratch_lang(lambda folder: _add_rule(folder, rule))
    with pytest.raises(RuleError, match=r"rules_dates.yaml: rules\[\d+\]\.pattern: "
                                        r"pattern can match the scan break.*\(id 'across_lines'\)"):
        load_rules(lang)


@pytest.mark.parametrize("ref,message", [
    ("entities/people.yaml", "expected '<stage>/<file>#<key>'"),
    ("entities/peeple.yaml#surnames", "resource file not found"),
    ("entities/people.yaml#surnamez", "no non-empty string or word list 'surnamez'"),
])
def test_loader_rejects_a_bad_import(scratch_lang, ref, message):
    def edit(folder: Path) -> None:
        f = folder / "tables.yaml"
        text = f.read_text(encoding="utf-8")
        f.write_text(text.replace("surnames: entities/people.yaml#surnames", f"surnames: {ref}"), encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules(scratch_lang(edit))
    assert "tables.yaml: imports.surnames: " in str(err.value) and message in str(err.value)


def test_loader_rejects_unknown_group_table(scratch_lang):
    def edit(folder: Path) -> None:
        f = folder / "tables.yaml"
        text = f.read_text(encoding="utf-8")
        f.write_text(text.replace("table: year_shift}", "table: year_shfit}"), encoding="utf-8")
    with pytest.raises(RuleError, match="tables.yaml.*unknown table 'year_shfit'"):
        load_rules(scratch_lang(edit))


def test_unknown_language_fails_loudly():
    pytest.importorskip("dateparser")
    with pytest.raises(resources.ResourceError, match="no-such-language"):
        tag("2017年", dct=None, lang="no-such-language", doc_id="d1")


def test_random_text_never_breaks_the_contract():
    """Shuffled fragments of time expressions, numbers and punctuation: no exception, valid
    non-overlapping spans, every value resolved or left underspecified with X (seeded)."""
    import random

    rnd = random.Random(3)
    pieces = ["2017", "年", "月", "日", "号", "13", "二〇", "十二", "三", "点", "半", "上午", "下午", "至", "-",
              "今年", "同年", "次年", "每", "季度", "上半年", "底", "前", "后", "来", "近", "几", "周", "第", "届",
              "个", "%", "：", ":", "/", ".", "，", "。", "\n", " ", "春节", "两千", "年前", "9999", "0", "00"]
    for dct in ("2017-08-28", None):
        for _ in range(300):
            text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 25)))
            got = tag(text, dct=dct, lang="zh", doc_id="f")
            last = 0
            for t in got:
                assert text[t.start:t.end] == t.text and t.start >= last, (text, t)
                last = t.end
                assert "UNDEF" not in t.value, (text, t)
                if t.type in ("DATE", "TIME") and t.begin is None:
                    interval(t.value, t.mod)  # never raises


@pytest.mark.parametrize("key,bad", [("clause_openers", "于"), ("aside_signals", ["早在", ""])])
def test_loader_rejects_bad_context_word_lists(scratch_lang, key, bad):
    def edit(folder: Path) -> None:
        f = folder / "context.yaml"
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        data[key] = bad
        f.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RuleError, match=f"context.yaml.*{key}"):
        load_rules(scratch_lang(edit))


def test_loader_rejects_an_unknown_embedded_language(scratch_lang):
    def edit(folder: Path) -> None:
        f = folder / "context.yaml"
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        data["embedded_languages"] = ["qq"]
        f.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RuleError, match="context.yaml.*embedded_languages: 'qq'"):
        load_rules(scratch_lang(edit))
