"""The on-disk cache of derived table facts (``timeline.resources.cache``) and its use by the
temporal loader: a second load reads the facts and compiles patterns on first use; a missing,
corrupt or read-only cache folder changes nothing but the time; a pattern edited in the tables is
derived and compiled afresh (its error still raised at load time)."""
from __future__ import annotations

import json
import os

import pytest

from timeline.resources import cache
from timeline.temporal import rules as trules


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    trules.load_rules.cache_clear()
    yield tmp_path / "cache"
    trules.load_rules.cache_clear()


def _files(folder):
    return sorted(p.name for p in folder.glob("temporal-zh-*.json")) if folder.exists() else []


def _compiled(rs):
    return [r for r in rs.rules if not isinstance(r.pattern, trules.LazyPattern)]


def test_a_second_load_reads_the_facts_and_compiles_on_first_use(folder):
    first = trules.load_rules("zh")
    assert len(_files(folder)) == 1
    assert len(_compiled(first)) == len(first.rules)   # derived: every pattern compiled (checked)
    trules.load_rules.cache_clear()
    second = trules.load_rules("zh")
    assert _compiled(second) == []
    assert [(r.id, r.needs, r.crosses_clauses) for r in second.rules] == \
        [(r.id, r.needs, r.crosses_clauses) for r in first.rules]
    assert second.needed_chars == first.needed_chars
    lazy = second.rules[0].pattern
    assert lazy.groupindex == first.rules[0].pattern.groupindex   # compiled when first read
    text = "2017年8月28日"
    assert [m.span() for r in second.rules for m in r.pattern.finditer(text)] == \
        [m.span() for r in first.rules for m in r.pattern.finditer(text)]


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, "off")
    assert cache.folder() is None
    assert cache.load("x", "k") == {}
    cache.save("x", "k", {"a": 1})     # nothing to do, no error


def test_a_corrupt_cache_file_is_derived_again(folder):
    trules.load_rules("zh")
    (path,) = folder.glob("temporal-zh-*.json")
    path.write_text("{not json", encoding="utf-8")
    trules.load_rules.cache_clear()
    rs = trules.load_rules("zh")
    assert len(_compiled(rs)) == len(rs.rules)
    assert json.loads(path.read_text(encoding="utf-8"))     # rewritten whole


def test_wrong_shaped_entries_are_derived_again(folder):
    trules.load_rules("zh")
    (path,) = folder.glob("temporal-zh-*.json")
    path.write_text(json.dumps({k: 1 for k in json.loads(path.read_text(encoding="utf-8"))}), encoding="utf-8")
    trules.load_rules.cache_clear()
    rs = trules.load_rules("zh")
    assert len(_compiled(rs)) == len(rs.rules)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a POSIX user without root's rights")
def test_a_read_only_cache_folder_changes_nothing_but_the_time(folder):
    folder.mkdir(parents=True)
    folder.chmod(0o500)
    try:
        rs = trules.load_rules("zh")
        assert rs.rules and _files(folder) == []
    finally:
        folder.chmod(0o700)


def test_an_unwritable_cache_location_changes_nothing_but_the_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a_file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(cache.ENV, str(blocker / "cache"))     # a folder under a file: never writable
    trules.load_rules.cache_clear()
    try:
        rs = trules.load_rules("zh")
        assert rs.rules
        assert not (blocker / "cache").exists()
    finally:
        trules.load_rules.cache_clear()


def test_an_edited_pattern_is_derived_and_its_error_raised_at_load(folder, monkeypatch):
    trules.load_rules("zh")                      # the cache holds every pattern of the tables
    trules.load_rules.cache_clear()
    from timeline import resources

    real = resources.load_yaml

    def edited(lang, *parts):
        data = real(lang, *parts)
        if parts[-1] == "rules_dates.yaml":
            data = {**data, "rules": [dict(data["rules"][0], pattern="(?P<year>[0-9]{4}")] + data["rules"][1:]}
        return data

    monkeypatch.setattr(resources, "load_yaml", edited)
    with pytest.raises(trules.RuleError, match=r"rules_dates\.yaml: rules\[0\]\.pattern: pattern does not compile"):
        trules.load_rules("zh")


def test_the_key_follows_the_version_and_the_code():
    assert cache.file_for("t", "a") != cache.file_for("t", "b")
    assert cache.code_hash(trules.__file__) != cache.code_hash(cache.__file__)
