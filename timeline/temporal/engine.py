"""Matching rules against a text: candidates, normalised groups, overlap resolution, signals
and ranges. Language-neutral: everything a language knows comes from its ``RuleSet``.

Steps (HeidelTime's split: this module finds and shapes, ``anchoring`` resolves):

1. every positive rule runs ``finditer`` over the sentences (stretches between scan breaks)
   that hold the characters its matches must contain (``Rule.needs``); a match whose groups
   do not normalise (month 13, day 32…) or that cuts through a number is discarded; negative rules run only around the
   positive matches, since they matter only where they overlap one;
2. overlapping candidates: the longest span wins, then the higher rule ``priority`` (negative
   rules win ties), then the earlier start; negatives are then dropped;
3. a range is two points, as TimeML annotates it (the connector is a SIGNAL): two DATE/TIME
   expressions joined by a range connector (``2014年至2016年``, ``上午九时至十一时``) stay two,
   paired, and one match of a rule marked ``points`` (``九月十五至十九日``) is cut in two; a
   period counted as a whole (``1-3月``) and ``A 和 B 之间`` stay one DURATION with
   ``begin``/``finish`` end points;
4. a signal word next to a DATE/TIME (``截至``, ``以前``) sets its ``mod`` when the rule gave none.
"""
from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from .numerals import parse_amount, parse_int
from .rules import MIN_STRETCH, GroupSpec, Rule, RuleSet

_DURATION_ORDER = ("Y", "M", "W", "D", "TH", "TM", "TS")
_TIME_OF_DAY = re.compile(r"T(?:\d{2}|MO|MI|AF|EV|NI|DT)")


@dataclass
class Candidate:
    """A rule match with its rendered (possibly underspecified) value."""

    start: int
    end: int
    rule: Rule
    value: str = ""
    type: str = ""
    mod: str | None = None
    begin: str | None = None
    finish: str | None = None
    daypart: bool = False          # a part of the day was written (下午五点)
    paired: bool = False           # one end of a range kept as two dates (its signals are the range's)
    void: bool = False             # a date no calendar has (2019年2月29日): blocks its span, never emitted
    range_end: bool = False        # the second of two paired dates (completed from the first)
    match: Any = None              # the regex match, until rendered
    cut: tuple[int, int] | None = None  # a range of two points in one match (九月十五至十九日):
                                        # where its first point ends and its second starts

    @property
    def length(self) -> int:
        return self.end - self.start


