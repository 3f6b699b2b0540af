"""The training script's data handling (scripts/train_ner.py) on tiny fixtures; torch is not needed."""
from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import numpy as np
import pytest

from timeline.entities.ner_eval import Example, read_bio, read_cluener
from timeline.entities.ner_model import Encoder

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def train():
    spec = importlib.util.spec_from_file_location("train_ner", ROOT / "scripts" / "train_ner.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture
def tiny(tmp_path):
    bio = tmp_path / "train_bio.txt"
    bio.write_text("李\tB-PER\n四\tI-PER\n好\tO\n\n市\tB-ORG\n委\tI-ORG\n开\tO\n会\tO\n\n去\tO\n京\tB-LOC\n",
                   encoding="utf-8")
    clue = tmp_path / "train.jsonl"
    clue.write_text('{"text": "某某公司在杭州", "label": {"company": {"某某公司": [[0, 3]]}, '
                    '"address": {"杭州": [[5, 6]]}}}\n', encoding="utf-8")
    return read_bio(bio), read_cluener(clue)


def test_readers_on_tiny_files(tiny):
    bio, clue = tiny
    assert [ex.text for ex in bio] == ["李四好", "市委开会", "去京"]
    assert bio[1].spans == [(0, 2, "ORG")] and bio[2].spans == [(1, 2, "LOC")]
    assert clue == [Example("某某公司在杭州", [(0, 4, "ORG"), (5, 7, "LOC")])]


def test_split_is_fixed_disjoint_and_complete(train):
    xs = list(range(100))
    a = train.split(xs, [0.05, 0.10], seed=7)
    assert a == train.split(xs, [0.05, 0.10], seed=7)
    assert [len(p) for p in a] == [5, 10, 85]
    assert sorted(sum(a, [])) == xs and all(p == sorted(p) for p in a)
    assert train.split(xs, [0.05, 0.10], seed=8) != a


def test_vocab_and_tag_ids(train, tiny):
    bio, clue = tiny
    chars, bigrams = train.build_vocab([ex.text for ex in bio + clue], 1, 2)
    assert " " in chars and "李" in chars and bigrams == []        # no bigram is seen twice
    chars, bigrams = train.build_vocab(["ＡＢ", "AB"], 1, 2)
    assert "A" in chars and "Ａ" not in chars and bigrams == ["AB"]  # counted after folding
    ids = train.tag_ids(bio[0])
    assert [train.TAGS[i] for i in ids] == ["B-PER", "I-PER", "O"]


def test_joined_items_keep_tags_aligned(train, tiny):
    bio, _ = tiny
    chars, bigrams = train.build_vocab([ex.text for ex in bio], 1, 1)
    enc = Encoder(chars, bigrams)
    corpus = train.Corpus(0, bio, enc)
    space = int(enc.char_ids(" ")[0])
    items = corpus.items(random.Random(1), join=1.0, max_len=100, space=space)
    assert len(items) == 1                                          # all three joined
    c, t = items[0]
    assert len(c) == len(t)
    inv = {i + 2: ch for i, ch in enumerate(chars)}
    text = "".join(inv[int(i)] for i in c)
    assert text.replace(" ", "") == "李四好市委开会去京"
    tags = [train.TAGS[i] for i in t]
    assert tags[text.index("市")] == "B-ORG" and tags[text.index("京")] == "B-LOC"
    assert all(tags[i] == "O" for i, ch in enumerate(text) if ch == " ")
    single = corpus.items(random.Random(1), join=0.0, max_len=100, space=space)
    assert [len(c) for c, _ in single] == [3, 4, 2]
    cut = corpus.items(random.Random(1), join=0.0, max_len=2, space=space)
    assert [len(c) for c, _ in cut] == [2, 1, 2, 2, 2]              # over-long sentences cut


def test_batches_respect_the_character_budget(train):
    items = [(np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)) for n in range(1, 60)]
    out = train.batches(items, 0, random.Random(3), max_chars=100)
    assert sorted(k for _, idx in out for k in idx) == list(range(59))
    for head, idx in out:
        assert head == 0
        assert len(idx) == 1 or max(len(items[k][0]) for k in idx) * len(idx) <= 100
