"""Cross-document resolution (``timeline.corpus.resolve``, issue 16): organisations merged on the
resolved full name and unambiguous aliases, never on a relative short form; an event several
documents report is one event with every source, a date disagreement flagged."""
from __future__ import annotations

import pytest

import timeline
from timeline.graph import build_graph
from timeline.model import Document, Entity, Event, Extraction, Mention, Participant
from timeline.pipeline import merge


def _extract(doc_id: str, text: str) -> Extraction:
    return timeline.extract(text, doc_id=doc_id, lang="zh")


def _orgs(result: Extraction) -> dict[str, Entity]:
    return {e.name + (f"@{e.attributes['scope']}" if "scope" in e.attributes else ""): e
            for e in result.entities if e.type == "ORG"}


# --------------------------------------------------------------------------- organisations

def test_a_district_short_form_is_not_merged_with_another_districts():
    a = _extract("a", "发布日期：2020-03-05\n2020年3月4日，梁平区工商联召开会员大会。区工商联主席张伟出席。")
    b = _extract("b", "发布日期：2020-03-06\n2020年3月4日，临江区工商联召开会员大会。区工商联主席李强出席。")
    assert any("区工商联" in e.aliases for e in a.entities)     # each resolved in its own document
    orgs = _orgs(merge([a, b]))
    assert {"梁平区工商联", "临江区工商联"} <= set(orgs)
    assert orgs["梁平区工商联"].id != orgs["临江区工商联"].id
    assert {m.doc for m in orgs["梁平区工商联"].mentions} == {"a"}
    assert {m.doc for m in orgs["临江区工商联"].mentions} == {"b"}


def test_an_unresolved_short_form_stays_in_its_document():
    e = _extract("e", "发布日期：2020-03-08\n3月5日，区工商联召开执委会议。")
    f = _extract("f", "发布日期：2020-04-08\n4月5日，区工商联召开执委会议。")
    result = merge([e, f])
    orgs = _orgs(result)
    assert set(orgs) >= {"区工商联@e", "区工商联@f"}
    assert orgs["区工商联@e"].id != orgs["区工商联@f"].id
    g = build_graph(result)
    assert "org:区工商联@e" in g and "org:区工商联@f" in g and "org:区工商联" not in g


def test_the_same_full_name_merges_and_an_alias_of_one_full_name_joins_it():
    a = _extract("a", "发布日期：2020-03-05\n2020年3月4日，重庆市梁平区工商联召开会员大会。梁平区工商联主席张伟出席。")
    b = _extract("b", "发布日期：2020-03-07\n3月6日，梁平区工商联召开执委会议。")
    c = _extract("c", "发布日期：2020-03-09\n3月8日，重庆市梁平区工商联召开座谈会。")
    assert [e.name for e in b.entities if e.type == "ORG"] == ["梁平区工商联"]
    orgs = _orgs(merge([a, b, c]))
    full = orgs["重庆市梁平区工商联"]
    assert "梁平区工商联" not in orgs
    assert {m.doc for m in full.mentions} == {"a", "b", "c"}
    assert "梁平区工商联" in full.aliases


def _doc(doc_id: str, dct: str | None = None) -> Document:
    return Document(id=doc_id, text="x" * 40, dct=dct, language="zh")


def _org(local: str, name: str, doc: str, *aliases: str, **attributes) -> Entity:
    return Entity(local, "ORG", name, list(aliases), [Mention(doc, 0, len(name), name)], dict(attributes))


