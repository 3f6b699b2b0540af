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
           "normalise", "Encoder", "decode_tags", "decode_emissions", "viterbi_runs", "viterbi_many",
           "spans_of_tags", "merge_extra_orgs",
           "Lexicon", "LEX_KINDS", "save_tables", "MODEL_DIR"]

MODEL_DIR = "resources/zh/models"
"""Folder of the packaged model, relative to the ``timeline`` package."""

_ONNX = "ner.onnx"
_VOCAB = "ner_vocab.json"
_TABLES = "ner_tables.npz"
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


class _HashTable:
    """Non-zero values of 64-bit keys (0: absent), looked up for many keys at once with a fixed
    handful of numpy calls: bucketed cuckoo hashing, buckets of ``WAYS`` slots, each key in one of
    its two buckets (the top bits of key * ``_MIX[0]`` and of key * ``_MIX[1]``), so a look-up reads
    two buckets whatever the load. Faster than ``np.searchsorted`` over sorted keys (and than
    linear probing, whose clusters cost a numpy round per probe) for the thousands of look-ups of
    one document."""

    _MIX = (np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))
    WAYS = 4

    def __init__(self, keys: np.ndarray, values: np.ndarray):
        keys = keys.astype(np.uint64)
        bits = max(2, int(np.ceil(np.log2(max(len(keys), 1) / (0.6 * self.WAYS)))))   # at most 60 % full
        self._set(np.zeros((1 << bits, self.WAYS), dtype=np.uint64),
                  np.zeros((1 << bits, self.WAYS), dtype=values.dtype))
        left = np.arange(len(keys))
        for side in (0, 1):                     # most keys at once: first choice, then second
            bucket = self._buckets(keys[left], side)
            fill = (self._values != 0).sum(1)
            order = np.argsort(bucket, kind="stable")
            b = bucket[order]
            rank = np.arange(len(b)) - np.searchsorted(b, b)         # place among the keys of the bucket
            slot = fill[b] + rank
            fits = slot < self.WAYS
            put = left[order[fits]]
            self._keys[b[fits], slot[fits]] = keys[put]
            self._values[b[fits], slot[fits]] = values[put]
            left = np.sort(left[order[~fits]])
        rng = np.random.default_rng(0)
        for i in left.tolist():                 # the rest by cuckoo moves
            self._insert(int(keys[i]), values[i], rng)

    def _insert(self, key: int, value, rng) -> None:
        k = np.array([key], dtype=np.uint64)
        for _ in range(500):
            for side in (0, 1):
                b = int(self._buckets(k, side)[0])
                free = np.flatnonzero(self._values[b] == 0)
                if len(free):
                    self._keys[b, free[0]], self._values[b, free[0]] = k[0], value
                    return
            b, w = int(self._buckets(k, int(rng.integers(2)))[0]), int(rng.integers(self.WAYS))
            old_k, old_v = self._keys[b, w], self._values[b, w]
            self._keys[b, w], self._values[b, w] = k[0], value
            k, value = np.array([old_k], dtype=np.uint64), old_v
        raise ValueError("hash table too full")   # pragma: no cover - at most 60 % full

    def _set(self, keys: np.ndarray, values: np.ndarray) -> None:
        bits = len(keys).bit_length() - 1
        if keys.ndim != 2 or len(keys) != 1 << bits or keys.shape != values.shape:
            raise ValueError(f"a hash table has 2**k buckets, not keys {keys.shape} and values {values.shape}")
        self._keys, self._values = keys, values
        self._shift = np.uint64(64 - bits)

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """(bucket keys, bucket values): what ``from_arrays`` takes back (saved with the model)."""
        return self._keys, self._values

    @classmethod
    def from_arrays(cls, keys: np.ndarray, values: np.ndarray) -> _HashTable:
        table = cls.__new__(cls)
        table._set(keys.astype(np.uint64), values)
        return table

    def _buckets(self, keys: np.ndarray, side: int) -> np.ndarray:
        with np.errstate(over="ignore"):
            return ((keys * self._MIX[side]) >> self._shift).astype(np.int64)

    def get(self, keys: np.ndarray) -> np.ndarray:
        """Values of ``keys`` (uint64), 0 where a key is absent."""
        out = np.zeros(len(keys), dtype=self._values.dtype)
        for side in (0, 1):
            b = self._buckets(keys, side)
            at = np.flatnonzero(self._keys[b] == keys[:, None])      # a key is in one slot, or none
            row = at // self.WAYS
            out[row] |= self._values[b[row], at % self.WAYS]
        return out


