"""Reading inputs: decoding, DCT/language/script/title detection, sources, JSON Lines, Markdown.

Language behaviour is pinned by the spec tables in ``tests/specs/documents/*.yaml``; this file
also holds the input-handling cases (folders, stdin, ids, errors) that are not language data.
"""
from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
import yaml

from timeline import documents, resources
from timeline.documents import tables
from timeline.model import Document, DocumentError

SPECS = Path(__file__).resolve().parent / "specs" / "documents"


def _cases(name: str) -> list[dict]:
    data = yaml.safe_load((SPECS / name).read_text(encoding="utf-8"))
    return data["cases"]


def _ids(cases: list[dict]) -> list[str]:
    return [c["name"] for c in cases]


# --------------------------------------------------------------------------- spec tables

TEXT_CASES = _cases("document_from_text.yaml")
DECODING_CASES = _cases("decoding.yaml")


@pytest.mark.parametrize("case", TEXT_CASES, ids=_ids(TEXT_CASES))
def test_document_from_text_spec(case):
    doc = documents.document_from_text(case["text"], doc_id="d1", dct=case.get("dct"),
                                       lang=case.get("lang"))
    assert doc.text == case["text"], "the text is kept exactly"
    for key, want in case["expect"].items():
        source = doc.dct_source or {}
        got = {"dct": doc.dct, "dct_source": source.get("evidence"), "dct_value": source.get("value"),
               "dct_text": source.get("text"), "language": doc.language,
               "script": doc.script, "title": doc.title}[key]
        assert got == want, f"{key}: got {got!r}, want {want!r}"


@pytest.mark.parametrize("case", DECODING_CASES, ids=_ids(DECODING_CASES))
def test_decoding_spec(case):
    data = bytes.fromhex(case["hex"]) if "hex" in case else case["text"].encode(case["encode"])
    if "error" in case:
        with pytest.raises(documents.DecodingError) as info:
            documents.decode(data, encoding=case.get("encoding"))
        message = str(info.value)
        assert case["error"] in message
        assert "\n" not in message
        return
    text, used = documents.decode(data, encoding=case.get("encoding"))
    assert text == case["expect_text"]
    assert used.startswith(case["expect_encoding"])
    assert "\ufffd" not in text


def test_every_language_table_loads_and_validates():
    assert {"zh", "en"} <= set(documents.known_languages())


@pytest.mark.parametrize("broken, where", [
    ({"detect": {"letters": "[a-z]", "min_share": 0.5}}, "detect: unknown keys ['letters']"),   # text.yaml's now
    ({"detect": {"min_share": 0.5},
      "dct": {"labels": ["Date"], "separator": ":?", "search_chars": 100,
              "formats": [{"name": "no-groups", "pattern": r"\d{4}"}]},
      "front_matter": {"date": ["date"], "title": ["title"]},
      "title": {"min_chars": 1, "max_chars": 9}},
     "dct.formats[0].pattern: pattern lacks the named group(s) ['day', 'month', 'year'] (name 'no-groups')"),
    ({"detect": {"min_share": 0.5},
      "dct": {"labels": [{"作者": None}], "separator": ":?", "search_chars": 100, "formats": []}},
     "dct.labels[0]: expected a list of non-empty strings"),
    ({"detect": {"min_share": 0.5, "wieght": 2}}, "detect: unknown keys ['wieght']"),
    ({"detect": {"weight": 2}}, "detect.min_share: missing"),
    ({"detect": {"min_share": 0.5}, "title": {"min_chars": 1, "max_chars": 9, "body_line_ends": [";;"]}},
     "title.body_line_ends[0]: expected a list of single characters"),
])
def test_a_bad_rule_fails_loudly_naming_file_and_rule(monkeypatch, broken, where):
    monkeypatch.setattr(resources, "load_yaml", lambda *parts: broken)
    with pytest.raises(resources.ResourceError) as info:
        tables._rules.__wrapped__("xx")
    assert str(info.value).startswith("timeline/resources/xx/documents.yaml: ")
    assert where in str(info.value)


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize("bad", ["2017-8-28", "2017-02-30", "28/08/2017", "2017-08", "", "今年"])
def test_a_malformed_dct_is_a_clear_value_error(bad):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        documents.document_from_text("区工商联召开会议。", doc_id="d1", dct=bad)