# ----------------------------------------------------------------------------- normalising
def _fmt_amount(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _amount(spec: GroupSpec, text: str, raw: str, rs: RuleSet) -> Any:
    """An ``amount`` group: its table's value, a number (digits or words: ``twenty four``), ``"X"``
    for a vague count in words, else ``None``. ``text``: ``raw`` without blanks."""
    if spec.table:
        table = rs.tables[spec.table]
        v = table.get(text.lower())
        if v is None:
            v = table.get(" ".join(raw.split()).lower())   # multi-word keys: a couple of
        if v is not None:
            return v if v == "X" else float(v)
    amount = parse_amount(text, rs.numerals)
    if amount is None and len(raw.split()) > 1:  # words: twenty four
        amount = parse_amount(" ".join(raw.split()), rs.numerals)
    if amount is None:
        return "X" if text and not any(c.isdecimal() for c in text) and text not in rs.numerals.digits else None
    return amount


def normalise_group(spec: GroupSpec, raw: str, rs: RuleSet) -> Any:
    """The normalised value of one matched group, or ``None`` if it is not acceptable.

    ``year`` -> 4-digit string (two digits completed with ``year_pivot``); ``number`` -> int
    (bounds checked, then ``offset`` added) rendered with ``width`` zero padding; ``amount`` -> float, or ``"X"`` for
    a vague count; ``table`` -> the table's value for ``raw`` (blanks ignored).
    """
    text = "".join(raw.split())
    if spec.kind == "table":
        assert spec.table is not None  # rules.py: kind 'table' needs a table
        table = rs.tables[spec.table]
        v = table.get(text)
        if v is None:
            v = table.get(" ".join(raw.split()).lower())  # case-insensitive / multi-word keys
        return v
    if spec.kind == "year":
        n = parse_int(text, rs.numerals)
        if n is None:
            return None
        if len(text) <= 2:
            n += 2000 if n < rs.year_pivot else 1900
        return f"{n:04d}" if 0 < n < 10000 else None
    if spec.kind == "amount":
        return _amount(spec, text, raw, rs)
    # number
    n = None
    if spec.table:
        n = rs.tables[spec.table].get(text)
        if n is None:
            n = rs.tables[spec.table].get(text.lower().rstrip("."))
    if n is None:
        n = parse_int(text, rs.numerals)
    if n is None:
        return None
    if (spec.min is not None and n < spec.min) or (spec.max is not None and n > spec.max):
        return None
    n += spec.offset
    return f"{n:0{spec.width}d}" if spec.width else n


def iso_duration(parts: list[tuple[Any, str]]) -> str:
    """ISO 8601 duration from ``[(amount, unit)]`` (units ``Y M W D TH TM TS Q``, or a multiple
    of one: ``10Y`` for a decade).

    Quarters become months (``P1Q`` -> ``P3M``); a half year becomes 6 months, half a day 12
    hours, half an hour 30 minutes; ``"X"`` gives TIMEX3's unknown count (``PXY``), which a
    half more leaves unknown (``数周半`` -> ``PXW``).
    """
    acc: dict[str, Any] = {}
    for amount, unit in parts:
        times = re.match(r"^(\d+)(\D+)$", unit)   # a multiple of a unit: decade = 10Y
        if times:
            unit = times.group(2)
            amount = amount if amount == "X" else amount * int(times.group(1))
        if unit == "Q":
            amount, unit = (amount if amount == "X" else amount * 3), "M"
        if amount == "X":
            acc[unit] = "X"
            continue
        if acc.get(unit) == "X":   # 数周半: an unknown count stays unknown, with a half or not
            continue
        whole, frac = divmod(float(amount), 1)
        acc[unit] = acc.get(unit, 0) + whole
        sub = {"Y": ("M", 12), "D": ("TH", 24), "TH": ("TM", 60), "TM": ("TS", 60)}.get(unit)
        if frac and sub and acc.get(sub[0]) != "X":
            acc[sub[0]] = acc.get(sub[0], 0) + frac * sub[1]
        elif frac and not sub:
            acc[unit] += frac
    date = "".join(f"{_fmt_amount(v) if v != 'X' else 'X'}{u}" for u in _DURATION_ORDER[:4]
                   if (v := acc.get(u)) not in (None, 0))
    time = "".join(f"{_fmt_amount(v) if v != 'X' else 'X'}{u[1]}" for u in _DURATION_ORDER[4:]
                   if (v := acc.get(u)) not in (None, 0))
    if not date and not time:
        return "PT0S"
    return "P" + date + ("T" + time if time else "")


def _day_hour(h: int, dp: dict) -> int:
    """The hour ``h`` read in the part of the day ``dp`` (a ``dayparts`` entry: 下午2时 -> 14)."""
    pm = dp.get("pm")
    if pm is True and h < 12:
        return h + 12
    if pm == "noon" and h < 6:
        return h + 12
    if pm == "night" and 6 <= h < 12:
        return h + 12
    if pm in (True, "night") and h == 12 and dp.get("value") in ("EV", "NI"):
        return 24  # 晚上十二点: midnight at the end of the day (ISO 8601 24:00)
    return h


_YMD = re.compile(r"^(?:(\d{4})|UNDEF-(?:REF-)?(?:this-)?year(?:-(?:PLUS|MINUS)-\d+)?)-(\d{2})-(\d{2})(?![\d])")


def impossible_date(value: str | None) -> bool:
    """True for a month-day no calendar has in its year (``2019-02-29``, ``2017-04-31``) or in
    any year (``UNDEF-year-02-30``); ``UNDEF-year-02-29`` may exist."""
    m = _YMD.match(value or "")
    if not m:
        return False
    year = int(m.group(1)) if m.group(1) else 2000   # 2000: a leap year
    month, day = int(m.group(2)), int(m.group(3))
    if not 1 <= month <= 12 or year == 0:
        return True
    return day > calendar.monthrange(year, month)[1]


def _render(rule: Rule, m, rs: RuleSet) -> Candidate | None:  # noqa: C901 - a branch per derived placeholder
    values: dict[str, Any] = {}
    for name, raw in m.groupdict().items():
        if raw is None or not raw.strip():
            continue
        v = normalise_group(rs.groups[name], raw, rs)
        if v is None:
            return None
        values[name] = v
    # a part of the day moves the hour (下午2时 -> 14; 下午三到五点: both hours); it is then consumed
    if "daypart" in values:
        dp = values["daypart"]
        if "hour" in values:
            for k in ("hour", "hour_end"):
                if k in values:
                    values[k] = f"{_day_hour(int(values[k]), dp):02d}"
            del values["daypart"]
        else:
            values["daypart"] = dp["value"]
    if "num" in values and "unit" in values:
        nums, units = m.captures("num"), m.captures("unit")
        if len(nums) > 1 and len(nums) == len(units):  # a compound: 一年三个月又二十天
            parts = [(normalise_group(rs.groups["num"], n, rs), normalise_group(rs.groups["unit"], u, rs))
                     for n, u in zip(nums, units, strict=True)]
            if any(a is None or b is None for a, b in parts):
                return None
        else:
            parts = [(values["num"], values["unit"])]
        if "plushalf" in values:
            parts.append((0.5, values["unit"]))
        values["duration"] = iso_duration(parts)
    if "era" in values and "eyear" in values:
        values["era_year"] = f"{int(values['era']) + int(values['eyear']) - 1:04d}"
    for k, v in list(values.items()):
        if isinstance(v, float):
            values[k] = _fmt_amount(v)
        elif not isinstance(v, str):
            values[k] = str(v)
    value = rule.value.render(values) if rule.value is not None else ""
    if value is None:
        return None
    if rule.type == "DURATION" and "Q" in value:
        value = _quarters_to_months(value)
    typ = rule.type
    if typ == "DATE" and _TIME_OF_DAY.search(value):
        typ = "TIME"
    mod = rule.mod.render(values) if rule.mod else None
    begin = rule.begin.render(values) if rule.begin else None
    finish = rule.finish.render(values) if rule.finish else None
    return Candidate(
        m.start(), m.end(), rule, value, typ, mod or None, begin, finish,
        daypart=m.groupdict().get("daypart") is not None,
        void=any(impossible_date(v) for v in (value, begin, finish)),
        cut=_cut(m) if rule.points and begin and finish else None,
    )


def _cut(m) -> tuple[int, int] | None:
    """Where the two points of a range matched by one rule part: the end of its first group
    ``X`` and the start of ``X_end`` (``九月十五`` | ``至`` | ``十九日``), or ``None``."""
    for name, raw in m.groupdict().items():
        if raw and name.endswith("_end") and m.groupdict().get(name[:-4]):
            return m.end(name[:-4]), m.start(name)
    return None


def split_ranges(found: list[Candidate]) -> list[Candidate]:
    """A range of a rule marked ``points`` whose first point borrows its unit from the last
    (``6月3-5日``, ``九月十五至十九日``, ``早上五到六点``) is two points, as TimeML annotates a
    range (the connector is a SIGNAL): the first up to its own number, valued the range's
    ``begin``; the second from its number on, valued ``finish``, marked ``range_end``; both
    ``paired``. A period counted as a whole (``1-3月`` of a statistic, ``2014—2016年``) stays one
    DURATION."""
    out: list[Candidate] = []
    for c in found:
        if c.cut is None or not c.begin or not c.finish or not (c.start < c.cut[0] <= c.cut[1] < c.end):
            out.append(c)
            continue
        first = Candidate(c.start, c.cut[0], c.rule, c.begin, "TIME" if _TIME_OF_DAY.search(c.begin) else "DATE",
                          daypart=c.daypart, paired=True)
        second = Candidate(c.cut[1], c.end, c.rule, c.finish, "TIME" if _TIME_OF_DAY.search(c.finish) else "DATE",
                           daypart=c.daypart, paired=True, range_end=True)
        out += [first, second]
    return out


def _quarters_to_months(value: str) -> str:
    return re.sub(r"(\d+)Q", lambda m: f"{int(m.group(1)) * 3}M", value)


# ----------------------------------------------------------------------------- matching
def _cuts_digits(text: str, start: int, end: int, numeral: frozenset = frozenset(),
                 after_digits: bool = False) -> bool:
    """True when the span starts or ends inside a number: a run of digits (``017年`` inside
    ``2017年``) or of native numeral characters ``numeral`` (``十七点`` inside ``二十七点三``);
    with ``after_digits`` (a rule's), a start right after a digit is allowed."""
    a, b = text[start], text[end - 1]
    if start > 0 and not after_digits:
        p = text[start - 1]
        if (a.isdecimal() and p.isdecimal()) or (a in numeral and p in numeral):
            return True
    if end < len(text):
        q = text[end]
        if (b.isdecimal() and q.isdecimal()) or (b in numeral and q in numeral):
            return True
    return False


def _word_across(text: str, start: int, rs: RuleSet) -> bool:
    """True when a word of ``rs.words_across_start`` begins before ``start`` and ends after it
    (``未来`` over the start of ``来年度`` in ``未来年度``): the match cuts a word. Constant work
    per match (the words are short)."""
    longest = rs.words_across_len
    for k in range(1, min(longest, start + 1)):   # the word begins k characters before the match
        if any(text[start - k:start - k + n] in rs.words_across_start for n in range(k + 1, longest + 1)):
            return True
    return False


_LOOKAHEAD = 16    # room after a stretch for a pattern's lookahead to read
_NEG_WINDOW = 16  # longest negative match reaching beyond the positive match it overlaps


def _stretches(text: str, rs: RuleSet) -> tuple[list[int], dict[str, int]]:
    """The text cut after each scan or clause break (no positive rule can match a scan break,
    few a clause break, so a match lies in one stretch or, for those few, in one sentence):
    the cut offsets ``[0, …, len(text)]`` and, for each required character present, the bit
    mask of the stretches holding it (bit i = stretch i)."""
    n = len(text)
    bounds = [0]
    if rs.scan_breaks_re is not None:
        # a stretch runs MIN_STRETCH characters or more, up to and including the next break, so
        # short clauses share one; one bisection a stretch over the breaks' offsets (linear; a
        # lazy ``.{31,}?[，。]`` regex retried at every offset of a tail without a break is not)
        breaks = [m.start() for m in rs.scan_breaks_re.finditer(text)]
        i = 0
        while True:
            i = bisect_left(breaks, bounds[-1] + MIN_STRETCH - 1, i)
            if i == len(breaks):
                break
            bounds.append(breaks[i] + 1)
    if bounds[-1] != n:
        bounds.append(n)
    masks: dict[str, int] = {}
    if rs.needed_re is None:
        return bounds, masks
    found = rs.needed_re.findall  # C-speed scan; a set per stretch costs a Python object per character
    holding: dict[str, list[int]] = {}
    prev = 0
    for i, b in enumerate(bounds[1:]):
        for c in set(found(text, prev, b)):
            holding.setdefault(c, []).append(i)
        prev = b
    # each mask built once from its bytes: OR-ing one bit at a time into a growing int costs
    # time proportional to its length, quadratic over the stretches of a long text
    size = (len(bounds) + 6) // 8
    for c, idx in holding.items():
        bits = bytearray(size)
        for i in idx:
            bits[i >> 3] |= 1 << (i & 7)
        masks[c] = int.from_bytes(bits, "little")
    return bounds, masks


def _bits(mask: int) -> str:
    """``mask`` as a string of ``0``/``1``, bit i at index i (linear in the mask's length)."""
    return bin(mask)[:1:-1]


_ONES = re.compile("1+")


_SHORT_GAP = 16   # runs closer than this are scanned in one call (cheaper than a second call)


def _runs(mask: int, bounds: list[int]) -> list[tuple[int, int]]:
    """Runs of consecutive set bits of ``mask`` as ``(start, end)`` offsets of the text, runs
    less than ``_SHORT_GAP`` characters apart merged."""
    out: list[tuple[int, int]] = []
    for m in _ONES.finditer(_bits(mask)):
        a, b = bounds[m.start()], bounds[m.end()]
        if out and a - out[-1][1] < _SHORT_GAP:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _widen_to_sentences(runs: list[tuple[int, int]], ends: list[int], n: int) -> list[tuple[int, int]]:
    """``runs`` widened to the sentences holding them (``ends``: offsets after each scan
    break), for a rule whose matches may cross a clause break."""
    out: list[tuple[int, int]] = []
    for a, b in runs:
        i = bisect_right(ends, a)
        a = ends[i - 1] if i else 0
        j = bisect_left(ends, b)
        b = ends[j] if j < len(ends) else n
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def candidates(text: str, rs: RuleSet, script: str | None = None) -> list[Candidate]:  # noqa: C901 - the pre-filter and its caches, see docstring
    """Every acceptable match of every rule (negatives included, with an empty ``value``).

    Pre-filter: the text is cut into stretches at the scan breaks (sentence ends) and clause
    breaks (commas); a positive rule runs only over the stretches holding a character of each
    of its required character sets (``Rule.needs``), found with one bit mask per character
    (the whole sentence of such a stretch for a rule that may match a clause break). Negative
    rules only matter where they overlap a positive match, so they run on windows around the
    positive candidates only, and only on windows whose stretches hold their characters.
    A rule limited to some ``scripts`` runs only when ``script`` (the text's) is one of them, a
    rule that ``requires`` a pattern only on a text holding it.
    """
    out: list[Candidate] = []
    n = len(text)
    numeral = rs.numeral_chars
    bounds, masks = _stretches(text, rs)
    sentence_ends = None
    everything = (1 << (len(bounds) - 1)) - 1
    set_masks: dict[frozenset, int] = {}
    run_cache: dict[int, list[tuple[int, int]]] = {}
    across = bool(rs.words_across_start)

    def rule_mask(rule: Rule) -> int:
        """The stretches holding a character of each of the rule's required sets."""
        mask = everything
        for chars in rule.needs:
            m = set_masks.get(chars)
            if m is None:
                m = 0
                for c in chars:
                    m |= masks.get(c, 0)
                set_masks[chars] = m
            mask &= m
            if not mask:
                break
        return mask

    present: dict[Any, bool] = {}  # a rule's ``requires`` pattern: found in the text?
    for rule in rs.rules:
        if rule.negative or (rule.scripts and script not in rule.scripts):
            continue
        if rule.requires is not None:
            if rule.requires not in present:
                present[rule.requires] = rule.requires.search(text) is not None
            if not present[rule.requires]:
                continue
        mask = rule_mask(rule)
        if not mask:
            continue
        runs = run_cache.get(mask)
        if runs is None:
            runs = run_cache[mask] = _runs(mask, bounds)
        if rule.crosses_clauses and rs.clause_breaks:
            if sentence_ends is None:
                sentence_ends = [m.end() for m in rs.sentence_breaks_re.finditer(text)] \
                    if rs.sentence_breaks_re is not None else []
            runs = _widen_to_sentences(runs, sentence_ends, n)
        finditer = rule.pattern.finditer
        for a, b in runs:
            for m in finditer(text, a, min(n, b + _LOOKAHEAD)):
                s, e = m.span()
                if s >= b:                      # in the next stretch, which was not selected
                    break
                s, e = _trim(text, s, e)
                if s >= e or _cuts_digits(text, s, e, numeral, rule.after_digits):
                    continue
                if across and _word_across(text, s, rs):
                    # 未来年底: not 来年底; what the rule matches from the next character (年底) may stand
                    m = rule.pattern.search(text, s + 1, min(n, b + _LOOKAHEAD))
                    if m is None or m.start() >= e:
                        continue
                    s, e = _trim(text, *m.span())
                    if s >= e or _cuts_digits(text, s, e, numeral) or _word_across(text, s, rs):
                        continue
                out.append(Candidate(s, e, rule, match=m))  # rendered lazily by ``select``
    if not out:
        return out
    # windows around the positive candidates, each with the mask of the stretches it touches
    around = []  # (start, end, first stretch, last stretch + 1)
    for ws, we in _merge_windows([(max(0, c.start - _NEG_WINDOW), min(n, c.end + _NEG_WINDOW)) for c in out]):
        around.append((ws, we, bisect_right(bounds, ws) - 1, bisect_right(bounds, we - 1)))
    for rule in rs.rules:
        if not rule.negative:
            continue
        mask = rule_mask(rule)
        if not mask:
            continue
        finditer = rule.pattern.finditer
        held = _bits(mask).find   # a window is read when a stretch it touches holds the characters
        for ws, we, i, j in around:
            if held("1", i, j) < 0:
                continue
            for m in finditer(text, ws, we):
                s, e = _trim(text, *m.span())
                if s < e and not _cuts_digits(text, s, e, numeral):
                    out.append(Candidate(s, e, rule))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop blanks a pattern may have swallowed at either end of a match."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _merge_windows(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(windows):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def select(cands: list[Candidate], rs: RuleSet | None = None) -> list[Candidate]:
    """Non-overlapping choice: longest first, then priority (negatives win ties), then start.

    A candidate still holding its regex ``match`` is rendered when its turn comes (with
    ``rs``); one whose groups do not normalise is skipped, exactly as if it had never matched,
    so losers are never rendered. One that names a day its month does not have
    (``2019年2月29日``: ``void``) wins its span like a negative and is dropped with them, so no
    shorter piece of it (``2019年2月``, ``29日``) is read instead."""
    def key(c: Candidate):
        prio = 10 ** 6 if c.rule.negative else c.rule.priority
        return (-c.length, -prio, c.start, c.rule.order)

    chosen: list[Candidate] = []
    # the code points of the chosen spans (a sorted list with insertions would be quadratic in
    # the number of expressions: 2017年2017年…)
    taken = bytearray(max((c.end for c in cands), default=0))
    for c in sorted(cands, key=key):
        if taken.find(1, c.start, c.end) >= 0:   # a chosen span overlaps c
            continue
        if c.match is not None:
            assert rs is not None  # candidates() leaves a match to render only when given the rules
            r = _render(c.rule, c.match, rs)
            if r is None:
                continue
            r.start, r.end = c.start, c.end
            c = r
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        chosen.append(c)
    return sorted((c for c in chosen if not c.rule.negative and not c.void), key=lambda c: c.start)


def merge_ranges(text: str, found: list[Candidate], rs: RuleSet) -> list[Candidate]:
    """Two DATE/TIME expressions joined by a connector stay two, each with its own span, as the
    TimeML guidelines annotate such a range (the connector is a SIGNAL): ``2019年8月至2020年10月``,
    ``7月16日至18日``, ``上午九时至十一时``, ``下午5:00到凌晨3:00``; they are marked ``paired``
    and the second ``range_end`` (it is completed from the first and never falls before it:
    ``tag``); an end hour without a part of the day follows the start's (``下午五点到六点``: 18:00).
    ``A 和 B 之间`` of a TIME and a DATE/TIME is one DURATION whose ``begin``/``finish`` are their
    values (TimeML beginPoint/endPoint). A range whose first end borrows its unit from the last
    (``6月3-5日``, ``1-3月``) is one rule's match (``split_ranges``)."""
    out: list[Candidate] = []
    i = 0
    left_words, right_words = rs.range_between
    while i < len(found):
        a = found[i]
        if i + 1 < len(found) and a.type in ("DATE", "TIME") and found[i + 1].type in ("DATE", "TIME") \
                and not a.begin and not found[i + 1].begin \
                and text[a.end:found[i + 1].start].strip() in rs.range_connectors:
            b = found[i + 1]
            a.paired = b.paired = True
            b.range_end = True
            if a.daypart and not b.daypart:
                b.value = _same_half_day(a.value, b.value)
        elif i + 1 < len(found) and a.type in ("DATE", "TIME") and found[i + 1].type in ("DATE", "TIME"):
            b = found[i + 1]
            gap = text[a.end:b.start].strip()
            joined = gap in rs.range_connectors
            if not joined and gap in left_words:
                after = text[b.end:b.end + 4].lstrip()
                joined = any(after.startswith(w) for w in right_words)
            if joined and a.mod is None and b.mod is None and not (a.begin or b.begin):
                finish = b.value
                if a.daypart and not b.daypart:
                    finish = _same_half_day(a.value, finish)
                out.append(Candidate(a.start, b.end, a.rule, "", "DURATION", None, a.value, finish))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _same_half_day(begin: str, finish: str) -> str:
    """下午五点到六点: an end hour without a day part follows the start into the afternoon."""
    mb = re.search(r"T(\d{2})", begin)
    mf = re.search(r"T(\d{2})", finish)
    if mb and mf and (begin[:mb.start()] == finish[:mf.start()] or finish[:mf.start()] == "UNDEF-day"):
        hb, hf = int(mb.group(1)), int(mf.group(1))
        if hf < 12 <= hb and hf + 12 > hb:
            return finish[:mf.start(1)] + f"{hf + 12:02d}" + finish[mf.end(1):]
    return finish


def apply_signals(text: str, found: list[Candidate], rs: RuleSet) -> None:
    """Set ``mod`` from a signal word just before or after a DATE/TIME (``截至``, ``以前``)."""
    before = sorted(rs.signals_before, key=len, reverse=True)
    after = sorted(rs.signals_after, key=len, reverse=True)
    for c in found:
        if c.mod is not None or c.type not in ("DATE", "TIME") or c.value.endswith("_REF") or c.paired:
            continue
        tail = text[c.end:c.end + 6].lstrip()
        for w in after:
            if tail.startswith(w):
                c.mod = rs.signals_after[w]
                break
        if c.mod is None:
            head = text[max(0, c.start - 6):c.start].rstrip()
            for w in before:
                if head.endswith(w):
                    c.mod = rs.signals_before[w]
                    break


def find(text: str, rs: RuleSet, script: str | None = None) -> list[Candidate]:
    """Steps 1-4 above: the time expressions of ``text`` (written in ``script``) in text order,
    values unresolved."""
    found = split_ranges(select(candidates(text, rs, script), rs))
    found = merge_ranges(text, found, rs)
    apply_signals(text, found, rs)
    return found
