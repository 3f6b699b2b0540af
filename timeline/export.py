"""Write results to disk: events JSON, graph files (GraphML, GEXF, node-link JSON), tables.

Every file is written to a temporary file in the target folder and renamed over the target
(``os.replace``), so a crash never leaves a half-written output and an existing file is only
replaced by a complete one.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path: str | os.PathLike, data: str | bytes) -> Path:
    """Write ``data`` (str as UTF-8, whatever the platform default) to ``path`` atomically.

    Creates missing parent folders. Returns the path. Raises ``OSError`` on failure, leaving
    any previous file at ``path`` untouched.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return target