def test_unknown_language_and_encoding_are_value_errors():
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        documents.validate_lang("fr")
    with pytest.raises(ValueError, match="unknown encoding"):
        documents.validate_encoding("no-such-codec")
    assert documents.validate_lang("auto") is None
    assert documents.validate_encoding("GBK") == "gbk"


# --------------------------------------------------------------------------- traditional script


TRADITIONAL = [
    "區工商聯於今年4月召開了創建工作專題會議，逐條查找自身存在的問題和不足。",
    "2014年，區工商聯成立了梁平區非公有制經濟服務中心，解決事業編制2個。",
    "臺灣鄉親與會，乾隆年間的舊檔案也在展覽。",
]


@pytest.mark.parametrize("text", TRADITIONAL)
def test_matching_text_is_simplified_and_of_the_same_length(text):
    doc = documents.document_from_text(text, doc_id="d1")
    assert doc.script == "Hant"
    match = documents.matching_text(doc)
    assert len(match) == len(text)
    assert match != text
    assert doc.text == text, "the document keeps the original text"


def test_matching_text_of_the_seed_in_traditional_round_trips(seed_text):
    import opencc

    traditional = opencc.OpenCC("s2t").convert(seed_text)
    doc = documents.document_from_text(traditional, doc_id="d1")
    assert doc.script == "Hant"
    assert documents.matching_text(doc) == seed_text


def test_matching_text_of_a_simplified_document_is_its_text(seed_text):
    doc = documents.document_from_text(seed_text, doc_id="d1")
    assert doc.script is None
    assert documents.matching_text(doc) is doc.text


def test_the_seed_document(seed_text):
    doc = documents.document_from_text(seed_text, doc_id="d1", path="seed.txt")
    assert (doc.dct, doc.dct_source["evidence"], doc.language) == ("2017-08-28", "label", "zh")
    assert doc.title == "梁平区工商联扎实工作创“五好”"
    assert doc.text is seed_text


# --------------------------------------------------------------------------- sources and loading


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _load(*inputs, **kw) -> list[Document | DocumentError]:
    return list(documents.load_documents([str(i) for i in inputs], **kw))


def test_folders_are_walked_recursively_in_order_with_default_suffixes(tmp_path):
    _write(tmp_path / "b.txt", "出版日期: 2017-08-28\n区工商联召开会议。")
    _write(tmp_path / "a" / "z.md", "区工商联召开会议。")
    _write(tmp_path / "a" / "notes.csv", "x,y")
    _write(tmp_path / ".hidden" / "c.txt", "区工商联召开会议。")
    _write(tmp_path / ".d.txt", "区工商联召开会议。")
    found = documents.find_sources([str(tmp_path)])
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found] == ["a/z.md", "b.txt"]
    docs = _load(tmp_path)
    assert [d.id for d in docs] == ["d1", "d2"]
    assert docs[1].dct == "2017-08-28"


def test_glob_chooses_the_files_of_a_folder(tmp_path):
    _write(tmp_path / "a.txt", "区工商联召开会议。")
    _write(tmp_path / "sub" / "b.news", "区工商联召开会议。")
    found = documents.find_sources([str(tmp_path)], glob="*.news")
    assert [Path(p).name for p in found] == ["b.news"]


def test_a_file_named_explicitly_is_read_whatever_its_suffix(tmp_path):
    p = _write(tmp_path / "article", "区工商联召开会议。")
    (doc,) = _load(p)
    assert doc.text == "区工商联召开会议。"


def test_a_chinese_file_name_works(tmp_path):
    p = _write(tmp_path / "新闻稿_2017年.txt", "梁平区工商联于今年4月召开会议。")
    (doc,) = _load(p)
    assert doc.path == str(p) and doc.text == "梁平区工商联于今年4月召开会议。"


