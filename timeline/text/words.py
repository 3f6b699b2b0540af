"""Matching words in a text: whole Latin-script words, longest word first, letter case ignored.

Scripts written without spaces between words (Chinese) have no word boundaries: a word of them
matches wherever it is written. A word of a script that separates words (Latin letters) matches
only whole (``at`` is not inside ``that``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["alternation", "ending_word", "is_letter", "prefix_tree", "starting_word", "word_bounded"]


def alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, the longest first (each escaped); made
    once for a table's word list (a tuple or a frozenset), not at every call."""
    if isinstance(words, (tuple, frozenset)):
        return _alternation_of(words)
    return _alternation(words)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1024)
def _alternation_of(words: tuple[str, ...] | frozenset[str]) -> str:
    return _alternation(words)


def prefix_tree(words: Iterable[str]) -> str:
    """A regular expression matching what ``alternation(words)`` matches, in the same order of
    preference (at a position, the longest word first; on backtracking, the next shorter), written
    as a tree of the words' common prefixes (``成立|成交`` -> ``成(?:立|交)``): the engine reads each
    character once instead of trying every word at every position. For a case-sensitive pattern
    only (under ``re.IGNORECASE`` two branches may hold the same letter)."""
    tree: dict[str, dict] = {}
    for w in set(words):
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}                        # a word ends here

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" not in node:
            return body
        return ("(?:" + body + ")?") if len(alts) == 1 else body + "?"   # longer first, then here

    return emit(tree)


def is_letter(ch: str) -> bool:
    """True for a letter of a script that separates words with spaces (ASCII Latin letters)."""
    return ch.isascii() and ch.isalpha()


def word_bounded(text: str, s: int, e: int) -> bool:
    """False when a match starting or ending with a Latin letter runs on into a word
    ("at" inside "that"); scripts written without spaces are never bounded."""
    if is_letter(text[s]) and s > 0 and is_letter(text[s - 1]):
        return False
    return not (is_letter(text[e - 1]) and e < len(text) and is_letter(text[e]))


class _Words:
    """A word list made ready for look-ups: ``(word, casefolded)`` longest first, grouped by the
    casefolded first and last character (a word can only start a text with the text's first
    character), and the longest casefolded length."""

    __slots__ = ("by_first", "by_last", "longest", "empty")

    def __init__(self, words: Iterable[str]) -> None:
        pairs = [(w, w.casefold()) for w in sorted(words, key=len, reverse=True)]
        self.by_first: dict[str, list[tuple[str, str]]] = {}
        self.by_last: dict[str, list[tuple[str, str]]] = {}
        self.empty = next((w for w, wf in pairs if not wf), None)   # "" (matches anything, last)
        for w, wf in pairs:
            if wf:
                self.by_first.setdefault(wf[0], []).append((w, wf))
                self.by_last.setdefault(wf[-1], []).append((w, wf))
        self.longest = max((len(wf) for _, wf in pairs), default=0)


@lru_cache(maxsize=1024)
def _prepared(words: tuple[str, ...] | frozenset[str]) -> _Words:
    return _Words(words)


def _ready(words: Iterable[str]) -> _Words:
    """The look-up form of ``words``: made once for a table's word list (a tuple or a frozenset),
    not sorted and casefolded again at every look-up."""
    try:
        return _prepared(words)  # type: ignore[arg-type]
    except TypeError:            # a list, a dict: not hashable
        return _Words(words)


def ending_word(before: str, words: Iterable[str]) -> str | None:
    """The longest of ``words`` that ``before`` ends with (trailing white space and letter
    case ignored, a Latin word whole), else ``None``. Reads the trailing white space and the
    longest word's length before it (and one character more), never the whole of ``before``:
    a look-up costs the same after a long text as after a short one."""
    ws = _ready(words)
    j = len(before)
    while j and before[j - 1].isspace():
        j -= 1
    b = before[max(0, j - ws.longest - 1):j].casefold()   # casefolding is per character: a suffix
    for w, wf in ws.by_last.get(b[-1:], ()):               # of the whole casefolded text
        if b.endswith(wf) and word_bounded(b, len(b) - len(wf), len(b)):
            return w
    return ws.empty


def starting_word(after: str, words: Iterable[str]) -> str | None:
    """The longest of ``words`` that ``after`` starts with (leading white space and letter
    case ignored, a Latin word whole), else ``None``. Reads the leading white space and the
    longest word's length after it (and one character more), never the whole of ``after``."""
    ws = _ready(words)
    i, n = 0, len(after)
    while i < n and after[i].isspace():
        i += 1
    a = after[i:i + ws.longest + 1].casefold()
    for w, wf in ws.by_first.get(a[:1], ()):
        if a.startswith(wf) and word_bounded(a, 0, len(wf)):
            return w
    return ws.empty
