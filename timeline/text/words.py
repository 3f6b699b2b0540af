"""Matching words in a text: whole Latin-script words, longest word first, letter case ignored.

Scripts written without spaces between words (Chinese) have no word boundaries: a word of them
matches wherever it is written. A word of a script that separates words (Latin letters) matches
only whole (``at`` is not inside ``that``).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

__all__ = ["Matches", "Occurrences", "alternation", "ending_word", "ending_word_at", "is_letter", "prefix_tree",
           "starting_word", "starting_word_at", "word_bounded"]


def alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, the longest first (each escaped); made
    once for a table's word list (a tuple or a frozenset), not at every call."""
    if isinstance(words, (tuple, frozenset)):
        return _alternation_of(words)
    return _alternation(words)


def _alternation(words: Iterable[str]) -> str:
    # longest first, then in code-point order: the same pattern in every run (a set's order changes
    # from run to run), so that the table cache knows it (timeline.resources.compiled)
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


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


_BY_ID: dict[int, tuple[object, _Words]] = {}
"""id of a word list -> (the list, its look-up form): a table's list found again without hashing
it; the entry holds the list, so that its id is not another's while it is kept. Emptied when it
reaches ``_BY_ID_MAX`` entries (lists made at each call do not grow it without bound)."""
_BY_ID_MAX = 256


def _ready(words: Iterable[str]) -> _Words:
    """The look-up form of ``words``: made once for a table's word list (a tuple or a frozenset),
    not sorted and casefolded again at every look-up."""
    got = _BY_ID.get(id(words))
    if got is not None and got[0] is words:
        return got[1]
    try:
        ws = _prepared(words)  # type: ignore[arg-type]
    except TypeError:            # a list, a dict: not hashable
        return _Words(words)
    if len(_BY_ID) >= _BY_ID_MAX:
        _BY_ID.clear()
    _BY_ID[id(words)] = (words, ws)
    return ws


def ending_word(before: str, words: Iterable[str]) -> str | None:
    """The longest of ``words`` that ``before`` ends with (trailing white space and letter
    case ignored, a Latin word whole), else ``None``. Reads the trailing white space and the
    longest word's length before it (and one character more), never the whole of ``before``:
    a look-up costs the same after a long text as after a short one. The last character is
    looked up first: most look-ups end there (as ``ending_word_at``, inlined: called most often)."""
    got = _BY_ID.get(id(words))
    ws = got[1] if got is not None and got[0] is words else _ready(words)
    j = len(before)
    while j and before[j - 1].isspace():
        j -= 1
    if not j:
        return ws.empty
    cands = ws.by_last.get(before[j - 1].casefold()[-1:])
    if cands is None:
        return ws.empty
    b = before[max(0, j - ws.longest - 1):j].casefold()
    for w, wf in cands:
        if b.endswith(wf) and word_bounded(b, len(b) - len(wf), len(b)):
            return w
    return ws.empty


def ending_word_at(text: str, start: int, end: int, words: Iterable[str]) -> str | None:
    """``ending_word(text[start:end], words)`` (``0 <= start``), without the copy. The last
    character is looked up first: most look-ups end there."""
    got = _BY_ID.get(id(words))
    ws = got[1] if got is not None and got[0] is words else _ready(words)
    j = min(end, len(text))
    while j > start and text[j - 1].isspace():
        j -= 1
    if j <= start:
        return ws.empty
    cands = ws.by_last.get(text[j - 1].casefold()[-1:])   # casefolding is per character: a suffix
    if cands is None:                                    # of the whole casefolded text
        return ws.empty
    b = text[max(start, j - ws.longest - 1):j].casefold()
    for w, wf in cands:
        if b.endswith(wf) and word_bounded(b, len(b) - len(wf), len(b)):
            return w
    return ws.empty


def starting_word(after: str, words: Iterable[str]) -> str | None:
    """The longest of ``words`` that ``after`` starts with (leading white space and letter
    case ignored, a Latin word whole), else ``None``. Reads the leading white space and the
    longest word's length after it (and one character more), never the whole of ``after``.
    The first character is looked up first (as ``starting_word_at``, inlined: called most often)."""
    got = _BY_ID.get(id(words))
    ws = got[1] if got is not None and got[0] is words else _ready(words)
    i, n = 0, len(after)
    while i < n and after[i].isspace():
        i += 1
    if i >= n:
        return ws.empty
    cands = ws.by_first.get(after[i].casefold()[:1])
    if cands is None:
        return ws.empty
    a = after[i:i + ws.longest + 1].casefold()
    for w, wf in cands:
        if a.startswith(wf) and word_bounded(a, 0, len(wf)):
            return w
    return ws.empty


def starting_word_at(text: str, start: int, end: int, words: Iterable[str]) -> str | None:
    """``starting_word(text[start:end], words)`` (``0 <= start``), without the copy. The first
    character is looked up first: most look-ups end there."""
    got = _BY_ID.get(id(words))
    ws = got[1] if got is not None and got[0] is words else _ready(words)
    i, n = start, min(end, len(text))
    while i < n and text[i].isspace():
        i += 1
    if i >= n:
        return ws.empty
    cands = ws.by_first.get(text[i].casefold()[:1])
    if cands is None:
        return ws.empty
    a = text[i:min(i + ws.longest + 1, n)].casefold()
    for w, wf in cands:
        if a.startswith(wf) and word_bounded(a, 0, len(wf)):
            return w
    return ws.empty


