"""Matching rules against a text: candidates, normalised groups, overlap resolution, signals
and ranges. Language-neutral: everything a language knows comes from its ``RuleSet``.

Steps (HeidelTime's split: this module finds and shapes, ``anchoring`` resolves):

1. every positive rule runs ``finditer`` over the sentences (stretches between scan breaks)
   that hold the characters its matches must contain (``Rule.needs``); a match whose groups
   do not normalise (month 13, day 32…) or that cuts through a number is discarded; negative rules run only around the
   positive matches, since they matter only where they overlap one;
2. overlapping candidates: the longest span wins, then the higher rule ``priority`` (negative
   rules win ties), then the earlier start; negatives are then dropped;
3. two DATE/TIME expressions joined by a range connector (``2014年至2016年``) become one
   DURATION with ``begin``/``finish`` end points;
4. a signal word next to a DATE/TIME (``截至``, ``以前``) sets its ``mod`` when the rule gave none.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from .numerals import parse_amount, parse_int
from .rules import GroupSpec, Rule, RuleSet

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
    match: Any = None              # the regex match, until rendered

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
    (bounds checked) rendered with ``width`` zero padding; ``amount`` -> float, or ``"X"`` for
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
    return f"{n:0{spec.width}d}" if spec.width else n


def iso_duration(parts: list[tuple[Any, str]]) -> str:
    """ISO 8601 duration from ``[(amount, unit)]`` (units ``Y M W D TH TM TS Q``, or a multiple
    of one: ``10Y`` for a decade).

    Quarters become months (``P1Q`` -> ``P3M``); a half year becomes 6 months, half a day 12
    hours, half an hour 30 minutes; ``"X"`` gives TIMEX3's unknown count (``PXY``).
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
        whole, frac = divmod(float(amount), 1)
        acc[unit] = acc.get(unit, 0) + whole if acc.get(unit) != "X" else "X"
        if frac:
            sub = {"Y": ("M", 12), "D": ("TH", 24), "TH": ("TM", 60), "TM": ("TS", 60)}.get(unit)
            if sub:
                acc[sub[0]] = acc.get(sub[0], 0) + frac * sub[1]
            else:
                acc[unit] += frac
    date = "".join(f"{_fmt_amount(v) if v != 'X' else 'X'}{u}" for u in _DURATION_ORDER[:4]
                   if (v := acc.get(u)) not in (None, 0))
    time = "".join(f"{_fmt_amount(v) if v != 'X' else 'X'}{u[1]}" for u in _DURATION_ORDER[4:]
                   if (v := acc.get(u)) not in (None, 0))
    if not date and not time:
        return "PT0S"
    return "P" + date + ("T" + time if time else "")


def _render(rule: Rule, m, rs: RuleSet) -> Candidate | None:  # noqa: C901 - a branch per derived placeholder
    values: dict[str, Any] = {}
    for name, raw in m.groupdict().items():
        if raw is None or not raw.strip():
            continue
        v = normalise_group(rs.groups[name], raw, rs)
        if v is None:
            return None
        values[name] = v
    # a part of the day moves the hour (下午2时 -> 14); the day part is then consumed
    if "daypart" in values:
        dp = values["daypart"]
        if "hour" in values:
            h = int(values["hour"])
            pm = dp.get("pm")
            if pm is True and h < 12:
                h += 12
            elif pm == "noon" and h < 6:
                h += 12
            elif pm == "night" and 6 <= h < 12:
                h += 12
            elif pm in (True, "night") and h == 12 and dp.get("value") in ("EV", "NI"):
                h = 24  # 晚上十二点: midnight at the end of the day (ISO 8601 24:00)
            values["hour"] = f"{h:02d}"
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
    return Candidate(
        m.start(), m.end(), rule, value, typ, mod or None,
        rule.begin.render(values) if rule.begin else None,
        rule.finish.render(values) if rule.finish else None,
        daypart=m.groupdict().get("daypart") is not None,
    )


def _quarters_to_months(value: str) -> str:
    return re.sub(r"(\d+)Q", lambda m: f"{int(m.group(1)) * 3}M", value)


# ----------------------------------------------------------------------------- matching
def _cuts_digits(text: str, start: int, end: int, numeral: frozenset = frozenset()) -> bool:
    """True when the span starts or ends inside a number: a run of digits (``017年`` inside
    ``2017年``) or of native numeral characters ``numeral`` (``十七点`` inside ``二十七点三``)."""
    a, b = text[start], text[end - 1]
    if start > 0:
        p = text[start - 1]
        if (a.isdecimal() and p.isdecimal()) or (a in numeral and p in numeral):
            return True
    if end < len(text):
        q = text[end]
        if (b.isdecimal() and q.isdecimal()) or (b in numeral and q in numeral):
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
    if rs.stretch_re is not None:  # short clauses share a stretch (RuleSet.stretch_re)
        bounds += [m.end() for m in rs.stretch_re.finditer(text)]
    if bounds[-1] != n:
        bounds.append(n)
    masks: dict[str, int] = {}
    get = masks.get
    if rs.needed_re is None:
        return bounds, masks
    found = rs.needed_re.findall  # C-speed scan; a set per stretch costs a Python object per character
    bit, prev = 1, 0
    for b in bounds[1:]:
        for c in set(found(text, prev, b)):
            masks[c] = get(c, 0) | bit
        bit <<= 1
        prev = b
    return bounds, masks


_SHORT_GAP = 16   # runs closer than this are scanned in one call (cheaper than a second call)


