"""The trained character-level name tagger (PER / LOC / ORG), run through onnxruntime.

Public API::

    find_names(text) -> list[NameSpan]                  # one text (a whole document is fine)
    find_names_batch(texts) -> list[list[NameSpan]]      # many texts in few runtime calls
    load_model(folder=None) -> NameTagger                # loaded once, lazily, then cached

A ``NameSpan`` is ``(start, end, type, score)``: half-open code-point offsets into the given text,
``type`` in ``PER``/``LOC``/``ORG``, ``score`` the mean probability of the chosen tags (0-1).

The model reads simplified Chinese: give it the same-length simplified copy of a traditional text
(``timeline.documents.matching_text``); offsets are the same in both. Full-width ASCII is folded to
ASCII character by character (same length), so offsets never move.

Files (``timeline/resources/zh/models/``, built by ``scripts/train_ner.py``): ``ner.onnx`` (the
network: character and character-bigram embeddings, convolutions, a softmax over BIO tags),
``ner_vocab.json`` (characters, bigrams, tag names, settings) and ``meta.json`` (training report).
``onnxruntime`` is imported on first use only; nothing is ever downloaded.
"""
from __future__ import annotations

import bisect
import json
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import numpy as np

__all__ = ["NameSpan", "NameTagger", "ModelError", "find_names", "find_names_batch", "load_model",
           "normalise", "Encoder", "decode_tags", "decode_emissions", "viterbi_runs", "merge_extra_orgs",
           "MODEL_DIR"]

MODEL_DIR = "resources/zh/models"
"""Folder of the packaged model, relative to the ``timeline`` package."""

_ONNX = "ner.onnx"
_VOCAB = "ner_vocab.json"
PAD, UNK = 0, 1
"""Reserved ids of the character and bigram vocabularies (ids of real entries start at 2)."""


class NameSpan(NamedTuple):
    start: int
    end: int
    type: str
    score: float


class ModelError(RuntimeError):
    """The model files are missing or do not agree with each other."""


# --- input mapping -------------------------------------------------------------------------------

def _fold_table() -> np.ndarray:
    """Code point -> folded code point for the Basic Multilingual Plane (one entry per code point).
    Full-width ASCII U+FF01-FF5E becomes ASCII, the ideographic space U+3000 and every other
    whitespace character a plain space."""
    table = np.arange(0x10000, dtype=np.uint32)
    table[0xFF01:0xFF5F] -= 0xFEE0
    for ch in "\t\n\v\f\r\u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u3000":
        table[ord(ch)] = 0x20
    table[0x2000:0x200B] = 0x20
    return table


_FOLD = _fold_table()


def normalise(text: str) -> str:
    """``text`` with full-width ASCII folded to ASCII and whitespace to spaces (same length)."""
    cps = _codepoints(text)
    small = cps < 0x10000
    cps[small] = _FOLD[cps[small]]
    return cps.tobytes().decode("utf-32-le")


def _codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).copy()