def test_an_alias_two_full_names_share_joins_neither():
    a = Extraction([_doc("a")], entities=[_org("o1", "甲乙资产管理有限公司", "a", "甲乙资产")])
    b = Extraction([_doc("b")], entities=[_org("o1", "甲乙资产管理股份有限公司", "b", "甲乙资产")])
    c = Extraction([_doc("c")], entities=[_org("o1", "甲乙资产", "c")])
    d = Extraction([_doc("d")], entities=[_org("o1", "丙丁控股集团有限公司", "d", "丙丁集团")])
    e = Extraction([_doc("e")], entities=[_org("o1", "丙丁集团", "e")])
    orgs = _orgs(merge([a, b, c, d, e]))
    assert set(orgs) == {"甲乙资产管理有限公司", "甲乙资产管理股份有限公司", "甲乙资产", "丙丁控股集团有限公司"}
    assert {m.doc for m in orgs["丙丁控股集团有限公司"].mentions} == {"d", "e"}


def test_chrome_only_when_chrome_in_every_document():
    a = Extraction([_doc("a")], entities=[_org("o1", "某报业集团", "a", chrome=True)])
    b = Extraction([_doc("b")], entities=[_org("o1", "某报业集团", "b")])
    (org,) = merge([a, b]).entities
    assert not org.attributes.get("chrome")


# --------------------------------------------------------------------------- events

def test_an_event_two_documents_report_is_one_event_with_two_sources():
    a = _extract("a", "发布日期：2020-03-05\n2020年3月4日，重庆市梁平区工商联与恒拓控股集团有限公司签订合作协议。"
                      "区工商联主席张伟出席。")
    c = _extract("c", "发布日期：2020-03-07\n3月4日，梁平区工商联与恒拓控股集团有限公司签订合作协议。")
    result = merge([a, c])
    signed = [ev for ev in result.events if ev.trigger == "签订"]
    assert len(signed) == 1
    (ev,) = signed
    assert [s["doc"] for s in ev.sources] == ["a", "c"]
    texts = {d.id: d.text for d in result.documents}
    assert all("签订" in texts[s["doc"]][s["start"]:s["end"]] for s in ev.sources)
    timexes = result.timex_by_id()
    assert [timexes[s["timex"]].value for s in ev.sources] == ["2020-03-04", "2020-03-04"]
    assert ev.first_reported == {"doc": "a", "dct": "2020-03-05"}
    assert ev.date_disagreement is None
    g = build_graph(result)
    node = g.nodes[f"event:{ev.doc}:1"]
    assert len(node["sources"]) == 2 and node["first_reported"] == "2020-03-05"
    edges = g.out_edges(f"event:{ev.doc}:1", data=True)
    assert {v for _, v, d in edges if d["type"] == "mentioned_in"} == {"doc:a", "doc:c"}


def test_a_date_disagreement_is_flagged():
    c = _extract("c", "发布日期：2020-03-07\n3月4日，梁平区工商联与恒拓控股集团有限公司签订合作协议。")
    d = _extract("d", "发布日期：2020-03-06\n3月5日，梁平区工商联与恒拓控股集团有限公司签订合作协议。")
    (ev,) = [ev for ev in merge([c, d]).events if ev.trigger == "签订"]
    assert [s["doc"] for s in ev.sources] == ["c", "d"]
    assert ev.first_reported == {"doc": "d", "dct": "2020-03-06"}      # earliest DCT, not input order
    assert ev.date_disagreement == [{"value": "2020-03-04", "docs": ["c"]}, {"value": "2020-03-05", "docs": ["d"]}]


def _event(doc: str, n: int, date: tuple[str, str, str, str] | None, orgs: list[str], trigger: str = "签订") -> Event:
    value, granularity, start, end = date if date else (None, None, None, None)
    return Event(f"e{n}", doc, None, {"value": value, "granularity": granularity, "start": start, "end": end}
                 if date else None, trigger, trigger, n, n + 5,
                 participants=[Participant(o, "agent") for o in orgs])


def _parts(dates_by_doc: list[list[tuple[str, str, str, str] | None]], orgs=("o1",)) -> list[Extraction]:
    parts = []
    for k, dates in enumerate(dates_by_doc):
        doc = f"d{k + 1}"
        ents = [_org(o, f"恒拓{o}控股集团有限公司", doc) for o in orgs]
        parts.append(Extraction([_doc(doc, f"2020-04-0{k + 1}")], entities=ents,
                                events=[_event(doc, n + 1, d, list(orgs)) for n, d in enumerate(dates)]))
    return parts


