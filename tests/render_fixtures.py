"""A small synthetic extraction for the page tests, built from ``timeline.model`` alone (so the
render tests do not depend on the other stages): events at year, month and day precision, a
duration, a date given as the integer 2014, a point whose start equals its end, and an undated
mention; Chinese labels throughout."""
from __future__ import annotations

from timeline.model import Document, Entity, Event, Extraction, Mention, Participant, Timex

TEXT = (
    "2014年,甲乙区工商联成立了甲乙区服务中心。"
    "今年4月,甲乙区工商联召开专题会议。"
    "今年7月13日,甲乙区工商联与丙丁商会签订协议。"
    "近三年来,会员企业共捐赠1500余万元。"
    "某月,丙丁商会考察园区。"
    "2015年,王五到访甲乙区。"
)


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(needle, i + 1)
    return i, i + len(needle)


def _mentions(name: str) -> list[Mention]:
    out, i = [], TEXT.find(name)
    while i >= 0:
        out.append(Mention("d1", i, i + len(name), name))
        i = TEXT.find(name, i + 1)
    return out


def _clause(first: str, last: str) -> tuple[int, int]:
    s = TEXT.index(first)
    return s, TEXT.index(last, s) + len(last)


def synthetic_extraction() -> Extraction:
    """One document, six events (five dated, one undated), four entities."""
    doc = Document(id="d1", text=TEXT, dct="2017-08-28", title="甲乙区工商联扎实工作", path="seed.txt")
    tx = []
    for i, (needle, typ, value, mod) in enumerate([
        ("2014年", "DATE", "2014", None),
        ("今年4月", "DATE", "2017-04", None),
        ("今年7月13日", "DATE", "2017-07-13", None),
        ("近三年来", "DURATION", "P3Y", None),
        ("某月", "DATE", "XXXX-XX", None),
        ("2015年", "DATE", "2015", None),
    ], start=1):
        s, e = _span(TEXT, needle)
        tx.append(Timex(f"t{i}", "d1", needle, s, e, typ, value, mod))
    org1 = Entity("o1", "ORG", "甲乙区工商联", aliases=["区工商联"], mentions=_mentions("甲乙区工商联"))
    org2 = Entity("o2", "ORG", "丙丁商会", mentions=_mentions("丙丁商会"))
    org3 = Entity("o3", "ORG", "甲乙区服务中心", mentions=_mentions("甲乙区服务中心"))
    per = Entity("p1", "PER", "王五", mentions=_mentions("王五"))
    loc = Entity("l1", "LOC", "甲乙区", mentions=[m for m in _mentions("甲乙区")
                                                 if TEXT[m.end:m.end + 1] not in "工服"])

    def ev(n, t, date, trigger, title, first, last, parts, kind):
        s, e = _clause(first, last)
        ts = TEXT.index(trigger, s)
        return Event(f"e{n}", "d1", t, date, trigger, title, s, e,
                     participants=[Participant(a, b) for a, b in parts], kind=kind,
                     trigger_span=(ts, ts + len(trigger)), sentence=TEXT[s:e])

    events = [
        # the integer value 2014: the year 2014, not 1970
        ev(1, "t1", {"value": 2014, "mod": None, "granularity": "year", "start": "2014-01-01", "end": "2015-01-01"},
           "成立", "甲乙区工商联成立甲乙区服务中心", "2014年", "服务中心。",
           [("o1", "agent"), ("o3", "patient")], "founding"),
        ev(2, "t2", {"value": "2017-04", "mod": None, "granularity": "month",
                     "start": "2017-04-01", "end": "2017-05-01"},
           "召开", "召开专题会议", "今年4月", "专题会议。", [("o1", "agent")], "meeting"),
        ev(3, "t3", {"value": "2017-07-13", "mod": None, "granularity": "day",
                     "start": "2017-07-13", "end": "2017-07-14"},
           "签订", "甲乙区工商联与丙丁商会签订协议", "今年7月13日", "协议。",
           [("o1", "agent"), ("o2", "partner")], "agreement"),
        ev(4, "t4", {"value": "P3Y", "mod": None, "granularity": "interval",
                     "start": "2014-08-28", "end": "2017-08-28"},
           "捐赠", "会员企业共捐赠1500余万元", "近三年来", "万元。", [("o1", "agent")], "donation"),
        ev(5, "t5", {"value": "XXXX-XX", "mod": None, "granularity": "month", "start": None, "end": None},
           "考察", "丙丁商会考察园区", "某月", "园区。", [("o2", "agent")], "visit"),
        # start == end: must still be drawn (as a marker)
        ev(6, "t6", {"value": "2015", "mod": None, "granularity": "day",
                     "start": "2014-01-01", "end": "2014-01-01"},
           "到访", "王五到访甲乙区", "2015年", "甲乙区。", [("p1", "agent"), ("l1", "location")], "visit"),
    ]
    return Extraction(documents=[doc], timexes=tx, entities=[org1, org2, org3, per, loc], events=events)
