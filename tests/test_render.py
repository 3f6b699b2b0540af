"""The interactive page (``timeline.render``): where each date is drawn, what the page carries,
and that it is one self-contained UTF-8 file.  Browser behaviour is in ``test_browser.py``."""
from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from render_fixtures import TEXT, synthetic_extraction

from timeline import render
from timeline.model import Document, Entity, Event, Extraction, Mention, Participant

# ---------------------------------------------------------------------------------------------
# Where a date goes on the axis: Event.date (or a bare TIMEX3 value) -> shape and ISO positions.
# Half-open intervals; a day (or anything one day long or less) is a marker; the rest are bands.
# ---------------------------------------------------------------------------------------------
PLACEMENTS = [
    # (what the event's date is, shape, start, end, marker position)
    ("integer years as both ends: 2014..2014 is the year 2014, not 1970",
     {"value": "2014", "start": 2014, "end": 2014}, "band", "2014-01-01", "2015-01-01", None),
    ("a month with its interval", {"value": "2017-04", "granularity": "month",
                                   "start": "2017-04-01", "end": "2017-05-01"},
     "band", "2017-04-01", "2017-05-01", None),
    ("a day is a marker in the middle of the day",
     {"value": "2017-07-13", "granularity": "day", "start": "2017-07-13", "end": "2017-07-14"},
     "point", "2017-07-13", "2017-07-14", "2017-07-13 12:00:00"),
    ("start equal to end (2014-01-01) is still drawn, as a marker",
     {"value": "2014-01-01", "start": "2014-01-01", "end": "2014-01-01"},
     "point", "2014-01-01", "2014-01-01", "2014-01-01"),
    ("a time is a marker at that minute",
     {"value": "2017-07-13T09:30", "granularity": "time", "start": "2017-07-13T09:30", "end": "2017-07-13T09:31"},
     "point", "2017-07-13 09:30:00", "2017-07-13 09:31:00", "2017-07-13 09:30:00"),
    ("a duration anchored on the DCT (近三年来) is its interval",
     {"value": "P3Y", "granularity": "interval", "start": "2014-08-28", "end": "2017-08-28"},
     "band", "2014-08-28", "2017-08-28", None),
    ("ends given in the wrong order are swapped",
     {"value": "2015", "start": "2016-01-01", "end": "2015-01-01"},
     "band", "2015-01-01", "2016-01-01", None),
    ("an unanchored duration is not placeable", {"value": "P3Y", "start": None, "end": None},
     "none", None, None, None),
    ("a date without start and end is not placed: the events stage computes them",
     {"value": 2014, "granularity": "year", "start": None, "end": None}, "none", None, None, None),
    ("a bare TIMEX3 value is not placed", "2017-04", "none", None, None, None),
    ("an interval with a start only (从今天起, ON_OR_AFTER) is a marker at its start",
     {"value": "2017-08-28", "mod": "ON_OR_AFTER", "granularity": "day", "start": "2017-08-28", "end": None},
     "point", "2017-08-28", None, "2017-08-28"),
    ("an interval with an end only is a marker at its end",
     {"value": "2017", "mod": "BEFORE", "start": None, "end": "2017-01-01"},
     "point", None, "2017-01-01", "2017-01-01"),
    ("a bound that is no ISO date is not placed", {"value": "2017-02-30", "start": "2017-02-30", "end": None},
     "none", None, None, None),
    ("no date at all", None, "none", None, None, None),
]


def test_pipeline_events_carry_the_interval_render_draws():
    """Render does no calendar arithmetic: every event of the pipeline carries its start and end."""
    from timeline import extract

    events = extract(TEXT, dct="2017-08-28").events
    assert events and all({"start", "end"} <= set(ev.date) for ev in events if ev.date is not None)


@pytest.mark.parametrize("case,when,shape,start,end,at", PLACEMENTS, ids=[c[0] for c in PLACEMENTS])
def test_placement(case, when, shape, start, end, at):
    got = render.placement(when)
    assert (got.shape, got.start, got.end, got.at) == (shape, start, end, at)


def test_open_intervals_say_which_side_is_open():
    assert render.placement({"value": "2017-08-28", "start": "2017-08-28", "end": None}).open == "after"
    assert render.placement({"value": "2017", "start": None, "end": "2017-01-01"}).open == "before"
    assert render.placement({"value": "2017-04", "start": "2017-04-01", "end": "2017-05-01"}).open is None


