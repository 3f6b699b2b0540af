"""Money amounts, counts and percentages written in a span (``amounts.yaml``)."""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from ..text.words import ending_word, word_bounded
from .tables import EventRules


def _cn_number(s: str, digits: dict[str, int], mult: dict[str, int]) -> int | None:
    """Value of a Chinese numeral (``三千五百``, ``十二``, ``两万``); ``None`` if malformed."""
    total, section, number = 0, 0, None
    for ch in s:
        if ch in digits:
            number = digits[ch]
        elif ch in mult:
            m = mult[ch]
            if m >= 10000:
                section = (section + (number or 0)) * m
                total += section
                section = 0
            else:
                section += (1 if number is None else number) * m
            number = None
        else:
            return None
    return total + section + (number or 0)


def find_amounts(text: str, start: int, end: int, rules: EventRules,
                 exclude: Sequence[tuple[int, int]] | bytes | bytearray = ()) -> list[dict[str, Any]]:
    """Money amounts, counts and percentages written in ``text[start:end]`` (``amounts.yaml``).

    Each is ``{"text", "value", "unit", "kind", "approx", "start", "end"}``: ``value`` an int
    (or a float when not whole) after multipliers (``3.5亿元`` → 350000000), ``unit`` an ISO
    4217 code for money, the measure word for a count, ``%`` for a percentage; ``kind`` is
    ``money``, ``count`` or ``percent``; ``approx`` is true when a word such as ``余``/``近``
    marks the number as approximate. Spans overlapping ``exclude`` (time expressions, names:
    ``(start, end)`` spans, or a mask of the text, non-zero at an excluded code point, which a
    caller reading many clauses of one document makes once) and numbers after an ordinal prefix
    (``第四届``) are skipped.
    """
    ar = rules.amounts
    mult_re = ar.multiplier_re
    out = []
    for m in ar.pattern.finditer(text, start, end):
        s, e = m.span()
        unit, cur = m.group("unit"), m.group("cur")
        if not unit and not cur:
            continue
        if s == e or not word_bounded(text, s, e):
            continue
        ns = m.start("num")
        if ending_word(text[max(start, ns - 8):ns], ar.ordinal_prefixes) and not cur and not m.group("pre"):
            continue
        if _excluded(exclude, s, e):
            continue
        num = m.group("num")
        if num[0] in ar.digits or num[0] in ar.multipliers:
            value: float | None = _cn_number(num, ar.digits, ar.multipliers)
        else:
            ascii_num = "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in num)
            value = float(ascii_num.replace(",", "").replace("．", "."))
        if value is None:
            continue
        if mult_re is not None:
            for w in mult_re.findall(m.group("mult")):
                value *= ar.multipliers[w]
        if cur or unit in ar.currencies:
            kind, code = "money", ar.currency_prefixes[cur.strip()] if cur else ar.currencies[unit]
        elif unit in ar.percent:
            kind, code = "percent", "%"
        else:
            kind, code = "count", unit
        approx = bool(m.group("pre") or m.group("approx1") or m.group("approx2"))
        if kind == "count" and unit in ar.ordinal_counters and num[0] in ar.digits and not approx:
            continue      # "一期工程", "二期": a phase, not a count
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        out.append({"text": m.group(0), "value": value, "unit": code, "kind": kind,
                    "approx": approx, "start": s, "end": e})
    return out


def _excluded(exclude: Sequence[tuple[int, int]] | bytes | bytearray, s: int, e: int) -> bool:
    """``[s, e)`` overlaps ``exclude`` (spans, or a mask: see ``find_amounts``)."""
    if isinstance(exclude, (bytes, bytearray)):
        return exclude.find(1, s, e) >= 0
    return any(s < xe and xs < e for xs, xe in exclude)
