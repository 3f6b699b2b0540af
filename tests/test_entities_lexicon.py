"""The name lists shipped as package data (lexicons), their matching, and how the recogniser takes
their names (full names and stems wherever they start a name, short names only when confirmed)."""
from __future__ import annotations

import csv

import pytest

from timeline import documents, resources
from timeline.entities import recognise, sources
from timeline.entities.combine import NameSpan
from timeline.resources import schema

LEXICONS = resources.path("zh", "entities", "lexicons")


def _orgs(text, names=()):
    return {e.name: e for e in recognise(text, lang="zh", doc_id="d1", names=list(names)) if e.type == "ORG"}


def test_every_declared_list_ships_with_its_source_column():
    spec = sources.settings("zh").table["lexicons"]
    for f in spec["files"]:
        with (LEXICONS / f["file"]).open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh, delimiter="\t"))
        assert header[-1] == "source", f["file"]
        assert {f["name"], *f.get("aliases", []), f["kind"]} <= set(header)
    assert (LEXICONS / "README.md").is_file()


def test_a_list_in_another_script_is_converted_as_documents_convert_texts():
    spec = sources.settings("zh").table["lexicons"]
    converts = {f.get("convert") for f in spec["files"]} - {None}
    opencc = resources.load_yaml("zh", "documents.yaml")["script"]["opencc"]
    assert converts == {opencc}


@pytest.mark.parametrize("text,name,form,source", [
    # the full name, its stem (the name without its legal form) and its short name
    ("中联重科股份有限公司", "中联重科股份有限公司", "name", "cn_a_share_companies.tsv:60"),
    ("中联重科", "中联重科股份有限公司", "stem", "cn_a_share_companies.tsv:60"),
    # a Taiwan company, written in the traditional script, found in the simplified copy of a text
    ("中华电信", "中華電信股份有限公司", "stem", "tw_listed_companies.tsv:333"),
    # a central body by its name, an international body by its short name
    ("海关总署", "海关总署", "name", None),
    ("欧盟", "欧洲联盟", "alias", None),
])
def test_forms_of_an_entry(text, name, form, source):
    hits = [h for h in sources.lexicon_hits(text, "zh") if (h.start, h.end) == (0, len(text))]
    got = {(h.entry.name, h.form) for h in hits}
    assert (name, form) in got
    if source:
        assert any(h.entry.source == source for h in hits)


def test_matching_text_of_a_traditional_document_finds_a_taiwan_company():
    doc = documents.document_from_text("中華電信今年8月與業者簽訂合作契約，預定10月底完成全台覆蓋。", doc_id="d1")
    assert doc.script == "Hant"
    match = documents.matching_text(doc)
    assert any(h.entry.source == "tw_listed_companies.tsv:333" and h.start == 0 for h in
               sources.lexicon_hits(match, "zh"))


def test_no_hit_inside_a_run_of_latin_letters():
    assert not [h for h in sources.lexicon_hits("XTCL科技", "zh") if h.start == 1]


def test_a_short_name_that_is_an_ordinary_word_does_not_fire_on_ordinary_text():
    # 太阳能 and 好想你 are stock short names; here they are a noun and a phrase
    orgs = _orgs("村里新装了太阳能路灯，游子说好想你。")
    assert not orgs


def test_a_short_name_is_taken_once_the_document_names_the_company_in_full():
    text = "中节能太阳能股份有限公司发布公告。太阳能表示，新项目年内投产。"
    orgs = _orgs(text)
    (ent,) = orgs.values()
    assert [m.text for m in ent.mentions] == ["中节能太阳能股份有限公司", "太阳能"]
    assert ent.attributes["lexicon"] == ["cn_a_share_companies.tsv:156"]


def test_a_short_name_confirmed_by_the_model_is_a_mention_wherever_written():
    text = "好想你发布公告称，好想你将扩建工厂。"
    orgs = _orgs(text, [NameSpan(0, 3, "ORG")])
    (ent,) = orgs.values()
    assert [(m.start, m.end) for m in ent.mentions] == [(0, 3), (9, 12)]
    assert "好想你健康食品股份有限公司" in ent.aliases


def test_a_listed_name_inside_a_word_is_no_name():
    # 文化部 (a former ministry) inside 企业文化部 (a company's culture department)
    assert "文化部" not in _orgs("他调任企业文化部副部长。")
    assert "文化部" in _orgs("文化部发布通知。")


def test_the_gazetteer_wins_over_the_lists():
    from timeline.entities import Gazetteer

    g = Gazetteer.from_entries([("中联重科集团", "ORG", ["中联重科"])])
    ents = recognise("中联重科发布公告。", lang="zh", doc_id="d1", gazetteer=g, names=[])
    (ent,) = [e for e in ents if e.type == "ORG"]
    assert ent.name == "中联重科集团" and "lexicon" not in ent.attributes


def test_a_bad_declaration_names_the_table_and_key(monkeypatch):
    from timeline.entities.lexicon import build_lexicon

    table = schema.Table("recogniser.yaml", {"lexicons": {"files": [
        {"file": "cn_a_share_companies.tsv", "type": "ORG", "name": "full_name"}]}})
    with pytest.raises(resources.ResourceError, match=r"recogniser.yaml: lexicons.files\[0\]: .*no column 'full_name'"):
        build_lexicon("zh", table)


def test_a_short_name_followed_by_a_word_of_company_life_is_confirmed():
    # 好想你 is a stock short name; 概念股 (concept stocks) in its clause makes it the company
    orgs = _orgs("好想你等3档概念股可注意。", [])
    assert list(orgs) == ["好想你"] and orgs["好想你"].attributes["lexicon"] == ["cn_a_share_companies.tsv:1073"]
    assert not _orgs("我好想你，概念股跌了。", [])


def test_the_automaton_and_the_model_load_only_for_a_document_that_needs_them():
    import subprocess
    import sys

    code = ("import sys, timeline, timeline.cli, timeline.entities, timeline.entities.sources; "
            "timeline.extract('The board met on Monday.', lang='en'); "
            "assert 'ahocorasick' not in sys.modules and 'onnxruntime' not in sys.modules; "
            "timeline.extract('2014年，区工商联成立。', lang='zh'); "
            "assert 'ahocorasick' in sys.modules and 'onnxruntime' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
