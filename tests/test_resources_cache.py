"""The on-disk cache of derived table facts (``timeline.resources.cache``) and its use by the
temporal loader: a second load reads the facts and compiles patterns on first use; a missing,
corrupt or read-only cache folder changes nothing but the time; a pattern edited in the tables is
derived and compiled afresh (its error still raised at load time)."""
from __future__ import annotations

import json
import os
import re

import pytest
import regex

from timeline import resources
from timeline.resources import cache, compiled
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


# --- compiled patterns and parsed tables (timeline.resources.compiled, resources.load_yaml) -------




_RE_PATTERNS = [(r"(?P<year>\d{4})年(?P<month>\d{1,2})月", 0), (r"abc|a(b)c", re.IGNORECASE),
                (r"(?:x)(?P<n>y)?\s+$", re.MULTILINE), ("[^\u4e00-\u9fff]+", 0), (r"(?<![第])\d+", 0)]
_REGEX_PATTERNS = [(r"(?<![第编])(?P<day>\d{1,2})日", regex.V0), (r"(?>a+)b|(?P<q>c)", regex.V0 | regex.IGNORECASE),
                   (r"\p{Han}{2,4}(?=公司)", regex.V1)]
_TEXT = "第12日，2023年5月12日，ABC 公司与某某公司 aabxy \n"


def _fresh(monkeypatch, where):
    """The pattern and table caches read afresh from ``where`` (as a new run would)."""
    monkeypatch.setenv(cache.ENV, str(where))
    for entries in cache._OPEN:
        monkeypatch.setattr(entries, "_data", None)
        monkeypatch.setattr(entries, "_used", set())
        monkeypatch.setattr(entries, "_added", False)


def _same_re(a, b):
    return (a.pattern, a.flags, a.groups, a.groupindex, [m.span() for m in a.finditer(_TEXT)]) == \
        (b.pattern, b.flags, b.groups, b.groupindex, [m.span() for m in b.finditer(_TEXT)])


def test_a_pattern_read_from_the_cache_is_the_pattern_compiled(tmp_path, monkeypatch):
    _fresh(monkeypatch, tmp_path)
    first = [compiled.re_compile(p, f) for p, f in _RE_PATTERNS]
    first_x = [compiled.regex_compile(p, f) for p, f in _REGEX_PATTERNS]
    cache.flush_all()
    assert sorted(p.name.split("-")[1] for p in tmp_path.glob("patterns-*.json")) == ["re", "regex"]
    _fresh(monkeypatch, tmp_path)
    again = [compiled.re_compile(p, f) for p, f in _RE_PATTERNS]
    again_x = [compiled.regex_compile(p, f) for p, f in _REGEX_PATTERNS]
    assert not any(e._added for e in cache._OPEN)            # every pattern came from the file
    for (p, f), a, b in zip(_RE_PATTERNS, first, again, strict=True):
        assert _same_re(a, b) and _same_re(b, re.compile(p, f))
    for (p, f), a, b in zip(_REGEX_PATTERNS, first_x, again_x, strict=True):
        assert a._pickled_data == b._pickled_data == regex.compile(p, f)._pickled_data
        assert [m.span() for m in b.finditer(_TEXT)] == [m.span() for m in regex.compile(p, f).finditer(_TEXT)]


def test_a_damaged_pattern_entry_is_compiled_afresh(tmp_path, monkeypatch):
    _fresh(monkeypatch, tmp_path)
    compiled.re_compile(*_RE_PATTERNS[0])
    compiled.regex_compile(*_REGEX_PATTERNS[0])
    cache.flush_all()
    for path in tmp_path.glob("patterns-*.json"):
        path.write_text(json.dumps({k: ["junk"] for k in json.loads(path.read_text(encoding="utf-8"))}),
                        encoding="utf-8")
    _fresh(monkeypatch, tmp_path)
    assert _same_re(compiled.re_compile(*_RE_PATTERNS[0]), re.compile(*_RE_PATTERNS[0]))
    assert compiled.regex_compile(*_REGEX_PATTERNS[0])._pickled_data == regex.compile(*_REGEX_PATTERNS[0])._pickled_data
    with pytest.raises(re.error):
        compiled.re_compile("(?P<open")
    with pytest.raises(regex.error):
        compiled.regex_compile("(?P<open")


