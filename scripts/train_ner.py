#!/usr/bin/env python3
"""Train the PER/LOC/ORG character tagger and write it into timeline/resources/zh/models/.

Usage (the one command; needs the ``train`` extra: ``pip install torch==2.13.0`` for the CPU wheel,
then ``pip install -e '.[train]'``):

    nice -n 10 python scripts/train_ner.py            # defaults = the shipped model (seed fixed)

Data (``--data``, default ``../shared/data/ner_zh``): MSRA train (``msra/msra_train_bio.txt``) minus
a dev split (5 %, in blocks of 50 consecutive sentences), and CLUENER train
(``cluener/cluener_train.jsonl``, types mapped by ``timeline.entities.ner_eval.CLUENER_TYPES``) minus
a 5 % dev split and a 10 % held-out split. One encoder, one output layer per corpus (their
conventions differ: CLUENER's addresses are longer and its labels not exhaustive). The epoch and the
layers that ship (``--ship``) are chosen on the dev splits only; MSRA test, the CLUENER held-out split
and the organisations of ``real_zh`` gold (a diagnostic) are scored once, after training.

Network: character embedding + the embeddings of the bigrams left and right of each character ->
a window layer (``--first-kernel``) -> residual dilated convolutions (``--dilations``) of
``--width`` channels -> a linear-chain CRF per corpus (``--no-crf``: softmax). Items are runs of
consecutive sentences with PAD ids around them, as ``NameTagger`` lays out a document. Export: ONNX
convolutions, int8 by static quantisation (``--fp32`` to keep floats), bigram table in float16.

Output in ``--out``: ``ner.onnx``, ``ner_vocab.json`` (vocabularies, CRF weights) and ``meta.json``
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
from timeline.entities.ner_model import UNK, Encoder, decode_emissions, normalise  # noqa: E402

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


class Corpus:
    """Encoded examples of one corpus (head): character ids and tag ids per example."""

    def __init__(self, head: int, examples: list[Example], enc: Encoder):
        self.head = head
        self.examples = examples
        self.cids = [enc.char_ids(ex.text) for ex in examples]
        self.tags = [tag_ids(ex) for ex in examples]

    def items(self, rng: random.Random, join: float, max_len: int, space: int):
        """Training items: runs of consecutive examples joined (each next one with probability
        ``join``, up to ``max_len`` characters, with a space between them half of the time), so
        the network also learns from text around a sentence, as in a whole document."""
        out, i, n = [], 0, len(self.cids)
        while i < n:
            c, t = [self.cids[i]], [self.tags[i]]
            size = len(c[0])
            i += 1
            while i < n and rng.random() < join and size + len(self.cids[i]) + 1 <= max_len:
                if rng.random() < 0.5:
                    c.append(np.array([space]))
                    t.append(np.zeros(1, dtype=np.int64))
                c.append(self.cids[i])
                t.append(self.tags[i])
                size += len(self.cids[i]) + 1
                i += 1
            c, t = np.concatenate(c), np.concatenate(t)
            if len(c) > max_len:                      # one over-long sentence: cut in pieces
                for a in range(0, len(c), max_len):
                    out.append((c[a:a + max_len], t[a:a + max_len]))
            else:
                out.append((c, t))
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
    """Ids and tags of the items ``idx`` in one array: item ``r`` in row ``r`` from column ``pad``, with at
    least ``pad`` PAD ids (the network's receptive radius) before and after it, so a character never
    sees past its item and the result never depends on the other rows (the same layout as
    ``NameTagger``). Tags of PAD columns are -100 (not scored)."""
    width = max(len(items[k][0]) for k in idx) + 2 * pad
    cids = np.zeros((len(idx), width), dtype=np.int64)
    bids = np.zeros((len(idx), width + 1), dtype=np.int64)
    tags = np.full((len(idx), width), -100, dtype=np.int64)
    for r, k in enumerate(idx):
        c, t = items[k]
        n = len(c)
        cids[r, pad:pad + n] = c
        bids[r, pad:pad + n + 1] = enc.bigram_ids(c)
        tags[r, pad:pad + n] = t
    return cids, bids, tags


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
            d_in = cfg["char_dim"] + 2 * cfg["bigram_dim"]
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

        def encode(self, chars, bigrams):
            b = self.bigram(bigrams)
            x = torch.cat([self.char(chars), b[:, :-1], b[:, 1:]], dim=2)
            x = self.drop_emb(x)
            h = torch.relu(self.first(shifted(x, 1, cfg["first_kernel"])))
            for conv, d in zip(self.convs, cfg["dilations"], strict=True):
                h = h + self.drop(torch.relu(conv(shifted(h, d, cfg["kernel"]))))
            return h

        def forward(self, chars, bigrams, head: int):
            return self.heads[head](self.drop(self.encode(chars, bigrams)))

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
        The window layer is split in a convolution over the character embeddings and one over the
        bigram embeddings (bigram j is left of character j and right of character j - 1, so its
        kernel is one wider), so no concatenation is needed. Bigram table in float16."""

        def __init__(self, net, heads: list[int]):
            super().__init__()
            self.n_heads = len(heads)
            dc, db, w, k0 = cfg["char_dim"], cfg["bigram_dim"], cfg["width"], cfg["first_kernel"]
            r0 = k0 // 2
            self.register_buffer("char_table", net.char.weight.detach().clone())
            self.register_buffer("bigram_table", net.bigram.weight.detach().half())
            wt = net.first.weight.detach().view(w, k0, dc + 2 * db)         # [out, offset, in]
            self.first_c = nn.Conv1d(dc, w, k0, padding=r0)
            self.first_b = nn.Conv1d(db, w, k0 + 1, padding=r0, bias=False)
            with torch.no_grad():
                self.first_c.weight.copy_(wt[:, :, :dc].permute(0, 2, 1))
                self.first_c.bias.copy_(net.first.bias.detach())
                wb = torch.zeros(w, db, k0 + 1)
                wb[:, :, :k0] += wt[:, :, dc:dc + db].permute(0, 2, 1)       # as left bigram
                wb[:, :, 1:] += wt[:, :, dc + db:].permute(0, 2, 1)          # as right bigram
                self.first_b.weight.copy_(wb)

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

        def forward(self, chars, bigrams):
            xc = self.char_table[chars].transpose(1, 2)
            xb = self.bigram_table[bigrams].float().transpose(1, 2)
            h = torch.relu(self.first_c(xc) + self.first_b(xb))
            for c in self.convs:
                h = h + torch.relu(c(h))
            scores = self.head(h).transpose(1, 2)                       # [B, L, heads * T]
            b, n, _ = scores.shape
            return scores, scores.reshape(b, n, self.n_heads, len(TAGS)).argmax(dim=3)

    return Export


SHIP = {"msra": ["msra"], "cluener": ["cluener"], "msra+cluener-org": ["msra", "cluener"]}
"""What ships: the heads kept, in order; with two, names come from the first and the second adds
its organisations where the first found nothing (``ner_model.merge_extra_orgs``)."""


def receptive_radius(cfg) -> int:
    return cfg["first_kernel"] // 2 + 1 + sum(d * (cfg["kernel"] // 2) for d in cfg["dilations"])


def export(torch, module, path: Path, enc: Encoder, calib_texts: list[str] | None, pad: int) -> None:
    """Write ``module`` as ONNX to ``path``; with ``calib_texts``, quantise its convolutions to
    int8 (static: activation ranges measured on those texts; QLinearConv)."""
    ex = (torch.ones(2, 7, dtype=torch.int64), torch.ones(2, 8, dtype=torch.int64))
    tmp = path.with_suffix(".fp32.tmp")
    torch.onnx.export(module, ex, str(tmp), input_names=["chars", "bigrams"],
                      output_names=["scores", "best"], opset_version=17, dynamo=False,
                      dynamic_axes={"chars": {0: "batch", 1: "length"}, "bigrams": {0: "batch", 1: "length1"},
                                    "scores": {0: "batch", 1: "length"}, "best": {0: "batch", 1: "length"}})
    if not calib_texts:
        os.replace(tmp, path)
        return
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static

    class Reader(CalibrationDataReader):
        def __init__(self):
            feeds = []
            for t in calib_texts:
                c = enc.char_ids(t)
                cids, bids, _ = pad_batch([(c, c)], [0], enc, pad)
                feeds.append({"chars": cids, "bigrams": bids})
            self.it = iter(feeds)

        def get_next(self):
            return next(self.it, None)

    quantize_static(str(tmp), str(path), Reader(), quant_format=QuantFormat.QOperator, op_types_to_quantize=["Conv"],
                    activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8, per_channel=True)
    tmp.unlink()


# --- evaluation ----------------------------------------------------------------------------------

def predict_ship(torch, net, enc, texts, ship: str, pad: int):
    """Spans per text as the shipped model will give them (torch network, ``SHIP[ship]`` heads)."""
    from timeline.entities.ner_model import merge_extra_orgs

    runs = [predict_torch(torch, net, enc, texts, HEADS.index(h), pad) for h in SHIP[ship]]
    return [merge_extra_orgs(list(spans)) for spans in zip(*runs, strict=True)]


def predict_torch(torch, net, enc, texts, head, pad, max_chars=16384):
    """Spans per text from the torch network (used for dev figures during training)."""
    net.eval()
    items = [(enc.char_ids(t), np.zeros(len(t), dtype=np.int64)) for t in texts]
    out = [None] * len(texts)
    order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
    with torch.no_grad():
        i = 0
        while i < len(order):
            j = i + 1
            while j < len(order) and (j - i + 1) * len(texts[order[j]]) <= max_chars:
                j += 1
            idx = order[i:j]
            cids, bids, _ = pad_batch(items, idx, enc, pad)
            logits = net(torch.from_numpy(cids), torch.from_numpy(bids), head).numpy()
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
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--threads", type=int, default=1,
                    help="torch threads (results may differ in the last bits with another count)")
    ap.add_argument("--msra-dev", type=float, default=0.05, help="share of MSRA train held out as dev")
    ap.add_argument("--no-cluener", action="store_true", help="train on MSRA only")
    ap.add_argument("--head", choices=HEADS, default="msra", help="output layer that picks the best epoch")
    ap.add_argument("--ship", choices=[*SHIP, "auto"], default="auto",
                    help="heads that ship (auto: the best on the dev splits by the epoch criterion)")
    ap.add_argument("--char-dim", type=int, default=48)
    ap.add_argument("--bigram-dim", type=int, default=64)
    ap.add_argument("--min-bigram", type=int, default=2)
    ap.add_argument("--width", type=int, default=96)
    ap.add_argument("--first-kernel", type=int, default=3)
    ap.add_argument("--kernel", type=int, default=3)
    ap.add_argument("--dilations", default="1,2,4,1")
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--dropout-emb", type=float, default=0.3)
    ap.add_argument("--no-crf", dest="crf", action="store_false", help="softmax output layers instead of CRFs")
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--emb-lr", type=float, default=5e-3, help="learning rate of the embeddings")
    ap.add_argument("--emb-init", type=float, default=0.1, help="std of the embeddings at the start")
    ap.add_argument("--bigram-unk", type=float, default=0.15, help="share of bigrams replaced by UNK in training")
    ap.add_argument("--char-unk", type=float, default=0.02, help="share of characters replaced by UNK in training")
    ap.add_argument("--batch-chars", type=int, default=2000)
    ap.add_argument("--join", type=float, default=0.5, help="chance to join the next sentence to an item")
    ap.add_argument("--max-len", type=int, default=300)
    ap.add_argument("--fp32", action="store_true", help="ship float convolutions (default: int8, static quantisation)")
    ap.add_argument("--from-state", default="", help="skip training: export and score weights saved by --save-state")
    ap.add_argument("--save-state", default="", help="also save the torch weights and settings here (not shipped)")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N examples of each file (smoke tests)")
    ap.add_argument("--bench-file", default=str(ROOT / "seeds" / "000_b0a8ce1bfdd55632.txt"))
    return ap.parse_args(argv)


