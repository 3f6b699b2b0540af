"""Which time expression dates a unit (TimeML anchoring) and the date an event gets."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from typing import Any

from ..model import Timex
from ..temporal.calendar import event_date, interval
from ..text.words import ending_word, starting_word
from .context import _Context
from .parts import _Unit
from .roles import _strip_fillers
from .tables import EventRules


def _anchor_unit(ctx: _Context, unit: _Unit, carry: Timex | None, weak: bool = False,
                 forward: Timex | None = None) -> Timex | None:
    """Set ``unit.anchors`` and return the date carried to the following clauses.

    The time expressions before the trigger in the unit come first, not one inside a topic frame
    (``就新一年重点工作进行通报``: the topic's year, ``ctx.topic_frames``) (a SET there makes the unit
    a habit, a comparison base makes it a comparison: no event); coordinated ones
    (``2014年和2016年``) each date the unit. Else the date carried from earlier clauses; else
    the first one after the trigger in the trigger's clause when a preposition introduces it
    (``成立于2014年``; not ``召开2019年度工作会议``, where the date names the meeting). A date
    before the trigger inside the subject, neither opening its clause nor after a preposition,
    yields to a carried date (``4月15日，甲县2021年银企对接会举行``: the year names the meeting), a
    vague one (``日前``, ``目前``, ``近年来``) to a carried calendar date of the sentence, and so
    does one opening its clause when words of the subject follow it and the carried date is more
    specific (``当地时间10月8日上午，2021年湖南品牌推介会在迪拜开幕``: the day, not the year of the
    name); a date right before the verb, adverbs aside, always dates it (``去年…签约之后，预定10月底
    完成…``: ``10月底``). Then a
    ``forward`` date (a later clause of the sentence opening with ``forward_prepositions`` and
    a date: ``甲镇将与乙局合作，于今年下半年成立丙社``). A ``weak`` carry (from the previous
    sentence) comes last. A date
    after the trigger is never carried further unless it dates the unit. Two dates joined by a
    range connective (``2019年8月至2020年10月``) date the unit by the first, the second ending
    the interval (``unit.finish``).
    """
    trig = unit.trigger
    topics = [f for c in unit.clauses for f in ctx.topic_frames(*c)]
    tx = [(t, "ignore" if any(a <= t.start < b for a, b in topics) else ctx.timex_role(t))
          for t in ctx.timexes_in(unit.start, unit.core_end)]
    before = [(t, r) for t, r in tx if r != "ignore" and t.end <= trig.start]
    if any(r == "compare" for _, r in before):
        unit.habitual = True
        return carry
    if any(r == "set" for _, r in before):
        _habit(ctx, unit, before, None if weak else carry)
        return None                   # "每年春节前走访慰问": a habit; "2018年以来，…每年投入…": a start
    stated = _predicate_dates(ctx, unit, tx)
    if stated:
        unit.anchors = stated         # "座谈会召开时间分别为5月6日、5月20日"
    elif before:
        t, r = before[-1]
        chain = [t]
        for p, pr in reversed(before[:-1]):
            if pr != "anchor" or ctx.text[p.end:chain[0].start].strip() not in ctx.rules.coordinators:
                break
            chain.insert(0, p)
        unit.anchors = _own_or_carried(ctx, unit, chain, None if weak else carry)
    elif carry is not None and not weak:
        unit.anchors = [carry]
    else:
        clause_end = next(e for s, e in unit.clauses if s <= trig.start < e)
        for t, r in tx:
            if r == "anchor" and t.start >= trig.end and t.end <= clause_end:
                if ending_word(ctx.text[trig.end:t.start], ctx.rules.prepositions):
                    unit.anchors = [t]
                break
        if not unit.anchors and forward is not None:
            unit.anchors = [forward]
        if not unit.anchors and carry is not None:
            unit.anchors = [carry]
    for a in unit.anchors:
        if a.id in ctx.range_end:     # "2019年8月至2020年10月": dated by the begin point
            unit.finish[a.id] = ctx.range_end[a.id]
    return unit.anchors[-1] if unit.anchors else carry


def _habit(ctx: _Context, unit: _Unit, before: list[tuple[Timex, str]], carry: Timex | None) -> None:
    """Mark ``unit``, with a SET among the time expressions ``before`` its verb, as a habit
    (``每年春节前走访慰问``: no event, whatever date follows the SET), or as the start of a
    programme dated by the written date opening it (``_programme_start``: ``2018年以来，甲公司每年
    投入…``); ``carry``: the date carried to it within its sentence."""
    start = _programme_start(ctx, before, carry)
    if start is None:
        unit.habitual = True
    else:
        unit.anchors, unit.programme = [start], True


def _programme_start(ctx: _Context, before: list[tuple[Timex, str]], carry: Timex | None) -> Timex | None:
    """The written date that starts the habit of a unit (``before``: its time expressions before
    the verb, with their roles; ``carry``: the date carried to it within its sentence), when one
    opens a period right before its first SET: a DATE whose text holds a digit followed by a word
    of ``statements.yaml: periods`` or of ``anchors.yaml: start_closers`` (``2018年以来，甲公司每年
    投入…``, ``自2019年起每年资助…``): the start of a programme is a happening of that date; else
    ``None`` (a habit: ``今年以来，每月…``, ``每年春节前走访``). Source: the genre's charity and
    support pages (yearly programmes)."""
    r = ctx.rules
    first_set = next(i for i, (_, role) in enumerate(before) if role == "set")
    if first_set:
        t, role = before[first_set - 1]
    elif carry is not None:
        t, role = carry, "anchor"
    else:
        return None
    if role != "anchor" or t.type != "DATE" or not any(c.isdigit() for c in t.text):
        return None
    after = ctx.text[t.end:t.end + r.lookbehind].lstrip()
    return t if starting_word(after, (*r.periods, *r.start_closers)) else None


def _predicate_dates(ctx: _Context, unit: _Unit, tx: list[tuple[Timex, str]]) -> list[Timex]:
    """The dates stated as the predicate of the unit's time (``anchors.yaml: time_predicates``):
    the first dating DATE or TIME after the trigger in its clause, not vague, when the words
    before it end with a trigger word of one of its ``kinds`` (or the trigger itself), a time
    noun, adverbs (``fallback.skip``) and a copula (``座谈会召开时间分别为5月6日、5月20日``,
    ``签约时间定于5月8日``), with the dates coordinated after it; else ``[]``. Source: the
    genre's notices of meetings, fairs and signings."""
    r, text, trig = ctx.rules, ctx.text, unit.trigger
    if not r.time_nouns:
        return []
    clause_end = next(e for s, e in unit.clauses if s <= trig.start < e)
    after = [t for t, role in tx if role == "anchor" and t.type in ("DATE", "TIME")
             and t.start >= trig.end and t.end <= clause_end]
    if not after:
        return []
    between = text[trig.end:after[0].start].rstrip()
    frame = predicate_frame(ctx, between)
    if not frame:
        return []
    rest = between[:-frame]
    verb = ending_word(rest, r.trigger_words) if rest.strip() else trig.word
    kind = r.trigger_kind.get(verb) if verb is not None else None
    if kind is None or kind.name not in r.time_kinds or _vague(after[0]):
        return []         # "申报时间为…", "交易时间为9:30": a window or hours, no happening
    chain = [after[0]]
    for t in after[1:]:
        if text[chain[-1].end:t.start].strip() not in r.coordinators:
            break
        chain.append(t)
    return chain


