"""Word matching shared by the event modules: whole Latin words, longest word first."""
from __future__ import annotations

import re


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _is_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _word_bounded(text: str, s: int, e: int) -> bool:
    """False when a match starting or ending with a Latin letter runs on into a word
    ("at" inside "that"); scripts written without spaces are never bounded."""
    if _is_letter(text[s]) and s > 0 and _is_letter(text[s - 1]):
        return False
    return not (_is_letter(text[e - 1]) and e < len(text) and _is_letter(text[e]))


def _ending_word(before: str, words) -> str | None:
    """The longest of ``words`` that ``before`` ends with (trailing white space and letter
    case ignored, a Latin word whole), else ``None``."""
    b = before.rstrip().casefold()
    for w in sorted(words, key=len, reverse=True):
        wf = w.casefold()
        if b.endswith(wf) and _word_bounded(b, len(b) - len(wf), len(b)):
            return w
    return None


def _starting_word(after: str, words) -> str | None:
    """The longest of ``words`` that ``after`` starts with (leading white space and letter
    case ignored, a Latin word whole), else ``None``."""
    a = after.lstrip().casefold()
    for w in sorted(words, key=len, reverse=True):
        wf = w.casefold()
        if a.startswith(wf) and _word_bounded(a, 0, len(wf)):
            return w
    return None
