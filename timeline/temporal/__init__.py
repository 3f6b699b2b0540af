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
from datetime import date

from ..model import Timex
from ..resources import path
from ..text import load_rules as text_rules
from ..text import word_run, written_in
from ..text.words import ending_word
from .anchoring import (
    floating_date,
    lunar_to_gregorian,
    parse_anchor,
    parse_dct,
    resolve,
    resolve_same_period,
)
from .calendar import duration_interval, event_date, pair_ranges
from .engine import find
from .intervals import interval
from .rules import RuleError, RuleSet, load_rules

__all__ = ["tag", "interval", "event_date", "duration_interval", "pair_ranges", "load_rules", "RuleError",
           "RuleSet"]


def _duration_between(begin: str, finish: str) -> str:
    """TIMEX3 value of a range from its end points.

    Calendar end points include the finish period: ``2014``..``2016`` -> ``P3Y``, ``1月``..``5月``
    -> ``P5M``, ``6月1日``..``6月30日`` -> ``P30D``, counted in the coarser unit of the two.
    Clock times are points: ``17:15``..``18:00`` -> ``PT45M``. ``PXY``/``PXD`` when unknown.
    """
    a, b = parse_anchor(begin), parse_anchor(finish)
    if a is None or b is None:
        return "PXY" if len(begin) == 4 else "PXD"
    t1, t2 = re.search(r"T(\d{2}):(\d{2})", begin), re.search(r"T(\d{2}):(\d{2})", finish)
    if t1 and t2:
        (d1, _), (d2, _) = a, b
        minutes = (d2 - d1).days * 1440 + (int(t2[1]) * 60 + int(t2[2])) - (int(t1[1]) * 60 + int(t1[2]))
        h, mi = divmod(minutes, 60)
        return "PT" + (f"{h}H" if h else "") + (f"{mi}M" if mi or not h else "")
    start, end = interval(begin)[0], interval(finish)[1]
    if not start or not end:
        return "PXD"
    d1, d2 = date.fromisoformat(start[:10]), date.fromisoformat(end[:10])
    if len(begin) == 4 and len(finish) == 4:
        return f"P{d2.year - d1.year}Y"
    if min(a[1], b[1]) <= 2 and d1.day == 1 and d2.day == 1:
        return f"P{(d2.year - d1.year) * 12 + d2.month - d1.month}M"
    return f"P{(d2 - d1).days}D"


def _after(begin: str | None, finish: str | None, under: str | None) -> str | None:
    """A range end completed from context that falls before its start moves one year on
    (``8月至2月``: February of the next year)."""
    a, b = parse_anchor(begin), parse_anchor(finish)
    if a and b and finish is not None and b[0] < a[0] and under and under.startswith("UNDEF-year-") \
            and finish[:4].isdigit():
        return f"{int(finish[:4]) + 1:04d}" + finish[4:]
    return finish


_REF_DAY = re.compile(r"^UNDEF-REF-(?:this-)?day(?![a-z])")
_PARTIAL_MONTH = re.compile(r"^UNDEF-year-(\d{2})(?![\d])")
_OPEN_ENDED = ("BEFORE", "ON_OR_BEFORE")


_HEAD = 24  # characters read back from a date to find its clause start


def _opens_clause(text: str, start: int, rs: RuleSet) -> tuple[bool, bool]:
    """Where a date starting at ``start`` stands in its clause: ``(opens, aside)``.

    ``opens``: only blanks, one of ``rs.clause_openers`` (``于``) or a dateline ending with one
    of ``rs.clause_opener_endings`` (``本报讯``, ``（记者 王某）``) lie between the clause start
    (the text start or a scan/clause break of ``context.yaml``) and the date; ``aside``: the
    words right before it end with one of ``rs.aside_signals`` (``早在``)."""
    stops = rs.clause_stops
    lo, i = max(0, start - _HEAD), start
    while i > lo and text[i - 1] not in stops:
        i -= 1
    head = text[i:start].strip()
    opens = (i > lo or lo == 0) and (not head or head in rs.clause_openers
                                     or head.endswith(rs.clause_opener_endings))
    aside = head.endswith(rs.aside_signals)
    return opens, aside


def _open_ended(text: str, start: int, end: int, mod: str | None, rs: RuleSet) -> bool:
    """True when a date is an open-ended bound (``截至10月底``, ``10月底前``): its ``mod`` or a
    signal word next to it points before it, so later months may lie within it."""
    if mod in _OPEN_ENDED:
        return True
    return text[max(0, start - 6):start].rstrip().endswith(rs.open_before) \
        or text[end:end + 6].lstrip().startswith(rs.open_after)