def predicate_frame(ctx: _Context, before: str) -> int:
    """The length of the time noun, adverbs and copula that ``before`` (the words before a date,
    no trailing white space) ends with (``anchors.yaml: time_predicates``: ``时间分别为``,
    ``日期定于``), else 0."""
    r = ctx.rules
    cop = ending_word(before, r.time_copulas) if r.time_nouns else None
    if cop is None:
        return 0
    rest = before[:-len(cop)]
    skip = r.fallback.skip if r.fallback else ()
    while (adv := ending_word(rest, skip)) is not None:
        rest = rest.rstrip()[:-len(adv)]      # "分别为", "均定于"
    noun = ending_word(rest, r.time_nouns)
    if noun is None:
        return 0
    return len(before) - len(rest.rstrip()) + len(noun)


def _own_or_carried(ctx: _Context, unit: _Unit, chain: list[Timex], carry: Timex | None) -> list[Timex]:
    """The dates of a unit whose own ``chain`` of dates stands before its verb, given the date
    ``carry`` carried within its sentence (``None``: none, or a weak one): the carried date when
    the chain is part of the subject's name and less specific, or inside the subject
    (``4月15日，甲县2021年银企对接会举行``: the year names the meeting), or only vague
    (``10月8日，记者获悉，甲县日前召开…``: the day of the sentence over ``日前``); else the chain."""
    if carry is None:
        return chain
    trig = unit.trigger
    cs = next((s for s, e in unit.clauses if s <= chain[0].start < e), unit.start)
    head = ctx.text[cs:chain[0].start]
    if _names_activity(ctx, chain, head, trig.start):
        return [carry]        # "5月26日上午，甲州招商项目5月份集中开工暨签约仪式举行": the batch's month
    if _in_object(ctx, head) and _more_specific(ctx, carry, chain[-1]):
        return [carry]        # "1月20日，甲市迎来今年招商引资开门红": the year of the object
    if _names_subject(ctx, chain, trig.start) and (
            _more_specific(ctx, carry, chain[0]) or (
                not _opens_clause(ctx, chain[0], cs) and not ending_word(head, ctx.rules.prepositions)
                and _strip_fillers(ctx, head))):
        return [carry]
    if all(_vague(t) for t in chain) and not _vague(carry):
        return [carry]
    return chain


