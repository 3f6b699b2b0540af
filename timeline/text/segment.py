"""Sentences and clauses of a text (``text.yaml``): brackets, quoted speech, separators.

A sentence ends after a ``sentence_end`` or ``segmenter_sentence_end`` character outside brackets
and at every line break, and before a word of ``run_on_openers`` written capitalised right after a
lower-case word and a space (a run-on whose full stop is missing: ``…said some weeks ago On March
3, 2015, the board…``); a clause also before a ``clause_end`` character. A separator between
two digits (``numeric_separators``: ``3.5亿元``), between two ASCII letters or digits
(``word_internal``: ``www.example.com``) or after an abbreviation (``Co.``) never splits.
Spans are half-open code-point offsets, trimmed of white space.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .tables import TextRules
from .words import ending_word

__all__ = ["bracket_mask", "char_class", "split_clauses", "split_sentences", "trim"]


def _is_speech(text: str, s: int, e: int, rules: TextRules) -> bool:
    """True when the quote pair at ``s``…``e`` holds quoted speech (``text.yaml:
    speech_quotes``): an opening quote of ``pairs`` at a line start or after one of ``after``,
    its content holding a sentence end (``“贷款到账后，我们…完成了…。”``; not a slogan or a name:
    ``主题为：“创新，发展”``)."""
    if text[s] not in rules.speech_open:
        return False
    j = s
    while j > 0 and text[j - 1] in " \t\u3000":
        j -= 1
    if j > 0 and text[j - 1] != "\n" and text[j - 1] not in rules.speech_after:
        return False
    return any(ch in rules.sentence_stops for ch in text[s + 1:e])


def bracket_mask(text: str, rules: TextRules, speech: bool = True) -> tuple[bytearray, bytearray]:
    """Per code point: 1 inside a matched bracket pair (content only), and 1 inside a title.
    With ``speech``, quoted speech (``_is_speech``) is text, not inside (its clauses and verbs
    count); without, it is inside (it never ends its sentence: ``他说:“好。走吧。”然后离开。``)."""
    inside = bytearray(len(text))
    opaque = bytearray(len(text))
    stack: list[tuple[str, int]] = []
    closer_of = rules.closers
    closing = {v: k for k, v in closer_of.items()}
    for m in char_class("\n" + "".join(closer_of) + "".join(closing)).finditer(text):
        i, ch = m.start(), m.group()   # only brackets and line breaks act: the rest is skipped
        if ch == "\n":
            stack.clear()
            continue
        if ch in closer_of and ch in closing and closer_of[ch] == ch:   # symmetric quote
            if stack and stack[-1][0] == ch:
                _, s = stack.pop()
                if not (speech and _is_speech(text, s, i, rules)):
                    inside[s + 1:i] = b"\x01" * (i - s - 1)
            else:
                stack.append((ch, i))
            continue
        if ch in closer_of:
            stack.append((ch, i))
        elif ch in closing:
            want = closing[ch]
            for j in range(len(stack) - 1, -1, -1):
                if stack[j][0] == want:
                    s = stack[j][1]
                    del stack[j:]
                    if not (speech and _is_speech(text, s, i, rules)):
                        inside[s + 1:i] = b"\x01" * (i - s - 1)
                    if want in rules.opaque:
                        opaque[s + 1:i] = b"\x01" * (i - s - 1)
                    break
    return inside, opaque


@lru_cache(maxsize=64)
def char_class(chars: str) -> re.Pattern:
    """A pattern matching any one of ``chars`` (nothing when there is none)."""
    if not chars:
        return re.compile("(?!)")
    return re.compile("[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]")


def _is_boundary(text: str, i: int, chars: frozenset[str], rules: TextRules) -> bool:
    ch = text[i]
    if ch not in chars:
        return False
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if ch in rules.numeric_separators and prev.isdigit() and nxt.isdigit():
        return False
    if ch in rules.word_internal and prev.isascii() and prev.isalnum() and nxt.isascii() and nxt.isalnum():
        return False
    if ch in rules.sentence_stops and rules.abbreviations:
        before = text[max(0, i - 12):i]
        if before == before.rstrip() and ending_word(before, rules.abbreviations):
            return False      # "Co.", "Mr.": an abbreviation, not the end of a sentence
    return True


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _run_on_starts(text: str, rules: TextRules, inside: bytearray) -> set[int]:
    """Where a word of ``text.yaml: run_on_openers``, capitalised as listed, follows a lower-case
    word and one space outside brackets: the start of a sentence whose full stop is missing."""
    if rules.run_on_re is None:
        return set()
    out = set()
    for m in rules.run_on_re.finditer(text):
        i = m.start()
        if i < 2 or text[i - 1] != " " or not text[i - 2].isalpha() or inside[i]:
            continue
        j = i - 2
        while j > 0 and text[j - 1].isalpha():
            j -= 1
        if text[j].islower():         # the word before starts in lower case
            out.add(i)
    return out


def split_sentences(text: str, rules: TextRules, inside: bytearray | None = None) -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` code-point spans of the sentences of ``text``, trimmed of
    white space (no-break and ideographic spaces included), empty ones dropped. A sentence
    ends after a ``sentence_end`` character outside brackets (not between two digits), at
    every line break and before a run-on opener (``_run_on_starts``)."""
    if inside is None:
        inside, _ = bracket_mask(text, rules, speech=False)
    run_on = _run_on_starts(text, rules, inside)
    out, start = [], 0
    stops = char_class("\n" + "".join(rules.sentence_stops))   # nothing else ends a sentence
    points = [m.start() for m in stops.finditer(text)]
    if run_on:
        points = sorted(set(points) | run_on)
    for i in points:
        ch = text[i]
        if i in run_on:
            s, e = trim(text, start, i)
            if e > s:
                out.append((s, e))
            start = i
        if ch == "\n" or (not inside[i] and _is_boundary(text, i, rules.sentence_stops, rules)):
            s, e = trim(text, start, i + (ch != "\n"))
            if e > s:
                out.append((s, e))
            start = i + 1
    s, e = trim(text, start, len(text))
    if e > s:
        out.append((s, e))
    return out