def test_a_file_reached_twice_is_read_once(tmp_path):
    p = _write(tmp_path / "a.txt", "区工商联召开会议。")
    assert len(documents.find_sources([str(p), str(tmp_path)])) == 1


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing.txt", "missing.txt: no such file or directory"),
    (lambda d: (d / "empty").mkdir() or d / "empty", "no documents in this folder"),
])
def test_usage_level_input_problems_raise_input_error(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(documents.InputError) as info:
        documents.load_documents([str(path)])
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_stdin_twice_is_an_input_error():
    with pytest.raises(documents.InputError, match="more than once"):
        documents.find_sources(["-", "-"])


def test_stdin_bytes_are_decoded_like_a_file(monkeypatch, tmp_path):
    data = "梁平区工商联于今年4月召开会议。".encode("gbk")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    (from_stdin,) = _load("-")
    (from_file,) = _load(_write(tmp_path / "a.txt", data))
    assert from_stdin.text == from_file.text == "梁平区工商联于今年4月召开会议。"
    assert from_stdin.encoding == from_file.encoding == "gb18030"
    assert from_stdin.path == "<stdin>"


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (" \n\u3000\n".encode(), "no text"),
    ("今年4月，区工商联召开会议。".encode("gbk")[:-1], "try --encoding gb18030"),
])
def test_unreadable_documents_are_errors_naming_the_file(tmp_path, data, reason):
    p = _write(tmp_path / "bad.txt", data)
    (err,) = _load(p)
    assert isinstance(err, DocumentError)
    assert err.path == str(p) and reason in err.reason and "\n" not in err.reason


def test_a_batch_keeps_going_after_a_bad_document(tmp_path):
    _write(tmp_path / "1.txt", "区工商联召开会议。")
    _write(tmp_path / "2.txt", b"")
    _write(tmp_path / "3.txt", "区工商联召开会议。")
    items = _load(tmp_path)
    assert [type(i).__name__ for i in items] == ["Document", "DocumentError", "Document"]
    assert [i.id for i in items if isinstance(i, Document)] == ["d1", "d2"]


def test_inputs_are_never_modified(tmp_path):
    files = [_write(tmp_path / "a.txt", "\ufeff区工商联召开会议。".encode("utf-8")),
             _write(tmp_path / "b.md", "---\ndate: 2017-08-28\n---\n区工商联召开会议。\n"),
             _write(tmp_path / "c.jsonl", '{"text": "区工商联召开会议。"}\n')]
    before = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in files}
    _load(tmp_path)
    after = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in files}
    assert before == after


def test_a_bom_is_not_part_of_the_text(tmp_path):
    p = _write(tmp_path / "bom.txt", "\ufeff出版日期: 2017-08-28\n区工商联召开会议。".encode("utf-8"))
    (doc,) = _load(p)
    assert doc.text.startswith("出版日期") and doc.encoding == "utf-8-sig"
    assert doc.dct == "2017-08-28"


def test_options_apply_to_every_document(tmp_path):
    _write(tmp_path / "a.txt", "出版日期: 2017-08-28\n区工商联召开会议。")
    _write(tmp_path / "b.txt", "The council met in April.")
    docs = _load(tmp_path, dct="2019-01-02", lang="zh")
    assert [(d.dct, d.dct_source["evidence"], d.language) for d in docs] == [("2019-01-02", "option", "zh")] * 2


def test_load_documents_validates_its_options_before_reading(tmp_path):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        documents.load_documents([str(tmp_path / "missing.txt")], dct="yesterday")
    with pytest.raises(ValueError, match="unknown encoding"):
        documents.load_documents([str(tmp_path)], encoding="klingon")


# --------------------------------------------------------------------------- JSON Lines


def test_jsonl_lines_are_documents_and_bad_lines_name_file_and_line(tmp_path):
    lines = [
        {"id": "a", "text": "今年4月，区工商联召开会议。", "dct": "2017-08-28"},
        "{bad json",
        "",
        {"id": "a", "text": "重复的编号也保留。"},
        {"text": ""},
        {"text": "日期不对。", "dct": "2017-13-01"},
        ["not", "an", "object"],
        {"text": "没有编号的文档。", "title": "标题"},
        {"id": 7, "text": "Numbers are ids too.", "lang": "en"},
    ]
    p = _write(tmp_path / "in.jsonl", "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)
                                                for x in lines) + "\n")
    items = _load(p)
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, DocumentError)]
    assert [d.id for d in docs] == ["a", "a-2", "d1", "7"]
    assert [d.path for d in docs] == [f"{p}:1", f"{p}:4", f"{p}:8", f"{p}:9"]
    assert (docs[0].dct, docs[0].dct_source["evidence"]) == ("2017-08-28", "jsonl")
    assert docs[2].title == "标题" and docs[3].language == "en"
    assert [e.path for e in errors] == [f"{p}:2", f"{p}:5", f"{p}:6", f"{p}:7"]
    assert "invalid JSON" in errors[0].reason and "no text" in errors[1].reason
    assert "YYYY-MM-DD" in errors[2].reason and "JSON object" in errors[3].reason


