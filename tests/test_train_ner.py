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
    lexicon = train.Lexicon({"市委": train.BIT["ORG"], "开会": train.BIT["WORD"]})
    corpus = train.Corpus(0, bio, enc, lambda i, text: train.lex_features(lexicon, text))
    space = int(enc.char_ids(" ")[0])
    items = corpus.items(random.Random(1), join=1.0, max_len=100, space=space)
    assert len(items) == 1                                          # all three joined
    c, t, x = items[0]
    assert len(c) == len(t) == len(x) and x.shape[1] == 3 * len(train.LEX_KINDS)
    inv = {i + 2: ch for i, ch in enumerate(chars)}
    text = "".join(inv[int(i)] for i in c)
    assert text.replace(" ", "") == "李四好市委开会去京"
    tags = [train.TAGS[i] for i in t]
    assert tags[text.index("市")] == "B-ORG" and tags[text.index("京")] == "B-LOC"
    assert all(tags[i] == "O" for i, ch in enumerate(text) if ch == " ")
    org_b = 3 * train.LEX_KINDS.index("ORG")                        # features travel with their characters
    assert x[text.index("市"), org_b] == 1 and x[text.index("委"), org_b + 2] == 1
    assert x[text.index("开"), 0] == 1 and x[:, org_b].sum() == 1
    single = corpus.items(random.Random(1), join=0.0, max_len=100, space=space)
    assert [len(c) for c, _, _ in single] == [3, 4, 2]
    cut = corpus.items(random.Random(1), join=0.0, max_len=2, space=space)
    assert [len(c) for c, _, _ in cut] == [2, 1, 2, 2, 2]           # over-long sentences cut


def test_fold_lexicons_leave_out_their_own_names(train):
    exs = [Example(f"{n}来了", [(0, 2, "PER")]) for n in ("张三", "李四", "王五", "赵六")]
    lexicons = train.fold_lexicons({"来了": train.BIT["WORD"]}, [(exs, 1)], folds=2)
    for i, ex in enumerate(exs):
        own = lexicons[train.fold_of(i, 1, 2)]
        per_b = 3 * train.LEX_KINDS.index("PER")
        assert train.lex_features(own, ex.text)[0, per_b] == 0           # its own name is not there
        assert train.lex_features(own, ex.text)[2, 0] == 1               # the general word is
        other = lexicons[1 - train.fold_of(i, 1, 2)]
        assert train.lex_features(other, ex.text)[0, per_b] == 1


def test_batches_respect_the_character_budget(train):
    items = [(np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64), np.zeros((n, 0))) for n in range(1, 60)]
    out = train.batches(items, 0, random.Random(3), max_chars=100)
    assert sorted(k for _, idx in out for k in idx) == list(range(59))
    for head, idx in out:
        assert head == 0
        assert len(idx) == 1 or max(len(items[k][0]) for k in idx) * len(idx) <= 100
