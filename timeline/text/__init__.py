"""The text layer every stage reads through: how a language is written and what a document's
text is to match on.

Public API::

    load_rules(lang) -> TextRules | None      # resources/<lang>/text.yaml, validated
    split_sentences(text, rules, inside=None) -> list[(start, end)]
    split_clauses(text, span, rules, inside=None, timex=None) -> list[(start, end)]
    bracket_mask(text, rules, speech=True) -> (inside, opaque)   # per code point masks
    paragraph_script(text) -> "Hani" | "Latn" | … | None          # ISO 15924
    written_in(line, letters), word_run(letters)   # is a line a passage in a script?
    TextView(written, match)                   # a document as written and as matched

One data file a language, ``timeline/resources/<lang>/text.yaml``: the script and its letters,
the characters ending a sentence or a clause, brackets and quotes (quoted speech, titles), the
bullets opening a clause, the connectors of a range of dates. Modules: ``tables`` (the table),
``segment`` (sentences, clauses, brackets), ``script`` (the script of a passage), ``words``
(matching whole words), ``view`` (``TextView``). Nothing here names a language.
"""
from __future__ import annotations

from .script import paragraph_script, word_run, written_in
from .segment import bracket_mask, split_clauses, split_sentences, trim
from .tables import Script, TextRules, load_rules, scripts
from .view import TextView

__all__ = ["Script", "TextRules", "TextView", "bracket_mask", "load_rules", "paragraph_script", "scripts",
           "split_clauses", "split_sentences", "trim", "word_run", "written_in"]
