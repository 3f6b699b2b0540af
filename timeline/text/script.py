"""The script a passage is written in (ISO 15924 codes), from the letters each language's text
table declares (``text.yaml: script``): ``Hani`` for the CJK ideographs of Chinese, ``Latn`` for
the Latin letters of English. No code here names a script: they are all data.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .tables import scripts

__all__ = ["paragraph_script", "word_run", "written_in"]


def paragraph_script(text: str) -> str | None:
    """The ISO 15924 script most letters of ``text`` are written in (each letter counted with its
    script's ``paragraph_weight``, a tie going to the heavier script), ``None`` when it has no
    letters. With the Chinese and English tables: ``Latn`` only when Latin letters outnumber
    ideographs three to one (a Chinese sentence quoting ``GDP`` or an English company name stays
    ``Hani``)."""
    best: tuple[int, int, str] | None = None
    for code, script in scripts().items():
        n = len(script.letters.findall(text))
        if n and (best is None or (n * script.weight, script.weight) > best[:2]):
            best = (n * script.weight, script.weight, code)
    return best[2] if best is not None else None


def written_in(line: str, letters: re.Pattern, *, share: float = 0.5, min_visible: int = 12) -> bool:
    """True when ``line`` is a passage in the script whose letters ``letters`` matches: it has
    ``min_visible`` visible characters or more (spaces and tabs aside), and ``share`` of them or
    more are such letters (an English paragraph of a Chinese page)."""
    visible = len(line) - line.count(" ") - line.count("\t")
    return visible >= min_visible and len(letters.findall(line)) >= share * visible


@lru_cache(maxsize=16)
def word_run(letters: re.Pattern) -> re.Pattern:
    """Three words in a row of the script whose letters ``letters`` matches (two letters or more
    each, one to three spaces or ``,.'-`` between): a text without one holds no passage in it."""
    word = f"(?:{letters.pattern}){{2,}}"
    sep = r"[ ,.'-]{1,3}"
    try:   # a run starts where a word starts: else a long word with no space after it is tried
        #    again from each of its letters, time quadratic in its length (aaaa…)
        return re.compile(f"(?<!{letters.pattern})" + word + sep + word + sep + word)
    except re.error:    # letters of more than one code point: no fixed-width lookbehind
        return re.compile(word + sep + word + sep + word)