def test_placement_keeps_the_given_granularity():
    assert render.placement({"value": "2017-04", "granularity": "month", "start": "2017-04-01",
                             "end": "2017-05-01"}).granularity == "month"
    assert render.placement({"value": "2017-Q1", "start": "2017-01-01", "end": "2017-04-01"}).granularity == "interval"


# ---------------------------------------------------------------------------------------------
# The page data
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return synthetic_extraction()


@pytest.fixture(scope="module")
def data(extraction):
    return render.page_data(extraction)


@pytest.fixture(scope="module")
def page(extraction) -> str:
    return render.render_html(extraction)


def _events(data):
    return {e["id"]: e for e in render.event_records(data)}


def _day(iso: str) -> int:
    from datetime import date

    return (date.fromisoformat(iso) - date(1970, 1, 1)).days


def test_each_event_is_drawn_at_its_precision(data):
    """A day is a point; a month or a year an approximate date (a marker with its band); a
    duration up to the DCT a period (its own track); an unplaceable value is listed."""
    ev = _events(data)
    assert (ev["e1"]["cls"], ev["e1"]["x0"], ev["e1"]["x1"]) == ("approx", _day("2014-01-01"), _day("2015-01-01"))
    assert (ev["e2"]["cls"], ev["e2"]["x0"], ev["e2"]["x1"]) == ("approx", _day("2017-04-01"), _day("2017-05-01"))
    assert (ev["e3"]["cls"], ev["e3"]["x0"], ev["e3"]["x1"]) == ("point", _day("2017-07-13"), _day("2017-07-14"))
    assert (ev["e4"]["cls"], ev["e4"]["value"]) == ("period", "P3Y")      # 近三年来: not a dated happening
    assert ev["e5"]["cls"] == "none" and ev["e5"]["x0"] is None          # undated: listed, not drawn
    assert (ev["e6"]["cls"], ev["e6"]["x0"]) == ("point", _day("2014-01-01"))
    assert ev["e2"]["gran"] == "month" and ev["e2"]["written"] == "今年4月"


TIME_CLASS_CASES = [
    # (Event.date, timex type, class)
    ({"value": "2016-2018", "granularity": "interval", "start": "2016-01-01", "end": "2019-01-01"}, "DATE", "span"),
    ({"value": "P3Y", "granularity": "interval", "start": "2014-08-28", "end": "2017-08-28"}, "DURATION", "period"),
    ({"value": "P6M", "granularity": "interval", "start": "2017-02-28", "end": "2017-08-28"}, None, "period"),
    ({"value": "2017-Q1", "granularity": "quarter", "start": "2017-01-01", "end": "2017-04-01"}, "DATE", "approx"),
    ({"value": "2017-08-28", "mod": "ON_OR_AFTER", "start": "2017-08-28", "end": None}, "DATE", "after"),
    ({"value": "PXY", "start": None, "end": None}, "DURATION", "none"),
]


@pytest.mark.parametrize("date,ttype,cls", TIME_CLASS_CASES)
def test_time_class(date, ttype, cls):
    ev = Event("e1", "d1", None, date, "成立", "成立", 0, 2)
    assert render.time_class(ev, render.placement(date), ttype) == cls


def test_source_marks_rebuild_time_trigger_participants(extraction, data):
    for ev in extraction.events:
        rec = _events(data)[ev.id]
        assert rec["src"] == TEXT[ev.start:ev.end]
        m = rec["marks"]
        marked = {data["marks"][m[i + 2]]: rec["src"][m[i]:m[i + 1]] for i in range(0, len(m), 3)}
        tx = extraction.timex_by_id()[ev.timex]
        assert marked["timex"] == tx.text
        assert marked["trigger"] == ev.trigger
        assert all(m[i + 1] <= m[i + 3] for i in range(0, len(m) - 3, 3))       # in order, not overlapping
    m = _events(data)["e3"]["marks"]
    src = _events(data)["e3"]["src"]
    assert [src[m[i]:m[i + 1]] for i in range(0, len(m), 3) if m[i + 2] == 2] == ["甲乙区工商联", "丙丁商会"]


def test_source_is_the_enclosing_sentence_when_given(extraction):
    ev = extraction.events[1]
    clause_start = TEXT.index("甲乙区工商联召开")
    shorter = replace(ev, start=clause_start, end=clause_start + len("甲乙区工商联召开"))
    x = replace(extraction, events=[shorter])
    assert render.event_records(render.page_data(x))[0]["src"] == ev.sentence