# A date in the article's address is the DCT of last resort (dct.url_formats, evidence ``url``).
URL_DATES = [
    # (language, url, expected DCT)
    ("zh", "http://www.example.gov.cn/xwzx/201704/t20170406_123.html", "2017-04-06"),
    ("zh", "http://www.example.cn/content/2017-04/06/content_1.htm", "2017-04-06"),
    ("zh", "http://www.example.gov.cn/art/2017/4/6/art_12_34.html", "2017-04-06"),
    ("zh", "http://news.example.com.cn/c/2009-04-29/023415534567.shtml", "2009-04-29"),
    ("zh", "https://example.cn/a/20170406/1.html", "2017-04-06"),
    ("zh", "http://www.example.cn/201912/31/a.html", "2019-12-31"),
    ("zh", "http://www.example.cn/tsyx_0406/1.html", None),            # no year: no date
    ("zh", "http://example.cn/2017/13/45/a.html", None),                # no calendar date
    ("zh", "http://example.cn/news/12345678.html", None),               # an article number
    ("zh", "http://example.cn/p/2019123100.html", None),
    ("zh", "http://example.cn/list?date=20170406", None),               # a query, not the path
    ("zh", "http://20170406.example.cn/a.html", None),                  # the host, not the path
    ("en", "https://www.example.com/world/2020/03/03/some-title/", "2020-03-03"),
    ("en", "https://example.com/2020-03-03-some-title", "2020-03-03"),
]


@pytest.mark.parametrize("lang, url, expected", URL_DATES)
def test_a_date_in_the_address_is_read(lang, url, expected):
    ev = documents.dct.url_evidence(url, lang)
    assert (ev.date if ev else None) == expected
    if ev:
        assert (ev.evidence, ev.text, ev.start) == ("url", url, None)


