"""The packaged name tagger (timeline.entities.ner_model): loading, offsets, batching, a few names."""
from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from timeline.entities import ner_model
from timeline.entities.ner_model import Encoder, NameSpan, decode_tags, normalise

TYPES = ["PER", "LOC", "ORG"]


@pytest.fixture(scope="module")
def tagger():
    return ner_model.load_model()


def test_normalise_keeps_length_and_folds_full_width():
    src = "ＡＢＣ１２３，（中国）\u3000x\ny"
    out = normalise(src)
    assert len(out) == len(src)
    assert out == "ABC123,(中国) x y"
    assert normalise("𠀀中") == "𠀀中"                        # outside the BMP: kept as it is


def test_encoder_ids():
    enc = Encoder("中国人", ["中国", "国人"])
    cids, bids = enc.encode("中国人民")
    assert cids.tolist() == [2, 3, 4, 1]                      # 民 unknown
    # bigrams: (PAD,中) (中,国) (国,人) (人,民) (民,PAD): only 中国 and 国人 are known
    assert bids.tolist() == [1, 2, 3, 1, 1]
    assert enc.encode("")[0].tolist() == [] and enc.encode("")[1].tolist() == [1]
    assert enc.char_ids("中国") .tolist() == enc.char_ids("中国").tolist()
    assert Encoder("A", []).char_ids("Ａa").tolist() == [2, 1]   # full-width folds onto ASCII


@pytest.mark.parametrize("tags,spans", [
    ([0, 1, 2, 0], [(1, 3, "PER")]),
    ([2, 2, 0], [(0, 2, "PER")]),                 # I- without B- starts a name
    ([5, 6, 6, 3, 4], [(0, 3, "ORG"), (3, 5, "LOC")]),
    ([5, 5], [(0, 1, "ORG"), (1, 2, "ORG")]),
    ([3, 6], [(0, 1, "LOC"), (1, 2, "ORG")]),     # type change starts a name
    ([0, 0], []),
    ([], []),
])
def test_decode_tags(tags, spans):
    got = decode_tags(np.array(tags, dtype=np.int64), None, TYPES)
    assert [(s.start, s.end, s.type) for s in got] == spans


def test_decode_scores_are_span_means():
    got = decode_tags(np.array([1, 2, 0]), np.array([0.9, 0.7, 0.99]), TYPES)
    assert got == [NameSpan(0, 2, "PER", 0.8)]


def test_model_loads_from_package_data(tagger):
    folder = ner_model._package_folder()
    assert (folder / "ner.onnx").is_file() and (folder / "ner_vocab.json").is_file()
    assert (folder / "meta.json").is_file()
    assert tagger is ner_model.load_model()                  # loaded once
    if tagger.lexicon is not None:                           # the lexicon ships beside the network
        assert tagger.lexicon.size > 1000
    assert tagger.types == TYPES


def test_packaged_tables_match_the_vocabulary(tagger):
    """The shipped hash tables (``ner_tables.npz``, loaded instead of built) give every bigram of
    the vocabulary its own id, as the table built from ``ner_vocab.json`` would."""
    vocab = json.loads((ner_model._package_folder() / "ner_vocab.json").read_text(encoding="utf-8"))
    assert vocab.get("tables") == "ner_tables.npz"
    built = Encoder(vocab["chars"], vocab["bigrams"])
    bigrams = vocab["bigrams"]                               # one string, two characters a bigram
    text = "".join(bigrams[i:i + 2] for i in range(0, len(bigrams), 2 * 97))
    text += "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于"
    cids = tagger.encoder.char_ids(text)
    assert tagger.encoder.bigram_ids(cids).tolist() == built.bigram_ids(built.char_ids(text)).tolist()


def test_missing_model_is_one_clear_error(tmp_path):
    with pytest.raises(ner_model.ModelError, match="ner_vocab.json"):
        ner_model.load_model(tmp_path)


def test_spans_are_valid_offsets(tagger, seed_text):
    spans = tagger.find([seed_text])[0]
    assert len(spans) > 10
    prev_end = 0
    for s in spans:
        assert 0 <= s.start < s.end <= len(seed_text)
        assert s.start >= prev_end                               # sorted, never overlapping
        assert s.type in TYPES and 0.0 <= s.score <= 1.0
        assert seed_text[s.start:s.end].strip()
        prev_end = s.end