def test_a_long_source_is_cut_around_the_clause(extraction):
    long = "前言" * 200 + TEXT
    doc = replace(extraction.documents[0], text=long)
    ev = replace(extraction.events[1], start=extraction.events[1].start + 400, end=extraction.events[1].end + 400,
                 sentence=long)
    rec = render.event_records(render.page_data(replace(extraction, documents=[doc], events=[ev], timexes=[])))[0]
    clause = TEXT[extraction.events[1].start:extraction.events[1].end]
    assert len(rec["src"]) <= render.SOURCE_CHARS and clause in rec["src"]


def test_summary_line(data):
    assert data["summary"] == ("1 document · 6 events (5 on the time axis) · 3 organisations"
                               " · 2014-01-01 – 2017-08-27")
    assert data["title"] == "甲乙区工商联扎实工作"


def test_kinds_have_distinct_colours_most_frequent_first(data):
    kinds = data["kinds"]
    assert kinds[0]["name"] == "visit" and kinds[0]["count"] == 2
    colours = [k["colour"] for k in kinds]
    assert len(set(colours)) == len(colours)


def test_twenty_kinds_keep_distinct_colours():
    events = [Event(f"e{i}", "d1", None, None, "做", "做", 0, 1, kind=f"k{i:02d}") for i in range(20)]
    kinds = render.page_data(Extraction(documents=[Document("d1", "做")], events=events))["kinds"]
    assert len({k["colour"] for k in kinds}) == 20 and render.OTHER_KIND_COLOUR not in {k["colour"] for k in kinds}
    events += [Event("e99", "d1", None, None, "做", "做", 0, 1, kind="k99")]
    kinds = render.page_data(Extraction(documents=[Document("d1", "做")], events=events))["kinds"]
    assert len({k["colour"] for k in kinds[:19]}) == 19                # the 19 most frequent distinct,
    assert {k["colour"] for k in kinds[19:]} == {render.OTHER_KIND_COLOUR}   # the rest grouped in grey


def test_confidence_is_carried_and_defaults_to_one(extraction):
    ev = extraction.events[0]
    sure = render.event_records(render.page_data(extraction))
    assert {r["conf"] for r in sure} == {100}
    unsure = replace(extraction, events=[_with(ev, confidence=0.42)] + extraction.events[1:])
    assert render.event_records(render.page_data(unsure))[0]["conf"] == 42


def _with(ev, **extra):
    """An event carrying fields another stage may add to the model (``confidence``, ``sources``)."""
    import copy

    out = copy.copy(ev)
    for k, v in extra.items():
        setattr(out, k, v)
    return out


def test_other_reports_of_an_event_are_listed(extraction):
    two = replace(extraction, documents=extraction.documents + [Document("d2", TEXT, title="另一报道")])
    ev = _with(extraction.events[2], sources=[{"doc": "d2", "start": 5, "end": 20},
                                              {"doc": "d1", "start": 0, "end": 3}])
    rec = render.event_records(render.page_data(replace(two, events=[ev])))[0]
    assert rec["more"] == [[1, 5, 20], [0, 0, 3]]


def test_page_title_of_a_folder_is_a_summary_not_a_file_name(extraction):
    second = Document("d2", "2016年4月,丙丁商会成立。", dct="2016-05-01", title="丙丁商会成立")
    x = replace(extraction, documents=extraction.documents + [second])
    title = render.page_title(x)
    assert title.startswith("2 articles · 2016–2017 · 甲乙区工商联") and "more)" not in title
    assert render.page_data(x, title="梁平区商会工作")["title"] == "梁平区商会工作"


PATHS = [
    # (document path, page folder, shown, link)
    ("articles/01.txt", None, "articles/01.txt", "articles/01.txt"),
    ("/home/reporter/articles/01.txt", None, "01.txt", "01.txt"),
    ("/data/in/a b.txt", "/data/out", "../in/a b.txt", "../in/a%20b.txt"),
    ("/data/in/feed.jsonl:3", "/data/out", "../in/feed.jsonl:3", "../in/feed.jsonl"),
    ("<stdin>", None, "<stdin>", None),
]


@pytest.mark.parametrize("path,base,shown,link", PATHS)
def test_documents_are_named_relative_never_by_a_local_absolute_path(path, base, shown, link):
    doc = Document("d1", "甲", path=path)
    assert render.shown_path(path, base) == shown
    assert render._doc_link(doc, shown) == link