def _in_object(ctx: _Context, head: str) -> bool:
    """True when ``head``, the words of its clause before a date, ends with a verb taking an
    object (``anchors.yaml: object_verbs``, or a trigger word) after a subject: the date
    modifies a noun of the object (``甲市迎来今年招商引资开门红``, ``甲县召开今年经济工作会议``),
    it does not date the clause as one before the verb does (``甲县去年建成…``). Source: the
    genre's leads opening with the day, a year or month of the period inside the predicate."""
    r = ctx.rules
    verb = ending_word(head, r.object_verbs) or ending_word(head, r.trigger_words)
    return verb is not None and bool(_strip_fillers(ctx, head.rstrip()[:-len(verb)]))


def _names_activity(ctx: _Context, chain: list[Timex], head: str, trigger_start: int) -> bool:
    """True when the dates of ``chain`` modify the name of an activity or a batch rather than date
    their clause: they stand after words of the clause (``head``, its text before them: not
    opening it, not after a preposition) and a word of ``anchors.yaml: activity_heads`` ends that
    name right before the verb, adverbs or a place after a preposition aside
    (``甲局2021年度安全检查工作全面启动``: the year inspected;
    ``项目6月份集中开工暨签约仪式在乙镇举行``: the batch; ``举办2023年“爱心月”活动启动仪式``).
    Such a date yields to the date of the clause, the one carried to it within its sentence, even
    a vague one (``日前``). Source: the genre's names of yearly tasks and monthly batches."""
    r = ctx.rules
    if not r.activity_heads or ending_word(head, r.prepositions) or not _strip_fillers(ctx, head):
        return False
    between = ctx.text[chain[-1].end:trigger_start]
    for w in r.activity_heads:
        i = between.find(w)
        while i >= 0:     # the head ends the name: adverbs or a place (在乙城) may follow, no other word
            rest = between[i + len(w):]
            if not _strip_fillers(ctx, rest) or starting_word(rest.strip(), r.prepositions):
                return True
            i = between.find(w, i + 1)
    return False


_VAGUE = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


def _vague(t: Timex) -> bool:
    """True for a time expression that places nothing on a calendar: ``目前``, ``日前``,
    ``未来`` (``PRESENT_REF``…), a value with unknown digits, a duration that is no range
    (``近年来`` = ``PXY``, ``三年来``)."""
    return t.value in _VAGUE or "X" in t.value or (t.type == "DURATION" and not (t.begin or t.finish))