def _narrative_day(history: list[tuple], starts: list[int], text: str, rs: RuleSet):
    """The day ``同日``/``当天``/``次日`` refer to, as a one-element history, or ``history``.

    ``history``: the dates mentioned so far as ``(first day, precision)``, oldest first;
    ``starts``: where each of them starts in ``text``. The latest day-level date that opens a
    clause is the narrative's day; a later-mentioned day-level date embedded in a clause
    replaces it only when it is not earlier in time (a plan: ``会议决定于12月12日举办年会``) and
    no aside signal precedes it: an embedded earlier date is a historical aside
    (``12月17日上午，仪式举行。…早在2019年1月25日就已注册。同日，…``: the 17th).
    Without a clause-opening day-level date, the latest day-level date (``history`` as is)."""
    days = [i for i, (_, p) in enumerate(history) if p >= 3]
    notes = {i: _opens_clause(text, starts[i], rs) for i in days}
    opening = [i for i in days if notes[i][0]]
    if not opening:
        return history
    k = opening[-1]
    for i in reversed(days):
        if i <= k:
            break
        if not notes[i][1] and history[i][0] >= history[k][0]:
            return [history[i]]
    return [history[k]]


_TENSED = re.compile(r"-(tense|cued)-")
_DIRECTED_VALUE = re.compile(r"^UNDEF-(?:past|future|closest)-year")
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
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        for other, rx in letters.items():
            if not written_in(line, rx):
                continue
            for t in tag(line, dct=dct, lang=other, doc_id=doc_id):
                t.start, t.end = t.start + start, t.end + start
                if not any(f.start < t.end and t.start < f.end for f in found + out):
                    out.append(t)
    return out


def tag(text: str, *, dct: str | None, lang: str, doc_id: str) -> list[Timex]:  # noqa: C901 - steps of the module docstring in one loop
    """Find and normalise the time expressions of ``text``.

    ``dct``: document creation time ``YYYY-MM-DD`` (or ``None``: relative values then keep
    ``X`` placeholders such as ``XXXX-04``, anchor ``none``); ``lang``: a resource folder
    (``zh``, ``en``); ``doc_id`` is copied into each ``Timex.doc``.
    Returns ``Timex`` objects in text order with ids ``t1…``, non-overlapping half-open
    code-point spans (``text[start:end] == timex.text``), TIMEX3 ``type``/``value``/``mod``, the
    rule id, the underspecified value the rule emitted and how it was anchored.
    Anaphora (``同日``, ``次日``) resolve on the narrative's day (``_narrative_day``); a partial
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
    history: list[tuple] = []  # every date mentioned so far, oldest first (for REF- values)
    starts: list[int] = []     # where each of them starts
    last_value = None          # the value of the last date mentioned (for 同期, the same period)
    last_point = None          # the previous date if a point (start, end, mod) a later partial
                               # month may follow in narrative order, else None
    out: list[Timex] = []

    ends = [m.start() for m in rs.sentence_end_re.finditer(text)] if rs.sentence_end_re else []

    def local(start: int):
        """The previous date if it is in the same sentence as ``start``."""
        if previous is None:
            return None
        i = bisect_left(ends, previous_end)
        return previous if i == len(ends) or ends[i] >= start else None

    for c in find(text, rs):
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
                previous, previous_end = end_anchor, c.end
                previous_written = "UNDEF" not in (c.finish or "")
                history.append(end_anchor)
                starts.append(c.start)
                last_value = finish
                last_point = None
        else:
            same = resolve_same_period(c.value, last_value, d)
            if same:
                value, anchor = same   # a period a year before the one spoken of: not a new
                                       # narrative date (a second 去年同期 does not drift back)
            else:
                earlier = _narrative_day(history, starts, text, rs) if _REF_DAY.match(c.value) else history
                loc = local(c.start)
                # an occurrence chosen by tense or nearness takes the year of a date of its
                # sentence only when that year was written (not itself chosen so)
                loc_year = loc if previous_written or not _DIRECTED_VALUE.match(c.value) else None
                value, anchor = resolve(c.value, d, earlier, loc_year, rs.future_weight)
                m = _PARTIAL_MONTH.match(c.value)
                if m and anchor == "previous" and last_point and loc is not None and value[:4].isdigit() \
                        and int(value[:4]) == loc[0].year and int(m.group(1)) < loc[0].month \
                        and (d is None or loc[0] <= d) and not _open_ended(text, *last_point, rs):
                    value = f"{loc[0].year + 1:04d}" + value[4:]
            if c.value.startswith("UNDEF-year-L") and anchor != "none":  # lunar, year from context
                value = lunar_to_gregorian(value, loc[0] if anchor == "previous" and loc else d)
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
                if p is not None:
                    previous, previous_end = p, c.end
                    previous_written = not c.value.startswith("UNDEF")
                    history.append(p)
                    starts.append(c.start)
                    last_value = value
                    last_point = None if c.paired else (c.start, c.end, c.mod)
        out.append(t)
    if rs.embedded:
        extra = _embedded(text, out, dct, rs.embedded, doc_id)
        if extra:
            out = sorted(out + extra, key=lambda t: t.start)
    for i, t in enumerate(out, 1):
        t.id = f"t{i}"
    return out
