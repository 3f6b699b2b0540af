#!/usr/bin/env python3
"""Write a folder of N Chinese articles (default 50) for the README's folder screenshot.

Usage::  python scripts/demo_folder.py OUTDIR [N]

The articles are the real ones (``../shared/data/real_zh/articles``), the genre corpora
(``tests/genre``, ``tests/genre_holdout``) and the seed; past those, copies of them with every year
(``2017``, ``2017年``) moved forward by one, two … years, as issue 16 makes its corpora. Then::

    timeline build OUTDIR -o /tmp/folder-page
    python scripts/screenshot.py /tmp/folder-page/timeline.html --out docs/screenshot-folder.png
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT.parent / "shared" / "data" / "real_zh" / "articles", ROOT / "tests" / "genre",
           ROOT / "tests" / "genre_holdout", ROOT / "seeds"]


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    n = int(argv[1]) if len(argv) > 1 else 50
    files = sorted(p for d in SOURCES if d.is_dir() for p in d.glob("*.txt"))
    out.mkdir(parents=True, exist_ok=True)
    written, shift = 0, 0
    while written < n and files:
        for p in files:
            if written >= n:
                break
            text = p.read_text(encoding="utf-8")
            if shift:
                years = shift
                text = re.sub(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)", lambda m, y=years: str(int(m.group()) + y), text)
            name = f"{written:02d}_{p.stem}{'_plus' + str(shift) if shift else ''}.txt"
            (out / name).write_text(text, encoding="utf-8")
            written += 1
        shift += 1
    print(f"{written} articles in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
