"""Shared fixtures: the seed article, its gold annotation and the evaluation kit in ../shared."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_b0a8ce1bfdd55632.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_extraction(seed_text):
    import timeline

    return timeline.extract(seed_text, doc_id="d1")


@pytest.fixture(scope="session")
def scorer():
    """``shared/eval/score.py`` as a module, or skip when the evaluation kit is not beside the repo."""
    path = SHARED / "eval" / "score.py"
    if not path.exists():
        pytest.skip(f"evaluation kit not found at {path}")
    spec = importlib.util.spec_from_file_location("timeline_eval_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def seed_gold():
    import json

    path = SHARED / "eval" / "seed.gold.json"
    if not path.exists():
        pytest.skip(f"gold annotation not found at {path}")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session", autouse=True)
def _table_cache(tmp_path_factory):
    """The run's table cache (``timeline.resources.cache``) in a temporary folder, inherited by the
    commands the tests spawn: the suite never writes to the user's cache folder."""
    import os

    from timeline.resources.cache import ENV

    old = os.environ.get(ENV)
    os.environ[ENV] = str(tmp_path_factory.mktemp("table-cache"))
    yield
    if old is None:
        os.environ.pop(ENV, None)
    else:
        os.environ[ENV] = old
