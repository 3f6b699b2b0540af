"""Matching words in a text: whole Latin-script words, longest word first, letter case ignored.

Scripts written without spaces between words (Chinese) have no word boundaries: a word of them
matches wherever it is written. A word of a script that separates words (Latin letters) matches
only whole (``at`` is not inside ``that``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["alternation", "ending_word", "is_letter", "starting_word", "word_bounded"]


def alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, the longest first (each escaped)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def is_letter(ch: str) -> bool:
    """True for a letter of a script that separates words with spaces (ASCII Latin letters)."""
    return ch.isascii() and ch.isalpha()


def word_bounded(text: str, s: int, e: int) -> bool:
    """False when a match starting or ending with a Latin letter runs on into a word
    ("at" inside "that"); scripts written without spaces are never bounded."""
    if is_letter(text[s]) and s > 0 and is_letter(text[s - 1]):
        return False
    return not (is_letter(text[e - 1]) and e < len(text) and is_letter(text[e]))


@lru_cache(maxsize=1024)
def _prepared(words: tuple[str, ...] | frozenset[str]) -> tuple[tuple[str, str], ...]:
    return tuple((w, w.casefold()) for w in sorted(words, key=len, reverse=True))


def _longest_first(words: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """``(word, casefolded)`` longest first: made once for a table's word list (a tuple or a
    frozenset), not sorted and casefolded again at every look-up."""
    try:
        return _prepared(words)  # type: ignore[arg-type]
    except TypeError:            # a list, a dict: not hashable
        return tuple((w, w.casefold()) for w in sorted(words, key=len, reverse=True))


def ending_word(before: str, words: Iterable[str]) -> str | None:
    """The longest of ``words`` that ``before`` ends with (trailing white space and letter
    case ignored, a Latin word whole), else ``None``."""
    b = before.rstrip().casefold()
    for w, wf in _longest_first(words):
        if b.endswith(wf) and word_bounded(b, len(b) - len(wf), len(b)):
            return w
    return None


def starting_word(after: str, words: Iterable[str]) -> str | None:
    """The longest of ``words`` that ``after`` starts with (leading white space and letter
    case ignored, a Latin word whole), else ``None``."""
    a = after.lstrip().casefold()
    for w, wf in _longest_first(words):
        if a.startswith(wf) and word_bounded(a, 0, len(wf)):
            return w
    return None