def most_specific(ctx: _Context, dates: list[Timex]) -> Timex | None:
    """The most specific of ``dates`` (the first of the best), vague ones last; ``None`` if empty."""
    best: Timex | None = None
    for t in dates:
        if best is None or (_vague(best) and not _vague(t)) or (
                _vague(best) == _vague(t) and _more_specific(ctx, t, best)):
            best = t
    return best


_RANK = {"time": 5, "day": 4, "week": 3, "month": 3, "quarter": 2, "half": 2, "interval": 2, "year": 1}
"""How specific a date of each granularity (``temporal.interval``) is; others rank 0."""


def _more_specific(ctx: _Context, a: Timex, b: Timex) -> bool:
    """True when the date ``a`` is more specific than ``b`` (a day beside a year)."""
    return _rank(ctx, a) > _rank(ctx, b)


def _rank(ctx: _Context, t: Timex) -> int:
    """``_RANK`` of the granularity of the date ``t`` gives, found once a time expression."""
    got = ctx.ranks.get(id(t))
    if got is None or got[0] is not t:
        got = ctx.ranks[id(t)] = (t, _RANK.get(_dated(ctx, t, None)["granularity"], 0))
    return got[1]


def _names_subject(ctx: _Context, chain: list[Timex], trigger_start: int) -> bool:
    """True when words of the subject, not only adverbs and markers (``_strip_fillers``),
    stand between the last date of ``chain`` and the trigger (``2021年湖南品牌推介会在迪拜开幕``:
    the date is part of a name; not ``预定10月底完成``, nor ``10月底完成全台覆盖``, where a verb of
    the table follows the date, nor ``今天将携人员出庭``, where an auxiliary or an adverb does).
    A word of ``roles.yaml: preverbal`` after the date that no verb of the table follows
    modifies a noun of the name (``甲区2021年一季度重点项目集中开工活动举行``); so does a verb of
    the table right before a noun it modifies (``triggers.yaml: nominal_heads``: ``甲县2023年12月
    招商引资项目集中签约仪式举行``)."""
    between = ctx.text[chain[-1].end:trigger_start]
    for w in ctx.rules.deadline_markers:
        if between.startswith(w):
            between = between[len(w):]
            break
    words = _strip_fillers(ctx, between)
    if words != between.strip() and _strip_fillers(ctx, between, preverbal=False) != between.strip():
        return False          # "今天将携…出庭": an adverb or an auxiliary after the date, no name
    m = ctx.rules.trigger_re.match(words)
    if m is None:
        return bool(words)
    return ctx.rules.modifies_noun(words, m.end(), len(words), m.group())   # 招商引资|项目: a verb of a name


def _dated(ctx: _Context, a: Timex, finish: Timex | None) -> dict[str, Any]:
    """``event_date`` of an event dated by ``a``; a deadline without a mod of its own
    (``6月15日前``) takes the TIMEX3 mod ``BEFORE``; a word of the recent past (``anchors.yaml:
    recent_past``, ``近日``, TIMEX3 ``PAST_REF``) dates it on or before the document date: value
    the DCT, mod ``ON_OR_BEFORE``, granularity ``recent``."""
    if ctx.is_deadline(a) and not a.mod:
        a = replace(a, mod="BEFORE")
    if a.value == "PAST_REF" and ctx.doc.dct and finish is None and a.text in ctx.rules.recent_past:
        start, end, _ = interval(ctx.doc.dct, None)      # "近日": on or before the document date
        return {"value": ctx.doc.dct, "mod": "ON_OR_BEFORE", "granularity": "recent", "start": start, "end": end}
    return event_date(a, ctx.doc.dct, finish)


