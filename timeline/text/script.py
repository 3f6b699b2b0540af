"""The script a passage is written in (ISO 15924 codes), from the letters each language's text
table declares (``text.yaml: script``): ``Hani`` for the CJK ideographs of Chinese, ``Latn`` for
the Latin letters of English. No code here names a script: they are all data.
"""
from __future__ import annotations

from .tables import scripts

__all__ = ["paragraph_script"]


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
