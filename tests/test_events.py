"""timeline.events: the spec table of tests/specs/events/ and the building blocks it relies on."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from timeline import events, resources, temporal, text
from timeline.entities import coref
from timeline.model import Document, Entity, Mention, Timex
from timeline.resources import ResourceError
from timeline.settings import DEFAULT_MIN_CONFIDENCE

SPECS = Path(__file__).resolve().parent / "specs" / "events"


def _cases():
    for path in sorted(SPECS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        lang = data.get("lang", path.stem)
        for case in data["cases"]:
            yield pytest.param(lang, case, id=f"{path.stem}:{case['name']}")


def _find(text: str, needle: str, occurrence: int = 0) -> int:
    starts = [m.start() for m in re.finditer(re.escape(needle), text)]
    assert len(starts) > occurrence, f"{needle!r} not in the case text"
    return starts[occurrence]


def _needs_interval(timexes: list[dict]) -> None:
    if any(t["type"] in ("DATE", "TIME") for t in timexes):
        try:
            from timeline.temporal import interval  # noqa: F401
        except ImportError:
            pytest.skip("timeline.temporal.interval is not available yet")


def build_inputs(lang: str, case: dict) -> tuple[Document, list[Timex], list[Entity]]:
    """The document, time expressions and entities a spec case describes (spans by search)."""
    text = case["text"]
    doc = Document(id="d1", text=text, dct=case.get("dct"), language=lang)
    timexes = []
    for i, t in enumerate(case.get("timexes") or [], 1):
        s = _find(text, t["text"], t.get("occurrence", 0))
        timexes.append(Timex(f"t{i}", "d1", t["text"], s, s + len(t["text"]), t["type"], t["value"],
                             mod=t.get("mod"), begin=t.get("begin"), finish=t.get("finish")))
    taken = [False] * len(text)
    ents = []
    specs = case.get("entities") or []
    names = sorted(((n, e["id"]) for e in specs for n in [e["name"], *e.get("aliases", [])]),
                   key=lambda x: -len(x[0]))
    mentions: dict[str, list[Mention]] = {e["id"]: [] for e in specs}
    for name, eid in names:
        for m in re.finditer(re.escape(name), text):
            if not any(taken[m.start():m.end()]):
                taken[m.start():m.end()] = [True] * (m.end() - m.start())
                mentions[eid].append(Mention("d1", m.start(), m.end(), name))
    for e in specs:
        attributes = {"chrome": True} if e.get("chrome") else {}
        if e.get("titles"):
            attributes["titles"] = list(e["titles"])
        ents.append(Entity(e["id"], e["type"], e["name"], aliases=list(e.get("aliases", [])),
                           mentions=sorted(mentions[e["id"]], key=lambda m: m.start),
                           attributes=attributes))
    return doc, timexes, ents


@pytest.mark.parametrize("lang,case", list(_cases()))
def test_spec_case(lang, case):
    _needs_interval(case.get("timexes") or [])
    doc, timexes, ents = build_inputs(lang, case)
    got = events.assemble(doc, timexes, ents)
    want = case["events"]
    summary = [(e.trigger, doc.text[e.start:e.end]) for e in got]
    assert len(got) == len(want), f"expected {len(want)} events, got {summary}"
    tx = {t.id: t for t in timexes}
    for n, (ev, exp) in enumerate(zip(got, want, strict=False), 1):
        assert ev.id == f"e{n}"
        # invariants of every event
        assert ev.timex in tx
        t = tx[ev.timex]
        assert ev.start <= t.start and t.end <= ev.end, "span must contain the time expression"
        assert ev.start <= ev.trigger_span[0] and ev.trigger_span[1] <= ev.end, "span must contain the trigger"
        assert doc.text[ev.trigger_span[0]:ev.trigger_span[1]] == ev.trigger
        assert ev.sentence == doc.text[ev.start:ev.end]
        # a range is dated by its begin point (TIMEX3 beginPoint); the recent past (近日) by the DCT
        if ev.date["granularity"] == "recent":
            assert (t.value, ev.date["value"], ev.date["mod"]) == ("PAST_REF", doc.dct, "ON_OR_BEFORE")
        else:
            assert ev.date["value"] == (t.begin or t.value if t.type == "DURATION" else t.value)
        # what the case pins
        if "timex" in exp:
            assert t.text == exp["timex"]
        if "trigger" in exp:
            assert ev.trigger == exp["trigger"]
        if "kind" in exp:
            assert ev.kind == exp["kind"]
        if "span" in exp:
            assert doc.text[ev.start:ev.end] == exp["span"]
        if "title" in exp:
            assert ev.title == exp["title"]
        if "participants" in exp:
            assert {p.entity: p.role for p in ev.participants} == exp["participants"]
        if "amounts" in exp:
            keys = ("text", "value", "unit", "kind")
            got_amounts = [{k: a[k] for k in keys} for a in ev.amounts]
            assert got_amounts == [{k: a[k] for k in keys} for a in exp["amounts"]]
            for a, e in zip(ev.amounts, exp["amounts"], strict=False):
                assert doc.text[a["start"]:a["end"]] == a["text"]
                assert a["approx"] == e.get("approx", False)
        if "mentions" in exp:
            assert [doc.text[m["start"]:m["end"]] for m in ev.mentions] == exp["mentions"]
        # every dated telling of the event, its own first
        assert ev.sources and ev.sources[0] == {"start": ev.start, "end": ev.end, "timex": ev.timex}
        if "sources" in exp:
            assert [doc.text[x["start"]:x["end"]] for x in ev.sources] == exp["sources"]
        assert ev.confidence is not None and 0 <= ev.confidence <= 1
        if "hidden" in exp:     # below the default minimum confidence: left out of a run's result
            assert (ev.confidence < DEFAULT_MIN_CONFIDENCE) == exp["hidden"], ev.confidence
        if "date" in exp:
            assert {k: ev.date[k] for k in exp["date"]} == exp["date"]


# ---------------------------------------------------------------- building blocks

@pytest.fixture(scope="module")
def zh():
    return events.load_rules("zh")


@pytest.mark.parametrize("text,sentences", [
    ("甲。乙!丙", ["甲。", "乙!", "丙"]),
    ("\u00a0\u00a0 第一段。\n\u3000第二段", ["第一段。", "第二段"]),
    ("资金3.5亿元.下一句", ["资金3.5亿元.", "下一句"]),
    ("他说:“好。走吧。”然后离开。", ["他说:“好。走吧。”然后离开。"]),
    ("见www.example.com网站。", ["见www.example.com网站。"]),
])
def test_split_sentences(zh, text, sentences):
    assert [text[s:e] for s, e in events.split_sentences(text, zh.text)] == sentences


@pytest.fixture(scope="module")
def en():
    return events.load_rules("en")


@pytest.mark.parametrize("text,sentences", [
    # a run-on: a capitalised opener of text.yaml run_on_openers right after a lower-case word
    ("The minister said some weeks ago On March 3, 2015, the board approved it.",
     ["The minister said some weeks ago", "On March 3, 2015, the board approved it."]),
    ("He left. In 2003, Acme signed.", ["He left.", "In 2003, Acme signed."]),
    # not after a capitalised word (a name or a title), nor in lower case, nor inside brackets
    ("The Committee On Trade met on Friday.", ["The Committee On Trade met on Friday."]),
    ("It was named Best In Class (held annually In May).", ["It was named Best In Class (held annually In May)."]),
    ("Acme Co. signed with Mr. Smith.", ["Acme Co. signed with Mr. Smith."]),
])
def test_split_sentences_en(en, text, sentences):
    assert [text[s:e] for s, e in events.split_sentences(text, en.text)] == sentences


@pytest.mark.parametrize("text,clauses", [
    ("2014年,区工商联成立了中心,解决编制2个;同年建立了会议。",
     ["2014年", "区工商联成立了中心", "解决编制2个", "同年建立了会议"]),
    ("时间09:00,金额1,500元", ["时间09:00", "金额1,500元"]),
    ("举办“你好,世界”活动,很好", ["举办“你好,世界”活动", "很好"]),
    ("A、B和C参加", ["A、B和C参加"]),
    # quoted speech after a sentence end or a colon is text: it splits (clauses.yaml: speech_quotes)
    ("他说：“贷款到账后，我们完成了更新。”", ["他说", "贷款到账后", "我们完成了更新"]),
    ("“两委”干部外出考察", ["“两委”干部外出考察"]),
    # a quoted slogan or name (no sentence end inside) is no speech, even after a colon
    ("主题为：“创新,发展”", ["主题为", "“创新,发展”"]),
])
def test_split_clauses(zh, text, clauses):
    (sent,) = events.split_sentences(text, zh.text)
    assert [text[s:e] for s, e in events.split_clauses(text, sent, zh.text)] == clauses


@pytest.mark.parametrize("text,value,unit,kind,approx", [
    ("3.5亿元", 350000000, "CNY", "money", False),
    ("20万元", 200000, "CNY", "money", False),
    ("1500余万元", 15000000, "CNY", "money", True),
    ("三千五百万元", 35000000, "CNY", "money", False),
    ("十余名", 10, "名", "count", True),
    ("两万人", 20000, "人", "count", False),
    ("11.5%", 11.5, "%", "percent", False),
    ("５００美元", 500, "USD", "money", False),
    ("约3亿欧元", 300000000, "EUR", "money", True),
])
def test_find_amounts(zh, text, value, unit, kind, approx):
    (a,) = events.find_amounts(text, 0, len(text), zh)
    assert (a["text"], a["value"], a["unit"], a["kind"], a["approx"]) == (text, value, unit, kind, approx)
    assert (a["start"], a["end"]) == (0, len(text))


@pytest.mark.parametrize("text", ["第四届", "第08版", "万企帮万村"])
def test_not_amounts(zh, text):
    assert events.find_amounts(text, 0, len(text), zh) == []


@pytest.mark.parametrize("text,value,unit,kind,approx", [
    ("15 million yuan", 15000000, "CNY", "money", False),
    ("$3.5 billion", 3500000000, "USD", "money", False),
    ("RMB 200,000", 200000, "CNY", "money", False),
    ("more than 20 companies", 20, "companies", "count", True),
    ("7 percent", 7, "%", "percent", False),
])
def test_find_amounts_en(text, value, unit, kind, approx):
    en = events.load_rules("en")
    (a,) = events.find_amounts(text, 0, len(text), en)
    assert (a["text"], a["value"], a["unit"], a["kind"], a["approx"]) == (text, value, unit, kind, approx)


@pytest.mark.parametrize("text", ["in 2016 there were 30 persons", "No. 5 companies", "room 12"])
def test_not_amounts_en(text):
    en = events.load_rules("en")
    assert [a["text"] for a in events.find_amounts(text, 0, len(text), en)] == []


def test_amounts_skip_excluded_spans(zh):
    text = "会员2012个"
    assert events.find_amounts(text, 0, len(text), zh, exclude=[(2, 6)]) == []


@pytest.mark.parametrize("value,dct,interval", [
    ("P3Y", "2017-08-28", ("2014-08-28", "2017-08-29")),
    ("P6M", "2017-08-28", ("2017-02-28", "2017-08-29")),
    ("P1M", "2017-03-31", ("2017-02-28", "2017-04-01")),
    ("P2W", "2017-08-28", ("2017-08-14", "2017-08-29")),
    ("P0.5Y", "2017-08-28", ("2017-02-28", "2017-08-29")),
    ("PXY", "2017-08-28", (None, None)),
    ("P3Y", None, (None, None)),
    ("2017", "2017-08-28", (None, None)),
    # at the edges of the calendar: cut to its first day, no day after its last one
    ("P3Y", "0001-01-01", ("0001-01-01", "0001-01-02")),
    ("P1M", "0001-01-15", ("0001-01-01", "0001-01-16")),
    ("P3Y", "9999-12-31", ("9996-12-31", None)),
])
def test_duration_interval(value, dct, interval):
    assert temporal.duration_interval(value, dct) == interval


@pytest.mark.parametrize("dct", ["0001-01-01", "0001-01-02", "9999-12-30", "9999-12-31"])
def test_events_survive_the_edges_of_the_calendar(dct):
    """A duration reaching the present, a day and a year resolved on a DCT at the first or last
    day of the calendar give events (or none), never an exception."""
    from timeline import pipeline

    text = "今天，三年来甲公司共捐赠100万元。明天甲公司召开会议。去年甲公司成立。"
    result = pipeline.extract(text, dct=dct, lang="zh", min_confidence=0)
    for ev in result.events:
        start, end = ev.date["start"], ev.date["end"]
        assert start is None or end is None or start < end


_PAGE = ("某县商会召开第三届会员大会\n发布时间：2022-05-12 来源：某县融媒体中心\n"
         "5月11日，某县商会召开第三届会员大会，选举产生新一届理事会。县委统战部副部长李某出席会议并讲话。\n"
         "会上，某县商会表彰了一批优秀会员企业。\n")


@pytest.mark.parametrize("joint", ["\n", " ", ""])
def test_a_page_scraped_without_line_breaks_keeps_its_events(joint):
    """Text scraped without line breaks (the byline glued to the headline and the body on one line)
    gives the DCT and the events of the page with its lines: only the byline fields are page
    metadata, not the whole line."""
    from timeline import pipeline

    result = pipeline.extract(_PAGE.replace("\n", joint), lang="zh", min_confidence=0.5)
    assert result.documents[0].dct == "2022-05-12"
    assert [(e.trigger, e.date["value"]) for e in result.events] == [
        ("召开", "2022-05-11"), ("选举产生", "2022-05-11"), ("表彰", "2022-05-11")]


@pytest.mark.parametrize("text,spans,pairs", [
    ("2019年8月至2020年10月", [(0, 7), (8, 16)], {"t1": "t2"}),
    ("2019年至2020年至2021年", [(0, 5), (6, 11), (12, 17)], {"t1": "t2"}),   # an end point begins no range
    ("2019年和2020年", [(0, 5), (6, 11)], {}),
])
def test_pair_ranges(text, spans, pairs):
    """Two dates joined by a range connector: begin point id -> end point (``temporal.calendar``)."""
    tx = [Timex(f"t{i}", "d1", text[s:e], s, e, "DATE", text[s:e]) for i, (s, e) in enumerate(spans, 1)]
    got = temporal.pair_ranges(text, tx, ("至", "到"))
    assert {a: b.id for a, b in got.items()} == pairs


def test_language_without_tables_has_no_events():
    doc = Document(id="d1", text="2014年成立了中心。", language="xx")
    assert events.assemble(doc, [], []) == []


# ---------------------------------------------------------------- rule validation

@pytest.fixture
def scratch_lang(tmp_path, monkeypatch):
    """A copy of the zh tables under a scratch resource root, for breaking one rule at a time."""
    root = tmp_path / "resources"
    shutil.copytree(resources.path("zh", "events"), root / "qq" / "events")
    shutil.copy(resources.path("zh", "text.yaml"), root / "qq" / "text.yaml")
    (root / "qq" / "entities").mkdir()
    shutil.copy(resources.path("zh", "entities", "coref.yaml"), root / "qq" / "entities" / "coref.yaml")
    (root / "en").mkdir()
    shutil.copy(resources.path("en", "text.yaml"), root / "en" / "text.yaml")   # foreign_paragraphs: Latn
    monkeypatch.setattr(resources, "ROOT", root)
    _clear_caches()
    yield root / "qq" / "events"
    _clear_caches()


def _clear_caches() -> None:
    for f in (resources.load_yaml, events.load_rules, text.load_rules, text.scripts, coref.participant_rules):
        f.cache_clear()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_scratch_copy_loads(scratch_lang):
    assert events.load_rules("qq").trigger_kind["成立"].name == "founding"


@pytest.mark.parametrize("file,old,new,message", [
    ("triggers.yaml", "roles: {after: beneficiary}", "roles: {after: recipient}", "got 'recipient'"),
    ("triggers.yaml", '["召开",', '["成立", "召开",', "trigger '成立' is already in kind 'founding'"),
    ("triggers.yaml", "causatives:", "causative:", "unknown keys ['causative']"),
    ("roles.yaml", "  agent:", "  doer:", "markers.doer: unknown role 'doer'"),
    ("../text.yaml", '  - ["“", "”"]', '  - ["“"]', "brackets[0]: "),
    ("amounts.yaml", '"元": "CNY"', '"元": "yuan"', "currencies.元: "),
    ("anchors.yaml", "title_max: 40", "title_max: many", "title_max: "),
    ("anchors.yaml", "deadline_markers:", "deadline_marker:", "unknown keys ['deadline_marker']"),
    ("roles.yaml", "    role: partner", "    role: helper", "got 'helper'"),
    ("../entities/coref.yaml", '市府: ["市政府", "市人民政府"]', "市府: 市政府",
     "events.anaphora.short_forms.市府: "),
    ("../entities/coref.yaml", "  leader_titles:\n    市长: 市", "  leader_titles:\n    市长: [市]",
     "events.leader_titles.市长: "),
    ("../entities/coref.yaml", "  office_words:", "  office_word:", "unknown keys ['office_word']"),
    ("../entities/coref.yaml", "  office_words:", "  pronouns: {it: THING}\n  office_words:",
     "events.pronouns.it: expected one of ORG, PER, LOC"),
    ("../entities/coref.yaml", "  office_words:", "  impersonal: '(is'\n  office_words:",
     "events.impersonal: regex does not compile"),
    ("triggers.yaml", "joins: [meeting,", "joins: [meetings,", "unknown kind 'meetings'"),
    ("amounts.yaml", 'ordinal_counters: ["期"]', 'ordinal_counters: ["届"]', "'届' is not one of the counters"),
    ("triggers.yaml", "  kind: other", "  kind: founding", "fallback.kind: "),
    ("triggers.yaml", 'nouns: ["扶持政策",', 'nouns: ["扶持政策", "大楼",', "'大楼' holds no trigger"),
    ("triggers.yaml", "subject_from: [inspection,", "subject_from: [inspections,", "unknown kind 'inspections'"),
    ("triggers.yaml", "roles: {after: beneficiary, passive: beneficiary}", "roles: {passive: victim}",
     "got 'victim'"),
    ("roles.yaml", "parent_role: mentioned", "parent_role: owner", "got 'owner'"),
    ("../text.yaml", "code: Hani", "code: Han", "script.code: "),
    ("../text.yaml", "  Latn: en", "  Cyrl: ru", "foreign_paragraphs.Cyrl: "),
    ("anchors.yaml", "event_anaphora:", "event_anaphoras:", "unknown keys ['event_anaphoras']"),
    ("clauses.yaml", '  markers: ["讯", "电", "消息"]', '  markers: "讯"', "datelines.markers: "),
    ("../text.yaml", "leading_marks: '(?:", "leading_marks: '((?:", "leading_marks: "),
    ("../text.yaml", "leading_marks: '(?:", "leading_marks: '\\s*|(?:", "leading_marks: "),
    ("anchors.yaml", 'title_signals: ["以来",', 'title_signals: [["以来"],', "title_signals[0]: "),
    ("clauses.yaml", '  tags: [["【", "】"]]', '  tags: [["<", ">"]]', "datelines.tags[0]: "),
    ("clauses.yaml", "  bylines:", "  byline:", "unknown keys ['byline']"),
    ("roles.yaml", "collective_subjects:", "collective_subject:", "unknown keys ['collective_subject']"),
    ("roles.yaml", '  determiners: ["全", "我", "各", "本"]', "  determiners: []",
     "collective_subjects.determiners: "),
    ("anchors.yaml", "future_markers:", "future_marker:", "unknown keys ['future_marker']"),
    ("anchors.yaml", 'forward_prepositions: ["于"]', 'forward_prepositions: [""]', "forward_prepositions[0]: "),
    ("anchors.yaml", "  agreement: [litigation]", "  agreement: [lawsuit]", "unknown kind 'lawsuit'"),
    ("roles.yaml", "  heading: '^", "  heading: '(^", "case_sections.heading: "),
    ("roles.yaml", "  role: patient\n", "  role: culprit\n", "got 'culprit'"),
    ("roles.yaml", "    after: '为例'", "    after: '为例('", "topic_introductions[2].after: "),
    ("roles.yaml", "authority_kinds: [enforcement,", "authority_kinds: [enforcements,", "unknown kind 'enforcements'"),
    ("../text.yaml", '  pairs: [["“", "”"],', '  pairs: [["「", "”"],', "speech_quotes.pairs[0]: "),
    ("../text.yaml", "range_connectors_not_for_events: [——,", "range_connectors_not_for_events: [———,",
     "'———' is not one of the range_connectors"),
    ("../text.yaml", "  paragraph_weight: 3", "  paragraph_weight: 0", "script.paragraph_weight: "),
    ("../text.yaml", "  letters: '[", "  letters: '(", "script.letters: regex does not compile"),
])
def test_bad_rule_fails_naming_file_and_rule(scratch_lang, file, old, new, message):
    _edit(scratch_lang / file, old, new)
    with pytest.raises(ResourceError) as err:
        events.load_rules("qq")
    assert Path(file).name in str(err.value)
    assert message in str(err.value)


def test_missing_table_fails(scratch_lang):
    (scratch_lang / "roles.yaml").unlink()
    with pytest.raises(ResourceError, match="roles.yaml"):
        events.load_rules("qq")


def test_original_text_gives_trigger_title_and_sentence():
    """A traditional-Chinese document is matched through its simplified copy (same length, the
    ``TextView`` the pipeline hands to every stage); what the reader sees is read from the text
    as written."""
    _needs_interval([{"type": "DATE"}])
    simplified = "2014年,区工商联成立了服务中心,解决编制2个。"
    written = "2014年,區工商聯成立了服務中心,解決編制2個。"
    assert len(simplified) == len(written)
    doc = Document(id="d1", text=written, dct="2017-08-28", language="zh")
    tx = [Timex("t1", "d1", "2014年", 0, 5, "DATE", "2014")]
    org = Entity("o1", "ORG", "区工商联", mentions=[Mention("d1", 6, 10, "区工商联")])
    (ev,) = events.assemble(doc, tx, [org], view=text.TextView(written, simplified))
    assert ev.trigger == "成立"
    assert ev.title == "區工商聯成立了服務中心"
    assert ev.sentence == written[ev.start:ev.end] == "2014年,區工商聯成立了服務中心,解決編制2個"
    assert [a["text"] for a in ev.amounts] == ["2個"]
    with pytest.raises(ValueError, match="code points"):
        text.TextView(written[:-1], simplified)
    with pytest.raises(ValueError, match="not the document's text"):
        events.assemble(doc, tx, [org], view=text.TextView(simplified, simplified))


@pytest.mark.parametrize("text_,script", [
    ("2015年，甲公司成立。", "Hani"),
    ("In 2015, Acme opened its first plant in Ningbo.", "Latn"),
    ("甲公司GDP增长8%，ABC项目开工。", "Hani"),        # a Chinese sentence quoting Latin letters
    ("2015, 3.5, 100%", None),
])
def test_paragraph_script(text_, script):
    """ISO 15924 script of a paragraph: Latin only when its letters outnumber ideographs 3 to 1."""
    assert text.paragraph_script(text_) == script


def test_fallback_trigger_is_a_span_of_the_text():
    """The fallback's verb-like word is read from the text: trigger == text[trigger_span]."""
    _needs_interval([{"type": "DATE"}])
    text = "2019年，甲禾公司托管乙禾食品厂。"
    doc = Document(id="d1", text=text, dct="2021-06-01", language="zh")
    tx = [Timex("t1", "d1", "2019年", 0, 5, "DATE", "2019")]
    ents = [Entity("o1", "ORG", "甲禾公司", mentions=[Mention("d1", 6, 10, "甲禾公司")]),
            Entity("o2", "ORG", "乙禾食品厂", mentions=[Mention("d1", 12, 17, "乙禾食品厂")])]
    (ev,) = events.assemble(doc, tx, ents)
    assert (ev.kind, ev.trigger, ev.trigger_span) == ("other", "托管", (10, 12))
    assert text[ev.trigger_span[0]:ev.trigger_span[1]] == ev.trigger


