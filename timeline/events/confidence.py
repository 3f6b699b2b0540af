"""How likely an event is a dated happening of the text: ``confidence`` in [0, 1] from features.

An event starts from the prior of its trigger and each feature adds its weight (``WEIGHTS``);
the sum is cut to [0, 1] and rounded to two decimals. The features (``Features``), read from the
unit the event comes from, its time expression and its participants:

* ``trigger``: ``table`` (a verb of ``triggers.yaml``), ``causative`` (``组织``, ``邀请`` alone),
  ``fallback`` (a verb-like word of a dated clause with no verb of the table);
* ``strength``: ``weak`` for a kind listed in ``statements.yaml: weak_kinds`` (verbs that as often
  state a result or a programme as tell a happening: ``实现``, ``开展``), else ``strong``;
* ``granularity`` of its date: ``day`` (a day or a time), ``month`` (a month, week, quarter, half
  or season, a range of dates), ``year``, ``decade`` (a decade or a century), ``duration`` (a
  duration reaching the present: ``近三年来``, or a year followed by ``statements.yaml: periods``,
  ``今年以来``; but the start of a programme, ``2018年以来每年投入…``, keeps its year), ``recent``
  (a word of the recent past, dated on or before the document date: ``近日``, ``日前``), ``vague``
  (``目前``, ``近年来`` = ``PXY``, ``此前``, ``未来``, a value with unknown digits);
* ``dated_by``: ``own`` (a time expression of the unit's own clauses), ``sentence`` (carried from
  an earlier clause of its sentence, a dateline), ``earlier`` (from an earlier sentence: a date
  its sentence gave to no event, ``会上``);
* ``party``: an organisation or a person takes part in another role than ``location`` or
  ``mentioned``;
* ``heading``: the unit stands on a short line with no sentence end in a document whose body has
  sentences (a headline, a section heading, a line of page chrome), or in a line of page
  metadata;
* ``caption``: the unit stands in an image caption (``statements.yaml: captions``), which repeats
  the body;
* ``statement``: an aim, a wish, an intention or a demand governs the verb (``statements.yaml:
  aims``: ``力争实现…``, ``确保…``, ``希望…``, ``要求被告赔偿``), a modal of obligation or condition
  does (``modals``, not ``not_modals``: ``应提前30天通知``, ``如需终止``, not ``应邀出席``), a degree
  of progress stands right before it (``state_adverbs``: ``主体工程基本完成``: a state), a verb
  taking it as part of its object does (``anchors.yaml: object_verbs``: ``迎来今年招商引资开门红``:
  a noun, no act), the verb
  states a term after ``terms`` in its sentence (``约定：…``), or the clause opens with a comment
  on what was told (``comments``: ``这是全国第一家…``, ``这意味着…``): it says what is sought,
  what must or may be done or what something is, not what happened;
* ``future``: the clause speaks of what is still to come (``anchors.yaml: future_markers``,
  ``future_auxiliaries``: ``预计今年9月投产``), or its date starts after the document creation
  time: a plan, still a dated event of the text;
* ``statistic``: the clause states a figure (``statements.yaml: statistics``: an amount with a
  measure, ``GDP为…``, ``实现增加值…亿元``, a total, ``累计…``, ``共受理…件``, a tally after the
  verb, ``调解成功17件``, a figure reached after the verb, ``statistics.thresholds``: ``投资超过18亿元``),
  or the clause is dated at a cut-off date (``截至3月底…完成投资5.9亿元``,
  ``截至4月中旬，甲公司实现五省全覆盖``: a figure or a state reached by then, no happening of it;
  without a figure, not an act told as done, ``截至5月底，丁公司完成了搬迁``, nor one of a later
  sentence the date is carried to);
* ``told``: how many times the document tells the event with a date (``Event.sources``).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from ..model import Event, Timex
from ..text.segment import char_class
from ..text.words import ending_word, starting_word

PRIORS = {"table": 0.7, "causative": 0.65, "fallback": 0.4}
"""The confidence an event starts from, by the kind of its trigger."""

WEIGHTS: dict[str, dict[Any, float]] = {
    "strength": {"strong": 0.0, "weak": -0.1},
    "granularity": {"day": 0.15, "month": 0.1, "year": 0.0, "recent": -0.1, "decade": -0.25, "duration": -0.4,
                    "vague": -0.45},
    "dated_by": {"own": 0.05, "sentence": 0.0, "earlier": -0.1},
    "party": {True: 0.1, False: -0.1},
    "heading": {True: -0.5, False: 0.0},
    "caption": {True: -0.2, False: 0.0},
    "statement": {True: -0.55, False: 0.0},
    "future": {True: -0.1, False: 0.0},
    "statistic": {True: -0.5, False: 0.0},
}
"""What each value of a feature adds to the prior (``told`` adds ``TOLD`` per repeat)."""

TOLD = 0.05
"""Added for each dated telling of the event after the first, up to ``TOLD_MAX``."""
TOLD_MAX = 0.1

@dataclass(frozen=True)
class Features:
    """The features of one event (see the module docstring for their values)."""

    trigger: str = "table"
    strength: str = "strong"
    granularity: str = "year"
    dated_by: str = "own"
    party: bool = True
    heading: bool = False
    caption: bool = False
    statement: bool = False
    future: bool = False
    statistic: bool = False
    told: int = 1

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def confidence(f: Features) -> float:
    """The confidence of an event with features ``f``: the prior of its trigger plus the weight
    of each feature value, cut to [0, 1], rounded to two decimals."""
    c = PRIORS[f.trigger]
    for name, table in WEIGHTS.items():
        c += table[getattr(f, name)]
    c += min(TOLD * (f.told - 1), TOLD_MAX)
    return round(min(1.0, max(0.0, c)), 2)


_VAGUE = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


def granularity(ev: Event, timex: Timex | None) -> str:
    """The ``granularity`` feature of an event dated by ``timex`` (its ``Event.date``)."""
    date = ev.date or {}
    value = str(date.get("value") or "")
    if date.get("granularity") == "recent":
        return "recent"
    if not value or value in _VAGUE or "X" in value:
        return "vague"
    if timex is not None and timex.type == "DURATION" and not (timex.begin or timex.finish):
        return "duration" if date.get("start") else "vague"
    g = date.get("granularity")
    if g in ("day", "time"):
        return "day"
    if g in ("week", "month", "quarter", "half"):
        return "month"
    if g == "year":
        return "year"
    if g == "interval":
        digits = value.split("-")[0]
        return "decade" if len(digits) < 4 and digits.isdigit() else "month"
    return "vague"


class Terms:
    """Where the terms of agreements and rules run in a document (``statements.yaml: terms``):
    from each label (``约定：``) outside names and brackets to the end of its sentence. Read
    once a document (``ctx``: its ``events.context._Context``); ``covers`` is a bisection."""

    def __init__(self, ctx: Any) -> None:
        text, r = ctx.text, ctx.rules
        found = []
        for w in r.terms:
            i = text.find(w)
            while i >= 0:
                if not ctx.inside[i] and not any(ctx.blocked[i:i + len(w)]):
                    found.append(i + len(w))
                i = text.find(w, i + 1)
        self.labels = sorted(found)
        ends = r.text.sentence_end
        self.ends = [m.start() for m in char_class("\n" + "".join(ends)).finditer(text)] if found else []

    def covers(self, pos: int) -> bool:
        """True when a label comes before ``pos`` in its sentence."""
        k = bisect.bisect_right(self.labels, pos)
        if not k:
            return False
        j = bisect.bisect_left(self.ends, self.labels[k - 1])
        return j == len(self.ends) or self.ends[j] >= pos


def features(ctx: Any, unit: Any, ev: Event, anchor: Timex | None, terms: Terms | None = None) -> Features:
    """The ``Features`` of ``ev``, made from ``unit`` (an ``events.parts._Unit``) dated by
    ``anchor``, read in ``ctx`` (the document's ``events.context._Context``); ``terms``: the
    document's ``Terms`` (read when not given)."""
    r, text = ctx.rules, ctx.text
    trig = unit.trigger
    if trig.fallback:
        trigger = "fallback"
    elif trig.causative is not None and unit.causative is None:
        trigger = "causative"
    else:
        trigger = "table"
    cs, ce = next(((s, e) for s, e in unit.clauses if s <= trig.start < e), unit.clauses[0])
    before = text[cs:trig.start]
    dated_by = "own"
    if anchor is not None and not (cs <= anchor.start < unit.end):
        lo, hi = min(anchor.end, unit.start), max(anchor.start, unit.start)
        if ctx.has_stop(lo, hi):
            dated_by = "earlier"
    party = any(p.role not in ("location", "mentioned") and p.entity in ctx.entities
                and ctx.entities[p.entity].type in ("ORG", "PER") for p in ev.participants)
    gran = granularity(ev, anchor)
    cut_off = _cut_off(ctx, anchor) and (bool(ev.amounts) or dated_by != "earlier" and not _told_done(ctx, trig.end))
    return Features(
        trigger=trigger, strength="weak" if ev.kind in r.weak_kinds else "strong",
        granularity=gran if unit.programme else _period(ctx, anchor, gran), dated_by=dated_by, party=party,
        heading=ctx.is_heading(trig.start), caption=ctx.is_caption(trig.start),
        statement=_word_in(ctx, before, cs, r.aims, r.not_aims_before) or _modal_in(ctx, before, cs, ce)
        or _ends_with(ctx, before, cs, r.state_adverbs) or _in_object_of(ctx, before, cs)
        or (terms or Terms(ctx)).covers(trig.start) or any(
            _opens_with(ctx, s, trig.start, r.comments) for s in {cs, *(ps for ps, _ in unit.prefix)}),
        future=ctx.speaks_of_future(cs, ce) or _after_dct(ctx, ev),
        statistic=cut_off or bool(ev.amounts) and (
            _word_in(ctx, text[unit.start:unit.core_end], unit.start, r.stat_measures)
            or _word_in(ctx, before, cs, r.stat_totals)
            or _ends_with(ctx, before, cs, r.stat_total_verbs)
            or _threshold(ctx, trig.end, ev.amounts)
            or any(a["kind"] == "count" and a["unit"] in r.stat_tallies and a["value"] >= r.stat_tally_min
                   and trig.end <= a["start"] < ce for a in ev.amounts)),
        told=max(1, len(ev.sources)),
    )


def _in_object_of(ctx: Any, span: str, offset: int) -> bool:
    """True when ``span`` (``ctx.text`` from ``offset``: the clause before the trigger) ends with a
    verb of ``anchors.yaml: object_verbs``, time expressions after it aside: the trigger word
    is a noun of that verb's object (``甲市迎来今年招商引资开门红``, ``掀起招商引资热潮``), no act
    told. Source: the genre's leads naming a campaign's good start or its upsurge."""
    words = ctx.rules.object_verbs
    if not words:
        return False
    end = offset + len(span)
    for t in reversed(ctx.timexes_in(offset, end)):
        if ctx.text[t.end:end].strip():
            break
        end = t.start
    return _ends_with(ctx, ctx.text[offset:end], offset, words)


def _threshold(ctx: Any, end: int, amounts: list[dict[str, Any]]) -> bool:
    """True when a word of ``statements.yaml: statistics.thresholds`` (``超过``) is all that stands
    between the verb ending at ``end`` and an amount after it, or opens that amount (``投资超过18亿元``):
    a figure reached."""
    words = ctx.rules.stat_thresholds
    nxt = min((a["start"] for a in amounts if a["start"] >= end), default=None)
    if not words or nxt is None:
        return False
    between = ctx.text[end:nxt].strip()
    return between in words or not between and starting_word(ctx.text[nxt:nxt + 4], words) is not None


def _told_done(ctx: Any, end: int) -> bool:
    """True when an aspect marker (``triggers.yaml: aspect_markers``: ``了``) follows the verb
    ending at ``end``: the act told as done (``截至5月底，丁公司完成了搬迁``), not a state."""
    return starting_word(ctx.text[end:end + 4], ctx.rules.aspect_markers) is not None


def _cut_off(ctx: Any, anchor: Timex | None) -> bool:
    """True when a word of ``statements.yaml: statistics.cutoffs`` ends right before ``anchor``
    (``截至3月底``): the date is the cut-off of a running figure."""
    if anchor is None or not ctx.rules.stat_cutoffs:
        return False
    head = ctx.text[max(0, anchor.start - 4):anchor.start]
    return ending_word(head, ctx.rules.stat_cutoffs) is not None


def _period(ctx: Any, anchor: Timex | None, gran: str) -> str:
    """``duration`` for a year followed by a word of ``statements.yaml: periods`` (``今年以来``:
    the work of a period up to the present, not a happening), else ``gran``."""
    if anchor is None or gran != "year" or not ctx.rules.periods:
        return gran
    return "duration" if starting_word(ctx.text[anchor.end:anchor.end + 4], ctx.rules.periods) else gran


def _opens_with(ctx: Any, start: int, end: int, words: tuple[str, ...]) -> bool:
    """True when ``text[start:end]`` opens with one of ``words``, white space and separators
    aside."""
    if not words:
        return False
    seps = ctx.rules.text.separator_chars
    return starting_word(ctx.text[start:end].strip().strip(seps), words) is not None


def _after_dct(ctx: Any, ev: Event) -> bool:
    """True when the event's date starts after the document creation time (a plan)."""
    dct = (ctx.doc.dct or "")[:10]
    start = (ev.date or {}).get("start")
    return bool(dct) and isinstance(start, str) and start[:10] > dct


def _word_in(ctx: Any, span: str, offset: int, words: tuple[str, ...], not_before: tuple[str, ...] = ()) -> bool:
    """True when one of ``words`` is written in ``span`` (``ctx.text`` from ``offset``) outside
    names, time expressions and brackets, and not right before one of ``not_before``."""
    for w in words:
        i = span.find(w)
        while i >= 0:
            j = offset + i
            if not any(ctx.blocked[j:j + len(w)]) and not ctx.inside[j] \
                    and not (not_before and ctx.text.startswith(not_before, j + len(w))):
                return True
            i = span.find(w, i + 1)
    return False


def _modal_in(ctx: Any, span: str, offset: int, clause_end: int) -> bool:
    """True when a modal of ``statements.yaml: modals`` is written in ``span`` (``ctx.text`` from
    ``offset``, in a clause ending at ``clause_end``) outside names, time expressions and
    brackets, is not part of a word of ``not_modals`` there (``应邀``, ``如期``) and opens no
    ``modal_frames`` that a word closes in its clause (``应某某邀请``)."""
    r, text = ctx.rules, ctx.text
    for w in r.modals:
        i = span.find(w)
        while i >= 0:
            j = offset + i
            if not any(ctx.blocked[j:j + len(w)]) and not ctx.inside[j] and not any(
                    text.startswith(n, j - k) for n in r.not_modals for k in _offsets(n, w) if k <= j) \
                    and not any(text.find(c, j + len(w), clause_end) >= 0 for c in r.modal_frames.get(w, ())):
                return True
            i = span.find(w, i + 1)
    return False


def _offsets(word: str, part: str) -> list[int]:
    """Where ``part`` occurs in ``word``."""
    out, i = [], word.find(part)
    while i >= 0:
        out.append(i)
        i = word.find(part, i + 1)
    return out


def _ends_with(ctx: Any, span: str, offset: int, words: tuple[str, ...]) -> bool:
    """True when ``span`` (``ctx.text`` from ``offset``) ends with one of ``words``, outside names."""
    w = ending_word(span, words)
    if w is None:
        return False
    end = offset + len(span.rstrip())
    return not any(ctx.blocked[end - len(w):end])
