#!/usr/bin/env python3
"""Write ``timeline extract --format json`` of every development text into one folder.

Usage: python scripts/snapshot_outputs.py OUTDIR

Reads the seed, ``tests/genre/``, ``tests/genre_holdout/`` and ``../shared/data/real_zh/articles/``
(when present) and writes one ``<set>__<name>.json`` a document, paths relative to the repository, so
that two checkouts can be compared byte for byte (``diff -r BEFORE AFTER``) around a refactoring.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _inputs() -> list[tuple[str, Path]]:
    sets = [("seed", ROOT / "seeds"), ("genre", ROOT / "tests" / "genre"),
            ("holdout", ROOT / "tests" / "genre_holdout"),
            ("real_zh", ROOT.parent / "shared" / "data" / "real_zh" / "articles")]
    return [(name, p) for name, folder in sets if folder.is_dir() for p in sorted(folder.glob("*.txt"))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir", metavar="OUTDIR", help="folder to write the JSON files into (created if missing)")
    out = Path(ap.parse_args(argv).outdir)
    out.mkdir(parents=True, exist_ok=True)
    from timeline.pipeline import extract_files

    for name, path in _inputs():
        rel = path.relative_to(ROOT.parent) if not path.is_relative_to(ROOT) else path.relative_to(ROOT)
        result = extract_files([str(path)]).to_dict()
        for d in result.get("documents", []):
            d["path"] = str(rel)
        (out / f"{name}__{path.stem}.json").write_text(
            json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
