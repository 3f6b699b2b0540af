#!/usr/bin/env python3
"""Train the PER/LOC/ORG character tagger and write it into timeline/resources/zh/models/.

Usage (the one command; needs the ``train`` extra: ``pip install torch==2.13.0`` for the CPU wheel,
then ``pip install -e '.[train]'``):

    nice -n 10 python scripts/train_ner.py            # defaults: the best configuration measured (seed fixed)

The defaults (lexicon features, ``--width 64 --dilations 1,2,4,8,1 --epochs 8``) give MSRA test
F1 0.885 (ORG 0.838), but that model loses organisation precision on ``real_zh`` and did not ship.
The shipped model was trained by an earlier version of this script without lexicon features (its
settings and command are in ``meta.json``; the nearest command today, not re-run:
``--no-lexicon --width 96 --dilations 1,2,4,1 --epochs 10 --average 1``). Write a candidate
elsewhere (``--out DIR``) and compare it before replacing the packaged one.

Data (``--data``, default ``../shared/data/ner_zh``): MSRA train (``msra/msra_train_bio.txt``) minus
a dev split (5 %, in blocks of 50 consecutive sentences), and CLUENER train
(``cluener/cluener_train.jsonl``, types mapped by ``timeline.entities.ner_eval.CLUENER_TYPES``) minus
a 5 % dev split and a 10 % held-out split. One encoder, one output layer per corpus (their
conventions differ: CLUENER's addresses are longer and its labels not exhaustive). The epoch and the
layers that ship (``--ship``) are chosen on the dev splits only; MSRA test, the CLUENER held-out split
and the organisations of ``real_zh`` gold (a diagnostic) are scored once, after training.

Network: character embedding + the embeddings of the bigrams left and right of each character +
lexicon features (``timeline.entities.ner_model.Lexicon``: for each of WORD/PER/LOC/ORG, whether the
character begins, is inside or ends a word of that kind found in the text) -> a window layer
(``--first-kernel``) -> residual dilated convolutions (``--dilations``) of ``--width`` channels -> a
linear-chain CRF per corpus (``--no-crf``: softmax). Items are runs of consecutive sentences with
PAD ids around them, as ``NameTagger`` lays out a document. Export: ONNX convolutions in int8 by
static quantisation (``--quantise``, ``QUANTISATION``; ``--fp32`` to keep floats), the embedding
tables stored in uint8 as the input of the convolutions that read them (``fold_tables``).

Lexicon (``--no-lexicon`` to train without): the organisation lists of ``--data``/lexicons, the
place names of ``places.yaml``, JioNLP's dictionaries (general words, Chinese divisions down to
towns, world places; JioNLP is Apache-2.0, installed with the ``train`` extra) and every name
annotated in the training splits. A training sentence reads the lexicon without the names of its
own fold (``--lex-folds``), so it learns how far a name seen elsewhere can be trusted, as for new
text; the dev and test splits read the lexicon that ships (lists + all training names).

Output in ``--out``: ``ner.onnx``, ``ner_vocab.json`` (vocabularies, CRF weights),
``ner_tables.npz`` (the hash tables of the bigram vocabulary and of the lexicon, so loading is
fast) and ``meta.json``
(data files with sha256, settings, every epoch, dev/test figures, model size, speed).
``--save-state F`` keeps the torch weights; ``--from-state F`` exports and scores them again.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.entities.ner_eval import TYPES, Example, bio_tags, read_bio, read_cluener, score  # noqa: E402
from timeline.entities.ner_model import (  # noqa: E402
    LEX_KINDS,
    UNK,
    Encoder,
    Lexicon,
    decode_emissions,
    normalise,
    save_tables,
)

TAGS = ["O"] + [f"{p}-{t}" for t in TYPES for p in ("B", "I")]
TAG_ID = {t: i for i, t in enumerate(TAGS)}
HEADS = ("msra", "cluener")


# --- data ----------------------------------------------------------------------------------------

def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def split(examples: list, shares: list[float], seed: int, block: int = 1) -> list[list]:
    """``examples`` cut at random (fixed ``seed``) into parts of the given shares (the last part
    takes the rest), in blocks of ``block`` consecutive examples (MSRA is in article order: a
    block keeps a dev article's sentences out of train); each part keeps the corpus order."""
    blocks = [list(range(a, min(a + block, len(examples)))) for a in range(0, len(examples), block)]
    random.Random(seed).shuffle(blocks)
    parts, at = [], 0
    for share in shares:
        n = round(share * len(blocks))
        parts.append(sorted(i for b in blocks[at:at + n] for i in b))
        at += n
    parts.append(sorted(i for b in blocks[at:] for i in b))
    return [[examples[i] for i in part] for part in parts]


def build_vocab(texts: list[str], min_char: int, min_bigram: int) -> tuple[str, list[str]]:
    """Characters seen ``min_char`` times and bigrams seen ``min_bigram`` times in the (folded)
    training texts; the space is always in (whitespace of documents folds to it)."""
    chars, bigrams = Counter(), Counter()
    for t in texts:
        t = normalise(t)
        chars.update(t)
        bigrams.update(t[i:i + 2] for i in range(len(t) - 1))
    char_list = sorted(c for c, n in chars.items() if n >= min_char)
    if " " not in char_list:
        char_list.append(" ")
    keep = set(char_list)
    bigram_list = sorted(b for b, n in bigrams.items() if n >= min_bigram and b[0] in keep and b[1] in keep)
    return "".join(char_list), bigram_list


def tag_ids(ex: Example) -> np.ndarray:
    return np.array([TAG_ID[t] for t in bio_tags(len(ex.text), ex.spans)], dtype=np.int64)


# --- lexicon -------------------------------------------------------------------------------------

BIT = {k: 1 << i for i, k in enumerate(LEX_KINDS)}


def add_word(words: dict[str, int], word: str, kind: str) -> None:
    w = normalise(word.strip())
    if 2 <= len(w) <= 30 and not w.isascii():
        words[w] = words.get(w, 0) | BIT[kind]


def list_words(data: Path) -> tuple[dict[str, int], dict[str, str]]:
    """(word -> kind mask, source -> what it gave) of the lists that do not come from the training
    sentences: the organisation lexicons of ``data/lexicons`` (full names, short names; Taiwan's
    converted to simplified), the place names of ``timeline/resources/zh/entities/places.yaml``,
    and from JioNLP's dictionaries (Apache-2.0, the ``bench`` extra): the words of ``idf.txt``
    (WORD), China's provinces, cities, counties and towns (``china_location.txt``, full and short
    names) and the countries and cities of ``world_location.txt`` (LOC)."""
    import importlib.util

    import opencc
    import yaml

    words: dict[str, int] = {}
    sources = {}
    t2s = opencc.OpenCC("t2s")
    for f in sorted((data / "lexicons").glob("*.tsv")):
        rows = f.read_text(encoding="utf-8").splitlines()
        head = rows[0].split("\t")
        cols = [head.index(c) for c in ("name", "alias", "alias_normalised") if c in head]
        for row in rows[1:]:
            cells = row.split("\t")
            for c in cols:
                for name in cells[c].split("|") if c < len(cells) else []:
                    name = t2s.convert(name).lstrip("*").removeprefix("ST")
                    add_word(words, name, "ORG")
        sources[f"{data.name}/lexicons/{f.name}"] = "ORG: name, alias, alias_normalised"
    places = yaml.safe_load((ROOT / "timeline" / "resources" / "zh" / "entities" / "places.yaml").read_text("utf-8"))
    for name in places.get("names", []):
        add_word(words, str(name), "LOC")
    sources["timeline/resources/zh/entities/places.yaml"] = "LOC: names"
    spec = importlib.util.find_spec("jionlp")
    if spec is None or spec.origin is None:
        raise SystemExit("jionlp is needed for its dictionaries (pip install -e '.[bench]')")
    jdir = Path(spec.origin).parent / "dictionary"
    for line in (jdir / "idf.txt").read_text(encoding="utf-8").splitlines():
        add_word(words, line.split("\t")[0], "WORD")
    for line in (jdir / "china_location.txt").read_text(encoding="utf-8").splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        cells = line.strip().split("\t")
        if depth <= 3 and cells and cells[0]:
            add_word(words, cells[0], "LOC")
            if depth < 3 and len(cells) >= 3:
                add_word(words, cells[2], "LOC")
    for line in (jdir / "world_location.txt").read_text(encoding="utf-8").splitlines():
        cells = line.strip().split("\t")
        if len(cells) >= 2:
            for name in [*cells[:3], *(cells[3].split("/") if len(cells) > 3 else [])]:
                add_word(words, name, "LOC")
    sources["jionlp/dictionary/idf.txt"] = "WORD: every word"
    sources["jionlp/dictionary/china_location.txt"] = "LOC: provinces, cities, counties (full and short), towns"
    sources["jionlp/dictionary/world_location.txt"] = "LOC: countries (short and full), capitals, cities"
    return words, sources


def name_words(examples: list[Example]) -> dict[str, int]:
    """Name -> kind mask of the names annotated in ``examples``."""
    words: dict[str, int] = {}
    for ex in examples:
        for s, e, t in ex.spans:
            add_word(words, ex.text[s:e], t)
    return words


def merged(*parts: dict[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for part in parts:
        for w, m in part.items():
            out[w] = out.get(w, 0) | m
    return out


def fold_of(i: int, block: int, folds: int) -> int:
    return (i // block) % folds


def fold_lexicons(base: dict[str, int], corpora: list[tuple[list[Example], int]], folds: int) -> list[Lexicon]:
    """One lexicon per fold: ``base`` plus the names of every training sentence outside the fold
    (sentence ``i`` of a corpus with block size ``b`` is in fold ``(i // b) % folds``), so a
    sentence's features never come from its own annotation."""
    per_fold: list[dict[str, int]] = [{} for _ in range(folds)]
    for examples, block in corpora:
        for i, ex in enumerate(examples):
            for s, e, t in ex.spans:
                add_word(per_fold[fold_of(i, block, folds)], ex.text[s:e], t)
    return [Lexicon(merged(base, *(per_fold[g] for g in range(folds) if g != f))) for f in range(folds)]


def lex_features(lexicon: Lexicon | None, text: str) -> np.ndarray:
    if lexicon is None:
        return np.zeros((len(text), 0), dtype=np.float32)
    return lexicon.features(normalise(text))


class Corpus:
    """Encoded examples of one corpus (head): character ids, tag ids and lexicon features per
    example (``lex_of(i, text)``: the features of example ``i``, from the lexicon of the folds
    that do not hold it)."""

    def __init__(self, head: int, examples: list[Example], enc: Encoder, lex_of):
        self.head = head
        self.examples = examples
        self.cids = [enc.char_ids(ex.text) for ex in examples]
        self.tags = [tag_ids(ex) for ex in examples]
        self.lex = [lex_of(i, ex.text) for i, ex in enumerate(examples)]

    def items(self, rng: random.Random, join: float, max_len: int, space: int):
        """Training items: runs of consecutive examples joined (each next one with probability
        ``join``, up to ``max_len`` characters, with a space between them half of the time), so
        the network also learns from text around a sentence, as in a whole document."""
        out, i, n = [], 0, len(self.cids)
        while i < n:
            c, t, x = [self.cids[i]], [self.tags[i]], [self.lex[i]]
            size = len(c[0])
            i += 1
            while i < n and rng.random() < join and size + len(self.cids[i]) + 1 <= max_len:
                if rng.random() < 0.5:
                    c.append(np.array([space]))
                    t.append(np.zeros(1, dtype=np.int64))
                    x.append(np.zeros((1, x[0].shape[1]), dtype=np.float32))
                c.append(self.cids[i])
                t.append(self.tags[i])
                x.append(self.lex[i])
                size += len(self.cids[i]) + 1
                i += 1
            c, t, x = np.concatenate(c), np.concatenate(t), np.concatenate(x)
            if len(c) > max_len:                      # one over-long sentence: cut in pieces
                for a in range(0, len(c), max_len):
                    out.append((c[a:a + max_len], t[a:a + max_len], x[a:a + max_len]))
            else:
                out.append((c, t, x))
        return out


def batches(items: list, head: int, rng: random.Random, max_chars: int):
    """Length-bucketed batches of at most ``max_chars`` characters (padding included)."""
    order = list(range(len(items)))
    rng.shuffle(order)
    out = []
    pool = 64 * 32
    for a in range(0, len(order), pool):
        chunk = sorted(order[a:a + pool], key=lambda k: len(items[k][0]))
        cur = []
        for k in chunk:
            width = max([len(items[j][0]) for j in cur] + [len(items[k][0])])
            if cur and width * (len(cur) + 1) > max_chars:
                out.append((head, cur))
                cur = []
            cur.append(k)
        if cur:
            out.append((head, cur))
    return out


def pad_batch(items: list, idx: list[int], enc: Encoder, pad: int):
    """Ids, tags and lexicon features of the items ``idx`` (``(ids, tags, features)``) in one array:
    item ``r`` in row ``r`` from column ``pad``, with at least ``pad`` PAD ids (the network's
    receptive radius) before and after it, so a character never sees past its item and the result
    never depends on the other rows (the same layout as ``NameTagger``). Tags of PAD columns are
    -100 (not scored). Features: [rows, width, features]."""
    width = max(len(items[k][0]) for k in idx) + 2 * pad
    cids = np.zeros((len(idx), width), dtype=np.int64)
    bids = np.zeros((len(idx), width + 1), dtype=np.int64)
    tags = np.full((len(idx), width), -100, dtype=np.int64)
    lex = np.zeros((len(idx), width, items[idx[0]][2].shape[1]), dtype=np.float32)
    for r, k in enumerate(idx):
        c, t, x = items[k]
        n = len(c)
        cids[r, pad:pad + n] = c
        bids[r, pad:pad + n + 1] = enc.bigram_ids(c)
        tags[r, pad:pad + n] = t
        lex[r, pad:pad + n] = x
    return cids, bids, tags, lex


# --- network -------------------------------------------------------------------------------------

def allowed_transitions() -> np.ndarray:
    """[2, T, T] float32: [0] = 0 for a possible BIO move from tag i to tag j, -1e4 for an
    impossible one (I-X after anything but B-X / I-X); [1][0] the same for the first tag."""
    T = len(TAGS)
    out = np.zeros((2, T, T), dtype=np.float32)
    for j, tj in enumerate(TAGS):
        if tj.startswith("I-"):
            out[1, :, j] = -1e4
            for i, ti in enumerate(TAGS):
                if ti[2:] != tj[2:] or ti == "O":
                    out[0, i, j] = -1e4
    return out


def make_net(torch, n_chars, n_bigrams, cfg):
    nn = torch.nn
    F = torch.nn.functional

    def shifted(h, d, k):
        """[B, L, C] -> [B, L, k*C]: the k neighbours at distance d around each position."""
        r = d * (k // 2)
        hp = F.pad(h, (0, 0, r, r))
        n = h.shape[1]
        return torch.cat([hp[:, j * d: j * d + n] for j in range(k)], dim=2)

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.char = nn.Embedding(n_chars, cfg["char_dim"], padding_idx=0, sparse=True)
            self.bigram = nn.Embedding(n_bigrams, cfg["bigram_dim"], padding_idx=0, sparse=True)
            d_in = cfg["char_dim"] + 2 * cfg["bigram_dim"] + cfg.get("lex_dim", 0)
            self.first = nn.Linear(cfg["first_kernel"] * d_in, cfg["width"])
            self.convs = nn.ModuleList(nn.Linear(cfg["kernel"] * cfg["width"], cfg["width"])
                                       for _ in cfg["dilations"])
            self.heads = nn.ModuleList(nn.Linear(cfg["width"], len(TAGS)) for _ in HEADS)
            if cfg.get("crf"):      # per head: transitions [from, to], start, end
                self.trans = nn.Parameter(torch.zeros(len(HEADS), len(TAGS), len(TAGS)))
                self.start = nn.Parameter(torch.zeros(len(HEADS), len(TAGS)))
                self.end = nn.Parameter(torch.zeros(len(HEADS), len(TAGS)))
                self.register_buffer("allowed", torch.from_numpy(allowed_transitions()))
            self.drop_emb = nn.Dropout(cfg["dropout_emb"])
            self.drop = nn.Dropout(cfg["dropout"])
            for emb in (self.char, self.bigram):      # small start: rare bigrams stay near zero
                nn.init.normal_(emb.weight, std=cfg["emb_init"])
                with torch.no_grad():
                    emb.weight[0].zero_()

        def encode(self, chars, bigrams, lex):
            b = self.bigram(bigrams)
            x = torch.cat([self.char(chars), b[:, :-1], b[:, 1:]], dim=2)
            x = torch.cat([self.drop_emb(x), lex], dim=2)
            h = torch.relu(self.first(shifted(x, 1, cfg["first_kernel"])))
            for conv, d in zip(self.convs, cfg["dilations"], strict=True):
                h = h + self.drop(torch.relu(conv(shifted(h, d, cfg["kernel"]))))
            return h

        def forward(self, chars, bigrams, lex, head: int):
            return self.heads[head](self.drop(self.encode(chars, bigrams, lex)))

        def crf_params(self, head: int):
            """(transitions, start, end) of ``head`` with BIO's impossible moves at -1e4."""
            trans = self.trans[head] + self.allowed[0]
            return trans, self.start[head] + self.allowed[1][0], self.end[head]

        def crf_nll(self, emis, tags, lengths, head: int):
            """Mean negative log-likelihood of the gold ``tags`` [B, L] under a linear-chain CRF;
            ``emis`` [B, L, T]; row r is real for its first ``lengths[r]`` positions."""
            trans, start, end = self.crf_params(head)
            B, L, _ = emis.shape
            mask = torch.arange(L)[None, :] < lengths[:, None]
            y = tags.clamp(min=0)
            last = y.gather(1, (lengths - 1)[:, None]).squeeze(1)
            gold = (start[y[:, 0]] + (emis.gather(2, y[:, :, None]).squeeze(2) * mask).sum(1)
                    + (trans[y[:, :-1], y[:, 1:]] * mask[:, 1:]).sum(1) + end[last])
            # log Z by a log-depth product of the step matrices M_t[i, j] = trans[i, j] + emis[t, j]
            # (padding steps are the identity), instead of a Python loop over the positions.
            T = emis.shape[2]
            eye = torch.full((T, T), -1e4)
            eye.fill_diagonal_(0.0)
            mats = trans[None, None] + emis[:, 1:, None, :]                       # [B, L-1, T, T]
            mats = torch.where(mask[:, 1:, None, None], mats, eye)
            while mats.shape[1] > 1:
                if mats.shape[1] % 2:
                    mats = torch.cat([mats, eye.expand(B, 1, T, T)], dim=1)
                a, b = mats[:, 0::2], mats[:, 1::2]
                mats = torch.logsumexp(a[..., :, :, None] + b[..., None, :, :], dim=-2)
            alpha = start[None] + emis[:, 0]
            if L > 1:
                alpha = torch.logsumexp(alpha[:, :, None] + mats[:, 0], dim=1)
            log_z = torch.logsumexp(alpha + end[None], dim=1)
            return (log_z - gold).sum() / lengths.sum()

    return Net(), make_export(torch, cfg)


def make_export(torch, cfg):
    """The class of the graph that ships, built from a trained ``Net``."""
    nn = torch.nn

    class Export(nn.Module):
        """The graph that ships, as convolutions over [batch, channels, length] (ONNX Conv, which
        onnxruntime runs fast and quantises to QLinearConv): ids -> (tag scores, best tag id).
        The window layer is split in a convolution over the character embeddings, one over the
        bigram embeddings (bigram j is left of character j and right of character j - 1, so its
        kernel is one wider) and one over the lexicon features, so no concatenation is needed.
        Bigram table in int8 with one scale per row (``--fp32``), else in float16 rows that
        ``fold_tables`` stores in uint8 after quantisation."""

        def __init__(self, net, heads: list[int], float_tables: bool = False):
            super().__init__()
            self.n_heads = len(heads)
            dc, db, w, k0 = cfg["char_dim"], cfg["bigram_dim"], cfg["width"], cfg["first_kernel"]
            r0 = k0 // 2
            self.lex_dim = dl = cfg.get("lex_dim", 0)
            self.crf = bool(cfg.get("crf"))
            self.register_buffer("char_table", net.char.weight.detach().clone())
            bt = net.bigram.weight.detach()
            self.float_tables = float_tables
            if float_tables:                                                 # fold_tables stores it in uint8
                self.register_buffer("bigram_table", bt.half())
            else:                                                            # int8 rows, one scale each
                scale = bt.abs().amax(1, keepdim=True).clamp(min=1e-8) / 127
                self.register_buffer("bigram_table", (bt / scale).round().clamp(-127, 127).to(torch.int8))
                self.register_buffer("bigram_scale", scale)
            wt = net.first.weight.detach().view(w, k0, dc + 2 * db + dl)    # [out, offset, in]
            self.first_c = nn.Conv1d(dc, w, k0, padding=r0)
            self.first_b = nn.Conv1d(db, w, k0 + 1, padding=r0, bias=False)
            with torch.no_grad():
                self.first_c.weight.copy_(wt[:, :, :dc].permute(0, 2, 1))
                self.first_c.bias.copy_(net.first.bias.detach())
                wb = torch.zeros(w, db, k0 + 1)
                wb[:, :, :k0] += wt[:, :, dc:dc + db].permute(0, 2, 1)       # as left bigram
                wb[:, :, 1:] += wt[:, :, dc + db:dc + 2 * db].permute(0, 2, 1)          # as right bigram
                self.first_b.weight.copy_(wb)
            if dl:
                self.first_l = nn.Conv1d(dl, w, k0, padding=r0, bias=False)
                with torch.no_grad():
                    self.first_l.weight.copy_(wt[:, :, dc + 2 * db:].permute(0, 2, 1))

            def conv(lin, c_in, k, d):
                c = nn.Conv1d(c_in, lin.out_features, k, dilation=d, padding=d * (k // 2))
                with torch.no_grad():
                    c.weight.copy_(lin.weight.detach().view(lin.out_features, k, c_in).permute(0, 2, 1))
                    c.bias.copy_(lin.bias.detach())
                return c

            self.convs = nn.ModuleList(conv(c, w, cfg["kernel"], d)
                                       for c, d in zip(net.convs, cfg["dilations"], strict=True))
            self.head = nn.Conv1d(w, len(TAGS) * len(heads), 1)
            with torch.no_grad():
                self.head.weight.copy_(torch.cat([net.heads[h].weight.detach() for h in heads])[:, :, None])
                self.head.bias.copy_(torch.cat([net.heads[h].bias.detach() for h in heads]))

        def forward(self, chars, bigrams, lex=None):
            xc = self.char_table[chars].transpose(1, 2)
            xb = self.bigram_table[bigrams].float()
            if not self.float_tables:
                xb = xb * self.bigram_scale[bigrams]
            xb = xb.transpose(1, 2)
            h = self.first_c(xc) + self.first_b(xb)
            if self.lex_dim:
                h = h + self.first_l(lex)
            h = torch.relu(h)
            for c in self.convs:
                h = h + torch.relu(c(h))
            scores = self.head(h).transpose(1, 2)                       # [B, L, heads * T]
            if self.crf:                                                # Viterbi decodes: no best tags
                return scores
            b, n, _ = scores.shape
            return scores, scores.reshape(b, n, self.n_heads, len(TAGS)).argmax(dim=3)

    return Export


SHIP = {"msra": ["msra"], "cluener": ["cluener"], "msra+cluener-org": ["msra", "cluener"]}
"""What ships: the heads kept, in order; with two, names come from the first and the second adds
its organisations where the first found nothing (``ner_model.merge_extra_orgs``)."""


def receptive_radius(cfg) -> int:
    return cfg["first_kernel"] // 2 + 1 + sum(d * (cfg["kernel"] // 2) for d in cfg["dilations"])


def export(torch, module, path: Path, enc: Encoder, lexicon: Lexicon | None, calib_texts: list[str] | None,
           pad: int, mode: str = "convolutions") -> None:
    """Write ``module`` as ONNX to ``path``; with ``calib_texts``, quantise it to int8 as
    ``QUANTISATION[mode]`` says (static: activation ranges measured on those texts) and store its
    embedding tables as the uint8 input of their convolutions (``fold_tables``)."""
    ex = (torch.ones(2, 7, dtype=torch.int64), torch.ones(2, 8, dtype=torch.int64))
    names = ["chars", "bigrams"]
    outputs = ["scores"] if module.crf else ["scores", "best"]
    axes = {"chars": {0: "batch", 1: "length"}, "bigrams": {0: "batch", 1: "length1"},
            **{k: {0: "batch", 1: "length"} for k in outputs}}
    if module.lex_dim:
        ex = (*ex, torch.zeros(2, module.lex_dim, 7))
        names.append("lex")
        axes["lex"] = {0: "batch", 2: "length"}
    tmp = path.with_suffix(".fp32.tmp")
    torch.onnx.export(module, ex, str(tmp), input_names=names,
                      output_names=outputs, opset_version=17, dynamo=False, dynamic_axes=axes)
    if not calib_texts:
        os.replace(tmp, path)
        return
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static

    class Reader(CalibrationDataReader):
        def __init__(self):
            feeds = []
            for t in calib_texts:
                c = enc.char_ids(t)
                x = lex_features(lexicon, t)
                cids, bids, _, lex = pad_batch([(c, c, x)], [0], enc, pad)
                feed = {"chars": cids, "bigrams": bids}
                if lexicon is not None:
                    feed["lex"] = np.ascontiguousarray(lex.transpose(0, 2, 1))
                feeds.append(feed)
            self.it = iter(feeds)

        def get_next(self):
            return next(self.it, None)

    import onnx

    head = [n.name for n in onnx.load(str(tmp)).graph.node if n.op_type == "Conv"][-1]
    residuals = mode == "residuals"
    quantize_static(str(tmp), str(path), Reader(), quant_format=QuantFormat.QOperator,
                    op_types_to_quantize=["Conv", "Relu", "Add"] if residuals else ["Conv"],
                    nodes_to_exclude=[head] if residuals else [],
                    activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8, per_channel=True)
    tmp.unlink()
    fold_tables(path)


_TABLES = ("embedding tables: float32 characters, float16 bigrams, each stored in uint8 as the input of the "
           "convolution that reads it, quantised once by that input's calibrated scale (fold_tables)")
QUANTISATION = {
    "convolutions": "int8 convolutions (QLinearConv: weights int8 per output channel, activations uint8, "
                    "static ranges by MinMax over 300 MSRA dev + 100 CLUENER dev sentences and the bench "
                    "file), ReLUs and residual additions in float, the output layer's scores uint8; " + _TABLES,
    "residuals": "as convolutions, but the ReLUs and residual additions in uint8 too (QLinearAdd) and the "
                 "output layer in float (quantised, its scores cost 0.3 points of MSRA ORG F1 there): "
                 "onnxruntime 13 % faster, but other names on real articles (README); " + _TABLES,
}
"""The quantisations of ``export`` (``--quantise``; recorded in ``meta.json``)."""


def fold_tables(path: Path) -> int:
    """Store each embedding table of the quantised graph at ``path`` as the uint8 input of the
    convolution that reads it (its rows quantised once, by that input's calibrated scale and zero
    point), so that a look-up gives the convolution's input directly: the float32 or float16
    table, its cast and ``QuantizeLinear`` leave the graph, which computes the same values (the
    table is quantised ahead instead of the looked-up rows at run time), loads 5 times faster and
    is half the size. Returns the number of tables folded; rewrites ``path`` in place."""
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(path))
    graph = model.graph
    inits = {t.name: t for t in graph.initializer}
    made_by = {o: n for n in graph.node for o in n.output}
    readers: dict[str, int] = Counter(i for n in graph.node for i in n.input)

    def value(name: str) -> np.ndarray:
        return numpy_helper.to_array(inits[name])

    def rows_of(node):
        """(table name, rows as float32, ids input, nodes computing them) of a look-up, perhaps
        cast to float (a float16 table), or None."""
        chain = []
        if node is not None and node.op_type == "Cast":
            chain.append(node)
            node = made_by.get(node.input[0])
        if node is None or node.op_type != "Gather" or node.input[0] not in inits:
            return None
        return node.input[0], value(node.input[0]).astype(np.float32), node.input[1], [*chain, node]

    drop, folded = [], 0
    for q in [n for n in graph.node if n.op_type == "QuantizeLinear"]:
        tr = made_by.get(q.input[0])
        if tr is None or tr.op_type != "Transpose" or readers[tr.output[0]] != 1:
            continue                                  # the float rows are read by other nodes too
        found = rows_of(made_by.get(tr.input[0]))
        if found is None:
            continue
        table_name, rows, ids, chain = found
        scale, zero = value(q.input[1]), value(q.input[2])
        if zero.dtype != np.uint8 or scale.size != 1:
            continue
        table = np.clip(np.rint(rows / scale) + zero.astype(np.float32), 0, 255).astype(np.uint8)
        name = f"{table_name}_uint8"
        graph.initializer.append(numpy_helper.from_array(table, name))
        look = helper.make_node("Gather", [name, ids], [f"{name}_rows"], name=f"{name}_gather")
        graph.node.insert(list(graph.node).index(tr), look)
        tr.input[0] = look.output[0]
        tr.output[0] = q.output[0]
        drop += [q, *chain]
        folded += 1
    for n in drop:
        graph.node.remove(n)
    used = {i for n in graph.node for i in n.input}
    for t in [t for t in graph.initializer if t.name not in used]:
        graph.initializer.remove(t)
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return folded


# --- evaluation ----------------------------------------------------------------------------------

def predict_ship(torch, net, enc, lexicon, texts, ship: str, pad: int):
    """Spans per text as the shipped model will give them (torch network, ``SHIP[ship]`` heads)."""
    from timeline.entities.ner_model import merge_extra_orgs

    runs = [predict_torch(torch, net, enc, lexicon, texts, HEADS.index(h), pad) for h in SHIP[ship]]
    return [merge_extra_orgs(list(spans)) for spans in zip(*runs, strict=True)]


def predict_torch(torch, net, enc, lexicon, texts, head, pad, max_chars=16384):
    """Spans per text from the torch network (used for dev figures during training)."""
    net.eval()
    items = [(enc.char_ids(t), np.zeros(len(t), dtype=np.int64), lex_features(lexicon, t)) for t in texts]
    out = [None] * len(texts)
    order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
    with torch.no_grad():
        i = 0
        while i < len(order):
            j = i + 1
            while j < len(order) and (j - i + 1) * len(texts[order[j]]) <= max_chars:
                j += 1
            idx = order[i:j]
            cids, bids, _, lex = pad_batch(items, idx, enc, pad)
            logits = net(torch.from_numpy(cids), torch.from_numpy(bids), torch.from_numpy(lex), head).numpy()
            crf = None
            if getattr(net, "trans", None) is not None:
                crf = [p.detach().numpy() for p in net.crf_params(head)]
            for r, k in enumerate(idx):
                n = len(texts[k])
                out[k] = decode_emissions(logits[r, pad:pad + n], crf, list(TYPES))
            i = j
    net.train()
    return out


def real_zh_recall(folder: Path, recogniser) -> dict:
    """Diagnostic: of the gold organisations of ``folder/gold/*.gold.json`` (name + aliases), the
    share the model finds as an ORG span whose text is the name or an alias (entities), and of the
    occurrences of those strings in the article, the share found as exact ORG spans (mentions)."""
    from timeline.documents import document_from_text, matching_text

    found_ent = total_ent = found_men = total_men = 0
    per_file = {}
    for gold_path in sorted((folder / "gold").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (folder / "articles" / gold["document"]["file"]).read_text(encoding="utf-8")
        doc = document_from_text(text, doc_id=gold_path.stem, lang="zh")
        spans = recogniser([matching_text(doc)])[0]
        orgs = {(s, e) for s, e, t, *_ in spans if t == "ORG"}
        org_texts = {text[s:e] for s, e in orgs}
        fe = te = 0
        for org in gold.get("organisations", []):
            names = [org["name"], *org.get("aliases", [])]
            te += 1
            fe += any(n in org_texts for n in names)
            for n in names:
                at = text.find(n)
                while at >= 0 and n:
                    total_men += 1
                    found_men += (at, at + len(n)) in orgs
                    at = text.find(n, at + len(n))
        found_ent += fe
        total_ent += te
        per_file[gold_path.name] = round(fe / te, 3) if te else None
    return {"entity_recall": round(found_ent / max(total_ent, 1), 4), "entities": total_ent,
            "mention_recall": round(found_men / max(total_men, 1), 4), "mentions": total_men,
            "per_file_entity_recall": per_file}


def bench(tagger, text: str, repeat: int) -> float:
    """Milliseconds per call of ``tagger.find([text])`` (one warm-up excluded)."""
    tagger.find([text])
    t0 = time.perf_counter()
    for _ in range(repeat):
        tagger.find([text])
    return (time.perf_counter() - t0) * 1000 / repeat


# --- main ----------------------------------------------------------------------------------------

def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "ner_zh"))
    ap.add_argument("--real", default=str(ROOT.parent / "shared" / "data" / "real_zh"),
                    help="real_zh folder for the diagnostic organisation recall ('' to skip)")
    ap.add_argument("--out", default=str(ROOT / "timeline" / "resources" / "zh" / "models"))
    ap.add_argument("--seed", type=int, default=20260101)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--threads", type=int, default=1,
                    help="torch threads (results may differ in the last bits with another count)")
    ap.add_argument("--msra-dev", type=float, default=0.05, help="share of MSRA train held out as dev")
    ap.add_argument("--no-cluener", action="store_true", help="train on MSRA only")
    ap.add_argument("--no-lexicon", action="store_true", help="no lexicon features")
    ap.add_argument("--lex-folds", type=int, default=5, help="folds of the training names (lexicon features)")
    ap.add_argument("--head", choices=HEADS, default="msra", help="output layer that picks the best epoch")
    ap.add_argument("--ship", choices=[*SHIP, "auto"], default="auto",
                    help="heads that ship (auto: the best on the dev splits by the epoch criterion)")
    ap.add_argument("--char-dim", type=int, default=48)
    ap.add_argument("--bigram-dim", type=int, default=64)
    ap.add_argument("--min-bigram", type=int, default=2)
    ap.add_argument("--width", type=int, default=64)
    ap.add_argument("--first-kernel", type=int, default=3)
    ap.add_argument("--kernel", type=int, default=3)
    ap.add_argument("--dilations", default="1,2,4,8,1")
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--dropout-emb", type=float, default=0.3)
    ap.add_argument("--no-crf", dest="crf", action="store_false", help="softmax output layers instead of CRFs")
    ap.add_argument("--average", type=int, default=3,
                    help="also try the mean weights of the last N epochs (kept if better on dev; 1: off)")
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--emb-lr", type=float, default=5e-3, help="learning rate of the embeddings")
    ap.add_argument("--emb-init", type=float, default=0.1, help="std of the embeddings at the start")
    ap.add_argument("--bigram-unk", type=float, default=0.15, help="share of bigrams replaced by UNK in training")
    ap.add_argument("--char-unk", type=float, default=0.02, help="share of characters replaced by UNK in training")
    ap.add_argument("--batch-chars", type=int, default=2000)
    ap.add_argument("--join", type=float, default=0.5, help="chance to join the next sentence to an item")
    ap.add_argument("--max-len", type=int, default=300)
    ap.add_argument("--fp32", action="store_true", help="ship float convolutions (default: int8, static quantisation)")
    ap.add_argument("--quantise", choices=sorted(QUANTISATION), default="convolutions",
                    help="what is quantised to int8 (QUANTISATION)")
    ap.add_argument("--from-state", default="", help="skip training: export and score weights saved by --save-state")
    ap.add_argument("--save-state", default="", help="also save the torch weights and settings here (not shipped)")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N examples of each file (smoke tests)")
    ap.add_argument("--write-tables", action="store_true",
                    help="no training: write the hash tables of the model in --out (ner_tables.npz) and name them "
                         "in its ner_vocab.json, for a model exported without them")
    ap.add_argument("--bench-file", default=str(ROOT / "seeds" / "000_b0a8ce1bfdd55632.txt"))
    return ap.parse_args(argv)


def main(argv=None) -> int:
    argv = list(argv if argv is not None else sys.argv[1:])
    a = parse_args(argv)
    if a.write_tables:
        return write_tables(Path(a.out))

    import torch

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    random.seed(a.seed)
    np.random.seed(a.seed)
    rng = random.Random(a.seed)
    nrng = np.random.default_rng(a.seed)
    started = time.time()

    files, sp = load_splits(a)
    saved = torch.load(a.from_state, weights_only=False) if a.from_state else None
    if saved:
        chars, bigram_list = saved["chars"], saved["bigrams"]
    else:
        chars, bigram_list = build_vocab([ex.text for ex in sp["msra_train"] + sp["cluener_train"]], 1, a.min_bigram)
    enc = Encoder(chars, bigram_list)
    print(f"data: {', '.join(f'{k} {len(v)}' for k, v in sp.items())}; vocab {enc.n_chars} chars, "
          f"{enc.n_bigrams} bigrams", flush=True)
    cfg = saved["cfg"] if saved else {
        "char_dim": a.char_dim, "bigram_dim": a.bigram_dim, "width": a.width, "first_kernel": a.first_kernel,
        "kernel": a.kernel, "dilations": [int(d) for d in a.dilations.split(",") if d],
        "dropout": a.dropout, "dropout_emb": a.dropout_emb, "emb_init": a.emb_init, "crf": a.crf,
        "lex_dim": 0 if a.no_lexicon else 3 * len(LEX_KINDS)}
    lx = build_lexicons(a, sp) if cfg.get("lex_dim") else None
    net, Export = make_net(torch, enc.n_chars, enc.n_bigrams, cfg)
    if saved:
        history, best_state = saved.get("history", []), saved["state"]
        a.epochs = saved.get("epochs", a.epochs)
    else:
        history, best_state = train(torch, a, net, cfg, enc, sp, lx, rng, nrng)
    net.load_state_dict(best_state)
    net.eval()
    if a.save_state:
        torch.save({"state": best_state, "cfg": cfg, "chars": chars, "bigrams": bigram_list, "history": history,
                    "argv": argv, "args": vars(a),
                    "epochs": a.epochs, "train_seconds": time.time() - started}, a.save_state)
    train_seconds = saved.get("train_seconds", 0) if saved else time.time() - started
    ship, ship_dev = choose_ship(torch, a, net, enc, lx, sp, receptive_radius(cfg))
    write_model(torch, a, net, Export, cfg, enc, lx, sp, ship)
    trained_by = saved.get("argv", ["(unknown)"]) if saved else argv
    report = {"command": "nice -n 10 python scripts/train_ner.py " + " ".join(trained_by),
              "exported_by": None if not saved else "python scripts/train_ner.py " + " ".join(argv),
              "history": history, "ship": ship, "ship_dev": ship_dev, "train_seconds": train_seconds,
              "torch": torch.__version__, "lexicon": lx.report if lx else None,
              "train_args": trained_args(saved) if saved and saved.get("argv") is not None else a}
    write_report(a, cfg, enc, files, sp, report)
    return 0


def trained_args(saved: dict) -> argparse.Namespace:
    """The settings of the run that trained the weights ``saved`` (``--save-state``): its
    command line read with today's defaults, then what the state itself records (the epochs run;
    a state saved without its settings predates ``--average`` and holds one epoch's weights;
    ``lex_dim`` 0: no lexicon)."""
    if "args" in saved:                          # saved with every setting
        return argparse.Namespace(**saved["args"])
    args = parse_args(saved["argv"])
    args.epochs = saved.get("epochs", args.epochs)
    args.average = 1
    args.no_lexicon = not saved["cfg"].get("lex_dim")
    return args


def load_splits(a):
    """(data files, splits): MSRA train/dev/test and CLUENER train/dev/held-out (see the module doc)."""
    data = Path(a.data)
    files = {"msra_train": data / "msra" / "msra_train_bio.txt", "msra_test": data / "msra" / "msra_test_bio.txt",
             "cluener_train": data / "cluener" / "cluener_train.jsonl"}
    cut = (lambda xs: xs[:a.limit]) if a.limit else (lambda xs: xs)
    msra_train, msra_dev = split(cut(read_bio(files["msra_train"])), [1 - a.msra_dev], a.seed, block=50)
    msra_test = cut(read_bio(files["msra_test"]))
    clue_dev, clue_held, clue_train = split(cut(read_cluener(files["cluener_train"])), [0.05, 0.10], a.seed)
    if a.no_cluener:
        clue_train = []
    return files, {"msra_train": msra_train, "msra_dev": msra_dev, "msra_test": msra_test,
                   "cluener_train": clue_train, "cluener_dev": clue_dev, "cluener_heldout": clue_held}


class Lexicons:
    """The lexicon that ships (``full``: the lists and every name of the training splits) and the
    per-fold lexicons the training sentences read (``folds``; see ``fold_lexicons``)."""

    def __init__(self, a, sp):
        t0 = time.time()
        base, sources = list_words(Path(a.data))
        names = [name_words(sp["msra_train"]), name_words(sp["cluener_train"])]
        self.words = merged(base, *names)
        self.full = Lexicon(self.words)
        self.folds = fold_lexicons(base, [(sp["msra_train"], 50), (sp["cluener_train"], 1)], a.lex_folds)
        kinds = Counter(k for m in self.words.values() for k in LEX_KINDS if m & BIT[k])
        self.report = {"kinds": list(LEX_KINDS), "words": len(self.words), "per_kind": dict(kinds),
                       "lists": sources, "training_names": "every PER/LOC/ORG name of the training splits "
                       f"(MSRA {len(names[0])}, CLUENER {len(names[1])} distinct)",
                       "folds": f"{a.lex_folds}: training sentences read the lexicon without their own fold's names "
                                "(MSRA blocks of 50 sentences, CLUENER lines)"}
        print(f"lexicon: {len(self.words)} words {dict(kinds)} ({time.time() - t0:.0f} s)", flush=True)

    def fold_features(self, block: int):
        return lambda i, text: lex_features(self.folds[fold_of(i, block, len(self.folds))], text)


def build_lexicons(a, sp) -> Lexicons:
    return Lexicons(a, sp)


def train(torch, a, net, cfg, enc, sp, lx, rng, nrng):
    """Train ``net`` for ``a.epochs`` epochs; returns (history, the weights of the best epoch on dev)."""
    pad = receptive_radius(cfg)
    dense = [p for n, p in net.named_parameters() if not n.startswith(("char.", "bigram."))]
    sparse = list(net.char.parameters()) + list(net.bigram.parameters())
    opt_dense = torch.optim.Adam(dense, lr=a.lr)
    opt_sparse = torch.optim.SparseAdam(sparse, lr=a.emb_lr)
    def no_lex(i, text):
        return lex_features(None, text)

    corpora = [Corpus(0, sp["msra_train"], enc, lx.fold_features(50) if lx else no_lex)]
    if sp["cluener_train"]:
        corpora.append(Corpus(1, sp["cluener_train"], enc, lx.fold_features(1) if lx else no_lex))
    space = int(enc.char_ids(" ")[0])
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    history, best, best_state, recent = [], -1.0, None, []
    for epoch in range(1, a.epochs + 1):
        t0 = time.time()
        lr = a.lr * (1 - (epoch - 1) / a.epochs) if epoch > 1 else a.lr
        for opt, base in ((opt_dense, a.lr), (opt_sparse, a.emb_lr)):
            for g in opt.param_groups:
                g["lr"] = base * lr / a.lr
        work = []
        items_of = {}
        for corpus in corpora:
            items_of[corpus.head] = corpus.items(rng, a.join, a.max_len, space)
            work += batches(items_of[corpus.head], corpus.head, rng, a.batch_chars)
        rng.shuffle(work)
        total = 0.0
        for h, idx in work:
            cids, bids, tags, lex = pad_batch(items_of[h], idx, enc, pad)
            bids[(nrng.random(bids.shape) < a.bigram_unk) & (bids > UNK)] = UNK     # learn to do without
            cids[(nrng.random(cids.shape) < a.char_unk) & (cids > UNK)] = UNK
            logits = net(torch.from_numpy(cids), torch.from_numpy(bids), torch.from_numpy(lex), h)
            if cfg["crf"]:
                lengths = torch.from_numpy(np.array([len(items_of[h][k][0]) for k in idx]))
                emis = logits[:, pad:pad + int(lengths.max())]
                loss = net.crf_nll(emis, torch.from_numpy(tags[:, pad:pad + emis.shape[1]]), lengths, h)
            else:
                loss = loss_fn(logits.reshape(-1, len(TAGS)), torch.from_numpy(tags).reshape(-1))
            opt_dense.zero_grad()
            opt_sparse.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(dense, 5.0)
            opt_dense.step()
            opt_sparse.step()
            total += loss.item()
        dev, crit = dev_scores(torch, a, net, enc, lx, sp, len(corpora), pad)
        row = {"epoch": epoch, "lr": round(lr, 6), "loss": round(total / len(work), 4),
               "seconds": round(time.time() - t0), "criterion": round(crit, 4),
               "dev": {k: {t: v[t]["f1"] for t in (*TYPES, "overall")} for k, v in dev.items()}}
        history.append(row)
        print(json.dumps(row), flush=True)
        state = {k: v.detach().clone() for k, v in net.state_dict().items()}
        recent = (recent + [state])[-a.average:] if a.average > 1 else []
        if crit > best:
            best, best_state = crit, state
    if len(recent) > 1:                       # the mean of the last epochs' weights, if better on dev
        mean = {k: sum(s[k] for s in recent) / len(recent) if recent[0][k].is_floating_point() else recent[-1][k]
                for k in recent[0]}
        net.load_state_dict(mean)
        dev, crit = dev_scores(torch, a, net, enc, lx, sp, len(corpora), pad)
        row = {"epoch": f"mean of the last {len(recent)}", "criterion": round(crit, 4),
               "dev": {k: {t: v[t]["f1"] for t in (*TYPES, "overall")} for k, v in dev.items()}}
        history.append(row)
        print(json.dumps(row), flush=True)
        if crit > best:
            best, best_state = crit, mean
    return history, best_state


def dev_scores(torch, a, net, enc, lx, sp, n_heads, pad):
    """Scores of every output layer on both dev splits, and the epoch criterion: the mean of MSRA dev
    F1 and CLUENER dev organisation F1 of the ``--head`` layer (MSRA dev F1 alone without CLUENER)."""
    dev = {}
    for name in ("msra_dev", "cluener_dev"):
        for hn in HEADS[:n_heads]:
            pred = predict_torch(torch, net, enc, lx.full if lx else None, [ex.text for ex in sp[name]],
                                 HEADS.index(hn), pad)
            dev[f"{name}/{hn}"] = score([ex.spans for ex in sp[name]], pred)
    d_msra = dev[f"msra_dev/{a.head}"]["overall"]["f1"]
    d_clue = dev[f"cluener_dev/{a.head}"]["ORG"]["f1"]
    return dev, (d_msra + d_clue) / 2 if sp["cluener_train"] else d_msra


def choose_ship(torch, a, net, enc, lx, sp, pad):
    """(the ``SHIP`` entry that ships, dev figures of each candidate): with ``--ship auto``, the best
    by the epoch criterion on the dev splits."""
    ship_dev = {}
    names = SHIP if a.ship == "auto" and sp["cluener_train"] else [a.ship if a.ship != "auto" else "msra"]
    for name in names:
        m, c = (score([ex.spans for ex in sp[k]],
                      predict_ship(torch, net, enc, lx.full if lx else None, [ex.text for ex in sp[k]], name, pad))
                for k in ("msra_dev", "cluener_dev"))
        ship_dev[name] = {"msra_dev_f1": m["overall"]["f1"], "cluener_dev_org_f1": c["ORG"]["f1"],
                          "criterion": round((m["overall"]["f1"] + c["ORG"]["f1"]) / 2, 4)}
        print("ship", name, json.dumps(ship_dev[name]), flush=True)
    return max(ship_dev, key=lambda k: ship_dev[k]["criterion"]), ship_dev


def write_model(torch, a, net, Export, cfg, enc, lx, sp, ship) -> None:
    """``ner.onnx``, ``ner_vocab.json`` and ``ner_tables.npz`` (hash tables of the bigrams and the
    lexicon) in ``a.out``."""
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    calib = [ex.text for ex in sp["msra_dev"][:300] + sp["cluener_dev"][:100]]
    calib.append(Path(a.bench_file).read_text(encoding="utf-8"))
    heads = [HEADS.index(h) for h in SHIP[ship]]
    export(torch, Export(net, heads, float_tables=not a.fp32).eval(), out / "ner.onnx", enc, lx.full if lx else None,
           None if a.fp32 else calib, receptive_radius(cfg), a.quantise)
    crf = None
    if cfg.get("crf"):
        crf = []
        for h in heads:
            trans, start, end = (p.detach().numpy().round(4).tolist() for p in net.crf_params(h))
            crf.append({"transitions": trans, "start": start, "end": end})
    vocab = {"types": list(TYPES), "tags": TAGS, "receptive_radius": receptive_radius(cfg), "heads": SHIP[ship],
             "crf": crf, "chars": enc.chars, "bigrams": "".join(enc.bigrams)}      # joined: reads fast
    vocab["tables"] = "ner_tables.npz"
    save_tables(out / vocab["tables"], enc, lx.full if lx else None)
    if lx:
        vocab["lexicon"] = {"kinds": list(LEX_KINDS), "words": lx.full.size}
    (out / "ner_vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")


def write_tables(folder: Path) -> int:
    """Write ``ner_tables.npz`` for the model in ``folder`` from its vocabulary (same ids, so the
    same tags; loading then skips building the hash tables) and name it in ``ner_vocab.json``.
    A model with lexicon features was always exported with its tables: nothing to do."""
    path = folder / "ner_vocab.json"
    vocab = json.loads(path.read_text(encoding="utf-8"))
    if vocab.get("tables"):
        print(f"{path}: already names {vocab['tables']}")
        return 0
    save_tables(folder / "ner_tables.npz", Encoder(vocab["chars"], vocab["bigrams"]), None)
    vocab["tables"] = "ner_tables.npz"
    path.write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {folder / 'ner_tables.npz'}")
    return 0


def write_report(a, cfg, enc, files, sp, report) -> None:
    """Score the exported model once on every split (and real_zh), time it, write ``meta.json``."""
    from timeline.entities.ner_model import NameTagger

    out = Path(a.out)
    tagger = NameTagger(out, threads=1)
    figures = {}
    for name in ("msra_dev", "msra_test", "cluener_dev", "cluener_heldout"):
        figures[name] = score([ex.spans for ex in sp[name]], tagger.find([ex.text for ex in sp[name]]))
        print(name, json.dumps({t: figures[name][t]["f1"] for t in (*TYPES, "overall")}), flush=True)
    if a.real:
        figures["real_zh_org_recall"] = real_zh_recall(Path(a.real), tagger.find)
        print("real_zh", json.dumps(figures["real_zh_org_recall"]), flush=True)
    bench_text = Path(a.bench_file).read_text(encoding="utf-8")
    ms = bench(tagger, bench_text, 50)
    size = sum(p.stat().st_size for p in (out / "ner.onnx", out / "ner_vocab.json", out / "ner_tables.npz"))
    history = report["history"]
    skip = ("data", "real", "out", "from_state", "save_state", "bench_file", "quantise")
    meta = {
        "name": "timeline zh PER/LOC/ORG character tagger",
        "command": report["command"], "exported_by": report["exported_by"],
        "data": {k: {"path": os.path.relpath(v, ROOT), "sha256": sha256(v), "bytes": v.stat().st_size}
                 for k, v in files.items()},
        "splits": {**{k: len(v) for k, v in sp.items()},
                   "how": f"random by seed {a.seed}: MSRA dev {a.msra_dev:.0%} of train in blocks of 50 sentences; "
                          "CLUENER 5 % dev, 10 % held out"},
        "cluener_types": "organization, government, company -> ORG; name -> PER; address -> LOC; others O",
        "settings": {**{k: v for k, v in vars(report["train_args"]).items() if k not in skip}, **cfg,
                     "heads": list(HEADS[:1 + bool(sp["cluener_train"])]), "shipped": SHIP[report["ship"]],
                     "ship_dev": report["ship_dev"],
                     "loss": "CRF negative log-likelihood" if cfg.get("crf") else "softmax cross-entropy",
                     "decoding": "Viterbi within runs of characters where O does not win by HOT_MARGIN (+1 each side); "
                                 "runs longer than PIECE + 2 * OVERLAP in overlapping pieces (ner_model.viterbi_many)"
                     if cfg.get("crf") else "argmax, I- without its B- starts a name",
                     "optimiser": "Adam (dense) + SparseAdam (embeddings), linear lr decay, clip 5"},
        "vocab": {"chars": enc.n_chars, "bigrams": enc.n_bigrams},
        "lexicon": report["lexicon"],
        "receptive_radius": receptive_radius(cfg),
        "epochs_run": a.epochs, "seed": a.seed, "history": history,
        "best_epoch": max(history, key=lambda r: r["criterion"])["epoch"] if history else None,
        "figures": figures,
        "model_bytes": size, "int8_convolutions": not a.fp32,
        "quantisation": None if a.fp32 else {a.quantise: QUANTISATION[a.quantise]},
        "speed": {"file": Path(a.bench_file).name, "chars": len(bench_text), "ms_per_call_1_thread": round(ms, 3),
                  "note": "NameTagger.find on the whole file after training (shared machine; scripts/bench_ner.py)"},
        "train_seconds": round(report["train_seconds"]), "torch": report["torch"],
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out / 'ner.onnx'} ({size / 1e6:.1f} MB with vocab), {ms:.2f} ms per {len(bench_text)} chars, "
          f"trained {report['train_seconds'] / 60:.1f} min", flush=True)


if __name__ == "__main__":
    sys.exit(main())