def test_batch_and_windows_give_the_same_spans(tagger, seed_text):
    a, b = seed_text[:1500], seed_text[1500:3000]
    assert tagger.find([a, "", b]) == [tagger.find([a])[0], [], tagger.find([b])[0]]
    small = ner_model.NameTagger(ner_model._package_folder(), window=300)
    assert small.find([seed_text]) == tagger.find([seed_text])


def test_traditional_text_through_the_matching_copy(tagger):
    from timeline.documents import document_from_text, matching_text

    text = "臺北市政府與國立臺灣大學昨日簽署合作協議，市長表示將擴大產學合作。"
    doc = document_from_text(text, doc_id="t", lang="zh")
    spans = tagger.find([matching_text(doc)])[0]
    assert all(0 <= s.start < s.end <= len(doc.text) for s in spans)
    assert ("国立台湾大学" in {matching_text(doc)[s.start:s.end] for s in spans if s.type == "ORG"})


# Sentences written for this test (not from any corpus): (sentence, names that must be found).
SENTENCES = [
    ("张伟昨天在上海市与一家科技公司签署了合作协议。", {("张伟", "PER"), ("上海市", "LOC")}),
    ("中国人民银行今天在北京召开新闻发布会。", {("中国人民银行", "ORG"), ("北京", "LOC")}),
    ("王芳毕业于清华大学，现任广州市教育局副局长。", {("王芳", "PER"), ("清华大学", "ORG"), ("广州市教育局", "ORG")}),
    ("李明和刘洋代表浙江省人民政府出席了会议。", {("李明", "PER"), ("刘洋", "PER"), ("浙江省人民政府", "ORG")}),
]


@pytest.mark.parametrize("text,names", SENTENCES)
def test_unambiguous_sentences(tagger, text, names):
    got = {(text[s.start:s.end], s.type) for s in tagger.find([text])[0]}
    assert names <= got, f"missing {names - got}"