def test_events_link_to_the_article_url_when_there_is_one(extraction):
    doc = replace(extraction.documents[0], url="https://news.example.cn/a.html", path="/abs/seed.txt")
    data = render.page_data(replace(extraction, documents=[doc]))
    assert data["docs"]["link"] == ["https://news.example.cn/a.html"] and data["docs"]["path"] == ["seed.txt"]
    bad = replace(doc, url="javascript:alert(1)")
    assert render.page_data(replace(extraction, documents=[bad]))["docs"]["link"] == ["seed.txt"]


def test_unknown_lane_mode_is_refused(extraction):
    with pytest.raises(ValueError, match="lanes"):
        render.render_html(extraction, lanes="year")


def test_the_view_model_is_linear_in_the_events():
    """No pass over all mentions per event, no lane × event loop: 20 × the events take far less
    than 20² × the time (measured as a ratio in one run, not as a time)."""
    import time

    def make(n: int) -> Extraction:
        text = "".join(f"{2000 + i % 20}年,甲乙区工商联成立了服务中心{i}。" for i in range(n))
        org = Entity("o1", "ORG", "甲乙区工商联",
                     mentions=[Mention("d1", m.start(), m.end(), "甲乙区工商联")
                               for m in re.finditer("甲乙区工商联", text)])
        events, at = [], 0
        for i in range(n):
            s = text.index("年", at) - 4
            e = text.index("。", s) + 1
            year = 2000 + i % 20
            events.append(Event(f"e{i}", "d1", None, {"value": str(year), "granularity": "year",
                                                      "start": f"{year}-01-01", "end": f"{year + 1}-01-01"},
                                "成立", "成立服务中心", s, e, participants=[Participant("o1", "agent")],
                                kind="founding"))
            at = e
        return Extraction(documents=[Document("d1", text)], entities=[org], events=events)

    small, big = make(150), make(3000)
    render.page_data(small)
    t0 = time.perf_counter()
    render.page_data(small)
    t1 = time.perf_counter()
    render.page_data(big)
    t2 = time.perf_counter()
    assert (t2 - t1) < 60 * max(t1 - t0, 1e-3)


# ---------------------------------------------------------------------------------------------
# The network
# ---------------------------------------------------------------------------------------------

def test_network_from_the_events(data, extraction):
    net = data["network"]
    ids = {n["id"] for n in net["nodes"]}
    assert ids == {e.id for e in extraction.events} | {"o1", "o2", "o3", "p1", "l1"}
    by_id = {n["id"]: n for n in net["nodes"]}
    assert by_id["o1"]["degree"] == 4 and by_id["o3"]["degree"] == 1
    assert by_id["o1"]["size"] > by_id["o2"]["size"] > by_id["o3"]["size"]
    assert {n["type"]: n["colour"] for n in net["nodes"]} == render.TYPE_COLOURS
    assert by_id["o1"]["label"] == "甲乙区工商联"
    for n in net["nodes"]:
        assert -1.0 <= n["x"] <= 1.0 and -1.0 <= n["y"] <= 1.0
    edges = {frozenset((net["nodes"][i]["id"], net["nodes"][j]["id"])) for i, j in net["edges"]}
    assert frozenset(("e3", "o2")) in edges and len(edges) == 9


def test_network_layout_is_deterministic(extraction):
    assert render.network_layout(extraction) == render.network_layout(synthetic_extraction())


