#!/usr/bin/env python3
"""Score the English temporal tagger on TempEval-3 TimeML files (TBAQ-cleaned by default).

Usage: python scripts/eval_tempeval.py [FOLDER] [--limit N] [--errors]
(default: ../shared/data/tempeval3_en/TBAQ-cleaned, the TempEval-3 training/development data)

For each ``.tml`` file the text of ``<TEXT>`` is rebuilt without tags, the gold TIMEX3 spans
recorded, and ``tag(text, dct=<DCT value>, lang="en")`` run. Printed like the TempEval-3 scorer:
strict (exact span) and relaxed (overlap) precision/recall/F1, and value and type accuracy over
the relaxed matches (a value passes when it equals the gold value, case-insensitively).
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from eval_recognizers import temporal  # noqa: E402

DEFAULT = ROOT.parent / "shared/data/tempeval3_en/TBAQ-cleaned"
_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path):
    """(text, dct, gold) with gold = [(start, end, type, value)] over the tag-free TEXT."""
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"([^\"]+)\"", raw)
    dct = dct_m.group(1)[:10] if dct_m else None
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S).group(1)
    out, gold, open_tx = [], [], None
    pos = 0
    n = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        out.append(chunk)
        n += len(chunk)
        pos = m.end()
        closing, name, attrs = m.groups()
        if name == "TIMEX3":
            if not closing:
                a = dict(_ATTR.findall(attrs))
                open_tx = (n, a.get("type"), a.get("value"))
            elif open_tx:
                gold.append((open_tx[0], n, open_tx[1], open_tx[2]))
                open_tx = None
    out.append(html.unescape(body[pos:]))
    return "".join(out), dct, gold


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else None
    if limit is not None:
        args = [a for a in args if a != str(limit)]
    folder = Path(args[0]) if args else DEFAULT
    files = sorted(folder.rglob("*.tml"))[:limit]
    n_gold = n_sys = strict = rel_sys = rel_gold = value_ok = type_ok = 0
    errors = []
    for f in files:
        text, dct, gold = read_tml(f)
        sys_tx = temporal.tag(text, dct=dct, lang="en", doc_id=f.stem)
        n_gold += len(gold)
        n_sys += len(sys_tx)
        spans = [(t.start, t.end) for t in sys_tx]
        rel_sys += sum(1 for s, e in spans if any(s < ge and gs < e for gs, ge, *_ in gold))
        for gs, ge, gtype, gval in gold:
            hits = [t for t in sys_tx if t.start < ge and gs < t.end]
            if not hits:
                errors.append(f"{f.stem}: missed {text[gs:ge]!r} ({gval})")
                continue
            rel_gold += 1
            t = hits[0]
            strict += (t.start, t.end) == (gs, ge)
            value_ok += (t.value or "").upper() == (gval or "").upper()
            type_ok += t.type == gtype
            if (t.value or "").upper() != (gval or "").upper():
                errors.append(f"{f.stem}: {text[gs:ge]!r} gold {gval}, ours {t.text!r}={t.value}")
    f1 = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0  # noqa: E731
    sp, sr = strict / max(n_sys, 1), strict / max(n_gold, 1)
    rp, rr = rel_sys / max(n_sys, 1), rel_gold / max(n_gold, 1)
    if "--errors" in argv:
        print("\n".join(errors))
    print(f"TempEval-3 {folder.name}: {len(files)} files, {n_gold} gold TIMEX3, {n_sys} found")
    print(f"strict   P {sp:.3f} R {sr:.3f} F1 {f1(sp, sr):.3f}")
    print(f"relaxed  P {rp:.3f} R {rr:.3f} F1 {f1(rp, rr):.3f}")
    print(f"value accuracy {value_ok / max(rel_gold, 1):.3f}, type accuracy {type_ok / max(rel_gold, 1):.3f} "
          f"(over {rel_gold} relaxed matches); value F1 {f1(value_ok / max(n_sys, 1), value_ok / max(n_gold, 1)):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