def main(argv=None) -> int:
    argv = list(argv if argv is not None else sys.argv[1:])
    a = parse_args(argv)

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
        "dropout": a.dropout, "dropout_emb": a.dropout_emb, "emb_init": a.emb_init, "crf": a.crf}
    net, Export = make_net(torch, enc.n_chars, enc.n_bigrams, cfg)
    if saved:
        history, best_state = saved.get("history", []), saved["state"]
        a.epochs = saved.get("epochs", a.epochs)
    else:
        history, best_state = train(torch, a, net, cfg, enc, sp, rng, nrng)
    net.load_state_dict(best_state)
    net.eval()
    if a.save_state:
        torch.save({"state": best_state, "cfg": cfg, "chars": chars, "bigrams": bigram_list, "history": history,
                    "argv": argv, "epochs": a.epochs, "train_seconds": time.time() - started}, a.save_state)
    train_seconds = saved.get("train_seconds", 0) if saved else time.time() - started
    ship, ship_dev = choose_ship(torch, a, net, enc, sp, receptive_radius(cfg))
    write_model(torch, a, net, Export, cfg, enc, sp, ship)
    trained_by = saved.get("argv", ["(unknown)"]) if saved else argv
    report = {"command": "nice -n 10 python scripts/train_ner.py " + " ".join(trained_by),
              "exported_by": None if not saved else "python scripts/train_ner.py " + " ".join(argv),
              "history": history, "ship": ship, "ship_dev": ship_dev, "train_seconds": train_seconds,
              "torch": torch.__version__}
    write_report(a, cfg, enc, files, sp, report)
    return 0


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


