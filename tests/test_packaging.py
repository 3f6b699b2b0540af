"""One version string and a true Python floor."""
from __future__ import annotations

import re
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import timeline

ROOT = Path(__file__).resolve().parents[1]


def test_one_version_string():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in meta["project"]["dynamic"]
    assert meta["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "timeline._version.__version__"}
    assert version("timeline") == timeline.__version__
    assert timeline.extract("2014年").to_dict()["generator"]["version"] == timeline.__version__


def test_the_python_floor_is_stated_alike_and_true():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    floor = re.fullmatch(r">=\s*3\.(\d+)", meta["project"]["requires-python"])
    assert floor and sys.version_info >= (3, int(floor[1]))
    assert f"Python ≥ 3.{floor[1]}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_changelog_has_an_unreleased_section():
    assert "## [Unreleased]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
