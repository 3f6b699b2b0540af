"""HTML pages: main text and publication date through trafilatura/htmldate; the seed saved as a
page gives the same events as the plain text."""
from __future__ import annotations

import html
import io
from collections import Counter
from pathlib import Path

import pytest

from timeline import documents
from timeline.model import Document, DocumentError

SEED_TITLE = "梁平区工商联扎实工作创“五好”"


def page_of(text: str, title: str, *, charset: str = "utf-8", date_meta: str | None = None) -> str:
    """A small news page around a plain-text article: the lines before ``title`` become a
    navigation bar (page chrome), ``title`` an ``<h1>``, every other line a paragraph."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.strip() == title)
    chrome = "".join(f"<li>{html.escape(x.strip())}</li>" for x in lines[:at] if x.strip())
    body = "\n".join(f"<p>{html.escape(x.strip())}</p>" for x in lines[at + 1:] if x.strip())
    meta = f'<meta name="date" content="{date_meta}">' if date_meta else ""
    return (f'<!DOCTYPE html>\n<html><head><meta charset="{charset}">{meta}'
            f"<title>{html.escape(title)}</title></head>\n<body><nav><ul>{chrome}</ul></nav>\n"
            f"<article><h1>{html.escape(title)}</h1>\n{body}\n</article>\n"
            f"<footer>版权所有</footer></body></html>\n")


@pytest.fixture(scope="module")
def seed_page(seed_text) -> str:
    return page_of(seed_text, SEED_TITLE)


def _one(path: Path, **kw) -> Document:
    (item,) = documents.load_documents([str(path)], **kw)
    assert isinstance(item, Document), item
    return item


def test_html_page_gives_main_text_title_and_publication_date(tmp_path, seed_page):
    p = tmp_path / "seed.html"
    p.write_text(seed_page, encoding="utf-8")
    doc = _one(p)
    assert (doc.dct, doc.dct_source["evidence"]) == ("2017-08-28", "label"), "the page's own 出版日期 label"
    assert doc.title == SEED_TITLE
    assert "区工商联于今年4月召开了创建工作专题会议" in doc.text
    assert "数字报首页" not in doc.text, "page chrome is dropped"
    assert "<p>" not in doc.text
    assert doc.language == "zh"


def test_html_in_gbk_with_a_declared_charset(tmp_path):
    text = "区工商联召开创建工作专题会议\n区工商联于今年4月召开了创建工作专题会议，逐条查找自身存在的问题和不足。"
    page = page_of(text, "区工商联召开创建工作专题会议", charset="gbk", date_meta="2017-08-28")
    p = tmp_path / "gbk.htm"
    p.write_bytes(page.encode("gbk"))
    doc = _one(p)
    assert doc.encoding == "gb18030"
    assert "区工商联于今年4月召开了创建工作专题会议" in doc.text
    assert doc.dct == "2017-08-28"


def test_an_html_page_without_text_is_an_error(tmp_path):
    p = tmp_path / "blank.html"
    p.write_text("<!DOCTYPE html><html><head><title></title></head><body><div></div></body></html>",
                 encoding="utf-8")
    (err,) = documents.load_documents([str(p)])
    assert isinstance(err, DocumentError) and "no main text" in err.reason


def test_html_on_stdin_is_recognised(monkeypatch, seed_page):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(seed_page.encode("utf-8"))))
    (doc,) = documents.load_documents(["-"])
    assert doc.dct == "2017-08-28" and "<article>" not in doc.text


def test_the_dct_option_overrides_the_page_date(tmp_path, seed_page):
    p = tmp_path / "seed.html"
    p.write_text(seed_page, encoding="utf-8")
    doc = _one(p, dct="2018-01-01")
    assert (doc.dct, doc.dct_source["evidence"]) == ("2018-01-01", "option")


def _event_keys(result) -> Counter:
    """Events as (trigger, date value, participant names): what must not depend on the format."""
    names = {e.id: e.name for e in result.entities}
    return Counter(
        (ev.trigger, (ev.date or {}).get("value"),
         tuple(sorted((names.get(p.entity, p.entity), p.role) for p in ev.participants)))
        for ev in result.events
    )


def test_the_seed_as_html_gives_the_same_events_as_the_text(tmp_path, seed_path, seed_page):
    from timeline import pipeline

    p = tmp_path / "seed.html"
    p.write_text(seed_page, encoding="utf-8")
    from_txt = pipeline.extract_files([str(seed_path)])
    from_html = pipeline.extract_files([str(p)])
    assert not from_txt.errors and not from_html.errors
    (doc,) = from_html.documents
    for ev in from_html.events:
        assert 0 <= ev.start < ev.end <= len(doc.text)
    for t in from_html.timexes:
        assert doc.text[t.start:t.end] == t.text
    assert _event_keys(from_html) == _event_keys(from_txt)
    assert len(from_html.events) == len(from_txt.events)


def test_a_labelled_date_in_dropped_page_chrome_is_the_dct(tmp_path):
    text = ("网站首页 | 数字报首页 | 出版日期: 2017-08-28\n区工商联召开创建工作专题会议\n"
            "区工商联于今年4月召开了创建工作专题会议，逐条查找自身存在的问题和不足，"
            "明确责任领导和责任科室进行整改落实。")
    p = tmp_path / "page.html"
    p.write_text(page_of(text, "区工商联召开创建工作专题会议"), encoding="utf-8")
    doc = _one(p)
    assert "数字报首页" not in doc.text
    assert doc.dct == "2017-08-28"


COPYRIGHT_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某县召开民营经济大会</title></head>
<body><nav>首页 | 新闻中心</nav><article><h1>某县召开民营经济大会</h1>{label}
<p>3月21日，某县人民政府召开全县民营经济发展大会，总结上个月的工作并部署下一阶段任务。</p>
<p>自2021年以来，全县民营企业数量稳步增长，县工商联会员企业已超过一千家。</p></article>
<footer>© 2016-2024 某县人民政府 版权所有</footer></body></html>"""


@pytest.mark.parametrize("label,dct", [
    ("<p>发布日期：2024年3月22日</p>", "2024-03-22"),   # the visible label wins over any guess
    ("", None),                                        # no date: none is invented (not 2024-01-01)
])
def test_a_copyright_year_is_never_a_document_date(tmp_path, label, dct):
    p = tmp_path / "page.html"
    p.write_text(COPYRIGHT_PAGE.format(label=label), encoding="utf-8")
    assert _one(p).dct == dct


def test_a_navigation_only_page_has_no_main_text(tmp_path):
    p = tmp_path / "nav.html"
    p.write_text("<html><body><nav>首页</nav></body></html>", encoding="utf-8")
    (item,) = documents.load_documents([str(p)])
    assert isinstance(item, DocumentError)
    assert item.reason == "no main text found in the HTML page"
