"""The document date found on whole pages: every article of the genre corpus (tests/genre/) and
of the shared real pages (../shared/data/real_zh/, skipped without the kit) has its gold DCT and
the evidence it was read from holds where it says. The held-out corpus is measured by
``scripts/eval_genre.py`` only, never tested on."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline import documents

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "data" / "real_zh"


def _pairs() -> list[tuple[Path, Path]]:
    pairs = [(p, p.with_suffix(".gold.json")) for p in sorted((ROOT / "tests" / "genre").glob("*.txt"))]
    if (REAL / "articles").is_dir():
        pairs += [(p, REAL / "gold" / f"{p.stem}.gold.json") for p in sorted((REAL / "articles").glob("*.txt"))]
    return pairs


PAIRS = _pairs()


@pytest.mark.parametrize("article,gold", PAIRS, ids=[f"{p.parent.parent.name}/{p.name}" for p, _ in PAIRS])
def test_the_page_date_is_the_gold_dct(article, gold):
    want = json.loads(gold.read_text(encoding="utf-8"))["document"]["dct"]
    (doc,) = documents.load_documents([str(article)])
    assert doc.dct == want
    if want is None:
        assert doc.dct_source is None
        return
    source = doc.dct_source
    assert source["evidence"] in documents.EVIDENCE_RANKS
    assert source["value"].startswith(want)
    if source["start"] is not None:
        assert doc.text[source["start"]:source["end"]] == source["text"]


def test_real_pages_are_in_the_set():
    if not (REAL / "articles").is_dir():
        pytest.skip(f"real pages not found at {REAL}")
    assert sum(1 for p, _ in PAIRS if p.is_relative_to(REAL)) == 10