def train(torch, a, net, cfg, enc, sp, rng, nrng):
    """Train ``net`` for ``a.epochs`` epochs; returns (history, the weights of the best epoch on dev)."""
    pad = receptive_radius(cfg)
    dense = [p for n, p in net.named_parameters() if not n.startswith(("char.", "bigram."))]
    sparse = list(net.char.parameters()) + list(net.bigram.parameters())
    opt_dense = torch.optim.Adam(dense, lr=a.lr)
    opt_sparse = torch.optim.SparseAdam(sparse, lr=a.emb_lr)
    corpora = [Corpus(0, sp["msra_train"], enc)]
    if sp["cluener_train"]:
        corpora.append(Corpus(1, sp["cluener_train"], enc))
    space = int(enc.char_ids(" ")[0])
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    history, best, best_state = [], -1.0, None
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
            cids, bids, tags = pad_batch(items_of[h], idx, enc, pad)
            bids[(nrng.random(bids.shape) < a.bigram_unk) & (bids > UNK)] = UNK     # learn to do without
            cids[(nrng.random(cids.shape) < a.char_unk) & (cids > UNK)] = UNK
            logits = net(torch.from_numpy(cids), torch.from_numpy(bids), h)
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
        dev, crit = dev_scores(torch, a, net, enc, sp, len(corpora), pad)
        row = {"epoch": epoch, "lr": round(lr, 6), "loss": round(total / len(work), 4),
               "seconds": round(time.time() - t0), "criterion": round(crit, 4),
               "dev": {k: {t: v[t]["f1"] for t in (*TYPES, "overall")} for k, v in dev.items()}}
        history.append(row)
        print(json.dumps(row), flush=True)
        if crit > best:
            best = crit
            best_state = {k: v.detach().clone() for k, v in net.state_dict().items()}
    return history, best_state


