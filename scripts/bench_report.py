"""What the seed benchmarks share: their options (the text, copies a round, rounds, DCT, ``--json``)
and their printed report (one JSON object, else ``key: value`` lines)."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_b0a8ce1bfdd55632.txt"


def parser(description: str, repeat: int, rounds: int | None = None) -> argparse.ArgumentParser:
    """The options: ``file`` (default the seed), ``--repeat`` (default ``repeat``), ``--rounds``
    (when ``rounds`` is given), ``--dct``, ``--json``; a script adds its own."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("file", nargs="?", default=str(SEED))
    ap.add_argument("--repeat", type=int, default=repeat, help="copies of the text timed a round")
    if rounds is not None:
        ap.add_argument("--rounds", type=int, default=rounds)
    ap.add_argument("--dct", default="2017-08-28")
    ap.add_argument("--json", action="store_true")
    return ap


def report(out: dict[str, Any], as_json: bool) -> int:
    """Print ``out`` and return the exit code 0."""
    if as_json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        for k, v in out.items():
            print(f"{k}: {v}")
    return 0