def test_network_from_a_graph(extraction):
    nx = pytest.importorskip("networkx")
    g = nx.MultiDiGraph()
    g.add_node("doc:d1", type="document", label="甲乙区工商联扎实工作")
    g.add_node("org:甲乙区工商联", type="org", entity="o1", label="甲乙区工商联")
    g.add_node("org:丙丁商会", type="org", entity="o2", label="丙丁商会")
    g.add_node("event:d1:3", type="event", event="e3", label="签订协议")
    g.add_node("x9", type="topic", label="园区建设")
    g.add_edge("event:d1:3", "org:甲乙区工商联", key="p1", type="participant", role="agent")
    g.add_edge("event:d1:3", "org:丙丁商会", key="p2", type="participant", role="partner")
    g.add_edge("event:d1:3", "org:丙丁商会", key="p3", type="participant", role="mentioned")
    g.add_edge("org:丙丁商会", "x9", key="r1", type="related")
    g.add_edge("org:甲乙区工商联", "org:甲乙区工商联", key="self")   # a self-loop is not drawn
    g.add_edge("org:甲乙区工商联", "doc:d1", key="m1", type="mentioned_in")  # documents left out
    g.add_edge("event:d1:3", "x9", key="n1", type="next")               # the time chain left out
    net = render.network_layout(extraction, g)
    by_id = {n["id"]: n for n in net["nodes"]}
    assert set(by_id) == {"o1", "o2", "e3", "x9"}       # drawn with extraction ids: clicks link
    assert by_id["x9"]["label"] == "园区建设" and by_id["x9"]["type"] == "TOPIC"
    assert by_id["o1"]["label"] == "甲乙区工商联" and by_id["o1"]["type"] == "ORG"
    assert by_id["o2"]["degree"] == 2 and by_id["o1"]["degree"] == 1 and by_id["e3"]["degree"] == 2
    assert len(net["edges"]) == 3


def test_network_from_build_graph_matches_the_extraction(extraction):
    from timeline.graph import build_graph

    from_graph = render.network_layout(extraction, build_graph(extraction))
    alone = render.network_layout(extraction)
    assert {n["id"]: n["type"] for n in from_graph["nodes"]} == {n["id"]: n["type"] for n in alone["nodes"]}
    assert {n["id"]: n["degree"] for n in from_graph["nodes"]} == {n["id"]: n["degree"] for n in alone["nodes"]}


def test_empty_extraction_renders():
    page = render.render_html(Extraction(), cdn=True)
    data = _embedded(page)
    assert data["ev"]["id"] == [] and data["network"]["nodes"] == [] and data["network"]["edges"] == []
    assert data["summary"] == "0 documents · 0 events (0 on the time axis) · 0 organisations"
    assert data["title"] == "Timeline"


# ---------------------------------------------------------------------------------------------
# The file
# ---------------------------------------------------------------------------------------------

def _embedded(page: str):
    m = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', page, re.S)
    assert m, "the page carries its data in a JSON script element"
    return json.loads(m.group(1))


def test_chinese_labels_come_through_unchanged(page):
    assert "召开专题会议" in page
    assert "甲乙区工商联" in page
    assert '<meta charset="utf-8">' in page
    assert "<title>甲乙区工商联扎实工作</title>" in page


def test_page_language_follows_the_documents(extraction, page):
    assert '<html lang="zh">' in page
    hant = replace(extraction.documents[0], script="Hant")
    assert '<html lang="zh-Hant">' in render.render_html(replace(extraction, documents=[hant]), cdn=True)
    other = Document("d2", "It was founded in 2014.", language="en")
    both = replace(extraction, documents=extraction.documents + [other])
    assert '<html lang="und">' in render.render_html(both, cdn=True)


def test_chrome_organisations_are_not_counted(extraction):
    footer = Entity("o9", "ORG", "某某科技发展有限公司", attributes={"chrome": True})
    data = render.page_data(replace(extraction, entities=extraction.entities + [footer]))
    assert data["stats"]["organisations"] == 3


def test_embedded_data_round_trips(page, data):
    assert _embedded(page) == {**json.loads(json.dumps(data)), "webgl": False}


def test_a_large_page_carries_its_data_compressed(extraction, monkeypatch):
    import base64
    import gzip

    monkeypatch.setattr(render, "COMPRESS_FROM_CHARS", 100)
    page = render.render_html(extraction, cdn=True)
    m = re.search(r'<script type="application/json" id="timeline-data" data-encoding="gzip">'
                  r'([A-Za-z0-9+/=]+)</script>', page)
    assert m
    assert json.loads(gzip.decompress(base64.b64decode(m.group(1))))["title"] == "甲乙区工商联扎实工作"


def test_text_cannot_break_out_of_the_page(extraction):
    evil = "</script><script>alert(1)</script>&<b>"
    doc = replace(extraction.documents[0], title=evil)
    ev = replace(extraction.events[0], title=evil)
    x = replace(extraction, documents=[doc], events=[ev] + extraction.events[1:])
    page = render.render_html(x, cdn=True)
    assert "<script>alert(1)" not in page
    assert "<title>&lt;/script&gt;" in page
    data = _embedded(page)
    assert data["title"] == evil and render.event_records(data)[0]["title"] == evil


