"""The printed report of a benchmark script: one JSON object (``--json``), else ``key: value`` lines."""
from __future__ import annotations

import json
from typing import Any


def report(out: dict[str, Any], as_json: bool) -> int:
    """Print ``out`` and return the exit code 0."""
    if as_json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        for k, v in out.items():
            print(f"{k}: {v}")
    return 0
