"""Reading BIO / CLUENER files and exact-span scoring (timeline.entities.ner_eval), on hand-made files."""
from __future__ import annotations

import json

import pytest

from timeline.entities.ner_eval import (
    CorpusError,
    Example,
    bio_tags,
    evaluate,
    read_bio,
    read_cluener,
    read_corpus,
    score,
    spans_from_bio,
)

# Two sentences; gold: 张三 PER [0,2), 北京 LOC [3,5), 人民银行 ORG [0,4) of sentence 2, 上海 LOC [5,7).
BIO = """张\tB-PER
三\tI-PER
去\tO
北\tB-LOC
京\tI-LOC

人\tB-ORG
民\tI-ORG
银\tI-ORG
行\tI-ORG
在\tO
上\tB-LOC
海\tI-LOC
"""


@pytest.fixture
def bio_file(tmp_path):
    p = tmp_path / "tiny_bio.txt"
    p.write_text(BIO, encoding="utf-8")
    return p


def test_read_bio_sentences_and_spans(bio_file):
    exs = read_bio(bio_file)
    assert exs == [Example("张三去北京", [(0, 2, "PER"), (3, 5, "LOC")]),
                   Example("人民银行在上海", [(0, 4, "ORG"), (5, 7, "LOC")])]


def test_evaluate_hand_computed(bio_file):
    # Predictions: sentence 1 finds 张三 PER (right) and 北京 as ORG (wrong type);
    # sentence 2 finds 人民银 ORG (wrong end) and 上海 LOC (right).
    preds = {"张三去北京": [(0, 2, "PER", 0.9), (3, 5, "ORG", 0.8)],
             "人民银行在上海": [(0, 3, "ORG", 0.7), (5, 7, "LOC", 0.9)]}
    r = evaluate(bio_file, lambda texts: [preds[t] for t in texts])
    # PER: tp 1, pred 1, gold 1 -> P = R = F = 1
    assert (r["PER"]["precision"], r["PER"]["recall"], r["PER"]["f1"]) == (1.0, 1.0, 1.0)
    # LOC: tp 1 (上海), pred 1, gold 2 -> P 1, R 0.5, F 2/3
    assert (r["LOC"]["precision"], r["LOC"]["recall"], r["LOC"]["f1"]) == (1.0, 0.5, 0.6667)
    # ORG: tp 0, pred 2, gold 1 -> all 0
    assert (r["ORG"]["tp"], r["ORG"]["predicted"], r["ORG"]["gold"], r["ORG"]["f1"]) == (0, 2, 1, 0.0)
    # overall: tp 2, pred 4, gold 4 -> P = R = F = 0.5
    assert (r["overall"]["precision"], r["overall"]["recall"], r["overall"]["f1"]) == (0.5, 0.5, 0.5)
    assert (r["texts"], r["chars"]) == (2, 12)


@pytest.mark.parametrize("tags,spans", [
    (["B-PER", "I-PER", "O"], [(0, 2, "PER")]),
    (["I-ORG", "I-ORG", "O"], [(0, 2, "ORG")]),                       # I- without B- starts a name
    (["B-LOC", "B-LOC", "I-LOC"], [(0, 1, "LOC"), (1, 3, "LOC")]),
    (["B-LOC", "I-ORG"], [(0, 1, "LOC"), (1, 2, "ORG")]),             # type change starts a name
    (["O", "B-PER"], [(1, 2, "PER")]),                                # name at the end
    (["S-PER", "B-ORG", "E-ORG"], [(0, 1, "PER"), (1, 3, "ORG")]),    # BIOES read as BIO
])
def test_spans_from_bio(tags, spans):
    assert spans_from_bio(tags) == spans


def test_bio_tags_round_trip_and_overlap_dropped():
    assert bio_tags(5, [(0, 2, "PER"), (3, 5, "ORG"), (1, 3, "LOC")]) == ["B-PER", "I-PER", "O", "B-ORG", "I-ORG"]
    assert spans_from_bio(bio_tags(6, [(1, 4, "ORG")])) == [(1, 4, "ORG")]


def test_read_cluener_inclusive_end_and_type_map(tmp_path):
    rows = [{"text": "浙江某某银行的李四说",
             "label": {"company": {"浙江某某银行": [[0, 5]]}, "name": {"李四": [[7, 8]]}}},
            {"text": "去杭州西湖", "label": {"address": {"杭州": [[1, 2]]}, "scene": {"西湖": [[3, 4]]}}},
            {"text": "市政府和足协", "label": {"government": {"市政府": [[0, 2]]}, "organization": {"足协": [[4, 5]]}}}]
    p = tmp_path / "c.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    exs = read_corpus(p)
    assert exs[0] == Example("浙江某某银行的李四说", [(0, 6, "ORG"), (7, 9, "PER")])
    assert exs[1].spans == [(1, 3, "LOC")]                         # scene is not scored
    assert exs[2].spans == [(0, 3, "ORG"), (4, 6, "ORG")]
    assert all(ex.text[s:e] for ex in exs for s, e, _ in ex.spans)


def test_cluener_bad_offset_names_file_and_line(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"text": "abc", "label": {}}\n{"text": "张三", "label": {"name": {"张三": [[0, 0]]}}}\n',
                 encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad.jsonl:2: .*张三"):
        read_cluener(p)


def test_bio_bad_line_names_file_and_line(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_text("张\tB-PER\n三四\tI-PER\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad.txt:2: expected"):
        read_bio(p)


def test_read_corpus_missing_file(tmp_path):
    with pytest.raises(CorpusError, match="nope.txt: cannot read"):
        read_corpus(tmp_path / "nope.txt")


def test_score_requires_aligned_inputs():
    with pytest.raises(ValueError, match="1 gold texts but 2 predicted"):
        score([[]], [[], []])