AUTOMATON_MIN = 2000
"""Texts of at least this many code points are read with an Aho-Corasick automaton
(``Occurrences``, ``Matches``); shorter ones word by word (``str.find``, the regular expression),
so that a short document neither imports pyahocorasick nor builds an automaton (about 1.3 ms
once a process; then an automaton reads the seed article, 4,644 code points, in 0.1-0.4 ms)."""


class Occurrences:
    """Where each of a set of words occurs in one text, overlapping occurrences included: found in
    one pass (an Aho-Corasick automaton, made once per word set; a short text word by word,
    ``AUTOMATON_MIN``), then read by bisection.
    ``find`` gives what ``str.find`` gives for a word of the set, ``among``
    the occurrences of a group of them (searching every word again in each clause read the text
    once a word and a clause)."""

    __slots__ = ("text", "at", "_groups")

    def __init__(self, text: str, words: frozenset[str]) -> None:
        self.text = text
        self.at: dict[str, list[int]] = {w: [] for w in words}   # word -> its starts, ascending
        self._groups: dict[tuple[str, ...], tuple[list[int], list[tuple[int, str]]]] = {}
        if text and words and len(text) >= AUTOMATON_MIN:
            for end, (n, w) in _automaton(words).iter(text):
                self.at[w].append(end + 1 - n)
        elif text:
            for w, starts in self.at.items():
                i = text.find(w)
                while i >= 0:
                    starts.append(i)
                    i = text.find(w, i + 1)

    def find(self, word: str, pos: int, end: int) -> int:
        """``text.find(word, pos, end)`` (``pos`` and ``end`` not negative); ``KeyError`` for a
        word not of the set."""
        starts = self.at[word]
        k = bisect_left(starts, pos)
        if k < len(starts) and starts[k] + len(word) <= end:
            return starts[k]
        return -1

    def first(self, group: tuple[str, ...], pos: int, end: int) -> tuple[int, str] | None:
        """The first ``(start, word)`` of ``among(group, pos, end)`` (the least of the words'
        ``find``), else ``None``."""
        starts, hits = self._groups.get(group) or self._group(group)
        for k in range(bisect_left(starts, pos), len(starts)):
            i, w = hits[k]
            if i >= end:
                break
            if i + len(w) <= end:
                return hits[k]
        return None

    def _group(self, group: tuple[str, ...]) -> tuple[list[int], list[tuple[int, str]]]:
        hits = sorted((i, w) for w in group for i in self.at[w])
        got = self._groups[group] = ([i for i, _ in hits], hits)
        return got

    def among(self, group: tuple[str, ...], pos: int, end: int) -> list[tuple[int, str]]:
        """``(start, word)`` of every occurrence of a word of ``group`` (words of the set) inside
        ``text[pos:end]``, by start (then word); the group's occurrences are merged once a text."""
        starts, hits = self._groups.get(group) or self._group(group)
        out = []
        for k in range(bisect_left(starts, pos), len(starts)):
            i, w = hits[k]
            if i >= end:
                break
            if i + len(w) <= end:
                out.append(hits[k])
        return out


class Matches:
    """What ``pattern.finditer(text, start, end)`` finds, ``pattern`` matching ``words`` (their
    ``alternation`` or ``prefix_tree``), for many spans of one text: the words' occurrences are
    found in one pass (an Aho-Corasick automaton, made once per word set), then each span is read
    from its first occurrence on, the longest word fitting at a start first, the next match
    searched after its end (as the regular expression does), at a cost of the occurrences in the
    span instead of its characters. A short text (``AUTOMATON_MIN``) is read with ``pattern``."""

    __slots__ = ("text", "pattern", "starts", "at")

    def __init__(self, text: str, words: frozenset[str], pattern: re.Pattern) -> None:
        at: dict[int, list[tuple[int, str]]] = {}       # start -> (length, word), longest first
        short = len(text) < AUTOMATON_MIN
        if text and words and not short:
            for end, (n, w) in _automaton(words).iter(text):
                at.setdefault(end + 1 - n, []).append((n, w))
        for v in at.values():
            v.sort(reverse=True)
        self.text, self.pattern = text, (pattern if short else None)
        self.at = at
        self.starts = sorted(at)

    def finditer(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """``(start, end, word)`` of the matches in ``text[start:end]``, in order."""
        if self.pattern is not None:
            return [(m.start(), m.end(), m.group()) for m in self.pattern.finditer(self.text, start, end)]
        starts, at, out, nxt = self.starts, self.at, [], start
        for k in range(bisect_left(starts, start), len(starts)):
            p = starts[k]
            if p >= end:
                break
            if p < nxt:
                continue
            for n, w in at[p]:
                if p + n <= end:
                    out.append((p, p + n, w))
                    nxt = p + n
                    break
        return out


@lru_cache(maxsize=64)
def _automaton(words: frozenset[str]) -> Any:
    """The Aho-Corasick automaton of ``words`` (non-empty strings), each word's value ``(length,
    word)``; made once per word set (a table's), kept for the process."""
    import ahocorasick

    a = ahocorasick.Automaton()
    for w in words:
        a.add_word(w, (len(w), w))
    a.make_automaton()
    return a
