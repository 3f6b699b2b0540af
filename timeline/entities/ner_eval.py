"""Reading annotated NER corpora and scoring a recogniser on them (exact span match).

Public API::

    read_bio(path) -> list[Example]          # MSRA format: ``char<TAB>tag`` lines, blank line ends a sentence
    read_cluener(path) -> list[Example]      # CLUENER JSON lines (``end`` inclusive), types mapped
    read_corpus(path) -> list[Example]       # either, chosen by content (first non-blank character ``{``)
    score(gold, predicted) -> dict           # per-type and overall precision / recall / F1
    evaluate(path, recogniser=None) -> dict  # read, tag every text in batches, score

An ``Example`` is ``(text, spans)`` with spans ``(start, end, type)``: half-open code-point offsets.
CLUENER types are mapped as ``CLUENER_TYPES`` says (organization, government, company -> ORG; name ->
PER; address -> LOC); other CLUENER types (book, game, movie, position, scene) are not scored.
Errors: ``CorpusError`` naming the file, line and reason.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

__all__ = ["Example", "CorpusError", "CLUENER_TYPES", "TYPES", "read_bio", "read_cluener", "read_corpus",
           "score", "evaluate", "bio_tags", "spans_from_bio"]

TYPES = ("PER", "LOC", "ORG")
CLUENER_TYPES = {"organization": "ORG", "government": "ORG", "company": "ORG", "name": "PER", "address": "LOC"}
"""CLUENER2020 label -> our type (source: the brief of issue 12; CLUENER README for the label meanings)."""


class Example(NamedTuple):
    text: str
    spans: list[tuple[int, int, str]]


class CorpusError(ValueError):
    """A corpus file that cannot be read; the message names the file, line and reason."""


def spans_from_bio(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Half-open spans from BIO tags (``B-X``, ``I-X``, ``O``; ``E-``/``S-``/``M-`` of BIOES are
    read as I-/B-). An ``I-X`` that does not continue an X starts a new span (conlleval's rule)."""
    out: list[tuple[int, int, str]] = []
    start, cur = -1, None
    for i, tag in enumerate(tags):
        prefix, _, typ = tag.partition("-")
        if prefix in ("B", "S") or (prefix in ("I", "M", "E") and typ != cur):
            if cur is not None:
                out.append((start, i, cur))
            start, cur = i, typ
        elif prefix not in ("I", "M", "E"):
            if cur is not None:
                out.append((start, i, cur))
            start, cur = -1, None
    if cur is not None:
        out.append((start, len(tags), cur))
    return out


def bio_tags(n: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """BIO tags of length ``n`` for non-overlapping ``spans`` (a later overlapping span is dropped)."""
    tags = ["O"] * n
    for s, e, t in sorted(spans):
        if s < 0 or e > n or s >= e or any(tags[i] != "O" for i in range(s, e)):
            continue
        tags[s] = f"B-{t}"
        for i in range(s + 1, e):
            tags[i] = f"I-{t}"
    return tags


def read_bio(path: str | Path) -> list[Example]:
    """Sentences of a BIO file: one ``char<TAB>tag`` (or ``char tag``) a line, a blank line after each
    sentence. A line of a lone whitespace character and its tag keeps that character."""
    path = Path(path)
    out: list[Example] = []
    chars: list[str] = []
    tags: list[str] = []

    def flush():
        if chars:
            out.append(Example("".join(chars), spans_from_bio(tags)))
            chars.clear()
            tags.clear()

    with path.open(encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                flush()
                continue
            if "\t" in line:
                ch, _, tag = line.partition("\t")
            else:
                ch, _, tag = line.rpartition(" ")
            tag = tag.strip()
            if len(ch) != 1 or not tag or (tag != "O" and tag[:2] not in ("B-", "I-", "M-", "E-", "S-")):
                raise CorpusError(f"{path}:{lineno}: expected 'char<TAB>tag', got {line[:40]!r}")
            chars.append(ch)
            tags.append(tag)
    flush()
    return out


def read_cluener(path: str | Path, types: dict[str, str] | None = None) -> list[Example]:
    """Lines of a CLUENER2020 JSON-lines file, labels mapped by ``types`` (default ``CLUENER_TYPES``);
    CLUENER's inclusive ``end`` becomes a half-open end. Unmapped labels are dropped."""
    path = Path(path)
    types = CLUENER_TYPES if types is None else types
    out: list[Example] = []
    with path.open(encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                text = obj["text"]
                spans = []
                for label, mentions in (obj.get("label") or {}).items():
                    if label not in types:
                        continue
                    for mention, places in mentions.items():
                        for s, e in places:
                            if text[s:e + 1] != mention:
                                raise ValueError(f"span [{s}, {e}] is not {mention!r}")
                            spans.append((s, e + 1, types[label]))
            except (ValueError, KeyError, TypeError) as exc:
                raise CorpusError(f"{path}:{lineno}: not a CLUENER line ({exc})") from exc
            out.append(Example(text, sorted(set(spans))))
    return out


def read_corpus(path: str | Path) -> list[Example]:
    """``read_cluener`` when the file's first non-blank character is ``{``, else ``read_bio``."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig") as fh:
            head = fh.read(4096).lstrip()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not UTF-8 ({exc.reason})") from exc
    return read_cluener(path) if head.startswith("{") else read_bio(path)


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "predicted": n_pred, "gold": n_gold}


def score(gold: Sequence[Iterable[tuple]], predicted: Sequence[Iterable[tuple]],
          types: Sequence[str] = TYPES) -> dict:
    """Exact-match scores: a predicted span counts when (start, end, type) equals a gold span of the
    same text. Extra tuple fields (a score) are ignored. Returns ``{type: {precision, recall, f1,
    tp, predicted, gold}, "overall": {...}}`` over ``types`` (micro-averaged)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold texts but {len(predicted)} predicted")
    counts = {t: [0, 0, 0] for t in types}
    for g, p in zip(gold, predicted, strict=True):
        gs = {(s, e, t) for s, e, t, *_ in g if t in counts}
        ps = {(s, e, t) for s, e, t, *_ in p if t in counts}
        for span in gs:
            counts[span[2]][2] += 1
        for span in ps:
            counts[span[2]][1] += 1
            counts[span[2]][0] += span in gs
    out = {t: _prf(*c) for t, c in counts.items()}
    out["overall"] = _prf(*(sum(c[i] for c in counts.values()) for i in range(3)))
    return out


def evaluate(path: str | Path, recogniser: Callable[[list[str]], Sequence[Sequence[tuple]]] | None = None) -> dict:
    """Score ``recogniser`` (texts -> spans per text; default: the packaged model's
    ``find_names_batch``) on the corpus at ``path``. Each sentence or line is one text."""
    examples = read_corpus(path)
    if recogniser is None:
        from .ner_model import find_names_batch

        predicted: Sequence[Sequence[tuple]] = find_names_batch([ex.text for ex in examples])
    else:
        predicted = recogniser([ex.text for ex in examples])
    result = score([ex.spans for ex in examples], predicted)
    result["file"] = str(path)
    result["texts"] = len(examples)
    result["chars"] = sum(len(ex.text) for ex in examples)
    return result
