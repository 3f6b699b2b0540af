"""The recogniser's learnt and listed sources of a language, declared in ``recogniser.yaml``.

Public API::

    settings(lang) -> RecogniserSettings       # the table, checked once per language
    model_names(text, lang) -> list[NameSpan]   # the trained model's spans (``[]`` without a model)
    model_names_batch(texts, lang) -> list[list[NameSpan]]
    lexicon_hits(text, lang) -> list[LexiconHit]

``recogniser.yaml`` keys: ``model`` (``folder``: the model's folder, relative to the language's
resource folder, read by ``ner_model``; ``min_score``: spans scoring lower are dropped) and
``lexicons`` (``lexicon.SCHEMA``). A language without the file has neither. The model runtime
(onnxruntime) and the lexicon automaton are loaded on the first document that needs them.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import resources
from ..resources import schema
from .combine import NameSpan
from .lexicon import SCHEMA as LEXICON_SCHEMA
from .lexicon import Lexicon, LexiconHit, build_lexicon

__all__ = ["RecogniserSettings", "settings", "model_names", "model_names_batch", "lexicon_hits", "lexicon"]

SCHEMA = schema.Map({
    "model": schema.Map({"folder": schema.Str(), "min_score": schema.Num()}, required=("folder",)),
    "lexicons": LEXICON_SCHEMA,
})


@dataclass(frozen=True)
class RecogniserSettings:
    """``recogniser.yaml`` of one language, checked: the model folder (absolute) or ``None``, the
    lowest score of a model span kept, and the lexicon declaration (``None`` without one)."""

    model_folder: str | None
    min_score: float
    table: schema.Table | None


@cache
def settings(lang: str) -> RecogniserSettings:
    """The checked ``recogniser.yaml`` of ``lang``; raises ``ResourceError`` naming file and key."""
    if not resources.path(lang, "entities", "recogniser.yaml").is_file():
        return RecogniserSettings(None, 0.0, None)
    table = schema.read(lang, "entities", "recogniser.yaml", schema=SCHEMA)
    model = table.get("model")
    folder = str(resources.path(lang, model["folder"])) if model else None
    return RecogniserSettings(folder, float(model.get("min_score", 0.0)) if model else 0.0,
                              table if table.get("lexicons") else None)


@cache
def lexicon(lang: str) -> Lexicon | None:
    """The lexicon of ``lang`` (its automaton built on the first ``find``), or ``None``."""
    s = settings(lang)
    return build_lexicon(lang, s.table) if s.table is not None else None


def lexicon_hits(text: str, lang: str) -> list[LexiconHit]:
    """Every lexicon form in ``text`` (see ``Lexicon.find``); ``[]`` for a language without lists."""
    lx = lexicon(lang)
    return lx.find(text) if lx is not None else []


@cache
def _tagger(folder: str) -> Any:
    from .ner_model import load_model

    return load_model(folder)


MODEL_PIECE = 1 << 16
"""Longest text (code points) the model is given at once: a longer one is read in pieces cut
after a line break, so that its memory (about 0.6 KB a code point while a text is tagged) stays
bounded however long the document."""


def _pieces(text: str, size: int | None = None) -> list[int]:
    """Where ``text`` is cut for the model: after the last line break before each ``size``
    code points (a cut at ``size`` when a stretch has none); the starts of the pieces."""
    size = size or MODEL_PIECE
    starts, a = [0], 0
    while len(text) - a > size:
        cut = text.rfind("\n", a + 1, a + size)
        a = cut + 1 if cut >= 0 else a + size
        starts.append(a)
    return starts


def model_names_batch(texts: Sequence[str], lang: str) -> list[list[NameSpan]]:
    """The model's names in each text (offsets into it), in few runtime calls, a long text in
    pieces (``MODEL_PIECE``); ``[]`` each for a language without a model. Raises
    ``ner_model.ModelError`` when the declared model is missing."""
    s = settings(lang)
    if s.model_folder is None:
        return [[] for _ in texts]
    tagger = _tagger(s.model_folder)
    if all(len(t) <= MODEL_PIECE for t in texts):
        found = tagger.find(list(texts))
    else:
        found = []
        for t in texts:
            starts = _pieces(t)
            spans: list[Any] = []
            for a, b in zip(starts, starts[1:] + [len(t)], strict=True):
                (piece,) = tagger.find([t[a:b]])
                spans.extend(n._replace(start=n.start + a, end=n.end + a) for n in piece)
            found.append(spans)
    return [[NameSpan(n.start, n.end, n.type, n.score) for n in spans if n.score >= s.min_score]
            for spans in found]


def model_names(text: str, lang: str) -> list[NameSpan]:
    """The model's names in one text (a whole document); see ``model_names_batch``."""
    return model_names_batch([text], lang)[0]