def _runs(mask: int, bounds: list[int]) -> list[tuple[int, int]]:
    """Runs of consecutive set bits of ``mask`` as ``(start, end)`` offsets of the text, runs
    less than ``_SHORT_GAP`` characters apart merged."""
    out: list[tuple[int, int]] = []
    while mask:
        i = (mask & -mask).bit_length() - 1          # lowest set bit
        shifted = mask >> i
        k = (shifted ^ (shifted + 1)).bit_length() - 1  # how many set bits follow from i
        a, b = bounds[i], bounds[i + k]
        if out and a - out[-1][1] < _SHORT_GAP:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
        mask &= ~(((1 << k) - 1) << i)
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


def candidates(text: str, rs: RuleSet) -> list[Candidate]:  # noqa: C901 - the pre-filter and its caches, see docstring
    """Every acceptable match of every rule (negatives included, with an empty ``value``).

    Pre-filter: the text is cut into stretches at the scan breaks (sentence ends) and clause
    breaks (commas); a positive rule runs only over the stretches holding a character of each
    of its required character sets (``Rule.needs``), found with one bit mask per character
    (the whole sentence of such a stretch for a rule that may match a clause break). Negative
    rules only matter where they overlap a positive match, so they run on windows around the
    positive candidates only, and only on windows whose stretches hold their characters.
    """
    out: list[Candidate] = []
    n = len(text)
    numeral = rs.numeral_chars
    bounds, masks = _stretches(text, rs)
    sentence_ends = None
    everything = (1 << (len(bounds) - 1)) - 1
    set_masks: dict[frozenset, int] = {}
    run_cache: dict[int, list[tuple[int, int]]] = {}

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

    for rule in rs.rules:
        if rule.negative:
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
                if s >= e or _cuts_digits(text, s, e, numeral):
                    continue
                out.append(Candidate(s, e, rule, match=m))  # rendered lazily by ``select``
    if not out:
        return out
    # windows around the positive candidates, each with the mask of the stretches it touches
    around = []
    for ws, we in _merge_windows([(max(0, c.start - _NEG_WINDOW), min(n, c.end + _NEG_WINDOW)) for c in out]):
        i, j = bisect_right(bounds, ws) - 1, bisect_right(bounds, we - 1) - 1
        around.append((ws, we, ((1 << (j - i + 1)) - 1) << i))
    for rule in rs.rules:
        if not rule.negative:
            continue
        mask = rule_mask(rule)
        if not mask:
            continue
        finditer = rule.pattern.finditer
        for ws, we, wmask in around:
            if not wmask & mask:
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
    so losers are never rendered."""
    def key(c: Candidate):
        prio = 10 ** 6 if c.rule.negative else c.rule.priority
        return (-c.length, -prio, c.start, c.rule.order)

    chosen: list[Candidate] = []
    starts: list[int] = []          # sorted starts of the chosen spans (they never overlap)
    ends: list[int] = []
    for c in sorted(cands, key=key):
        i = bisect_right(starts, c.start)
        if i and ends[i - 1] > c.start:          # the chosen span starting before c reaches into it
            continue
        if i < len(starts) and starts[i] < c.end:  # the next chosen span starts inside c
            continue
        if c.match is not None:
            assert rs is not None  # candidates() leaves a match to render only when given the rules
            r = _render(c.rule, c.match, rs)
            if r is None:
                continue
            r.start, r.end = c.start, c.end
            c = r
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        chosen.append(c)
    return sorted((c for c in chosen if not c.rule.negative), key=lambda c: c.start)


_PARTIAL = re.compile(r"^UNDEF-(?:year|half|quarter|month|week|day)(?!-(?:PLUS|MINUS)-)")


def self_contained(c: Candidate) -> bool:
    """True for a DATE whose value needs no other date of the text to be complete: absolute
    (``2019-08``) or relative to the DCT or to the previous date as a whole (``今年5月`` =
    ``UNDEF-this-year-05``, ``同年5月``), not a partial date completed from context (``10月``
    = ``UNDEF-year-10``; see ``anchoring``)."""
    return c.type == "DATE" and not _PARTIAL.match(c.value)


def merge_ranges(text: str, found: list[Candidate], rs: RuleSet) -> list[Candidate]:
    """Join ``A <connector> B`` (and ``A 和 B 之间``) of two DATE/TIME expressions into one
    DURATION whose ``begin``/``finish`` are their values (TimeML beginPoint/endPoint).

    When both ends of ``A <connector> B`` are self-contained dates (``2019年8月至2020年10月``)
    they stay two DATE expressions, each with its own span, as the TimeML guidelines annotate
    such a range (the connector is a SIGNAL); a short end that borrows from the other
    (``6月1日-30日``, ``下午五点到六点``) makes one expression, and so does ``A 和 B 之间``."""
    out: list[Candidate] = []
    i = 0
    left_words, right_words = rs.range_between
    while i < len(found):
        a = found[i]
        if i + 1 < len(found) and self_contained(a) and self_contained(found[i + 1]) \
                and text[a.end:found[i + 1].start].strip() in rs.range_connectors:
            a.paired = found[i + 1].paired = True
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


def find(text: str, rs: RuleSet) -> list[Candidate]:
    """Steps 1-4 above: the time expressions of ``text`` in text order, values unresolved."""
    found = select(candidates(text, rs), rs)
    found = merge_ranges(text, found, rs)
    apply_signals(text, found, rs)
    return found
