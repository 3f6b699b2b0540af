"""The user gazetteer: file format, errors naming file and line, and its effect on recognise()."""
from __future__ import annotations

import pytest

from timeline.entities import Gazetteer, GazetteerError, load_gazetteer, recognise


def _write(tmp_path, body: str):
    p = tmp_path / "names.tsv"
    p.write_text(body, encoding="utf-8")
    return p


def test_format_name_type_aliases(tmp_path):
    p = _write(tmp_path, "# comment\n\n甲乙研究会\n丙丁联盟\tORG\t丙丁|联盟\n王小二\tper\n")
    g = load_gazetteer(p)
    assert [(e.name, e.type, e.aliases) for e in g.entries] == [
        ("甲乙研究会", "ORG", ()), ("丙丁联盟", "ORG", ("丙丁", "联盟")), ("王小二", "PER", ())]
    assert g.lookup["联盟"].name == "丙丁联盟"
    assert len(g) == 3


@pytest.mark.parametrize("body,line,reason", [
    ("甲\tORG\n乙\tTEAM\n", 2, "unknown type"),
    ("甲\tORG\ta|b\tx\n", 1, "at most 3"),
    ("甲\tORG\ta||b\n", 1, "empty alias"),
    ("甲\n乙\tORG\t甲\n", 2, "already defined on line 1"),
    ("\tORG\n", 1, "empty name"),
])
def test_bad_lines_name_file_and_line(tmp_path, body, line, reason):
    p = _write(tmp_path, body)
    with pytest.raises(GazetteerError) as exc:
        load_gazetteer(p)
    msg = str(exc.value)
    assert msg.startswith(f"{p}:{line}:") and reason in msg


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(GazetteerError, match="cannot read"):
        load_gazetteer(tmp_path / "absent.tsv")


def test_gazetteer_adds_names_and_aliases():
    text = "丙丁联盟与甲乙区工商联签订协议。联盟成员王小二出席。"
    g = Gazetteer.from_entries([("丙丁联盟", "ORG", ["联盟"]), ("王小二", "PER")])
    ents = recognise(text, lang="zh", doc_id="d1", gazetteer=g)
    by_name = {e.name: e for e in ents}
    assert by_name["丙丁联盟"].type == "ORG"
    assert [m.text for m in by_name["丙丁联盟"].mentions] == ["丙丁联盟", "联盟"]
    assert "联盟" in by_name["丙丁联盟"].aliases
    assert by_name["王小二"].type == "PER"
    assert by_name["甲乙区工商联"].type == "ORG"


def test_gazetteer_alias_joins_a_rule_found_name():
    text = "甲乙区工商联召开会议。"
    g = Gazetteer.from_entries([("甲乙区工商业联合会", "ORG", ["甲乙区工商联"])])
    orgs = [e for e in recognise(text, lang="zh", doc_id="d1", gazetteer=g) if e.type == "ORG"]
    assert [(e.name, [m.text for m in e.mentions]) for e in orgs] == [("甲乙区工商业联合会", ["甲乙区工商联"])]


def test_gazetteer_serves_a_language_without_tables():
    g = Gazetteer.from_entries([("Acme Corp", "ORG", ["Acme"])])
    ents = recognise("Acme Corp said Acme will grow.", lang="en", doc_id="d1", gazetteer=g)
    assert [(e.id, e.name, [m.text for m in e.mentions]) for e in ents] == [("o1", "Acme Corp", ["Acme Corp", "Acme"])]
