"""Reading numbers written with Arabic, full-width or native numerals (``2016``, ``２０１６``,
``二〇一七``, ``二十三``, ``两千零五``, ``三年半``).

The digit and multiplier characters of a language come from its ``tables.yaml`` (``numerals``:
``digits``, ``units``, ``half``); this module only knows the positional algorithm shared by the
Chinese-style systems (a digit followed by a multiplier: 二十三 = 2×10 + 3, 两千零五 = 2×1000 + 5,
multipliers ≥ 10000 scale the whole preceding section), and numbers written in words separated
by blanks or hyphens, whose words are keys of the same tables (``twenty-four`` = 20 + 4, ``two
hundred`` = 2 × 100, ``three thousand five hundred``: multipliers ≥ 1000 close a section).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class NumeralTable:
    """Digits (``{'一': 1, …}``), multipliers (``{'十': 10, …}``) and the half words (``半``)."""

    digits: dict[str, int] = field(default_factory=dict)
    units: dict[str, int] = field(default_factory=dict)
    half: tuple[str, ...] = ()


def parse_int(text: str, table: NumeralTable) -> int | None:
    """The integer ``text`` spells, or ``None`` when it is not a well-formed numeral.

    Arabic and full-width digits (any Unicode ``Nd`` character) are read positionally; native
    digits without a multiplier are read digit by digit (``二〇一七`` -> 2017, ``零八`` -> 8); with
    multipliers the usual grouping applies (``十二`` -> 12, ``二十`` -> 20, ``一百零五`` -> 105,
    ``三万`` -> 30000).
    """
    s = text.strip()
    if not s:
        return None
    if all(c.isdecimal() for c in s):
        return int(s)  # int() reads every Unicode decimal digit, full-width included
    low = s.lower()
    if _WORD_BREAK.search(s) or (len(s) > 1 and (low in table.digits or low in table.units)):
        return _parse_words(low, table)
    if any(c.isdecimal() for c in s):
        return None
    if any(c not in table.digits and c not in table.units for c in s):
        return None
    if not any(c in table.units for c in s):
        value = 0
        for c in s:
            value = value * 10 + table.digits[c]
        return value
    total = 0       # completed sections (above the largest multiplier seen, e.g. 万)
    section = 0     # current section below 万
    digit = None    # pending digit
    for c in s:
        if c in table.digits:
            if digit is not None and table.digits[c] != 0 and digit != 0:
                return None  # two digits in a row inside a multiplied numeral
            digit = table.digits[c]
        else:
            unit = table.units[c]
            if unit >= 10000:
                section += digit or 0
                total += (section or 1) * unit
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
    return total + section + (digit or 0)


_WORD_BREAK = re.compile(r"[\s-]")


def _parse_words(s: str, table: NumeralTable) -> int | None:
    """A number written in words (``twenty-four``, ``two hundred and five``), or ``None``."""
    words = [w for w in _WORD_BREAK.split(s) if w and w != "and"]
    if not words or any(w not in table.digits and w not in table.units for w in words):
        return None
    total = section = 0
    for w in words:
        if w in table.digits:
            section += table.digits[w]
        else:
            unit = table.units[w]
            if unit >= 1000:
                total += (section or 1) * unit
                section = 0
            else:
                section = (section or 1) * unit
    return total + section


def parse_amount(text: str, table: NumeralTable) -> float | None:
    """A possibly fractional amount: ``3`` -> 3, ``3.5`` -> 3.5, ``半`` -> 0.5, ``三`` -> 3.

    Returns ``None`` when ``text`` is not a numeral.
    """
    s = text.strip()
    if s in table.half:
        return 0.5
    if "." in s:
        try:
            return float("".join(str(int(c)) if c.isdecimal() else c for c in s))
        except ValueError:
            return None
    value = parse_int(s, table)
    return None if value is None else float(value)
