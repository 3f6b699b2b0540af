"""The language and the script of a text: ``detect_language`` (the letters of each language's
script, ``text.yaml``, weighed by ``documents.yaml``), ``detect_script`` (a traditional-Chinese
text is ``Hant``), ``convert_script`` (OpenCC) and ``matching_text``, the same-length copy in the
base script that every stage matches on.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import resources
from ..model import Document
from .tables import _RESOURCE, _all_rules, _rules


def detect_language(text: str) -> str:
    """The language of a text: the one whose letters (``text.yaml: script.letters``) hold the largest share
    (at least its ``min_share``) of the letters of the first 5000 code points, each letter of a
    class counted ``detect.weight`` times (a Chinese character says about as much as a Latin
    word of four letters, so a Chinese article with an English paragraph stays Chinese); else
    the language marked ``default``; a text without letters (``2010/01/29``) is in the
    language marked ``no_letters``. Returns a resource folder name (``zh``, ``en``)."""
    rules = _all_rules()
    if not rules:
        raise resources.ResourceError(f"{resources.ROOT}: no language has a {_RESOURCE}")
    sample = text[:5000]
    counts = {r.lang: len(r.letters.findall(sample)) for r in rules}
    n = sum(1 for c in sample if c.isalpha()) + sum((r.weight - 1) * counts[r.lang] for r in rules)
    best, best_share = None, -1.0
    if not n:
        best = next((r.lang for r in rules if r.no_letters), None)
    else:
        for r in rules:
            share = r.weight * counts[r.lang] / n
            if share >= r.min_share and share > best_share:
                best, best_share = r.lang, share
    if best is None:
        best = next((r.lang for r in rules if r.default), rules[0].lang)
    return best


@lru_cache(maxsize=8)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def convert_script(text: str, config: str) -> str:
    """``text`` converted by OpenCC with ``config`` (``t2s``, ``s2t`` …; one converter per
    config, built once). The length may change: for spans use ``matching_text``."""
    return _converter(config).convert(text)


@lru_cache(maxsize=4096)
def _convert_char(config: str, ch: str) -> str:
    out = _converter(config).convert(ch)
    return out if len(out) == 1 else ch


def detect_script(text: str, lang: str) -> str | None:
    """The script tag of a text in ``lang`` (``Hant`` for traditional Chinese) or ``None``.

    A text is in the language's ``script`` when at least ``min_changed`` and ``min_changed_share``
    of its letters (first 5000 code points) change under the OpenCC conversion named by the
    table (``t2s``: traditional to simplified)."""
    r = _rules(lang)
    if not r.script or not r.opencc:
        return None
    chars = r.letters.findall(text[:5000])
    if not chars:
        return None
    changed = sum(1 for c in chars if _convert_char(r.opencc, c) != c)
    if changed >= r.min_changed and changed / len(chars) >= r.min_changed_share:
        return r.script
    return None


def matching_text(doc: Document) -> str:
    """The text the stages match on: ``doc.text`` itself, or for a document in a converted
    script (``Hant``) a copy in the base script (simplified) of EXACTLY the same length, so that
    every offset found in the copy indexes ``doc.text``.

    Runs of letters are converted phrase by phrase with OpenCC; a run whose conversion would
    change its length is converted character by character (a character whose conversion is
    not one character stays as it is).
    """
    if not doc.script:
        return doc.text
    return _matching_copy(doc.text, doc.language, doc.script)


@lru_cache(maxsize=32)
def _matching_copy(text: str, lang: str, script: str) -> str:
    r = _rules(lang)
    if r.script != script or not r.opencc:
        return text
    conv = _converter(r.opencc)
    run = re.compile(f"(?:{r.letters.pattern})+")
    out: list[str] = []
    last = 0
    for m in run.finditer(text):
        out.append(text[last:m.start()])
        piece = m.group()
        converted = conv.convert(piece)
        if len(converted) != len(piece):
            converted = "".join(_convert_char(r.opencc, c) for c in piece)
        out.append(converted)
        last = m.end()
    out.append(text[last:])
    result = "".join(out)
    assert len(result) == len(text)
    return result