def dev_scores(torch, a, net, enc, sp, n_heads, pad):
    """Scores of every output layer on both dev splits, and the epoch criterion: the mean of MSRA dev
    F1 and CLUENER dev organisation F1 of the ``--head`` layer (MSRA dev F1 alone without CLUENER)."""
    dev = {}
    for name in ("msra_dev", "cluener_dev"):
        for hn in HEADS[:n_heads]:
            pred = predict_torch(torch, net, enc, [ex.text for ex in sp[name]], HEADS.index(hn), pad)
            dev[f"{name}/{hn}"] = score([ex.spans for ex in sp[name]], pred)
    d_msra = dev[f"msra_dev/{a.head}"]["overall"]["f1"]
    d_clue = dev[f"cluener_dev/{a.head}"]["ORG"]["f1"]
    return dev, (d_msra + d_clue) / 2 if sp["cluener_train"] else d_msra


def choose_ship(torch, a, net, enc, sp, pad):
    """(the ``SHIP`` entry that ships, dev figures of each candidate): with ``--ship auto``, the best
    by the epoch criterion on the dev splits."""
    ship_dev = {}
    names = SHIP if a.ship == "auto" and sp["cluener_train"] else [a.ship if a.ship != "auto" else "msra"]
    for name in names:
        m, c = (score([ex.spans for ex in sp[k]], predict_ship(torch, net, enc, [ex.text for ex in sp[k]], name, pad))
                for k in ("msra_dev", "cluener_dev"))
        ship_dev[name] = {"msra_dev_f1": m["overall"]["f1"], "cluener_dev_org_f1": c["ORG"]["f1"],
                          "criterion": round((m["overall"]["f1"] + c["ORG"]["f1"]) / 2, 4)}
        print("ship", name, json.dumps(ship_dev[name]), flush=True)
    return max(ship_dev, key=lambda k: ship_dev[k]["criterion"]), ship_dev


