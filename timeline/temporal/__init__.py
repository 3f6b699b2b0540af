"""Temporal tagging: time expressions found and normalised to TIMEX3, anchored on the DCT.

Public API::

    tag(text, *, dct, lang, doc_id) -> list[Timex]
    interval(value, mod=None) -> (start_iso | None, end_iso | None, granularity)
    event_date(timex, dct, finish=None) -> {"value", "mod", "granularity", "start", "end"}
    duration_interval(value, dct) -> (start_iso | None, end_iso | None)
    pair_ranges(text, timexes, connectors) -> {begin id: end point Timex}
    load_rules(lang) -> RuleSet          # validated rule tables (raises RuleError)

Design (HeidelTime, Strötgen & Gertz 2013): per-language rule tables in
``timeline/resources/<lang>/temporal/`` (see ``rules``), one language-neutral engine (``engine``)
that emits underspecified values, and an anchoring pass (``anchoring``) that resolves them on
the document creation time or on the previously mentioned date. Calendar arithmetic on the
values found (``intervals``, ``calendar``) is here too: the event stage asks it for the
interval an event date spans.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, timedelta

from ..model import Timex
from ..resources import path
from ..text import load_rules as text_rules
from ..text import word_run, written_in
from ..text.segment import char_class
from ..text.words import ending_word
from .anchoring import (
    floating_date,
    lunar_to_gregorian,
    parse_anchor,
    parse_dct,
    resolve,
    resolve_same_period,
    undated_anchor,
)
from .calendar import duration_interval, event_date, pair_ranges
from .engine import find
from .intervals import interval
from .rules import RuleError, RuleSet, load_rules

__all__ = ["tag", "stated_today", "interval", "event_date", "duration_interval", "pair_ranges", "load_rules",
           "RuleError", "RuleSet"]


_CLOCK = re.compile(r"T(\d{2}):(\d{2})(?::(\d{2}))?")


def _duration_between(begin: str, finish: str) -> str:
    """TIMEX3 value of a range from its end points.

    Calendar end points include the finish period: ``2014``..``2016`` -> ``P3Y``, ``1月``..``5月``
    -> ``P5M``, ``6月1日``..``6月30日`` -> ``P30D``, counted in the coarser unit of the two.
    Clock times are points: ``17:15``..``18:00`` -> ``PT45M``, ``17:55:23``..``18:33:02`` ->
    ``PT37M39S``. ``PXY``/``PXD`` when unknown, or when the finish lies before the begin point
    (never a negative duration).
    """
    a, b = parse_anchor(begin), parse_anchor(finish)
    if a is None or b is None:
        return "PXY" if len(begin) == 4 else "PXD"
    t1, t2 = _CLOCK.search(begin), _CLOCK.search(finish)
    if t1 and t2:
        (d1, _), (d2, _) = a, b
        seconds = (d2 - d1).days * 86400 + sum(
            (int(t2[i] or 0) - int(t1[i] or 0)) * k for i, k in ((1, 3600), (2, 60), (3, 1)))
        if seconds < 0:
            return "PXD"
        h, rest = divmod(seconds, 3600)
        mi, sec = divmod(rest, 60)
        parts = (f"{h}H" if h else "") + (f"{mi}M" if mi else "") + (f"{sec}S" if sec else "")
        return "PT" + (parts or "0M")
    start, end = interval(begin)[0], interval(finish)[1]
    if not start or not end:
        return "PXD"
    d1, d2 = date.fromisoformat(start[:10]), date.fromisoformat(end[:10])
    if d2 <= d1:
        return "PXD"
    if len(begin) == 4 and len(finish) == 4:
        return f"P{d2.year - d1.year}Y"
    if min(a[1], b[1]) <= 2 and d1.day == 1 and d2.day == 1:
        return f"P{(d2.year - d1.year) * 12 + d2.month - d1.month}M"
    return f"P{(d2 - d1).days}D"


def _after(begin: str | None, finish: str | None, under: str | None) -> str | None:
    """A range end completed from context that falls before its start moves on: a month one
    year (``8月至2月``: February of the next year), a clock time one day (``下午5:00到凌晨3:00``:
    3 o'clock the next morning)."""
    a, b = parse_anchor(begin), parse_anchor(finish)
    if not (a and b and under and begin is not None and finish is not None and finish[:4].isdigit()):
        return finish
    if b[0] < a[0] and under.startswith("UNDEF-year-"):
        return f"{int(finish[:4]) + 1:04d}" + finish[4:]
    t1, t2 = _CLOCK.search(begin), _CLOCK.search(finish)
    if b[0] == a[0] and t1 and t2 and under.startswith("UNDEF-day") and t2.group(0) < t1.group(0):
        try:
            return (b[0] + timedelta(days=1)).isoformat() + finish[10:]
        except OverflowError:
            return finish
    return finish


def _not_before(value: str, under: str, first: date) -> str:
    """The end of a pair of dates completed from its start never falls before it: a month one
    year on (``11月至2月``), a day one month on (``30日至2日``)."""
    p = parse_anchor(value)
    if p is None or p[0] >= first:
        return value
    try:
        if under.startswith("UNDEF-year-"):
            return f"{int(value[:4]) + 1:04d}" + value[4:]
        if under.startswith("UNDEF-month-"):
            nxt = date(p[0].year + (p[0].month == 12), p[0].month % 12 + 1, 1)
            out = f"{nxt.year:04d}-{nxt.month:02d}" + value[7:]
            return out if parse_anchor(out) else value
    except (ValueError, OverflowError):
        pass
    return value


_WEEKDAY = re.compile(r"UNDEF-this-week-([1-7](?:T[0-9:]+|T[A-Z]{2})?)")
_CLOCK_ONLY = re.compile(r"UNDEF-day(T\d{2}:\d{2}(?::\d{2})?)")
_TIMETABLE_BACK = 40   # characters read back from an expression to find a timetable label


def _timetable(c, text: str, rs: RuleSet) -> tuple[str, str] | None:
    """``(type, value)`` of a weekday or clock time of a timetable (``context.yaml``
    ``timetable_labels`` earlier in its line and sentence: ``服务时间：週一～週五 09:00-17:30``):
    the weekday recurs (``SET`` ``XXXX-WXX-1``), the clock time names no day (``T09:00``);
    ``None`` for any other expression."""
    weekday = _WEEKDAY.fullmatch(c.value)
    clock = _CLOCK_ONLY.fullmatch(c.value)
    if weekday is None and clock is None:
        return None
    head = text[max(0, c.start - _TIMETABLE_BACK):c.start]
    cut = max(head.rfind(ch) for ch in rs.sentence_end) if rs.sentence_end else -1
    head = head[cut + 1:]
    if not any(w in head for w in rs.timetable_labels):
        return None
    return ("SET", f"XXXX-WXX-{weekday.group(1)}") if weekday else ("TIME", clock.group(1))  # type: ignore[union-attr]


_REF_DAY = re.compile(r"^UNDEF-REF-(?:this-)?day(?![a-z])")
_PARTIAL_MONTH = re.compile(r"^UNDEF-year-(\d{2})(?![\d])")
_OPEN_ENDED = ("BEFORE", "ON_OR_BEFORE")


_HEAD = 40  # characters read back from a date to find its clause start (a dispatch with its
            # reporters' bracket before it: 某某新闻9月6日讯（记者 甲乙 通讯员 丙丁）9月5日，… ~30)


def _opens_clause(text: str, start: int, rs: RuleSet) -> tuple[bool, bool, bool]:
    """Where a date starting at ``start`` stands in its clause: ``(opens, aside, first)``.

    ``opens``: only blanks, one of ``rs.clause_openers`` (``于``) or a dateline ending with one
    of ``rs.clause_opener_endings`` (``本报讯``, ``（记者 王某）``) lie between the clause start
    (the text start or a scan/clause break of ``context.yaml``) and the date; ``aside``: the
    words right before it end with one of ``rs.aside_signals`` (``早在``); ``first``: it opens
    the first clause of its sentence (a scan break or the text start before that clause) and
    no label ending with one of ``rs.label_endings`` (``发布时间：``) introduces it."""
    stops = rs.clause_stops
    lo, i = max(0, start - _HEAD), start
    while i > lo and text[i - 1] not in stops:
        i -= 1
    head = text[i:start].strip()
    opens = (i > lo or lo == 0) and (not head or head in rs.clause_openers
                                     or head.endswith(rs.clause_opener_endings))
    aside = head.endswith(rs.aside_signals)
    first = opens and (i == 0 or text[i - 1] in rs.scan_breaks) \
        and not (rs.label_endings and head.endswith(rs.label_endings))
    return opens, aside, first


def _planned(text: str, start: int, rs: RuleSet) -> bool:
    """True when one of ``rs.future_signals`` (预定, 预计, 将于) stands right before ``start``:
    the date is a plan, seen from the DCT."""
    return bool(rs.future_signals) and text[max(0, start - 6):start].rstrip().endswith(rs.future_signals)


def _open_ended(text: str, start: int, end: int, mod: str | None, rs: RuleSet) -> bool:
    """True when a date is an open-ended bound (``截至10月底``, ``10月底前``): its ``mod`` or a
    signal word next to it points before it, so later months may lie within it."""
    if mod in _OPEN_ENDED:
        return True
    return text[max(0, start - 6):start].rstrip().endswith(rs.open_before) \
        or text[end:end + 6].lstrip().startswith(rs.open_after)


UNKNOWN_DAY = (date.min, 3)
"""The narrative's day when the story dates itself only by a word of ``rs.unknown_days``
(``日前，…举行。当天…``): ``当天`` and a clock time without a date then keep ``X`` for the day.
Told apart by identity (a DCT of 0001-01-01 is no unknown day); earlier than any date, so that
a later day-level date replaces it."""


def _in_first_clause(text: str, start: int, rs: RuleSet) -> bool:
    """True when no clause break of ``rs.clause_stops`` but a sentence end (``rs.scan_breaks``)
    or the text start stands within ``_HEAD`` characters before ``start`` (``某公司日前召开…``,
    ``本报讯 日前，…``)."""
    lo, i = max(0, start - _HEAD), start
    while i > lo and text[i - 1] not in rs.clause_stops:
        i -= 1
    return i == 0 or (i > lo and text[i - 1] in rs.scan_breaks)


class _NarrativeDay:
    """The day ``同日``/``当天``/``次日`` and a clock time without a date refer to, kept up to date
    as the dates of a text are mentioned (constant work each, so tagging stays linear).

    The latest day-level date that opens a sentence (``昨天开庭的5件案件…``), else the latest
    that opens a clause, is the narrative's day; a later-mentioned day-level date replaces it
    only when it is not earlier in time (a plan: ``会议决定于12月12日举办年会``) and no aside
    signal precedes it: an earlier date is a historical aside (``12月17日上午，仪式举行。…早在
    2019年1月25日就已注册。同日，…``: the 17th; ``昨天开庭的案件…。后经申请，2011年2月28日，
    法院追加被告。…参加了当日庭审``: yesterday). A date that opens a sentence only to date a
    report (``6月8日，记者从公司获悉，6月7日，…``) hands the narrative to the date reported.
    A story dated only ``日前`` (``unknown``) has an unknown day until a day-level date follows.
    See ``_opens_clause``."""

    def __init__(self, text: str, rs: RuleSet) -> None:
        self.text, self.rs = text, rs
        self.modes: list[list[tuple | None]] = [[None, None], [None, None]]  # [opening day, later day]
        self.latest: tuple | None = None           # the latest day-level date
        self.latest_end: int | None = None         # where it ends (None: unknown)

    def add(self, p: tuple, start: int, end: int | None = None) -> None:
        """Note the date ``p`` (``(first day, precision)``) mentioned at ``start:end``."""
        if p[1] < 3:
            return
        opens, aside, first = _opens_clause(self.text, start, self.rs)
        if opens and not first and self._reports(start):
            first = True  # 6月8日，记者从公司获悉，6月7日，…: the 7th is the narrative's day
        self.latest, self.latest_end = p, end
        for mode, hit in zip(self.modes, (first, opens), strict=True):
            if hit:
                mode[0], mode[1] = p, None
            elif mode[0] is not None and not aside and p[0] >= mode[0][0]:
                mode[1] = p

    def _reports(self, start: int) -> bool:
        """True when the sentence-opening narrative day was mentioned just before ``start`` in
        the same sentence, followed by a reporting clause (``记者…获悉``: ``reporting_verbs`` of
        ``context.yaml``): it dates the report, the date at ``start`` the event reported."""
        k, end = self.modes[0][0], self.latest_end
        if k is None or k is not self.latest or end is None or not self.rs.reporting_verbs:
            return False
        between = self.text[end:start]
        return not any(c in self.rs.scan_breaks for c in between) \
            and between.rstrip(" \t，,：:").endswith(self.rs.reporting_verbs)

    def unknown(self, start: int, end: int) -> None:
        """Note a word of ``rs.unknown_days`` (``日前``) at ``start:end``: in the first clause of
        its sentence it dates the story on a day it does not name, which becomes the narrative's
        day (``UNKNOWN_DAY``, earlier than any) until a later day-level date replaces it as
        ``add`` says (``近日，…调解。…于今年5月31日起诉。立案次日``: 1 June)."""
        if not _in_first_clause(self.text, start, self.rs):
            return
        self.latest, self.latest_end = UNKNOWN_DAY, end
        self.modes = [[UNKNOWN_DAY, None], [UNKNOWN_DAY, None]]

    def day(self) -> tuple | None:
        """The narrative's day (``UNKNOWN_DAY`` after ``unknown``); without a clause-opening
        day-level date, the latest day-level date; ``None`` before any."""
        for k, later in self.modes:
            if k is not None:
                return later or k
        return self.latest

    def opening(self) -> bool:
        return any(k is not None for k, _ in self.modes)


def _narrative_day(history: list[tuple], starts: list[int], text: str, rs: RuleSet):
    """The day ``同日``/``当天``/``次日`` refer to (``_NarrativeDay``), as a one-element history;
    without a clause-opening day-level date, ``history`` as is. ``history``: the dates
    mentioned so far as ``(first day, precision)``, oldest first; ``starts``: where each of
    them starts in ``text``."""
    nd = _NarrativeDay(text, rs)
    for p, start in zip(history, starts, strict=True):
        nd.add(p, start)
    return [nd.day()] if nd.opening() else history


_TENSED = re.compile(r"-(tense|cued)-")
_DIRECTED_VALUE = re.compile(r"^UNDEF-(?:past|future|closest)-year")
_YEAR_DEICTIC = re.compile(r"^UNDEF-(?:this-year|nearest-year|year-(?:MINUS|PLUS)-\d+)(?:-|$)")
"""A value counted in years from the DCT (``今年``, ``去年``, ``明年4月``, ``新的一年``): without a
DCT, counted from the page's latest written year (``_page_year``)."""
_TENSE_WINDOW = 160  # characters read either side of a time expression for tense cues


def _tense(text: str, start: int, end: int, ends: list[int], rs: RuleSet) -> str | None:
    """The tense of the sentence holding ``text[start:end]``: that of the cue of
    ``rs.tense_cues`` nearest the expression (``said Friday``: past; ``will meet Friday``:
    future), else ``None``. ``ends``: the sentence-end offsets."""
    if rs.tense_cues is None:
        return None
    lo, hi = _sentence_window(text, start, end, ends)
    best, tense = None, None
    for m in rs.tense_cues.finditer(text, lo, hi):
        if start <= m.start() < end or start < m.end() <= end:
            continue  # a cue inside the expression itself
        dist = start - m.end() if m.end() <= start else m.start() - end
        if best is None or dist < best:
            best, tense = dist, m.lastgroup
    return tense


def _sentence_window(text: str, start: int, end: int, ends: list[int]) -> tuple[int, int]:
    """The sentence holding ``text[start:end]``, cut to ``_TENSE_WINDOW`` characters either side."""
    i = bisect_left(ends, start)
    lo = ends[i - 1] + 1 if i else 0
    hi = ends[i] if i < len(ends) else len(text)
    return max(lo, start - _TENSE_WINDOW), min(hi, end + _TENSE_WINDOW)


def _certain_future(text: str, start: int, end: int, ends: list[int], rs: RuleSet) -> bool:
    """True when a cue of ``rs.certain_future`` (``will``) stands in the sentence of the expression."""
    if rs.certain_future is None:
        return False
    lo, hi = _sentence_window(text, start, end, ends)
    return rs.certain_future.search(text, lo, hi) is not None


def _ends_period(text: str, start: int, rs: RuleSet) -> bool:
    """True when a word of ``rs.period_end_signals`` stands right before ``start`` (``the quarter
    ended Sept. 30``): the date ends a period named before it, and what later refers back
    (``a year earlier``, ``the year-ago quarter``) means that period, not the day."""
    return bool(rs.period_end_signals) and ending_word(text[max(0, start - 24):start],
                                                       rs.period_end_signals) is not None


def _direct(c, text: str, ends: list[int], rs: RuleSet) -> None:
    """Turn the ``-tense-`` and ``-cued-`` of the values of candidate ``c`` into the direction
    its sentence gives (``_tense``, ``_certain_future``), in place."""
    direction = {"tense": _tense(text, c.start, c.end, ends, rs) or rs.tense_default,
                 "cued": "future" if _certain_future(text, c.start, c.end, ends, rs) else "closest"}

    def fill(v: str | None) -> str | None:
        return v and _TENSED.sub(lambda m: f"-{direction[m.group(1)]}-", v)

    c.value, c.begin, c.finish = fill(c.value) or "", fill(c.begin), fill(c.finish)


def _embedded(text: str, found: list[Timex], dct: str | None, langs: tuple[str, ...],
              doc_id: str) -> list[Timex]:
    """Time expressions of the lines of ``text`` written in the script of a language of ``langs``
    (``text.written_in``: half their visible characters or more are letters of that language's
    text table, an English paragraph of a Chinese page), tagged with that language's rules and
    kept where they overlap nothing in ``found``; offsets are into ``text``."""
    letters = {}
    for other in langs:
        table = text_rules(other)
        if table is not None and word_run(table.script.letters).search(text):
            letters[other] = table.script.letters
    if not letters:
        return []
    out: list[Timex] = []
    taken = bytearray(len(text))      # code points of the expressions found (a mask: comparing each
    for f in found:                   # new one with every one found was quadratic)
        taken[f.start:f.end] = b"\x01" * (f.end - f.start)
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        for other, rx in letters.items():
            if not written_in(line, rx):
                continue
            for t in tag(line, dct=dct, lang=other, doc_id=doc_id):
                t.start, t.end = t.start + start, t.end + start
                if taken.find(1, t.start, t.end) < 0:
                    out.append(t)
                    taken[t.start:t.end] = b"\x01" * (t.end - t.start)
    return out


_WRITTEN_YEAR = re.compile(r"^\d{4}(?:$|-)")
_WRITTEN_DAY_OR_MONTH = re.compile(r"^\d{4}-\d\d")


def _page_year(found: list, text: str, rs: RuleSet) -> tuple[date, int] | None:
    """The year of a page without a DCT, as ``(1 January, precision 1)``: the latest year written
    in full by a date of month precision or finer (``2022年1月17日``; a value that was no
    ``UNDEF``), else by any DATE (``2022年``), else ``None``. News tells its latest dates; an
    earlier year is background (``2021年7月签署…，2022年1月17日获批``); a year inside quoted words
    (``text.yaml: speech_quotes``: ``「我于1998年加入…」``) is the speaker's, never the page's."""
    quoted = _quoted(text, rs)
    found = [c for c in found if not quoted[c.start]]
    fine = [int(c.value[:4]) for c in found if c.type in ("DATE", "TIME") and c.begin is None
            and _WRITTEN_DAY_OR_MONTH.match(c.value or "")]
    bare = [int(c.value[:4]) for c in found if c.type == "DATE" and c.begin is None
            and _WRITTEN_YEAR.match(c.value or "")]
    year = max(fine or bare, default=0)
    return (date(year, 1, 1), 1) if year else None


def _quoted(text: str, rs: RuleSet) -> bytearray:
    """Per offset of ``text``: 1 inside quoted speech (the quotes of the text table, ``text.yaml:
    speech_quotes``, not across a line end, holding a sentence end: ``「…加入。」``; a quoted name
    ``「2022年某论坛」`` is none), else 0. One pass over the quotes and line breaks."""
    out = bytearray(len(text))
    table = text_rules(rs.lang)
    closer = {q: table.closers[q] for q in table.speech_open} if table is not None else {}
    if not closer:
        return out
    ends = [m.start() for m in rs.sentence_end_re.finditer(text)] if rs.sentence_end_re else []
    want, start = None, 0
    for m in char_class("\n" + "".join(closer) + "".join(closer.values())).finditer(text):
        i, ch = m.start(), m.group()
        if want is None and ch in closer:
            want, start = closer[ch], i
        elif want is not None and (ch == want or ch == "\n"):
            k = bisect_left(ends, start)
            if ch == want and k < len(ends) and ends[k] < i:
                out[start:i + 1] = b"\x01" * (i + 1 - start)
            want = None
    return out


DISPATCH_DAYS = 3
"""How many days before the page's date a dispatch may be dated and still be the story's day."""


_THIS_DAY = "UNDEF-this-day"
_FULL_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")


def stated_today(timexes: list[Timex], text: str, lang: str) -> Timex | None:
    """The date a text states as its own day, for a page without a DCT: the first full date in
    apposition to a deictic today (``今日（8月8日）宣布``: the brackets of ``context.yaml``
    ``apposition_opens``/``apposition_closes``), as ``tag`` resolved it without a DCT (its year
    written or read from the text); ``None`` without one. ``timexes``: ``tag``'s output for
    ``text``, in text order. Source: the news convention of dating 今日 in brackets."""
    if not path(lang, "temporal").is_dir():
        return None
    rs = load_rules(lang)
    if not rs.apposition_opens:
        return None
    for a, b in zip(timexes, timexes[1:], strict=False):
        if a.underspecified == _THIS_DAY and _FULL_DAY.match(b.value or "") \
                and text[a.end:b.start] in rs.apposition_opens and text.startswith(rs.apposition_closes, b.end):
            return b
    return None


def _dispatch_day(text: str, end: int, day: date, dct: date | None, rs: RuleSet) -> date | None:
    """``day`` when the date ending at ``end`` is a dispatch's (``context.yaml: dispatch_ends``
    right after it: ``本报兰州3月19日讯``) of the page's date or up to ``DISPATCH_DAYS`` before it,
    else ``None``. Source: the news convention that a dispatch's 今天 is its own day."""
    if not rs.dispatch_ends or dct is None or not text.startswith(rs.dispatch_ends, end):
        return None
    return day if 0 <= (dct - day).days <= DISPATCH_DAYS else None


_SPEECH_DEICTIC = re.compile(r"^UNDEF-(?:this-(?:day|week|month|year)|(?:day|year)-(?:PLUS|MINUS)-\d+)(?![a-z-])")
"""A value counted from the DCT that a speaker's words count from the day they were said."""


def _speech_day(text: str, start: int, day: tuple | None, dct: date | None, rs: RuleSet) -> date | None:
    """The narrative's ``day`` when the time expression at ``start`` opens a speaker's words
    (``context.yaml: speech_verbs`` then ``speech_marks``: ``许某表示，今天是…``) and that day
    is 1 to ``DISPATCH_DAYS`` days before ``dct``; else ``None``. Source: the genre's reports
    published the day after a ceremony, quoting what was said at it."""
    if not rs.speech_verbs or dct is None or day is None or day is UNKNOWN_DAY or day[1] < 3 \
            or not 1 <= (dct - day[0]).days <= DISPATCH_DAYS:
        return None
    j = start
    while j > 0 and start - j < 4 and (text[j - 1] in rs.speech_marks or text[j - 1] in " \t"):
        j -= 1
    if j == start or not text.endswith(rs.speech_verbs, 0, j):
        return None
    return day[0]


def tag(text: str, *, dct: str | None, lang: str, doc_id: str, script: str | None = None) -> list[Timex]:  # noqa: C901 - steps of the module docstring in one loop
    """Find and normalise the time expressions of ``text``.

    ``dct``: document creation time ``YYYY-MM-DD`` (or ``None``: relative values then keep
    ``X`` placeholders such as ``XXXX-04``, anchor ``none``); ``lang``: a resource folder
    (``zh``, ``en``); ``doc_id`` is copied into each ``Timex.doc``; ``script``: the document's
    script (``Document.script``, ``Hant``), for the rules of one script's region (ROC years).
    Returns ``Timex`` objects in text order with ids ``t1…``, non-overlapping half-open
    code-point spans (``text[start:end] == timex.text``), TIMEX3 ``type``/``value``/``mod``, the
    rule id, the underspecified value the rule emitted and how it was anchored.
    Anaphora (``同日``, ``次日``) resolve on the narrative's day (``_NarrativeDay``), and so does a
    deictic ``今天``/``今年`` opening a speaker's words when that day is shortly before the DCT
    (``_speech_day``). A partial
    date takes its missing parts from the previous date of its sentence, else: a day (``21日``)
    from the latest date of month precision in its paragraph, a clock time (``下午4时``) from
    the narrative's day, others from the DCT; without a DCT, from the latest date precise enough
    mentioned before (``anchoring.undated_anchor``: a headline's ``2022年`` dates a ``3月30日``
    of the body), else a value missing only its year from the page's latest written year
    (``_page_year``), else they keep ``X`` placeholders; a year counted from the DCT (``去年``,
    ``今年4月``) is then counted from that year (anchor ``previous``); a month after a planning word (``预计3月``) is
    seen from the DCT (a month before the DCT's is next year's), also after a deictic past
    year in its sentence (``去年签约，预定10月底完成``). A pair of dates (``7月至12月``) has an
    end never before its start (``11月至2月``: the next February). ``去年同期`` compares with the
    previous date and is no new reference itself (a second one does not drift). A partial
    month (``5月``) completed from an earlier date of the same sentence whose period starts
    later in the year (``2020年第四季度…，5月…``) falls in the next year, narrative order
    (not after an open-ended date: ``截至10月底…5月`` stays in that year; nor after a date
    later than the DCT: ``七一前夕，6月27日…`` written on 28 June is that June).
    A recurring period named without its year or week (``UNDEF-tense-…``: ``Friday``;
    ``UNDEF-cued-…``: ``November 10``) takes the occurrence the sentence's tense points to
    (``context.yaml`` ``tense``: the cue nearest the expression), or the nearest one; such a
    month takes the year written earlier in its sentence (``anchoring.resolve_directed``).
    A date ending a period named before it (``context.yaml`` ``period_end_signals``: ``the quarter
    ended Sept. 30``) is not remembered as the previous date.
    Lines written in Latin script are also tagged with the rules of the languages listed in
    ``context.yaml`` ``embedded_languages`` (English paragraphs of a Chinese page).
    A language without rule tables gets the absolute dates dateparser reads right
    (``fallback.tag_with_dateparser``).
    Raises ``ValueError`` for a malformed ``dct``, ``RuleError`` when the tables are invalid and
    ``ResourceError`` when neither tables nor dateparser know the language.
    """
    if not path(lang, "temporal").is_dir():
        parse_dct(dct)
        from .fallback import tag_with_dateparser

        return tag_with_dateparser(text, dct=dct, lang=lang, doc_id=doc_id)
    rs = load_rules(lang)
    d = parse_dct(dct)
    previous = None          # (first day, precision) of the last date mentioned
    previous_end = -1        # where it ended, to know whether it is in the same sentence
    previous_written = False  # whether its year was written (not itself completed from context)
    history: list[tuple] = []  # for REF- values: of the dates mentioned so far, the latest of
                               # each precision or finer, oldest first (what ``resolve`` reads
                               # of the whole history, kept short: a REF- value scanning back
                               # over every date would be quadratic, 上周上周…)
    last_value = None          # the value of the last date mentioned (for 同期, the same period)
    last_point = None          # the previous date if a point (start, end, mod) a later partial
                               # month may follow in narrative order, else None
    out: list[Timex] = []
    month: tuple | None = None  # (date, start) of the latest date of month precision or finer
    previous_past_year = False  # the previous date is a year before the DCT's, read on it (去年)

    ends = [m.start() for m in rs.sentence_end_re.finditer(text)] if rs.sentence_end_re else []

    def local(start: int):
        """The previous date if it is in the same sentence as ``start``."""
        if previous is None:
            return None
        i = bisect_left(ends, previous_end)
        return previous if i == len(ends) or ends[i] >= start else None

    def narrative(c) -> tuple | None:
        """The date a partial day or clock time without a date of its own sentence takes its
        missing parts from: for a day (``21日``), the latest date of month precision in the
        same paragraph, not an open-ended bound (``7月20日，…召开业绩会。公司于21日回应``);
        for a time of day (``下午4时``), the narrative's day (``_NarrativeDay``)."""
        if c.value.startswith("UNDEF-month-"):
            if month is not None and bisect_left(newlines, month[1]) == bisect_left(newlines, c.start):
                return month[0]
            return None
        if c.value.startswith("UNDEF-day") and not _REF_DAY.match(c.value):
            return story.day()
        return None

    def remember(p: tuple, start: int, end: int, value: str | None, open_ended: bool = False,
                 anchor: str = "none", written: bool = True) -> None:
        nonlocal previous, previous_end, last_value, previous_past_year, month, history, previous_written
        previous, previous_end, previous_written = p, end, written
        previous_past_year = anchor == "dct" and p[1] == 1 and d is not None and p[0].year < d.year
        if p[1] >= 2 and not open_ended:
            month = (p, start)
        history = [q for q in history if q[1] > p[1]] + [p]
        story.add(p, start, end)
        last_value = value

    newlines = [m.start() for m in re.finditer("\n", text)]
    story = _NarrativeDay(text, rs)   # the narrative's day so far
    dispatched = False                # the story's day (a dispatch's date) has replaced the DCT
    found = find(text, rs, script)
    page_year = _page_year(found, text, rs) if d is None else None
    for c in found:
        if rs.timetable_labels and (hours := _timetable(c, text, rs)) is not None:
            out.append(Timex("", doc_id, text[c.start:c.end], c.start, c.end, hours[0], hours[1], c.mod,
                             c.rule.id, c.value, "none"))
            continue
        if _TENSED.search(f"{c.value}|{c.begin}|{c.finish}"):
            _direct(c, text, ends, rs)
        if c.begin is not None or c.finish is not None:
            begin, a1 = resolve(c.begin, d, history, local(c.start)) if c.begin else (None, "none")
            pa = parse_anchor(begin) or local(c.start)
            finish, a2 = resolve(c.finish, d, pa, pa) if c.finish else (None, "none")
            finish = _after(begin, finish, c.finish)
            value = c.value or _duration_between(begin or "", finish or "")
            anchor = a1 if a1 != "none" else a2
            under = f"{c.begin}/{c.finish}" if "UNDEF" in (c.begin or "") + (c.finish or "") else None
            t = Timex("", doc_id, text[c.start:c.end], c.start, c.end, c.type, value, c.mod,
                      c.rule.id, under, anchor, begin=begin, finish=finish)
            if end_anchor := parse_anchor(finish):
                remember(end_anchor, c.start, c.end, finish, written="UNDEF" not in (c.finish or ""))
                last_point = None
        else:
            same = resolve_same_period(c.value, last_value, d)
            if same:
                value, anchor = same   # a period a year before the one spoken of: not a new
                                       # narrative date (a second 去年同期 does not drift back)
            else:
                earlier = ([story.day()] if story.opening() else history) if _REF_DAY.match(c.value) else history
                loc = local(c.start)
                planned = d is not None and c.value.startswith("UNDEF-year") and _planned(text, c.start, rs)
                if planned and loc is not None and previous_past_year:
                    loc = None  # 去年签约之后，预定10月底完成: the plan is seen from the DCT
                if loc is None:
                    loc = narrative(c)
                unknown_day = loc is UNKNOWN_DAY or (len(earlier) == 1 and earlier[0] is UNKNOWN_DAY)
                if unknown_day:
                    earlier, loc = [], None   # 日前，…举行。当天上午11时许: the day is unknown
                undated = not unknown_day and loc is None and d is None and \
                    (loc := undated_anchor(c.value, history, page_year)) is not None
                # an occurrence chosen by tense or nearness takes the year of a date of its
                # sentence only when that year was written (not itself chosen so)
                loc_year = loc if previous_written or undated or not _DIRECTED_VALUE.match(c.value) else None
                base = None if unknown_day else d
                said = _speech_day(text, c.start, story.day(), d, rs) if _SPEECH_DEICTIC.match(c.value) else None
                value, anchor = resolve(c.value, said or base, earlier, loc_year, rs.future_weight)
                if said is not None and anchor == "dct":
                    anchor = "previous"     # 许某表示，今天是…: the day the words were said
                if anchor == "none" and d is None and page_year is not None and _YEAR_DEICTIC.match(c.value):
                    value = resolve(c.value, page_year[0], [], None)[0]   # 去年 of a page whose
                    anchor = "previous"                                   # latest year is 2022
                if planned and d is not None and anchor == "dct" and _PARTIAL_MONTH.match(c.value) \
                        and value[:7] < d.isoformat()[:7]:
                    value = f"{d.year + 1:04d}" + value[4:]  # 预计3月投产, written in October
                m = _PARTIAL_MONTH.match(c.value)
                if m and anchor == "previous" and last_point and loc is not None and not undated \
                        and value[:4].isdigit() \
                        and int(value[:4]) == loc[0].year and int(m.group(1)) < loc[0].month \
                        and (d is None or loc[0] <= d) and not _open_ended(text, *last_point, rs):
                    value = f"{loc[0].year + 1:04d}" + value[4:]
                if c.range_end and anchor == "previous" and previous is not None:
                    value = _not_before(value, c.value, previous[0])
                    value = _after(last_value, value, c.value) or value  # 下午5:00到凌晨3:00
            if c.value.startswith("UNDEF-year-L") and anchor != "none":  # lunar, year from context
                # a year told before (今年…中秋) is the holiday's own year, not a day to be near
                near = (loc[0] if loc[1] > 1 else None) if anchor == "previous" and loc else d
                value = lunar_to_gregorian(value, near)
            else:
                value = floating_date(lunar_to_gregorian(value))
            under = c.value if c.value.startswith("UNDEF") else None
            t = Timex("", doc_id, text[c.start:c.end], c.start, c.end, c.type, value, c.mod,
                      c.rule.id, under, anchor)
            if c.type == "SET":
                t.quant = c.rule.quant
                t.freq = c.rule.freq
            if c.type in ("DATE", "TIME") and not same and not _ends_period(text, c.start, rs):
                p = parse_anchor(value)
                if p is None and value == "PAST_REF" and t.text in rs.unknown_days:
                    story.unknown(c.start, c.end)
                if p is not None:
                    remember(p, c.start, c.end, value, _open_ended(text, c.start, c.end, c.mod, rs), anchor,
                             written=not c.value.startswith("UNDEF"))
                    last_point = None if c.paired else (c.start, c.end, c.mod)
                    if not dispatched and p[1] == 3 and (day := _dispatch_day(text, c.end, p[0], d, rs)):
                        d, dispatched = day, True
        out.append(t)
    if rs.embedded:
        extra = _embedded(text, out, dct, rs.embedded, doc_id)
        if extra:
            out = sorted(out + extra, key=lambda t: t.start)
    for i, t in enumerate(out, 1):
        t.id = f"t{i}"
    return out