def split_clauses(text: str, span: tuple[int, int], rules: TextRules,
                  inside: bytearray | None = None, timex: bytearray | None = None) -> list[tuple[int, int]]:
    """The clauses of the sentence at ``span``: spans ending before a ``clause_end`` or
    ``sentence_end`` character outside brackets (the separator is left out), trimmed of white
    space, of the marks of quoted speech (``text.yaml: speech_quotes``; its content is no
    bracket unless ``inside``, the mask of ``_bracket_mask``, says so) and of the bullets and
    symbols opening them (``text.yaml: leading_marks``: ``■2024年5月1日``). ``timex``, a mask
    of the code points inside time expressions, keeps a separator inside one from splitting
    (``On May 3, 2024, Acme signed…``: one clause boundary, after ``2024``)."""
    if inside is None:
        inside, _ = bracket_mask(text, rules)
    seps, quotes = rules.separators, rules.speech_quotes
    out, start = [], span[0]

    def add(s: int, e: int) -> None:
        s, e = _trim_speech(text, *trim(text, s, e), quotes, inside)
        if rules.leading_marks is not None and e > s:
            m = rules.leading_marks.match(text, s, e)
            if m is not None and m.end() < e:
                s, e = trim(text, m.end(), e)
        if e > s:
            out.append((s, e))

    for m in char_class(rules.separator_chars).finditer(text, span[0], span[1]):   # only separators split
        i = m.start()
        if not inside[i] and not (timex is not None and timex[i]) and _is_boundary(text, i, seps, rules):
            add(start, i)
            start = i + 1
    add(start, span[1])
    return out


def _trim_speech(text: str, start: int, end: int, quotes: frozenset[str] | set[str],
                 inside: bytearray) -> tuple[int, int]:
    """``start``/``end`` without the marks of quoted speech at the clause's edges (a speech quote
    whose content is not masked: ``“今年2月`` -> ``今年2月``); a quoted name keeps its marks."""
    while start < end and text[start] in quotes and not (start + 1 < len(inside) and inside[start + 1]):
        start, end = trim(text, start + 1, end)
    while end > start and text[end - 1] in quotes and not (end >= 2 and inside[end - 2]):
        start, end = trim(text, start, end - 1)
    return start, end
