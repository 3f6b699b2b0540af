"""Spec tables for the temporal tagger: every case of ``tests/specs/temporal/<lang>/*.yaml``
(format in ``tests/specs/temporal/zh/README.md``) tagged and compared span by span."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from timeline.documents import matching_text
from timeline.temporal import tag

SPECS = Path(__file__).resolve().parent / "specs" / "temporal"


def _cases():
    for f in sorted(SPECS.glob("*/*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        lang = f.parent.name
        for i, case in enumerate(data["cases"]):
            dct = case["dct"] if "dct" in case else data.get("dct")
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
            yield pytest.param(lang, None if dct is None else str(dct), case, marks=marks,
                               id=f"{lang}/{f.stem}#{i}:{case['text'][:24]}")


@pytest.mark.parametrize("lang,dct,case", list(_cases()))
def test_spec_case(lang, dct, case):
    for module in case.get("requires", []):
        pytest.importorskip(module)
    text, script = case["text"], case.get("script")
    # a case in a script (Hant) is matched through its same-length copy, as the pipeline does
    match = matching_text(SimpleNamespace(text=text, script=script, language=lang)) if script else text
    got = tag(match, dct=dct, lang=lang, doc_id="d1", script=script)
    for t in got:
        assert match[t.start:t.end] == t.text, f"span {t.start}:{t.end} does not point at {t.text!r}"
        t.text = text[t.start:t.end]
    summary = [(t.text, t.type, t.value, t.mod, t.rule) for t in got]
    for bad in case.get("not", []):
        s = text.index(bad)
        e = s + len(bad)
        assert not [t for t in got if t.start < e and s < t.end], f"{bad!r} tagged: {summary}"
    if case.get("none"):
        assert got == [], f"expected no time expression, got {summary}"
        return
    expect = case.get("expect", [])
    assert [t.text for t in got] == [str(e["text"]) for e in expect], summary
    for t, e in zip(got, expect, strict=True):
        assert t.type == e["type"], (t.text, t.type, e["type"])
        assert t.value == str(e["value"]), (t.text, t.value, str(e["value"]), t.rule)
        if "mod" in e:
            assert t.mod == e["mod"], (t.text, t.mod, e["mod"])
        if "anchor" in e:
            assert t.anchor == e["anchor"], (t.text, t.anchor, e["anchor"])
        for k in ("begin", "finish"):
            if k in e:
                assert getattr(t, k) == str(e[k]), (t.text, k, getattr(t, k), e[k])
    assert [t.id for t in got] == [f"t{i}" for i in range(1, len(got) + 1)]