def write_model(torch, a, net, Export, cfg, enc, sp, ship) -> None:
    """``ner.onnx`` and ``ner_vocab.json`` in ``a.out``."""
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    calib = [ex.text for ex in sp["msra_dev"][:300] + sp["cluener_dev"][:100]]
    calib.append(Path(a.bench_file).read_text(encoding="utf-8"))
    heads = [HEADS.index(h) for h in SHIP[ship]]
    export(torch, Export(net, heads).eval(), out / "ner.onnx", enc, None if a.fp32 else calib, receptive_radius(cfg))
    crf = None
    if cfg.get("crf"):
        crf = []
        for h in heads:
            trans, start, end = (p.detach().numpy().round(4).tolist() for p in net.crf_params(h))
            crf.append({"transitions": trans, "start": start, "end": end})
    vocab = {"types": list(TYPES), "tags": TAGS, "receptive_radius": receptive_radius(cfg), "heads": SHIP[ship],
             "crf": crf, "chars": enc.chars, "bigrams": enc.bigrams}
    (out / "ner_vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")


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
    size = sum(p.stat().st_size for p in (out / "ner.onnx", out / "ner_vocab.json"))
    history = report["history"]
    skip = ("data", "real", "out", "from_state", "save_state", "bench_file")
    meta = {
        "name": "timeline zh PER/LOC/ORG character tagger",
        "command": report["command"], "exported_by": report["exported_by"],
        "data": {k: {"path": os.path.relpath(v, ROOT), "sha256": sha256(v), "bytes": v.stat().st_size}
                 for k, v in files.items()},
        "splits": {**{k: len(v) for k, v in sp.items()},
                   "how": f"random by seed {a.seed}: MSRA dev {a.msra_dev:.0%} of train in blocks of 50 sentences; "
                          "CLUENER 5 % dev, 10 % held out"},
        "cluener_types": "organization, government, company -> ORG; name -> PER; address -> LOC; others O",
        "settings": {**{k: v for k, v in vars(a).items() if k not in skip}, **cfg,
                     "heads": list(HEADS[:1 + bool(sp["cluener_train"])]), "shipped": SHIP[report["ship"]],
                     "ship_dev": report["ship_dev"],
                     "loss": "CRF negative log-likelihood" if cfg.get("crf") else "softmax cross-entropy",
                     "decoding": "Viterbi within runs of characters where O does not win by HOT_MARGIN (+1 each side)"
                     if cfg.get("crf") else "argmax, I- without its B- starts a name",
                     "optimiser": "Adam (dense) + SparseAdam (embeddings), linear lr decay, clip 5"},
        "vocab": {"chars": enc.n_chars, "bigrams": enc.n_bigrams},
        "receptive_radius": receptive_radius(cfg),
        "epochs_run": a.epochs, "seed": a.seed, "history": history,
        "best_epoch": max(history, key=lambda r: r["criterion"])["epoch"] if history else None,
        "figures": figures,
        "model_bytes": size, "int8_convolutions": not a.fp32,
        "speed": {"file": Path(a.bench_file).name, "chars": len(bench_text), "ms_per_call_1_thread": round(ms, 3),
                  "note": "NameTagger.find on the whole file after training (shared machine; scripts/bench_ner.py)"},
        "train_seconds": round(report["train_seconds"]), "torch": report["torch"],
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out / 'ner.onnx'} ({size / 1e6:.1f} MB with vocab), {ms:.2f} ms per {len(bench_text)} chars, "
          f"trained {report['train_seconds'] / 60:.1f} min", flush=True)


if __name__ == "__main__":
    sys.exit(main())