def test_plotly_is_inline_by_default_and_the_page_is_small_enough(page):
    assert not re.search(r"<script[^>]*\bsrc=", page)      # nothing loaded from elsewhere
    assert "plotly.js (basic - minified) v" in page           # the basic bundle, inline
    size = len(page.encode("utf-8"))
    assert size <= 2 * 1024 * 1024, size
    assert not re.search(r"<!--@\w+@-->|/\*@\w+@\*/", page)


def test_without_the_basic_bundle_the_full_plotly_bundle_is_inlined(extraction, monkeypatch, tmp_path):
    from plotly.offline import get_plotlyjs_version

    monkeypatch.setattr(render, "PLOTLY_BASIC", tmp_path / "absent.js")
    page = render.render_html(extraction)
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert "(basic - minified)" not in page and "Plotly" in page
    assert 4_000_000 < len(page.encode("utf-8")) <= 5 * 1024 * 1024
    cdn = render.render_html(extraction, cdn=True)
    assert f'src="https://cdn.plot.ly/plotly-{get_plotlyjs_version()}.min.js"' in cdn


def test_cdn_page_loads_the_same_plotly_from_the_cdn(extraction):
    page = render.render_html(extraction, cdn=True)
    header = render.PLOTLY_BASIC.read_text(encoding="utf-8")[:400]
    version = re.search(r"\(basic - minified\) v(\S+)", header).group(1)
    assert f'<script src="https://cdn.plot.ly/plotly-basic-{version}.min.js" charset="utf-8"></script>' in page
    assert len(page.encode("utf-8")) < 200_000


def test_the_page_is_written_as_utf8_whatever_the_locale(extraction, tmp_path, monkeypatch):
    """render returns the page; the caller writes it (``export.atomic_write``, as ``cli build`` does)."""
    import locale

    from timeline import export

    monkeypatch.setattr(locale, "getpreferredencoding", lambda *a, **k: "ascii")
    out = export.atomic_write(tmp_path / "sub" / "timeline.html", render.render_html(extraction, cdn=True))
    assert out == tmp_path / "sub" / "timeline.html"
    assert out.read_bytes().decode("utf-8") == render.render_html(extraction, cdn=True)
    assert not list(out.parent.glob(".*.tmp"))


def test_each_event_says_where_it_is_written(data):
    rec = _events(data)["e2"]
    assert rec["span"] == [TEXT.index("今年4月"), TEXT.index("专题会议。") + 5]
    assert data["docs"]["title"][rec["doc"]] == "甲乙区工商联扎实工作"
    assert data["docs"]["path"][rec["doc"]] == "seed.txt"


def test_an_event_without_date_shows_its_time_expression_unplaced(extraction):
    """Render does no calendar arithmetic: without ``Event.date`` (which the events stage always
    gives a dated event) the time expression's value is shown, and the event listed, not drawn."""
    ev = replace(extraction.events[1], date=None)           # timex t2: 2017-04
    got = render.event_records(render.page_data(replace(extraction, events=[ev])))[0]
    assert (got["cls"], got["x0"], got["x1"], got["value"]) == ("none", None, None, "2017-04")


def test_an_event_of_an_unknown_document_shows_its_sentence(extraction):
    ev = replace(extraction.events[1], doc="d9")
    got = render.event_records(render.page_data(replace(extraction, events=[ev])))[0]
    assert got["src"] == ev.sentence and got["marks"] == []
    assert got["document"] == "d9"


_LAYOUT_SCRIPT = """
import networkx as nx
from timeline.render import _packed_layout
h = nx.Graph()
h.add_nodes_from(f"n{i}" for i in range(12))
h.add_edges_from([("n0", "n1"), ("n1", "n2"), ("n2", "n3"), ("n3", "n0"), ("n0", "n4"), ("n5", "n6"),
                  ("n6", "n7"), ("n7", "n8"), ("n8", "n5"), ("n9", "n10"), ("n10", "n11")])
print(sorted((k, round(float(x), 6), round(float(y), 6)) for k, (x, y) in _packed_layout(h).items()))
"""


def test_the_network_layout_does_not_depend_on_the_hash_seed():
    """Each component is laid out from a graph built in sorted order, not from ``h.subgraph(comp)``
    (whose node order follows a set, so PYTHONHASHSEED)."""
    import os
    import subprocess
    import sys

    runs = {subprocess.run([sys.executable, "-c", _LAYOUT_SCRIPT], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(runs) == 1