@pytest.mark.parametrize("text,dateline", [
    ("本报讯（记者 林晓雨）3月14日上午，", "本报讯（记者 林晓雨）"),
    ("本报讯 3月14日上午，", "本报讯 "),
    ("本报讯记者从县里获悉，", "本报讯"),
    ("（记者 林晓雨）3月14日，", "（记者 林晓雨）"),
    ("新华社北京3月14日电 甲县召开", "新华社北京3月14日电 "),
    ("本报北京3月14日讯（记者 张三 通讯员 李四）甲县", "本报北京3月14日讯（记者 张三 通讯员 李四）"),
    ("【甲县新闻】3月14日，", "【甲县新闻】"),
    ("3月14日电商企业协会成立", ""),        # "电商": no dispatch marker
    ("国家电网公司召开", ""),
    ("（一）总体要求", ""),                 # a bracket without a byline word
    # plain bylines: a byline word, names, white space
    ("记者 张三 通讯员 李四 10月8日，", "记者 张三 通讯员 李四 "),
    ("■本报记者 张三 10月8日，", "■本报记者 张三 "),
    ("文/图 张三 10月8日，", "文/图 张三 "),
    ("记者从县里获悉，", ""),               # no name and white space after the byline word
    ("甲县讯 3月14日，", "甲县讯 "),         # a county's news service
    # any outlet's name before 讯, then white space or a bracket (clauses.yaml: any_source_markers)
    ("丙点讯 9月4日，", "丙点讯 "),
    ("丙点讯（通讯员 张三）9月4日，", "丙点讯（通讯员 张三）"),
    ("喜讯传来，", ""),                     # no white space or bracket after 讯
    ("审讯3名嫌疑人", ""),                   # a digit after 讯: a verb, no outlet
    # a bracket of names alone after a dispatch is its byline
    ("丁网乙市9月5日电 （张三）今天", "丁网乙市9月5日电 （张三）"),
    ("（张三）今天", ""),                     # not without a dispatch before it
])
def test_dateline_grammar(zh, text, dateline):
    """clauses.yaml: datelines — what a news lead's dateline and byline cover."""
    m = zh.dateline.match(text)
    assert (m.group(0) if m else "") == dateline