class Encoder:
    """Maps a text to character ids and bigram ids (vectorised, no per-character Python loop).

    ``chars``: the vocabulary characters in id order starting at id 2 (already folded);
    ``bigrams``: two-character strings in id order starting at id 2. Bigram ``j`` of a text of
    length ``n`` joins characters ``j-1`` and ``j`` (``j = 0..n``; outside the text stands PAD),
    so character ``i`` has the bigrams ``j = i`` (left) and ``j = i + 1`` (right)."""

    def __init__(self, chars: str, bigrams: list[str]):
        self.chars = chars
        self.bigrams = bigrams
        self.n_chars = len(chars) + 2
        self.n_bigrams = len(bigrams) + 2
        ids = np.full(0x10000, UNK, dtype=np.int64)
        cps = _codepoints(chars)
        bmp = cps < 0x10000
        ids[cps[bmp]] = np.flatnonzero(bmp) + 2
        self._table = np.append(ids[_FOLD], UNK)            # code point -> id; last entry: outside the BMP
        if any(len(b) != 2 for b in bigrams):
            raise ModelError("a bigram of the vocabulary is not two characters long")
        pairs = self._table[np.minimum(_codepoints("".join(bigrams)), 0x10000)].reshape(-1, 2)
        keys = pairs[:, 0] * self.n_chars + pairs[:, 1]
        order = np.argsort(keys, kind="stable")
        self._keys = keys[order]
        self._key_ids = (order + 2).astype(np.int64)

    def char_ids(self, text: str) -> np.ndarray:
        cps = _codepoints(text)
        return self._table[np.minimum(cps, 0x10000)]

    def bigram_ids(self, cids: np.ndarray) -> np.ndarray:
        ext = np.concatenate(([PAD], cids, [PAD]))
        keys = ext[:-1] * self.n_chars + ext[1:]
        if not len(self._keys):
            return np.full(len(keys), UNK, dtype=np.int64)
        pos = np.minimum(np.searchsorted(self._keys, keys), len(self._keys) - 1)
        return np.where(self._keys[pos] == keys, self._key_ids[pos], UNK)

    def encode(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(character ids of length n, bigram ids of length n + 1)."""
        cids = self.char_ids(text)
        return cids, self.bigram_ids(cids)


# --- output decoding -----------------------------------------------------------------------------

def decode_tags(tags: np.ndarray, probs: np.ndarray | None, types: list[str]) -> list[NameSpan]:
    """Spans from one sequence of BIO tag ids (0 = O, 2k+1 = B-types[k], 2k+2 = I-types[k]).

    An I- tag that does not continue a name of its type starts one (the usual repair), so every
    tag sequence gives well-formed spans. ``probs`` (per character, 0-1) gives each span the mean
    over its characters; without it the score is 1.0."""
    tags = np.asarray(tags, dtype=np.int64)
    if not len(tags):
        return []
    starts, ends, kinds = _runs(tags)
    if probs is not None:
        csum = np.concatenate(([0.0], np.cumsum(probs, dtype=np.float64)))
        scores = (csum[ends] - csum[starts]) / (ends - starts)
    else:
        scores = np.ones(len(starts))
    return _spans(starts, ends, kinds, scores, types)


def _runs(tags: np.ndarray):
    """(starts, ends, type indexes) of the names in a BIO tag id sequence (see ``decode_tags``)."""
    typ = np.where(tags > 0, (tags - 1) // 2, -1)
    is_b = (tags % 2) == 1
    prev = np.concatenate(([-1], typ[:-1]))
    cont = (typ >= 0) & ~is_b & (prev == typ)                  # continues the name before it
    start = (typ >= 0) & ~cont
    nxt = np.concatenate((cont[1:], [False]))
    end = (typ >= 0) & ~nxt
    starts = np.flatnonzero(start)
    return starts, np.flatnonzero(end) + 1, typ[starts]


def _spans(starts, ends, kinds, scores, types) -> list[NameSpan]:
    return [NameSpan(s, e, types[k], p) for s, e, k, p in
            zip(starts.tolist(), ends.tolist(), kinds.tolist(), np.round(scores, 4).tolist(), strict=True)]


HOT_MARGIN = 2.0
"""A character is decoded by Viterbi when its O score beats every other tag's by less than this
(emission scores; on the MSRA and CLUENER dev splits 2.0 gives the same names as a Viterbi over
every character, 0.0 loses 0.2-0.6 points of F1)."""


def viterbi_runs(emis: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray,
                 margin: float = HOT_MARGIN) -> np.ndarray:
    """Tag ids [n] for emission scores ``emis`` [n, T] under a linear-chain CRF (``trans[i, j]``: from
    tag i to tag j; tag 0 = O), decoded by Viterbi inside each run of characters where O does not
    win by ``margin``, widened by one character on each side; every other character is O and each
    run is decoded with O before and after it (or the start / end scores at the text's edges).
    Runs are decoded together, longest first: step t works on the runs longer than t, so the
    work is the total length of the runs (plus one numpy call per step of the longest)."""
    n, T = emis.shape
    tags = np.zeros(n, dtype=np.int64)
    hot = emis[:, 0] - emis[:, 1:].max(1) < margin
    if not hot.any():
        return tags
    wide = hot.copy()
    wide[1:] |= hot[:-1]
    wide[:-1] |= hot[1:]
    edge = np.diff(np.concatenate(([0], wide.view(np.int8), [0])))
    lo, hi = np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)
    order = np.argsort(lo - hi, kind="stable")              # longest first
    lo, hi = lo[order], hi[order]
    size = hi - lo
    width = int(size[0])
    active = np.searchsorted(-size, -np.arange(width), side="left")    # runs longer than t
    first = emis[lo]
    delta = np.where((lo == 0)[:, None], start[None, :], trans[0][None, :]) + first
    back = []
    trans3 = np.ascontiguousarray(trans.T)[None]               # [1, to, from]: reduce the last axis
    for t in range(1, width):
        k = active[t]
        cand = delta[:k, None, :] + trans3                     # [k, to, from]
        arg = cand.argmax(2)
        back.append(arg)
        delta[:k] = np.take_along_axis(cand, arg[:, :, None], 2)[:, :, 0] + emis[lo[:k] + t]
    delta += np.where((hi == n)[:, None], end[None, :], trans[:, 0][None, :])
    cur = delta.argmax(1)
    tags[hi - 1] = cur
    rows = np.arange(len(lo))
    for t in range(width - 1, 0, -1):
        k = active[t]
        prev = back[t - 1][rows[:k], cur[:k]]
        cur[:k] = prev
        tags[lo[:k] + t - 1] = prev
    return tags


def decode_emissions(emis: np.ndarray, crf: tuple | None, types: list[str],
                     best: np.ndarray | None = None) -> list[NameSpan]:
    """Spans from emission scores [n, T] of one text: Viterbi (``viterbi_runs``) when ``crf`` =
    (transitions, start, end) is given, else the best tag per character (``best`` when the
    caller has it); each span scored by the mean softmax probability of its characters' best tags."""
    if not len(emis):
        return []
    emis = np.asarray(emis, dtype=np.float32)
    if crf is not None:
        tags = viterbi_runs(emis, *crf)
    else:
        tags = emis.argmax(1) if best is None else best
    starts, ends, kinds = _runs(tags)
    if not len(starts):
        return []
    inside = np.flatnonzero(tags > 0)                       # probabilities only where names are
    e = emis[inside]
    p = 1.0 / np.exp(e - e.max(1, keepdims=True)).sum(1)
    csum = np.concatenate(([0.0], np.cumsum(p, dtype=np.float64)))
    a, b = np.searchsorted(inside, starts), np.searchsorted(inside, ends - 1) + 1
    return _spans(starts, ends, kinds, (csum[b] - csum[a]) / (b - a), types)


def merge_extra_orgs(runs: list[list[NameSpan]]) -> list[NameSpan]:
    """The names of the first output layer, plus the organisations of the others that overlap
    none of them (CLUENER's layer knows more companies; MSRA's has the better boundaries), in
    text order. One run is returned as it is."""
    out = sorted(runs[0])
    if len(runs) == 1:
        return out
    for extra in runs[1:]:
        starts = [s.start for s in out]                   # out never overlaps itself: sorted by start
        ends = [s.end for s in out]
        add = []
        for s in extra:
            i = bisect.bisect_left(starts, s.end) - 1     # the last name starting before s ends
            if s.type == "ORG" and (i < 0 or ends[i] <= s.start):
                add.append(s)
        out = sorted(out + add)
    return out


# --- the runtime model ---------------------------------------------------------------------------

@dataclass
class _Segment:
    text: int            # index of the text in the batch
    start: int           # first character the segment reads (context included)
    end: int
    keep_from: int       # characters [keep_from, keep_to) of the text are taken from this segment
    keep_to: int


class NameTagger:
    """A loaded model. ``find(texts)`` tags many texts with few runtime calls: texts are cut into
    windows of at most ``window`` characters (plus ``context`` characters of overlap on each
    side, more than the network's receptive radius, so a window sees what the whole text would
    show), sorted by length and run in padded batches of at most ``batch_chars`` characters with
    at most a quarter of padding. Each row holds one window between runs of PAD ids as long as
    the receptive radius (the layout the network was trained with), so a text's result never
    depends on what else is in the batch."""

    def __init__(self, folder: Path, threads: int = 1, window: int = 8192, batch_chars: int = 32768):
        folder = Path(folder)
        try:
            vocab = json.loads((folder / _VOCAB).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"{folder / _VOCAB}: cannot read the model vocabulary ({exc})") from exc
        self.types: list[str] = vocab["types"]
        self.heads: list[str] = vocab.get("heads", ["main"])
        crf = vocab.get("crf") or [None] * len(self.heads)
        self.crf = [None if not c else tuple(np.asarray(c[k], dtype=np.float32)
                                             for k in ("transitions", "start", "end")) for c in crf]
        self.radius: int = int(vocab["receptive_radius"])
        self.context: int = self.radius + 1
        self.encoder = Encoder(vocab["chars"], vocab["bigrams"])
        self.window = window
        self.batch_chars = batch_chars
        try:
            import onnxruntime as ort
        except ImportError as exc:   # pragma: no cover - onnxruntime is a main dependency
            raise ModelError("onnxruntime is not installed (pip install onnxruntime)") from exc
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        path = folder / _ONNX
        if not path.is_file():
            raise ModelError(f"{path}: model file missing (build it with scripts/train_ner.py)")
        self.session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        self._lock = threading.Lock()

    def _segments(self, lengths: list[int]) -> list[_Segment]:
        out = []
        for i, n in enumerate(lengths):
            for a in range(0, max(n, 1), self.window):
                b = min(n, a + self.window)
                out.append(_Segment(i, max(0, a - self.context), min(n, b + self.context), a, b))
        return out

    def find(self, texts: list[str]) -> list[list[NameSpan]]:
        """Names in each of ``texts`` (offsets into that text)."""
        if not texts:
            return []
        encoded = [self.encoder.char_ids(t) for t in texts]
        segs = sorted(self._segments([len(t) for t in texts]), key=lambda s: s.end - s.start)
        nh, nt = len(self.heads), len(self.types) * 2 + 1
        scores = [np.zeros((len(t), nh * nt), dtype=np.float32) for t in texts]
        bests = [np.zeros((len(t), nh), dtype=np.int64) for t in texts]
        i = 0
        while i < len(segs):
            real = segs[i].end - segs[i].start
            j = i + 1
            while j < len(segs):                       # sorted by length: the last one sets the width
                n = segs[j].end - segs[j].start
                padded = (j - i + 1) * n
                if padded > self.batch_chars or padded > 1.25 * (real + n) + 64:
                    break
                real += n
                j += 1
            batch = segs[i:j]
            width = max(s.end - s.start for s in batch)
            if width == 0:
                i = j
                continue
            pad = self.radius                          # PAD ids around each row: rows never mix
            cids = np.zeros((len(batch), width + 2 * pad), dtype=np.int64)
            bids = np.zeros((len(batch), width + 2 * pad + 1), dtype=np.int64)
            for r, s in enumerate(batch):
                n = s.end - s.start
                cids[r, pad:pad + n] = encoded[s.text][s.start:s.end]
                bids[r, pad:pad + n + 1] = self.encoder.bigram_ids(cids[r, pad:pad + n])
            with self._lock:
                out, best = self.session.run(None, {"chars": cids, "bigrams": bids})
            for r, s in enumerate(batch):
                lo, hi = pad + s.keep_from - s.start, pad + s.keep_to - s.start
                scores[s.text][s.keep_from:s.keep_to] = out[r, lo:hi]
                bests[s.text][s.keep_from:s.keep_to] = best[r, lo:hi]
            i = j
        return [merge_extra_orgs([decode_emissions(np.ascontiguousarray(e[:, h * nt:(h + 1) * nt]), self.crf[h],
                                                   self.types, b[:, h]) for h in range(nh)])
                for e, b in zip(scores, bests, strict=True)]


_MODEL: NameTagger | None = None
_MODEL_LOCK = threading.Lock()


def _package_folder() -> Path:
    return Path(str(resources.files("timeline"))) / MODEL_DIR


def load_model(folder: str | Path | None = None, threads: int = 1) -> NameTagger:
    """The tagger in ``folder`` (default: the packaged model, loaded once and cached).
    Raises ``ModelError`` when the files are missing or unreadable."""
    global _MODEL
    if folder is not None:
        return NameTagger(Path(folder), threads=threads)
    with _MODEL_LOCK:
        if _MODEL is None:
            _MODEL = NameTagger(_package_folder(), threads=threads)
        return _MODEL


def find_names_batch(texts: list[str]) -> list[list[NameSpan]]:
    """Names in each text (simplified Chinese; a document is one text). See ``NameSpan``."""
    return load_model().find(list(texts))


def find_names(text: str) -> list[NameSpan]:
    """Names in one text (simplified Chinese; a whole document is fine). See ``NameSpan``."""
    return load_model().find([text])[0]
