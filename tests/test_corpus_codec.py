"""The store's payload (``timeline.corpus.codec``): read back, an extraction equals what the JSON
round trip the store used before gave (so the outputs do not change), its document renamed in
every field that names it; a row of another layout or a damaged one is extracted again."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from timeline import pipeline
from timeline.corpus import codec
from timeline.documents import UNREAD_ID
from timeline.model import Document, Entity, Event, Extraction, Mention, Participant, Timex

ROOT = Path(__file__).resolve().parent.parent
GENRE = sorted((ROOT / "tests" / "genre").glob("*.txt"))[:6] + sorted((ROOT / "tests" / "genre_en").glob("*.txt"))[:2]


def _by_json(result: Extraction, doc_id: str) -> dict:
    """What the store gave back before (FORMAT 1): JSON text, the unread id replaced."""
    data = {"extraction": result.to_dict(), "warnings": list(result.documents[0].warnings)}
    text = json.dumps(data, ensure_ascii=False).replace(json.dumps(UNREAD_ID), json.dumps(doc_id))
    back = json.loads(text)
    return {"extraction": Extraction.from_dict(back["extraction"]).to_dict(), "warnings": back["warnings"]}


def _by_codec(result: Extraction, doc_id: str) -> dict:
    back = codec.decode(codec.encode(result), doc_id)
    return {"extraction": back.to_dict(), "warnings": back.documents[0].warnings}


@pytest.mark.parametrize("path", GENRE, ids=lambda p: p.name)
def test_an_extraction_reads_back_as_the_json_store_gave_it(path):
    doc = Document(id=UNREAD_ID, text=path.read_text(encoding="utf-8"), language="en" if "_en" in str(path) else "zh",
                   warnings=["a note"])
    result = pipeline.extract_document(doc)
    assert result.events and result.entities
    assert _by_codec(result, "d17") == _by_json(result, "d17")


def _odd() -> Extraction:
    """Free-form fields JSON changes (tuples, keys that are no strings), control characters,
    lone surrogates and the unread id inside a free-form value."""
    text = "甲\x00乙\ud800丙\x0b丁\u2028戊 & <b>"
    u = UNREAD_ID
    return Extraction(
        documents=[Document(id=u, text=text, dct="2020-01-02",
                            dct_source={"evidence": "line", "rank": 1, "value": "2020-01-02", "start": None},
                            title="t\ud800", warnings=["w\x00"])],
        timexes=[Timex("t1", u, text[:2], 0, 2, "DATE", "2020", rule="zh:x:y")],
        entities=[Entity("o1", "ORG", "甲乙", aliases=["甲"],
                         mentions=[Mention(u, 0, 2, text[:2]), Mention("d9", 1, 2, "乙")],
                         attributes={"titles": ("a", "b"), 3: {"k": (1, 2.5)}, "see": u, True: None})],
        events=[Event("e1", u, "t1", {"value": "2020", "start": "2020-01-01", "end": "2021-01-01"}, "开", "开会",
                      0, 4, participants=[Participant("o1", "agent")], trigger_span=(1, 2),
                      amounts=[{"text": "3亿元", "value": 3e8, "span": (0, 2)}],
                      mentions=[{"doc": u, "start": 5, "end": 6}], sources=[{"start": 0, "end": 4, "timex": "t1"}],
                      confidence=0.5, first_reported={"doc": u, "dct": None})],
    )


def test_odd_values_read_back_as_json_gave_them():
    result = _odd()
    assert _by_codec(result, "d2") == _by_json(result, "d2")
    back = codec.decode(codec.encode(result), "d2")
    assert back.entities[0].attributes["see"] == "d2"
    assert [m.doc for m in back.entities[0].mentions] == ["d2", "d9"]
    assert back.events[0].trigger_span == (1, 2)
    assert back.documents[0].text == result.documents[0].text      # surrogates and controls kept


def test_no_read_back_shares_a_list_with_another():
    result = _odd()
    result.entities.append(Entity("o2", "ORG", "丙", aliases=result.entities[0].aliases))
    back = codec.decode(codec.encode(result), "d1")
    back.entities[0].aliases.append("x")
    assert back.entities[1].aliases == ["甲"]


def test_a_value_json_cannot_hold_is_refused():
    result = _odd()
    result.entities[0].attributes["when"] = object()
    with pytest.raises(TypeError):
        codec.encode(result)


@pytest.mark.parametrize("payload", [b"", b"x\x9c" + b"\0" * 20, codec.MAGIC + b"not zlib", codec.MAGIC[:3] + b"\x01"])
def test_a_payload_of_another_layout_or_damaged_is_refused(payload):
    with pytest.raises(ValueError):
        codec.decode(payload, "d1")


def _rows(store: Path) -> dict[bytes, bytes]:
    with sqlite3.connect(store) as db:
        return {bytes(k): bytes(p) for k, p in db.execute("SELECT key, payload FROM extractions")}


@pytest.mark.parametrize("row", ["old", "damaged"])
def test_a_stored_row_of_an_older_layout_or_damaged_is_extracted_again(tmp_path, row):
    src = tmp_path / "in"
    src.mkdir()
    for n in range(2):
        text = f"发布日期：2019-03-0{n + 1}\n3月{n + 1}日，西川县商会召开会员大会。\n"
        (src / f"a{n}.txt").write_text(text, encoding="utf-8")
    store = tmp_path / "timeline.db"
    first = pipeline.extract_files([str(src)], store=store)
    rows = _rows(store)
    with sqlite3.connect(store) as db:
        for key, payload in rows.items():
            old = (json.dumps({"extraction": {}, "warnings": []}).encode() if row == "old"
                   else codec.MAGIC + payload[len(codec.MAGIC):-8])
            db.execute("UPDATE extractions SET payload = ? WHERE key = ?", (old, key))
    stats = pipeline.RunStats()
    again = pipeline.extract_files([str(src)], store=store, stats=stats)
    assert (stats.reused, stats.extracted) == (0, 2)
    assert again.to_dict() == first.to_dict()
    assert _rows(store) == rows              # the rows were written again