def test_a_table_is_parsed_once_and_an_edited_table_again(tmp_path, monkeypatch):
    _fresh(monkeypatch, tmp_path)
    resources.load_yaml.cache_clear()
    first = resources.load_yaml("zh", "text.yaml")
    cache.flush_all()
    first["junk"] = 1                                        # a caller changing its copy changes no entry
    _fresh(monkeypatch, tmp_path)
    resources.load_yaml.cache_clear()
    import yaml
    monkeypatch.setattr(yaml, "load", lambda *a, **k: pytest.fail("parsed again"))
    second = resources.load_yaml("zh", "text.yaml")
    assert "junk" not in second and second == {k: v for k, v in first.items() if k != "junk"}
    monkeypatch.undo()
    # the file edited: its hash differs, it is parsed again
    lang_dir = tmp_path / "res" / "zz"
    lang_dir.mkdir(parents=True)
    (lang_dir / "t.yaml").write_text("a: 1\n", encoding="utf-8")
    monkeypatch.setattr(resources, "ROOT", tmp_path / "res")
    _fresh(monkeypatch, tmp_path)
    resources.load_yaml.cache_clear()
    assert resources.load_yaml("zz", "t.yaml") == {"a": 1}
    cache.flush_all()
    (lang_dir / "t.yaml").write_text("a: 2\n", encoding="utf-8")
    _fresh(monkeypatch, tmp_path)
    resources.load_yaml.cache_clear()
    assert resources.load_yaml("zz", "t.yaml") == {"a": 2}
    resources.load_yaml.cache_clear()


def test_a_cache_file_keeps_only_what_a_run_used(tmp_path, monkeypatch):
    _fresh(monkeypatch, tmp_path)
    compiled.re_compile("(?P<a>甲)乙")
    compiled.re_compile("(?P<b>丙)丁")
    cache.flush_all()
    _fresh(monkeypatch, tmp_path)                      # a later run uses one of them and a new one
    compiled.re_compile("(?P<a>甲)乙")
    compiled.re_compile("戊")
    cache.flush_all()
    (path,) = tmp_path.glob("patterns-re-*.json")
    assert sorted(k.split("\x1f", 1)[1] for k in json.loads(path.read_text(encoding="utf-8"))) == \
        ["(?P<a>甲)乙", "戊"]


def test_a_word_list_makes_the_same_pattern_in_every_run():
    """A set's order changes with the hash seed: the alternation sorts by length, then by code point,
    so that the pattern cache finds it again (it grew by a pattern a run before)."""
    import subprocess
    import sys
    code = ("from timeline.text.words import alternation; "
            "print(alternation(set(['超过', '将近', '大约', '约', '近', '逾'])))")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2, 3, 4)}
    assert runs == {"大约|将近|超过|约|近|逾\n"}


def test_a_new_file_deletes_the_files_of_its_name_unused_for_stale_days(folder):
    """An older version's file (same name, unused for STALE_DAYS) goes when a new one is
    written; a recently used one and the files of other names stay."""
    cache.save("facts", "v1", {"a": 1})
    cache.save("facts", "v2", {"a": 2})
    cache.save("other", "v1", {"a": 3})
    old_facts, recent_facts = cache.file_for("facts", "v1"), cache.file_for("facts", "v2")
    other = cache.file_for("other", "v1")
    long_ago = 1_000_000_000
    for p in (old_facts, other):
        os.utime(p, (long_ago, long_ago))
    cache.save("facts", "v3", {"a": 4})
    assert not old_facts.exists()
    assert recent_facts.exists() and other.exists()
    assert cache.load("facts", "v3") == {"a": 4}


def test_reading_a_file_marks_it_used(folder):
    cache.save("facts", "v1", {"a": 1})
    p = cache.file_for("facts", "v1")
    os.utime(p, (1_000_000_000, 1_000_000_000))
    assert cache.load("facts", "v1") == {"a": 1}
    cache.save("facts", "v2", {"a": 2})
    assert p.exists()