def test_importing_timeline_does_not_import_onnxruntime():
    code = ("import sys, timeline, timeline.cli, timeline.entities, timeline.entities.ner_model; "
            "assert 'onnxruntime' not in sys.modules, 'onnxruntime imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


def _viterbi(emis, trans, start, end):
    """Plain Viterbi over the whole sequence (the reference for viterbi_runs)."""
    d = start + emis[0]
    back = []
    for t in range(1, len(emis)):
        c = d[:, None] + trans
        back.append(c.argmax(0))
        d = c.max(0) + emis[t]
    cur = int((d + end).argmax())
    out = [cur]
    for b in reversed(back):
        cur = int(b[cur])
        out.append(cur)
    return out[::-1]


def test_viterbi_runs_equals_viterbi_where_o_is_certain():
    rng = np.random.default_rng(5)
    trans, start, end = (rng.normal(size=s).astype(np.float32) for s in ((7, 7), 7, 7))
    for _ in range(50):
        n = int(rng.integers(1, 25))
        emis = rng.normal(size=(n, 7)).astype(np.float32)
        emis[:, 0] -= 20                                     # no character is surely O: one run
        assert ner_model.viterbi_runs(emis, trans, start, end).tolist() == _viterbi(emis, trans, start, end)
    emis = rng.normal(size=(12, 7)).astype(np.float32)
    emis[:, 0] += 50                                         # every character surely O
    emis[4:6, 0] -= 100                                      # but 4 and 5
    tags = ner_model.viterbi_runs(emis, trans, start, end)
    assert tags[:3].tolist() == [0, 0, 0] and tags[7:].tolist() == [0] * 5
    sub = emis[3:7]                                          # the run (3..6) decoded between O's
    best = max(((a, b, c, d) for a in range(7) for b in range(7) for c in range(7) for d in range(7)),
               key=lambda p: trans[0, p[0]] + sum(sub[i, p[i]] for i in range(4))
               + sum(trans[p[i], p[i + 1]] for i in range(3)) + trans[p[3], 0])
    assert tags[3:7].tolist() == list(best)


def test_merge_extra_orgs_adds_only_free_organisations():
    first = [NameSpan(0, 2, "PER", 0.9), NameSpan(5, 9, "ORG", 0.8)]
    second = [NameSpan(0, 3, "ORG", 0.7),              # overlaps 0-2: dropped
              NameSpan(3, 5, "ORG", 0.6),              # free: added
              NameSpan(9, 11, "LOC", 0.9),             # not an organisation: dropped
              NameSpan(8, 12, "ORG", 0.5),             # overlaps 5-9: dropped
              NameSpan(12, 14, "ORG", 0.9)]            # free: added
    assert ner_model.merge_extra_orgs([first, second]) == [
        NameSpan(0, 2, "PER", 0.9), NameSpan(3, 5, "ORG", 0.6), NameSpan(5, 9, "ORG", 0.8),
        NameSpan(12, 14, "ORG", 0.9)]
    assert ner_model.merge_extra_orgs([first]) == first


def test_viterbi_runs_decodes_each_run_between_o():
    rng = np.random.default_rng(7)
    trans, start, end = (rng.normal(size=s).astype(np.float32) for s in ((7, 7), 7, 7))
    emis = rng.normal(size=(40, 7)).astype(np.float32)
    emis[:, 0] += 30                                          # O wins by far ...
    runs = [(0, 3), (6, 13), (16, 18), (21, 22), (25, 33), (36, 40)]
    for a, b in runs:                                          # ... but inside these runs
        emis[a + (a > 0):b - (b < 40), 0] -= 60
    tags = ner_model.viterbi_runs(emis, trans, start, end)
    for a, b in runs:
        first = start if a == 0 else trans[0]
        last = end if b == 40 else trans[:, 0]
        assert tags[a:b].tolist() == _viterbi(emis[a:b], trans, first, last), (a, b)
    outside = np.ones(40, dtype=bool)
    for a, b in runs:
        outside[a:b] = False
    assert not tags[outside].any()


def test_viterbi_many_equals_one_sequence_at_a_time():
    rng = np.random.default_rng(11)
    crfs = [tuple(rng.normal(size=s).astype(np.float32) for s in ((7, 7), 7, 7)) for _ in range(2)]
    items = []
    for k in range(30):
        n = int(rng.integers(0, 40))
        emis = rng.normal(size=(n, 7)).astype(np.float32)
        emis[:, 0] += rng.choice([0.0, 3.0, 30.0], size=n)     # some characters surely O
        items.append((emis, crfs[k % 2]))
    together = ner_model.viterbi_many(items)
    for (emis, crf), tags in zip(items, together, strict=True):
        assert tags.tolist() == ner_model.viterbi_runs(emis, *crf).tolist()


def _brute_matches(words, text):
    return sorted((i, j, m) for i in range(len(text)) for j in range(i + 2, len(text) + 1)
                  for w, m in words.items() if text[i:j] == w)


@pytest.mark.parametrize("text", ["", "中", "中国人民银行在北京", "北京北京大学北京", "人民人民人民银行",
                                  "ABC公司与ＡＢＣ", "𠀀中国𠀀人民"])
def test_lexicon_finds_every_occurrence(text):
    words = {"中国": 4, "中国人民银行": 8, "人民": 1, "人民银行": 8, "北京": 4, "北京大学": 8,
             "银行": 1, "ABC公司": 8, "中国𠀀": 1}
    lex = ner_model.Lexicon(words)
    text = normalise(text)
    assert sorted(map(tuple, lex.matches(text).tolist())) == _brute_matches(words, text)


def test_lexicon_features_mark_b_m_e_per_kind():
    lex = ner_model.Lexicon({"人民银行": 8, "人民": 1, "中": 1})  # one-character words are not kept
    x = lex.features("中国人民银行")
    org = 3 * ner_model.LEX_KINDS.index("ORG")
    assert x.shape == (6, 12)
    assert x[:, org].tolist() == [0, 0, 1, 0, 0, 0]                # B
    assert x[:, org + 1].tolist() == [0, 0, 0, 1, 1, 0]            # M
    assert x[:, org + 2].tolist() == [0, 0, 0, 0, 0, 1]            # E
    assert x[:, 0].tolist() == [0, 0, 1, 0, 0, 0] and x[:, 2].tolist() == [0, 0, 0, 1, 0, 0]
    assert not x[:2].any()


def test_unreadable_tables_are_one_clear_error(tmp_path):
    vocab = {"types": TYPES, "tags": [], "receptive_radius": 1, "heads": ["msra"], "crf": None,
             "chars": "中", "bigrams": [], "tables": "ner_tables.npz"}
    (tmp_path / "ner_vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    (tmp_path / "ner_tables.npz").write_bytes(b"not npz")
    with pytest.raises(ner_model.ModelError, match="ner_tables.npz"):
        ner_model.NameTagger(tmp_path)


def test_saved_tables_give_the_same_ids_and_words(tmp_path):
    enc = Encoder("中国人民银行", ["中国", "人民", "银行"])
    lex = ner_model.Lexicon({"中国人民银行": 8, "人民": 1, "中国": 4})
    ner_model.save_tables(tmp_path / "t.npz", enc, lex)
    arrays = dict(np.load(tmp_path / "t.npz"))
    enc2 = Encoder(enc.chars, enc.bigrams, ner_model._HashTable.from_arrays(arrays["bigram_keys"],
                                                                           arrays["bigram_values"]))
    lex2 = ner_model.Lexicon.from_arrays(arrays)
    text = "在中国人民银行和人民"
    assert enc2.encode(text)[1].tolist() == enc.encode(text)[1].tolist()
    assert lex2.matches(text).tolist() == lex.matches(text).tolist() and len(lex.matches(text)) == 4


def test_encoder_reads_bigrams_joined_in_one_string():
    """``ner_vocab.json`` keeps the bigrams as one string (two characters each): the same ids."""
    listed, joined = Encoder("中国人民", ["中国", "国人", "人民"]), Encoder("中国人民", "中国国人人民")
    assert joined.n_bigrams == listed.n_bigrams == 5
    assert joined.encode("中国人民")[1].tolist() == listed.encode("中国人民")[1].tolist() == [1, 2, 3, 4, 1]
    with pytest.raises(ner_model.ModelError, match="two characters"):
        Encoder("中国", "中国国")


def test_folded_tables_give_the_same_quantised_input(tmp_path):
    """``train_ner.fold_tables``: a float16 table looked up, cast, transposed and quantised becomes a
    uint8 table looked up and transposed, with the same output for every id."""
    onnx = pytest.importorskip("onnx")
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper

    sys.path.insert(0, str(ner_model._package_folder().parents[3] / "scripts"))
    from train_ner import fold_tables

    table = np.random.default_rng(0).normal(size=(50, 4)).astype(np.float16)
    nodes = [helper.make_node("Gather", ["table", "ids"], ["rows"]),
             helper.make_node("Cast", ["rows"], ["rows32"], to=TensorProto.FLOAT),
             helper.make_node("Transpose", ["rows32"], ["cols"], perm=[0, 2, 1]),
             helper.make_node("QuantizeLinear", ["cols", "scale", "zero"], ["q"])]
    graph = helper.make_graph(
        nodes, "g", [helper.make_tensor_value_info("ids", TensorProto.INT64, ["b", "n"])],
        [helper.make_tensor_value_info("q", TensorProto.UINT8, ["b", 4, "n"])],
        [numpy_helper.from_array(table, "table"), numpy_helper.from_array(np.array(0.013, np.float32), "scale"),
         numpy_helper.from_array(np.array(121, np.uint8), "zero")])
    path = tmp_path / "m.onnx"
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))
    ids = {"ids": np.arange(50, dtype=np.int64)[None, :]}
    before = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, ids)[0]
    assert fold_tables(path) == 1
    folded = onnx.load(str(path))
    assert [n.op_type for n in folded.graph.node] == ["Gather", "Transpose"]
    assert [t.data_type for t in folded.graph.initializer] == [TensorProto.UINT8]
    after = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, ids)[0]
    assert np.array_equal(before, after)