def _forward_date(ctx: _Context, clauses: list[tuple[int, int]], unit: _Unit) -> tuple[Timex, int] | None:
    """The first dating time expression of the clauses of the sentence after the unit's, with
    the end of its clause, when it opens that clause after one of ``anchors.yaml:
    forward_prepositions`` (``…合作，于今年下半年成立…``: ``今年下半年``); else ``None``."""
    r = ctx.rules
    if not r.forward_prepositions:
        return None
    starts, dated = ctx.dated_clauses(clauses)   # found once a sentence, not again for each unit
    k = bisect_left(dated, bisect_left(starts, unit.core_end))
    if k == len(dated):
        return None
    cs, ce = clauses[dated[k]]
    t = next(t for t in ctx.timexes_in(cs, ce) if ctx.timex_role(t) == "anchor" and t.type in ("DATE", "TIME"))
    if not _opens_clause(ctx, t, cs):
        return None
    head = _head(ctx, cs, t.start)            # short: the date opens its clause
    return (t, ce) if head is not None and ending_word(head, r.forward_prepositions) is not None else None


def _event_anaphor(clause: str, rules: EventRules, words: tuple[str, ...] | None = None) -> bool:
    """True when a clause opens with, or is no more than, a phrase placing it at an event told
    before (``words``, default ``anchors.yaml: event_anaphora``: ``会上，``, ``在签约仪式上，``,
    ``会后，``, ``随后，``); not when a trigger follows the phrase right away (``随后召开的理事会
    选举…``: the phrase modifies a new event, it does not place the clause at the old one)."""
    words = rules.event_anaphora if words is None else words
    if not words:
        return False
    c = clause.strip()
    w = starting_word(c, words)
    if w is not None and not rules.trigger_re.match(c[len(w):].lstrip()):
        return True
    return len(c) <= rules.lookbehind and ending_word(c, words) is not None


def _head(ctx: _Context, clause_start: int, pos: int) -> str | None:
    """``text[clause_start:pos]`` without the white space around it when it is no longer than
    ``ctx.opener_max``, else ``None``. Reads a bounded stretch before ``pos`` (and the white space
    before that), not the whole clause: a clause holding many dates stays linear."""
    text, m = ctx.text, ctx.opener_max
    j = pos
    while j > clause_start and text[j - 1].isspace():
        j -= 1
    if j - clause_start <= m + 1:
        return text[clause_start:j].strip()
    k = j - m - 1             # text[k] would be the first character of a head one too long
    while k >= clause_start and text[k].isspace():
        k -= 1
    if k >= clause_start:
        return None
    return text[j - m - 1:j].strip()   # text[clause_start:j - m - 1] is white space


def _opens_clause(ctx: _Context, t: Timex, clause_start: int) -> bool:
    """True when nothing but a preposition, a connective or an event noun (``立案次日``) comes
    before ``t`` in its clause: a date opening a clause dates what follows; one inside
    (``总结去年以来的工作``) names a period."""
    head = _head(ctx, clause_start, t.start)
    r = ctx.rules
    if head is None:
        return False          # more before it than any one such word
    if not head or head in r.trigger_kind:
        return True           # "立案次日": the day after the event the verb names
    word = ending_word(head, r.clause_openers)
    return word is not None and not head[: len(head) - len(word)].strip()


def stated_day(ctx: _Context, clauses: list[tuple[int, int]]) -> Timex | None:
    """The day a sentence states with a copula (``anchors.yaml: copulas``) opening one of its
    ``clauses``: ``今天是3月12日`` (the date after the copula, else the one before it), ``3月12日是
    植树节``; the last such day, else ``None``. Such a date dates nothing in its own sentence
    (``_Context.timex_role``) but tells the day of the story: the lead's next sentence, when it
    has no date of its own, happens then (a news lead opening with the day's name)."""
    r, text = ctx.rules, ctx.text
    out: Timex | None = None
    for cs, ce in clauses:
        tx = ctx.timexes_in(cs, ce)
        for k, t in enumerate(tx):
            if t.type != "DATE" or not _opens_clause(ctx, t, cs):
                continue
            after = text[t.end:t.end + r.lookbehind]
            cop = starting_word(after, r.copulas)
            if cop is None:
                continue
            nxt = tx[k + 1] if k + 1 < len(tx) else None
            day = nxt if nxt is not None and nxt.type == "DATE" and \
                not text[t.end + len(cop):nxt.start].strip() else t
            if _rank(ctx, day) >= _RANK["day"]:
                out = day
    return out