class Encoder:
    """Maps a text to character ids and bigram ids (vectorised, no per-character Python loop).

    ``chars``: the vocabulary characters in id order starting at id 2 (already folded);
    ``bigrams``: two-character strings in id order starting at id 2, as a list or joined in one
    string (``ner_vocab.json`` keeps them joined: one string reads 40 times faster than a list of
    160,000). Bigram ``j`` of a text of
    length ``n`` joins characters ``j-1`` and ``j`` (``j = 0..n``; outside the text stands PAD),
    so character ``i`` has the bigrams ``j = i`` (left) and ``j = i + 1`` (right)."""

    def __init__(self, chars: str, bigrams: list[str] | str, table: _HashTable | None = None):
        self.chars = chars
        self.bigrams = bigrams
        self.n_chars = len(chars) + 2
        self.n_bigrams = (len(bigrams) // 2 if isinstance(bigrams, str) else len(bigrams)) + 2
        ids = np.full(0x10000, UNK, dtype=np.int64)
        cps = _codepoints(chars)
        bmp = cps < 0x10000
        ids[cps[bmp]] = np.flatnonzero(bmp) + 2
        self._table = np.append(ids[_FOLD], UNK)            # code point -> id; last entry: outside the BMP
        if table is not None:                                # saved with the model (``save_tables``)
            self.bigram_table = table
            return
        if len(bigrams) % 2 if isinstance(bigrams, str) else any(len(b) != 2 for b in bigrams):
            raise ModelError("a bigram of the vocabulary is not two characters long")
        pairs = self._table[np.minimum(_codepoints("".join(bigrams)), 0x10000)].reshape(-1, 2)
        keys = pairs[:, 0] * self.n_chars + pairs[:, 1]
        self.bigram_table = _HashTable(keys.astype(np.uint64), np.arange(2, len(keys) + 2, dtype=np.int64))

    def char_ids(self, text: str) -> np.ndarray:
        cps = _codepoints(text)
        return self._table[np.minimum(cps, 0x10000)]

    def bigram_ids(self, cids: np.ndarray) -> np.ndarray:
        ext = np.concatenate(([PAD], cids, [PAD]))
        ids = self.bigram_table.get((ext[:-1] * self.n_chars + ext[1:]).astype(np.uint64))
        ids[ids == 0] = UNK
        return ids

    def encode(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(character ids of length n, bigram ids of length n + 1)."""
        cids = self.char_ids(text)
        return cids, self.bigram_ids(cids)


# --- lexicon features ----------------------------------------------------------------------------

LEX_KINDS = ("WORD", "PER", "LOC", "ORG")
"""Kinds of lexicon words, bit ``k`` of a word's mask = ``LEX_KINDS[k]``."""


def save_tables(path: Path, encoder: Encoder, lexicon: Lexicon | None) -> None:
    """Write the hash tables of ``encoder`` and ``lexicon`` to ``path`` (npz; read by ``NameTagger``),
    uncompressed (it loads in a third of the time) and each array in the smallest integer type
    that holds it (a bigram key is below ``n_chars ** 2``, an id below ``n_bigrams``)."""
    keys, values = encoder.bigram_table.arrays()
    if encoder.n_chars ** 2 < 1 << 32:
        keys = keys.astype(np.uint32)
    if encoder.n_bigrams < 1 << 31:
        values = values.astype(np.int32)
    arrays = {"bigram_keys": keys, "bigram_values": values,
              "hash": np.array([Lexicon._P, *_HashTable._MIX], dtype=np.uint64)}
    if lexicon is not None:
        arrays.update(lexicon.arrays())
    with open(path, "wb") as fh:
        np.savez(fh, **arrays)  # type: ignore[arg-type]


class Lexicon:
    """Words of several kinds, all found at once in a text, to give each character the positions
    it takes in the words found around it: for each kind, B (first character of a word of that
    kind), M (inside one) and E (last character); ``features`` [n, 3 * kinds] of 0/1 floats,
    column ``3 * k + p``. Words are folded by ``normalise``; words of one character are not kept.

    Matching is vectorised over the text: for each length L, the 64-bit polynomial hashes of all
    L-character substrings that extend a prefix of some word are looked up in sorted key arrays,
    so the work is about the number of (position, length) pairs that are word prefixes. (On the
    seed article with the packaged 0.3 M words this takes about 1 ms; pyahocorasick took about
    7 ms, its root node holding several thousand characters.)"""

    _P = np.uint64(0x9E3779B97F4A7C15)
    _PREFIX = 0x80
    """Flag of a table entry: the key is a proper prefix of some word (low bits: the word's kinds)."""

    def __init__(self, words: dict[str, int], kinds: int = len(LEX_KINDS)):
        self.kinds = kinds
        items = [(w, m) for w, m in words.items() if len(w) >= 2 and m]
        self.size = len(items)
        self.max_len = max((len(w) for w, _ in items), default=0)
        lens = np.array([len(w) for w, _ in items], dtype=np.int64)
        cps = _codepoints("".join(w for w, _ in items)).astype(np.uint64)
        starts = np.concatenate(([0], np.cumsum(lens)[:-1])).astype(np.int64)
        masks = np.array([m for _, m in items], dtype=np.uint8)
        h = np.zeros(len(items), dtype=np.uint64)
        keys, flags = [np.zeros(0, dtype=np.uint64)], [np.zeros(0, dtype=np.uint8)]
        with np.errstate(over="ignore"):
            for n in range(1, self.max_len + 1):
                sel = np.flatnonzero(lens >= n)
                h[sel] = h[sel] * self._P + cps[starts[sel] + n - 1]
                keys.append(h[sel])
                flags.append(np.where(lens[sel] == n, masks[sel], self._PREFIX).astype(np.uint8))
        k, f = np.concatenate(keys), np.concatenate(flags)
        order = np.argsort(k, kind="stable")
        k, f = k[order], f[order]
        first = np.concatenate(([True], k[1:] != k[:-1])) if len(k) else np.zeros(0, dtype=bool)
        group = np.cumsum(first) - 1
        merged = np.zeros(int(first.sum()), dtype=np.uint8)
        np.bitwise_or.at(merged, group, f)
        self._table = _HashTable(k[first], merged)

    def arrays(self) -> dict[str, np.ndarray]:
        """The lexicon as arrays (saved with the model; ``from_arrays`` takes them back)."""
        keys, values = self._table.arrays()
        return {"lexicon_keys": keys, "lexicon_values": values,
                "lexicon_info": np.array([self.kinds, self.size, self.max_len], dtype=np.int64)}

    @classmethod
    def from_arrays(cls, arrays) -> Lexicon:
        lex = cls.__new__(cls)
        lex.kinds, lex.size, lex.max_len = (int(v) for v in arrays["lexicon_info"])
        lex._table = _HashTable.from_arrays(arrays["lexicon_keys"], arrays["lexicon_values"])
        return lex

    def matches(self, text: str) -> np.ndarray:
        """[m, 3] int64: (start, end, mask) of every word found in ``text`` (already folded)."""
        n = len(text)
        if not self.size or n < 2:
            return np.zeros((0, 3), dtype=np.int64)
        cps = _codepoints(text).astype(np.uint64)
        pos = np.arange(n - 1, dtype=np.int64)
        h = cps[:-1].copy()
        found = []
        with np.errstate(over="ignore"):
            for length in range(2, self.max_len + 1):
                live = pos + length <= n
                pos, h = pos[live], h[live]
                if not len(pos):
                    break
                h = h * self._P + cps[pos + length - 1]
                f = self._table.get(h)
                word = f & 0x7F
                hit = np.flatnonzero(word)
                if len(hit):
                    s = pos[hit]
                    found.append(np.stack([s, s + length, word[hit].astype(np.int64)], axis=1))
                more = (f & self._PREFIX) != 0
                pos, h = pos[more], h[more]
        return np.concatenate(found) if found else np.zeros((0, 3), dtype=np.int64)

    def features(self, text: str) -> np.ndarray:
        """[len(text), 3 * kinds] float32 (see the class doc); ``text`` already folded."""
        n = len(text)
        out = np.zeros((n, 3 * self.kinds), dtype=np.float32)
        m = self.matches(text)
        if not len(m):
            return out
        starts, ends, masks = m[:, 0], m[:, 1], m[:, 2]
        inside = np.zeros((n + 1, self.kinds), dtype=np.int32)
        for k in range(self.kinds):
            sel = (masks >> k) & 1 == 1
            s, e = starts[sel], ends[sel]
            out[s, 3 * k] = 1.0
            out[e - 1, 3 * k + 2] = 1.0
            long = e - s > 2
            np.add.at(inside[:, k], s[long] + 1, 1)
            np.add.at(inside[:, k], e[long] - 1, -1)
        out[:, 1::3] = np.cumsum(inside[:n], axis=0) > 0
        return out


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
    One sequence of ``viterbi_many``."""
    return viterbi_many([(emis, (trans, start, end))], margin)[0]


def _row_max(a: np.ndarray, first: int = 0) -> np.ndarray:
    """The maximum of each row of ``a`` [n, T] over its columns ``first..T-1``: a loop over the
    few columns (``a[:, first:].max(1)``, a reduction over a short last axis, is ten times slower)."""
    out = a[:, first].copy()
    for j in range(first + 1, a.shape[1]):
        np.maximum(out, a[:, j], out=out)
    return out


def _hot_runs(emis: np.ndarray, margin: float) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends) of the runs of characters where O does not win by ``margin``, widened by one."""
    hot = emis[:, 0] - _row_max(emis, 1) < margin
    if not hot.any():
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    wide = hot.copy()
    wide[1:] |= hot[:-1]
    wide[:-1] |= hot[1:]
    edge = np.diff(np.concatenate(([0], wide.view(np.int8), [0])))
    return np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)


PIECE, OVERLAP = 32, 8
"""Runs longer than ``PIECE + 2 * OVERLAP`` characters are decoded in pieces: each piece keeps
``PIECE`` characters and is decoded with ``OVERLAP`` characters of context on each side, whose
tags are dropped (free scores at a piece's inner edges). The number of numpy steps is then at
most ``PIECE + 2 * OVERLAP`` however long the run (the seed article: 89 -> 48 steps, 40 % less
decoding time). On 1,500 MSRA sentences and the seed, pieces change 3 tags in 137 k characters."""


def _pieces(lo: np.ndarray, hi: np.ndarray):
    """(index of the run, decode start, decode end, keep start, keep end) of the pieces of the runs
    [lo, hi) (see ``PIECE``)."""
    size = hi - lo
    count = np.where(size > PIECE + 2 * OVERLAP, -(-size // PIECE), 1)
    run = np.repeat(np.arange(len(lo)), count)
    first = np.concatenate(([0], np.cumsum(count)[:-1]))
    j = np.arange(len(run)) - first[run]                   # piece number inside its run
    split = count[run] > 1
    keep_lo = np.where(split, lo[run] + j * PIECE, lo[run])
    keep_hi = np.where(split, np.minimum(hi[run], keep_lo + PIECE), hi[run])
    dec_lo = np.maximum(lo[run], keep_lo - OVERLAP)
    dec_hi = np.minimum(hi[run], keep_hi + OVERLAP)
    return run, dec_lo, dec_hi, keep_lo, keep_hi


def viterbi_many(items: list[tuple[np.ndarray, tuple]], margin: float = HOT_MARGIN) -> list[np.ndarray]:
    """Tag ids for each ``(emis [n, T], (transitions, start, end))`` of ``items`` (see
    ``viterbi_runs``), all decoded together: the runs of every sequence (and of every CRF) are
    cut in pieces (``PIECE``) and stacked, longest first, and step t works on the pieces longer
    than t, so the work is the total length of the pieces plus one numpy step per character of the
    longest piece, whatever the number and length of the sequences."""
    outs = [np.zeros(len(e), dtype=np.int64) for e, _ in items]
    crfs: dict[int, int] = {}
    item_cid = np.zeros(len(items), dtype=np.int64)
    params: list[tuple] = []
    los, his, owner = [], [], []
    for i, (emis, crf) in enumerate(items):
        if not len(emis):
            continue
        lo, hi = _hot_runs(emis, margin)
        if not len(lo):
            continue
        if id(crf) not in crfs:
            crfs[id(crf)] = len(params)
            params.append(crf)
        item_cid[i] = crfs[id(crf)]
        los.append(lo)
        his.append(hi)
        owner.append(np.full(len(lo), i))
    if not los:
        return outs
    run_lo, run_hi, run_own = np.concatenate(los), np.concatenate(his), np.concatenate(owner)
    run, lo, hi, keep_lo, keep_hi = _pieces(run_lo, run_hi)
    own = run_own[run]
    sizes = np.array([len(e) for e, _ in items], dtype=np.int64)
    offset = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    emis_all = np.concatenate([np.asarray(e, dtype=np.float32) for e, _ in items])
    trans_t = np.stack([np.ascontiguousarray(np.asarray(p[0], dtype=np.float32).T) for p in params])  # [C, to, from]
    starts = np.stack([np.asarray(p[1], dtype=np.float32) for p in params])
    ends = np.stack([np.asarray(p[2], dtype=np.float32) for p in params])
    from_o = trans_t[:, :, 0]                                  # O -> tag
    to_o = trans_t[:, 0, :]                                    # tag -> O
    cid = item_cid[own]
    order = np.argsort(lo - hi, kind="stable")                  # longest first
    run, lo, hi, own, cid = run[order], lo[order], hi[order], own[order], cid[order]
    keep_lo, keep_hi = keep_lo[order] + offset[own], keep_hi[order] + offset[own]
    glo = lo + offset[own]
    size = hi - lo
    width = int(size[0])
    active = np.searchsorted(-size, -np.arange(width), side="left")    # pieces longer than t
    # Edges: the text's start / end scores, O beside a run, nothing inside a cut run.
    first = np.where((lo == 0)[:, None], starts[cid], from_o[cid]) * (lo == run_lo[run])[:, None]
    last = np.where((hi == sizes[own])[:, None], ends[cid], to_o[cid]) * (hi == run_hi[run])[:, None]
    # Tag-major layout (pieces on the last axis): every numpy call of a step works on rows as long
    # as the number of pieces still active, which keeps the per-call cost low.
    trans_r = np.ascontiguousarray(trans_t.transpose(2, 1, 0)[:, :, cid])   # [from, to, R]
    steps = np.take(emis_all, np.minimum(glo[None, :] + np.arange(width)[:, None], len(emis_all) - 1), axis=0)
    hist = np.ascontiguousarray(steps.transpose(0, 2, 1))                  # [t, T, R]: emissions, then deltas
    hist[0] += first.T
    for t in range(1, width):
        k = active[t]
        cand = hist[t - 1, :, None, :k] + trans_r[:, :, :k]               # [from, to, k]
        hist[t, :, :k] += cand.max(0)
    rows = np.arange(len(lo))
    cur = (hist[size - 1, :, rows] + last).argmax(1)                     # the best last tag of each piece
    path = np.empty((width, len(lo)), dtype=np.int64)                   # [t, R]: the tags chosen
    path[size - 1, rows] = cur
    for t in range(width - 1, 0, -1):          # the best previous tag, for the chosen tag only
        k = active[t]
        prev = hist[t - 1, :, :k] + trans_r[:, cur[:k], rows[:k]]          # [from, k]
        cur[:k] = prev.argmax(0)
        path[t - 1, :k] = cur[:k]
    at = glo[None, :] + np.arange(width)[:, None]                          # [t, R]: where each tag goes
    keep = (np.arange(width)[:, None] < size) & (at >= keep_lo) & (at < keep_hi)
    tags = np.zeros(len(emis_all), dtype=np.int64)
    tags[at[keep]] = path[keep]
    for i in np.unique(own).tolist():
        outs[i] = tags[offset[i]:offset[i] + sizes[i]]
    return outs


def spans_of_tags(emis: np.ndarray, tags: np.ndarray, types: list[str]) -> list[NameSpan]:
    """Spans of the BIO tag ids ``tags`` of one text, each scored by the mean softmax probability
    (of ``emis`` [n, T]) of its characters' best tags."""
    starts, ends, kinds = _runs(tags)
    if not len(starts):
        return []
    inside = np.flatnonzero(tags > 0)                       # probabilities only where names are
    e = emis[inside]
    p = 1.0 / np.exp(e - _row_max(e)[:, None]).sum(1)
    csum = np.concatenate(([0.0], np.cumsum(p, dtype=np.float64)))
    a, b = np.searchsorted(inside, starts), np.searchsorted(inside, ends - 1) + 1
    return _spans(starts, ends, kinds, (csum[b] - csum[a]) / (b - a), types)


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
    return spans_of_tags(emis, tags, types)


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
        self.lexicon: Lexicon | None = None
        tables = None
        if vocab.get("tables"):                     # hash tables built by the trainer: fast loading
            try:
                tables = dict(np.load(folder / vocab["tables"]))
                if [int(x) for x in tables["hash"]] != [int(Lexicon._P), *(int(m) for m in _HashTable._MIX)]:
                    raise ValueError("built with other hash constants")
                if "lexicon_keys" in tables:
                    self.lexicon = Lexicon.from_arrays(tables)
                bigram_table = _HashTable.from_arrays(tables["bigram_keys"], tables["bigram_values"])
            except (OSError, ValueError, KeyError) as exc:
                raise ModelError(f"{folder / vocab['tables']}: cannot read the model tables ({exc})") from exc
        self.encoder = Encoder(vocab["chars"], vocab["bigrams"], bigram_table if tables else None)
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
        lex = [self.lexicon.features(normalise(t)) for t in texts] if self.lexicon else None
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
            feeds = {"chars": cids, "bigrams": bids}
            if lex is not None:
                feeds["lex"] = np.zeros((len(batch), lex[0].shape[1], width + 2 * pad), dtype=np.float32)
            for r, s in enumerate(batch):
                n = s.end - s.start
                cids[r, pad:pad + n] = encoded[s.text][s.start:s.end]
                bids[r, pad:pad + n + 1] = self.encoder.bigram_ids(cids[r, pad:pad + n])
                if lex is not None:
                    feeds["lex"][r, :, pad:pad + n] = lex[s.text][s.start:s.end].T
            with self._lock:
                outputs = self.session.run(None, feeds)
            out = outputs[0]
            best = outputs[1] if len(outputs) > 1 else np.zeros(out.shape[:2] + (nh,), dtype=np.int64)
            for r, s in enumerate(batch):
                lo, hi = pad + s.keep_from - s.start, pad + s.keep_to - s.start
                scores[s.text][s.keep_from:s.keep_to] = out[r, lo:hi]
                bests[s.text][s.keep_from:s.keep_to] = best[r, lo:hi]
            i = j
        emis = [[np.ascontiguousarray(e[:, h * nt:(h + 1) * nt]) for h in range(nh)] for e in scores]
        tags = [[b[:, h] for h in range(nh)] for b in bests]
        crf_heads = [h for h in range(nh) if self.crf[h] is not None]
        if crf_heads:                                  # one Viterbi pass over every text and head
            decoded = viterbi_many([(emis[i][h], self.crf[h] or ()) for i in range(len(texts)) for h in crf_heads])
            for j, t in enumerate(decoded):
                tags[j // len(crf_heads)][crf_heads[j % len(crf_heads)]] = t
        return [merge_extra_orgs([spans_of_tags(emis[i][h], tags[i][h], self.types) for h in range(nh)])
                for i in range(len(texts))]


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