DAY_4 = ("2020-03-04", "day", "2020-03-04", "2020-03-05")
DAY_5 = ("2020-03-05", "day", "2020-03-05", "2020-03-06")
DAY_11 = ("2020-03-11", "day", "2020-03-11", "2020-03-12")
DAY_12 = ("2020-03-12", "day", "2020-03-12", "2020-03-13")
MARCH = ("2020-03", "month", "2020-03-01", "2020-04-01")
APRIL = ("2020-04", "month", "2020-04-01", "2020-05-01")
Y2019 = ("2019", "year", "2019-01-01", "2020-01-01")
Y2020 = ("2020", "year", "2020-01-01", "2021-01-01")

DATE_SPECS = [
    # (dates of the event in each document, events after the merge, disagreement of the merged one)
    ([[DAY_4], [DAY_4]], 1, None),
    ([[MARCH], [DAY_4]], 1, None),                      # the month holds the day: they agree
    ([[DAY_4], [DAY_5]], 1, ["2020-03-04", "2020-03-05"]),
    ([[DAY_4], [DAY_11]], 1, ["2020-03-04", "2020-03-11"]),   # 7 days apart: NEAR_DAYS
    ([[DAY_4], [DAY_12]], 2, None),                     # 8 days apart: two events
    ([[MARCH], [APRIL]], 2, None),                      # months never merge when apart
    ([[Y2019], [Y2020]], 2, None),                      # nor years (an annual meeting)
    ([[DAY_4, DAY_4]], 2, None),                        # one document twice: the event stage's job
    ([[DAY_4], [None]], 2, None),                       # no date, no merge
    ([[DAY_4], [DAY_4], [DAY_5]], 1, ["2020-03-04", "2020-03-05"]),
]


@pytest.mark.parametrize(("dates", "count", "disagreement"), DATE_SPECS)
def test_dates_agree_overlap_or_lie_near(dates, count, disagreement):
    events = merge(_parts(dates)).events
    assert len(events) == count
    merged = [ev for ev in events if ev.first_reported]
    if count == 1:
        (ev,) = merged
        assert len({s["doc"] for s in ev.sources}) == len(dates)
        assert [d["value"] for d in ev.date_disagreement or []] == (disagreement or [])
        if disagreement:
            assert ev.date["value"] == disagreement[0]      # the date most reports give
    else:
        assert not merged


def test_the_most_precise_date_wins_and_keeps_its_place():
    (ev,) = merge(_parts([[MARCH], [DAY_4]])).events
    assert ev.id == "d2/e1" and ev.date["value"] == "2020-03-04"
    assert [s["doc"] for s in ev.sources] == ["d2", "d1"]            # the kept report's first


def test_events_without_shared_organisations_stay_apart():
    a = _parts([[DAY_4]], orgs=("o1",))[0]
    b = _parts([[DAY_4]], orgs=("o1",))[0]
    b.documents[0].id = "d2"
    b.entities[0].name = "另一家控股集团有限公司"
    b.entities[0].mentions[0].doc = "d2"
    b.events[0].doc = "d2"
    assert len(merge([a, b]).events) == 2


@pytest.mark.parametrize(("name", "relative"), [
    ("区工商联", True),          # a level character standing for the document's home district
    ("市政府", True),
    ("县委统战部", True),
    ("市场监督管理局", False),    # 市场 is a word, not the home city (constructions.yaml level_not_followed_by)
    ("梁平区工商联", False),
    ("恒拓控股集团有限公司", False),
])
def test_relative_names_are_read_from_the_entity_tables(name, relative):
    from timeline.entities import relative_name

    assert relative_name(name, "zh") is relative
    assert relative_name(name, "en") is False       # no character-engine tables: nothing is relative
