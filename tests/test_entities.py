"""Spec-table tests of timeline.entities (tables under tests/specs/entities/*.yaml)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from timeline.entities import recognise
from timeline.model import Timex

SPECS = Path(__file__).parent / "specs" / "entities"


def _cases(fname: str):
    data = yaml.safe_load((SPECS / fname).read_text(encoding="utf-8"))
    return [pytest.param(data["lang"], c, id=c["name"]) for c in data["cases"]]


def _run(lang: str, case: dict):
    text = case["text"]
    timexes = [Timex(id=f"t{i}", doc="d1", text=text[s:e], start=s, end=e, type="DATE", value="XXXX")
               for i, (s, e) in enumerate(case.get("timexes", []), 1)]
    ents = recognise(text, lang=lang, doc_id="d1", timexes=timexes)
    for e in ents:
        for m in e.mentions:
            assert m.text == text[m.start:m.end], (e.name, m)
            assert m.doc == "d1"
    return ents


def _names(e) -> set[str]:
    return {e.name, *e.aliases}


@pytest.mark.parametrize("lang,case", _cases("zh_organisations.yaml") + _cases("zh_generalisation.yaml")
                         + _cases("zh_unseen_constructions.yaml") + _cases("zh_new_user.yaml")
                         + _cases("zh_heldout_constructions.yaml") + _cases("zh_unseen4_constructions.yaml")
                         + _cases("zh_unseen78_constructions.yaml") + _cases("zh_unseen59_constructions.yaml")
                         + _cases("en_entities.yaml"))
def test_organisations(lang, case):
    ents = _run(lang, case)
    orgs = [e for e in ents if e.type == "ORG"]
    by_name = {e.name: e for e in orgs}
    for want in case.get("orgs", []):
        assert want["name"] in by_name, f"missing {want['name']!r}; got {sorted(by_name)}"
        got = by_name[want["name"]]
        missing = set(want.get("aliases", [])) - set(got.aliases)
        assert not missing, f"{want['name']}: aliases {missing} missing from {got.aliases}"
        if "mentions" in want:
            assert sorted(m.text for m in got.mentions) == sorted(want["mentions"])
    if case.get("only_orgs"):
        assert sorted(by_name) == sorted(w["name"] for w in case.get("orgs", []))
    for bad in case.get("not_orgs", []):
        assert not any(bad in _names(e) for e in orgs), f"{bad!r} must not be an organisation"
    places = {e.name for e in ents if e.type == "LOC"}
    for want in case.get("places", []):
        assert want in places, f"missing place {want!r}; got {sorted(places)}"
    for bad in case.get("not_places", []):
        assert bad not in places, f"{bad!r} must not be a place"


@pytest.mark.parametrize("lang,case", _cases("zh_people_places.yaml") + _cases("en_entities.yaml")
                         + _cases("zh_new_user.yaml"))
def test_people_and_places(lang, case):
    ents = _run(lang, case)
    people = {e.name: e for e in ents if e.type == "PER"}
    places = {e.name for e in ents if e.type == "LOC"}
    for want in case.get("people", []):
        assert want["name"] in people, f"missing person {want['name']!r}; got {sorted(people)}"
        titles = people[want["name"]].attributes.get("titles", [])
        assert set(want.get("titles", [])) <= set(titles), titles
    for bad in case.get("not_people", []):
        assert bad not in people
    for want in case.get("places", []):
        assert want in places, f"missing place {want!r}; got {sorted(places)}"
    for bad in case.get("not_places", []):
        assert bad not in places


def test_ids_types_and_order():
    text = "区委常委、工业园区管委会主任付云带领甲乙区工商联赴丙丁县考察甲乙区某某科技有限公司。"
    ents = recognise(text, lang="zh", doc_id="d7")
    prefix = {"ORG": "o", "PER": "p", "LOC": "l"}
    for typ, p in prefix.items():
        ids = [e.id for e in ents if e.type == typ]
        assert ids == [f"{p}{i}" for i in range(1, len(ids) + 1)]
    firsts = [min(m.start for m in e.mentions) for e in ents]
    assert firsts == sorted(firsts)
    assert all(e.name not in e.aliases for e in ents)


CHROME = ("甲乙区工商联召开会议。\n \n地址:北京市东城区某某大街95号\n技术支持:北京某某报通科技发展有限公司\n"
          "联系电话：0797-8123456　技术支持：江西某某信息技术有限公司\n"
          "网站标识码：3604290001　赣ICP备05001234号　技术支持：江西某丙网络科技有限公司\n"
          "主办单位：丙丁县人民政府办公室　承办单位：丙丁县信息化中心\n"
          "您当前的位置：首页 > 新闻中心 > 丙丁县融媒体中心\n")
CHROME_ONLY = ["北京某某报通科技发展有限公司", "江西某某信息技术有限公司", "江西某丙网络科技有限公司",
               "丙丁县人民政府办公室", "丙丁县信息化中心", "丙丁县融媒体中心"]


def test_chrome_only_organisations_are_no_orgs_of_the_article():
    orgs = {e.name for e in recognise(CHROME, lang="zh", doc_id="d1") if e.type == "ORG"}
    assert orgs == {"甲乙区工商联"}


def test_a_footer_label_in_a_body_sentence_is_no_chrome():
    text = "某某科技有限公司为项目提供技术支持。\n甲乙区工商联 版权所有\n"
    ents = recognise(text, lang="zh", doc_id="d1", keep_chrome=True)
    by_name = {e.name: e for e in ents if e.type == "ORG"}
    assert "chrome" not in by_name["某某科技有限公司"].attributes
    assert by_name["甲乙区工商联"].attributes.get("chrome") is True


def test_chrome_names_are_marked_when_kept():
    ents = recognise(CHROME, lang="zh", doc_id="d1", keep_chrome=True)
    by_name = {e.name: e for e in ents}
    for name in CHROME_ONLY:          # a footer label anywhere on a short line makes it chrome
        assert by_name[name].attributes.get("chrome") is True, name
    assert "chrome" not in by_name["甲乙区工商联"].attributes


@pytest.mark.parametrize("page,chrome_org", [
    # a portal's source line without a label: web address, date, time, the paper it is taken from
    ("http://www.example.com 2011年03月02日 08:10 青梧日报\n3月1日，丙丁公司召开股东大会。\n", "青梧日报"),
    # a breadcrumb written 您所在的位置
    ("您所在的位置： 青梧区发展和改革委员会工作动态\n3月30日，丙丁公司召开股东大会。\n", "青梧区发展和改革委员会"),
])
def test_source_lines_and_breadcrumbs_are_chrome(page, chrome_org):
    orgs = {e.name for e in recognise(page, lang="zh", doc_id="d1") if e.type == "ORG"}
    assert orgs == {"丙丁公司"}
    kept = {e.name: e for e in recognise(page, lang="zh", doc_id="d1", keep_chrome=True)}
    assert kept[chrome_org].attributes.get("chrome") is True


def test_a_local_body_written_by_its_short_form_takes_no_national_aliases():
    local = {e.name: e for e in recognise("青梧区发展和改革委员会召开会议。发改委主任讲话。", lang="zh", doc_id="d1")}
    assert local["青梧区发展和改革委员会"].aliases == ["发改委"]
    assert "lexicon" not in local["青梧区发展和改革委员会"].attributes
    national = {e.name: e for e in recognise("国家发改委发布通知。发改委要求各地落实。", lang="zh", doc_id="d1")}
    assert "国家发展和改革委员会" in national["国家发改委"].aliases


def test_full_width_and_half_width_are_one_entity():
    text = "甲乙投资（集团）公司成立。甲乙投资(集团)公司发展良好。"
    orgs = [e for e in recognise(text, lang="zh", doc_id="d1") if e.type == "ORG"]
    assert len(orgs) == 1
    assert len(orgs[0].mentions) == 2


def test_language_without_tables_returns_nothing(tmp_path, monkeypatch):
    from timeline import resources
    from timeline.entities.rules import load_rules

    (tmp_path / "xx").mkdir()
    monkeypatch.setattr(resources, "ROOT", tmp_path)
    load_rules.cache_clear()
    try:
        assert recognise("The Chamber of Commerce met.", lang="xx", doc_id="d1") == []
    finally:
        load_rules.cache_clear()


LATIN = ("柳川县工商联与德国Keller Antriebstechnik GmbH签约。\n"
         "版权所有 Copyright Liuchuan Media Group All Rights Reserved\n")


def test_latin_names_in_a_chinese_text_are_numbered_with_the_others_and_chrome_is_marked():
    ents = recognise(LATIN, lang="zh", doc_id="d1", keep_chrome=True)
    orgs = [e for e in ents if e.type == "ORG"]
    assert [e.name for e in orgs] == ["柳川县工商联", "Keller Antriebstechnik GmbH", "Liuchuan Media Group"]
    assert [e.id for e in orgs] == ["o1", "o2", "o3"]
    assert orgs[2].attributes.get("chrome") is True and "chrome" not in orgs[1].attributes
    for e in orgs:
        assert all(m.text == LATIN[m.start:m.end] for m in e.mentions)
    assert "Liuchuan Media Group" not in {e.name for e in recognise(LATIN, lang="zh", doc_id="d1")}


def test_a_latin_name_never_overlaps_a_time_expression():
    text = "柳川公司于March Holdings Ltd.签约。"
    s = text.index("March")
    tx = Timex(id="t1", doc="d1", text="March", start=s, end=s + 5, type="DATE", value="XXXX-03")
    names = {e.name for e in recognise(text, lang="zh", doc_id="d1", timexes=[tx])}
    assert not any("March" in n for n in names)
