"""``events.json`` read back (``export.read_events_json``): lossless round trip, checks with one-line
errors naming the file and the key, corrections by hand (a deleted event, a fixed date, a merge of
two entities), ``timeline render`` and the article address of each input kind (``Document.url``)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from render_fixtures import synthetic_extraction

from timeline import export
from timeline.model import SCHEMA_VERSION, Event, Extraction

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_b0a8ce1bfdd55632.txt"


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory) -> Path:
    import timeline

    out = tmp_path_factory.mktemp("events") / "events.json"
    export.write_events_json(timeline.extract(SEED.read_text(encoding="utf-8"), doc_id="d1"), out)
    return out


def test_events_json_keeps_a_schema_version(seed_file):
    assert json.loads(seed_file.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION


def test_round_trip_is_lossless(seed_file):
    text = seed_file.read_text(encoding="utf-8")
    assert export.events_json(export.read_events_json(seed_file)) == text


def test_round_trip_of_the_synthetic_extraction(tmp_path):
    p = export.write_events_json(synthetic_extraction(), tmp_path / "events.json")
    assert export.events_json(export.read_events_json(p)) == p.read_text(encoding="utf-8")


def _edit(seed_file: Path, tmp_path: Path, change) -> Path:
    data = json.loads(seed_file.read_text(encoding="utf-8"))
    change(data)
    out = tmp_path / "edited.json"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return out


BAD = [
    # (what is wrong, the edit, the message after the file name)
    ("a key the model does not know", lambda d: d["events"][3].update(colour="red"),
     "events[3]: unknown keys ['colour']; allowed: "),
    ("a participant naming no entity", lambda d: d["events"][3]["participants"][0].update(entity="o999"),
     "events[3].participants[0].entity: no entity 'o999' in this file"),
    ("an event of no document", lambda d: d["events"][0].update(doc="d7"),
     "events[0].doc: no document 'd7' in this file"),
    ("a span past the end of the text", lambda d: d["events"][0].update(end=10 ** 6),
     "events[0].start: span "),
    ("a time expression whose text is not the document's", lambda d: d["timexes"][0].update(text="某年"),
     "timexes[0].text: '某年' is not the document's text at"),
    ("an id given twice", lambda d: d["events"][1].update(id=d["events"][0]["id"]),
     "events[1].id: 'e1' is given twice"),
    ("a wrong type", lambda d: d["events"][2].update(start="12"), "events[2].start: expected an integer, got '12'"),
    ("no schema version", lambda d: d.pop("schema_version"), "schema_version: missing: not an events.json of timeline"),
    ("a newer schema", lambda d: d.update(schema_version=SCHEMA_VERSION + 1),
     f"schema_version: {SCHEMA_VERSION + 1} is newer"),
    ("a merge into nothing", lambda d: d["entities"][0]["attributes"].update(same_as="o999"),
     "entities[0].attributes.same_as: 'o999' is not another entity of this file"),
    ("a confidence out of range", lambda d: d["events"][0].update(confidence=1.5),
     "events[0].confidence: expected a number from 0 to 1, got 1.5" if "confidence" in Event.__dataclass_fields__
     else "events[0]: unknown keys ['confidence']"),   # until the events stage gives a confidence
]


@pytest.mark.parametrize("why,change,message", BAD, ids=[b[0] for b in BAD])
def test_a_bad_file_is_one_line_naming_the_file_and_the_key(seed_file, tmp_path, why, change, message):
    bad = _edit(seed_file, tmp_path, change)
    with pytest.raises(export.EventsFileError) as info:
        export.read_events_json(bad)
    text = str(info.value)
    assert "\n" not in text and text.startswith(f"{bad}: {message}"), text


def test_not_json_and_not_utf8(tmp_path):
    (tmp_path / "a.json").write_text("{", encoding="utf-8")
    with pytest.raises(export.EventsFileError, match=r"a.json: invalid JSON: .* at line 1 column 2"):
        export.read_events_json(tmp_path / "a.json")
    (tmp_path / "b.json").write_bytes(b'{"x": "\xff"}')
    with pytest.raises(export.EventsFileError, match=r"b.json: not UTF-8 \(byte 7\)"):
        export.read_events_json(tmp_path / "b.json")


def test_a_date_fixed_by_hand_gets_its_interval(seed_file, tmp_path):
    def fix(d):
        d["events"][3]["date"] = {"value": "2016-05"}
    x = export.read_events_json(_edit(seed_file, tmp_path, fix))
    assert x.events[3].date == {"value": "2016-05", "mod": None, "granularity": "month",
                                "start": "2016-05-01", "end": "2016-06-01"}


def test_two_organisations_merged_by_hand(seed_file, tmp_path):
    data = json.loads(seed_file.read_text(encoding="utf-8"))
    orgs = [e for e in data["entities"] if e["type"] == "ORG"]
    keep, gone = orgs[0], orgs[1]

    def merge(d):
        next(e for e in d["entities"] if e["id"] == gone["id"])["attributes"]["same_as"] = keep["id"]
    x = export.read_events_json(_edit(seed_file, tmp_path, merge))
    ents = x.entity_by_id()
    assert gone["id"] not in ents and gone["name"] in ents[keep["id"]].aliases
    assert len(ents[keep["id"]].mentions) == len(keep["mentions"]) + len(gone["mentions"])
    for ev in x.events:
        assert all(p.entity != gone["id"] for p in ev.participants)
        assert len({(p.entity, p.role) for p in ev.participants}) == len(ev.participants)
    before = sum(1 for ev in data["events"] if any(p["entity"] in (keep["id"], gone["id"]) for p in ev["participants"]))
    assert sum(1 for ev in x.events if any(p.entity == keep["id"] for p in ev.participants)) == before


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_timeline_render_draws_an_edited_file(seed_file, tmp_path):
    data = json.loads(seed_file.read_text(encoding="utf-8"))
    gone = data["events"].pop(0)["id"]
    data["events"][2]["date"] = {"value": "2016-05"}
    fixed = data["events"][2]["id"]
    (tmp_path / "events.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    proc = _cli("render", "events.json", "-o", "out/page.html", "--title", "修正后的时间线", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "out" / "page.html").read_text(encoding="utf-8")
    assert "<title>修正后的时间线</title>" in page
    import re

    from timeline import render
    raw = re.search(r'id="timeline-data">(.*?)</script>', page, re.S).group(1)
    recs = {r["id"]: r for r in render.event_records(json.loads(raw))}
    assert gone not in recs and recs[fixed]["value"] == "2016-05" and recs[fixed]["gran"] == "month"


def test_timeline_render_reports_a_bad_file_on_one_line(seed_file, tmp_path):
    bad = _edit(seed_file, tmp_path, lambda d: d["events"][0].update(doc="d7"))
    proc = _cli("render", str(bad), "-o", "page.html", cwd=tmp_path)
    assert proc.returncode == 1 and not (tmp_path / "page.html").exists()
    assert proc.stderr.splitlines() == [f"timeline: {bad}: events[0].doc: no document 'd7' in this file"]
    proc = _cli("render", "missing.json", "-o", "page.html", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.splitlines() == ["timeline: missing.json: no such file"]


def test_build_names_documents_relative_to_the_page_and_takes_a_title(tmp_path):
    (tmp_path / "in").mkdir()
    for i in range(2):
        (tmp_path / "in" / f"{i}.md").write_text(
            f"---\ntitle: 报道{i}\nurl: https://news.example.cn/{i}.html\ndate: 2020-01-0{i + 1}\n---\n"
            "2020年1月1日，甲乙区工商联成立了服务中心。\n", encoding="utf-8")
    (tmp_path / "in" / "2.txt").write_text("2020年1月1日，甲乙区工商联成立了服务中心。\n", encoding="utf-8")
    proc = _cli("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--dct", "2020-01-05", "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "out" / "timeline.html").read_text(encoding="utf-8")
    import re

    data = json.loads(re.search(r'id="timeline-data">(.*?)</script>', page, re.S).group(1))
    assert data["docs"]["link"] == ["https://news.example.cn/0.html", "https://news.example.cn/1.html", "../in/2.txt"]
    assert str(tmp_path) not in page                                    # never a local absolute path
    assert data["title"].startswith("3 articles · 2020")
    proc = _cli("build", str(tmp_path / "in"), "-o", str(tmp_path / "out2"), "--title", "商会三篇", "-q", cwd=tmp_path)
    assert "<title>商会三篇</title>" in (tmp_path / "out2" / "timeline.html").read_text(encoding="utf-8")


URLS = [
    # (file name, content, url)
    ("a.md", "---\ntitle: 甲\nurl: https://example.com/a?x=1\n---\n2020年1月1日，甲乙区工商联成立了服务中心。\n",
     "https://example.com/a?x=1"),
    ("b.txt", "---\nlink: http://example.com/b\n---\n2020年1月1日，甲乙区工商联成立了服务中心。\n", "http://example.com/b"),
    ("c.jsonl", '{"id": "x", "text": "2020年1月1日，甲乙区工商联成立了服务中心。", "url": "https://ex.org/1"}\n', "https://ex.org/1"),
    ("d.jsonl", '{"id": "y", "text": "2020年1月1日，甲乙区工商联成立了服务中心。", '
                '"url": "javascript:alert(1)"}\n', None),
    ("e.html", '<html><head><title>T</title><link rel="canonical" href="https://news.example.cn/2020/x.html"></head>'
               "<body><article><h1>甲乙区工商联成立服务中心</h1><p>2020年1月1日，甲乙区工商联成立了服务中心，服务会员企业，"
               "开展各项工作，取得了明显成效，得到了广泛好评。</p></article></body></html>", "https://news.example.cn/2020/x.html"),
    ("f.txt", "2020年1月1日，甲乙区工商联成立了服务中心。\n", None),
]


@pytest.mark.parametrize("name,content,url", URLS, ids=[u[0] for u in URLS])
def test_the_article_address_of_each_input(tmp_path, name, content, url):
    from timeline.documents import load_documents

    (tmp_path / name).write_text(content, encoding="utf-8")
    (doc,) = list(load_documents([str(tmp_path / name)]))
    assert doc.url == url
    assert Extraction(documents=[doc]).to_dict()["documents"][0]["url"] == url