def test_page_without_dct_dates_events_from_an_earlier_year():
    """A page with no date line: the body's month-day takes the headline's year (temporal
    ``undated_anchor``), so its event has a full date and keeps the normal confidence."""
    import timeline

    text = "长清区举办2023年招商推介会\n5月12日上午，长清区人民政府在区会展中心举行招商推介会。"
    out = timeline.extract(text, lang="zh")
    assert out.documents[0].dct is None
    (ev,) = [e for e in out.events if e.trigger == "举行"]
    assert ev.date["value"] == "2023-05-12TMO"
    assert ev.confidence is not None and ev.confidence >= DEFAULT_MIN_CONFIDENCE


def test_a_source_credit_opening_the_lead_is_no_part_of_its_event():
    """The page's date evidence opening the lead (a source credit in brackets, Taiwan style:
    ``（某某社讯息服务20250922 17:22:22）…``) dates the page; it is no part of the first event's
    clause, title or participants (development set 12)."""
    from timeline import pipeline

    text = ("產業合作再升級！青山市府與湖濱商會總會簽署MOU\n（某某社訊息服務20250922 17:22:22）"
            "湖濱商會總會今（22）日拜會青山市政府，代理市長率市府團隊迎接。\n")
    result = pipeline.extract(text, lang="zh", min_confidence=0)
    assert result.documents[0].dct == "2025-09-22"
    first = result.events[0]
    assert (first.trigger, first.date["value"]) == ("拜會", "2025-09-22")
    assert "訊息服務" not in first.title and first.start > text.index("）")