def test_the_address_dates_a_page_only_when_the_page_does_not(tmp_path):
    url = "http://www.example.gov.cn/xwzx/201704/t20170406_123.html"
    lines = [{"text": "4月3日，区工商联召开会议。", "url": url},
             {"text": "区工商联召开会议\n发布时间：2017-04-05\n4月3日，区工商联召开会议。", "url": url},
             {"text": "4月3日，区工商联召开会议。", "url": url, "dct": "2017-04-04"}]
    p = _write(tmp_path / "in.jsonl", "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    docs = _load(p)
    assert [(d.dct, d.dct_source["evidence"]) for d in docs] == \
        [("2017-04-06", "url"), ("2017-04-05", "label"), ("2017-04-04", "jsonl")]
    assert docs[0].dct_source["text"] == url

def test_ids_are_unique_across_files_and_jsonl(tmp_path):
    _write(tmp_path / "a.txt", "区工商联召开会议。")
    _write(tmp_path / "b.jsonl", json.dumps({"id": "d1", "text": "区工商联召开会议。"}) + "\n"
           + json.dumps({"id": "d2", "text": "区工商联召开会议。"}) + "\n")
    _write(tmp_path / "c.txt", "区工商联召开会议。")
    assert [d.id for d in _load(tmp_path)] == ["d1", "d1-2", "d2", "d3"]


# --------------------------------------------------------------------------- Markdown


def test_markdown_front_matter_gives_dct_and_title_and_is_not_text(tmp_path):
    p = _write(tmp_path / "a.md", "---\ntitle: 区工商联召开会议\ndate: 2017-08-28\ntags: [新闻]\n---\n"
                                  "区工商联于今年4月召开会议。\n")
    (doc,) = _load(p)
    assert doc.text == "区工商联于今年4月召开会议。\n"
    assert (doc.dct, doc.dct_source["evidence"], doc.title) == ("2017-08-28", "front_matter", "区工商联召开会议")


def test_markdown_without_front_matter_finds_the_dct_in_the_page(tmp_path):
    p = _write(tmp_path / "a.md", "# 区工商联召开会议\n\n发布日期：2017-08-28\n\n正文。\n")
    (doc,) = _load(p)
    assert (doc.dct, doc.dct_source["evidence"], doc.title) == ("2017-08-28", "label", "区工商联召开会议")


@pytest.mark.parametrize("text, reason", [
    ("---\ntitle: [unclosed\n---\n正文。\n", "invalid front matter"),
    ("---\ntitle: 只有元数据\n---\n\n", "no text after the front matter"),
])
def test_bad_markdown_is_an_error(tmp_path, text, reason):
    (err,) = _load(_write(tmp_path / "a.md", text))
    assert isinstance(err, DocumentError) and reason in err.reason


# --------------------------------------------------------------------------- whole articles


def test_the_seed_in_gb18030_decodes_to_the_same_text(seed_text, tmp_path):
    p = _write(tmp_path / "seed_gb.txt", seed_text.encode("gb18030"))
    (doc,) = _load(p)
    assert doc.encoding == "gb18030" and doc.text == seed_text and doc.dct == "2017-08-28"


def test_the_seed_in_big5_traditional_decodes_and_is_tagged_hant(seed_text, tmp_path):
    import opencc

    # Big5 has no NO-BREAK SPACE and writes 為 (Taiwan standard, OpenCC s2tw), not 爲.
    traditional = opencc.OpenCC("s2tw").convert(seed_text.replace("\u00a0", " "))
    data = traditional.encode("big5", errors="strict")
    (doc,) = _load(_write(tmp_path / "seed_big5.txt", data))
    assert doc.encoding.startswith("big5") and doc.text == traditional
    assert (doc.script, doc.dct) == ("Hant", "2017-08-28")
    assert len(documents.matching_text(doc)) == len(traditional)


# A run of bullet lines with no sentence of the body is a portal's list of other headlines (page
# chrome for the entity stage: documents.yaml dct.link_bullets, dct.link_list_min).
LINK_LISTS = [
    # (text, the lines counted as a list of links)
    ("甲县召开会议\n3月5日，甲县召开项目推进会，县工商联负责人出席会议并讲话。\n分享到：\n"
     "• 财经某某奶粉检出问题 回应称销售正常\n• 科技某软件公司欲借王牌业务扭转战局\n\n• 教育两所大学争抢高分考生\n",
     ["• 财经某某奶粉检出问题 回应称销售正常", "• 科技某软件公司欲借王牌业务扭转战局", "• 教育两所大学争抢高分考生"]),
    ("甲县召开会议\n• 县商会召开会员大会\n• 县工商联走访企业\n",            # two lines: no list
     []),
    ("甲县召开会议\n• 3月5日，甲县召开项目推进会，县工商联负责人出席会议并讲话。\n"
     "• 3月6日，乙区举行项目签约仪式，十家企业现场签约，总投资五十亿元。\n"
     "• 3月7日，丙镇召开商会成立大会，选举产生第一届理事会成员。\n",   # sentences of the body
     []),
]


@pytest.mark.parametrize("text, lines", LINK_LISTS)
def test_a_run_of_bullet_headlines_is_a_list_of_links(text, lines):
    spans = documents.related_spans(text, "zh")
    assert [text[s:e] for s, e in spans] == lines


def test_a_page_without_a_date_line_takes_the_day_its_story_states_beside_today():
    """今日（8月8日）宣布: the page's own day (evidence ``stated_today``); 去年/今年 are read on it
    and the announcement is dated by the written day, not ignored as page metadata."""
    import timeline

    text = "【某某网】2016年年初获得投资的甲果园今日（8月8日）宣布新获1亿元融资。去年营收8亿元，今年预计翻番。"
    got = timeline.extract(text, lang="zh")
    doc = got.documents[0]
    assert doc.dct == "2016-08-08"
    assert doc.dct_source["evidence"] == "stated_today" and doc.dct_source["text"] == "8月8日"
    values = {t.text: t.value for t in got.timexes}
    assert values["今日"] == "2016-08-08" and values["去年"] == "2015" and values["今年"] == "2016"
    dated = {next(t.text for t in got.timexes if t.id == e.timex) for e in got.events}
    assert "8月8日" in dated


def test_a_dated_page_keeps_its_own_date_over_a_stated_today():
    import timeline

    got = timeline.extract("甲果园今日（8月8日）宣布新获融资。", dct="2016-08-09", lang="zh")
    assert got.documents[0].dct == "2016-08-09"
