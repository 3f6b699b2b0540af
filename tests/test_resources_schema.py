"""The table reader (``timeline.resources.schema``): one message form, ``<file>: <key path>: <reason>``."""
from __future__ import annotations

import re

import pytest

from timeline import resources
from timeline.resources import schema as s

RULES = s.Map({
    "rules": s.List(s.Map({
        "id": s.Str(), "pattern": s.Regex(groups=("year",)), "priority": s.Int(min=0),
        "examples": s.Words(), "case_sensitive": s.Bool(),
    }, required=("id", "pattern")), label="id"),
    "signals": s.Dict(s.Str(choices=("BEFORE", "AFTER"))),
    "breaks": s.Words(chars=True),
}, required=("rules",))


def _fail(data) -> str:
    with pytest.raises(s.TableError) as info:
        s.check(data, RULES, "/somewhere/rules_dates.yaml")
    assert isinstance(info.value, resources.ResourceError)
    return str(info.value)


def test_a_good_table_is_returned_with_its_regexes_compiled():
    table = s.check({"rules": [{"id": "y", "pattern": "(?P<year>[0-9]{4})年", "priority": 3}],
                     "signals": {"截至": "BEFORE"}, "breaks": ["。"]}, RULES, "/somewhere/rules_dates.yaml")
    rule = table["rules"][0]
    assert isinstance(rule["pattern"], re.Pattern) and rule["pattern"].fullmatch("2017年")
    assert table.get("signals") == {"截至": "BEFORE"} and table.file == "/somewhere/rules_dates.yaml"


@pytest.mark.parametrize("data, message", [
    ({}, "rules: missing"),
    ({"rules": [{"id": "y"}]}, "rules[0].pattern: missing (id 'y')"),
    ({"rules": [{"id": "y", "pattern": "(?P<year>[0-9]{4}"}]}, "rules[0].pattern: regex does not compile"),
    ({"rules": [{"id": "y", "pattern": "([0-9]{4})"}]}, "rules[0].pattern: regex lacks the named group (?P<year>...)"),
    ({"rules": [{"id": "y", "pattern": "(?P<year>1)", "priority": True}]}, "rules[0].priority: expected an integer"),
    ({"rules": [{"id": "y", "pattern": "(?P<year>1)", "priority": -1}]},
     "rules[0].priority: expected an integer from 0"),
    ({"rules": [{"id": "y", "pattern": "(?P<year>1)", "vaule": 1}]}, "rules[0]: unknown keys ['vaule']"),
    ({"rules": [{"id": "y", "pattern": "(?P<year>1)", "examples": ["ok", ""]}]}, "rules[0].examples[1]: expected"),
    ({"rules": [], "signals": {"截至": "LATE"}}, "signals.截至: expected one of BEFORE, AFTER, got 'LATE'"),
    ({"rules": [], "breaks": ["。", "——"]}, "breaks[1]: expected a list of single characters"),
    ({"rules": "none"}, "rules: expected a list"),
    ([], "top level: expected a mapping"),
    ({"rules": [], "extra": 1}, "top level: unknown keys ['extra']"),
])
def test_an_error_names_the_file_and_the_key_path(data, message):
    got = _fail(data)
    assert got.startswith("/somewhere/rules_dates.yaml: ") and message in got, got


def test_a_field_left_empty_counts_as_absent_but_a_required_one_does_not():
    assert "priority" not in s.check({"rules": [{"id": "y", "pattern": "(?P<year>1)", "priority": None}]},
                                     RULES, "f.yaml")["rules"][0]
    assert "rules: expected a list" in _fail({"rules": None})


def test_a_file_inside_the_package_is_named_from_the_package_folder():
    assert s.display(resources.path("zh", "temporal", "rules_dates.yaml")) == \
        "timeline/resources/zh/temporal/rules_dates.yaml"


def test_read_names_the_resource_file_and_falls_back_to_a_default(monkeypatch):
    table = s.read("zh", "temporal", "no_such_table.yaml", schema=s.Map({"x": s.Int()}), default={"x": 1})
    assert table["x"] == 1
    with pytest.raises(resources.ResourceError, match="no_such_table.yaml: resource file not found"):
        s.read("zh", "temporal", "no_such_table.yaml", schema=s.Map({"x": s.Int()}))


def test_every_table_of_every_language_loads():
    """The loaders that read through the schema, on the shipped tables."""
    from timeline.documents import tables as documents_tables
    from timeline.entities.rules import load_rules as entity_rules
    from timeline.entities.words import has_word_rules, load_word_rules
    from timeline.temporal.rules import load_rules as temporal_rules

    for lang in resources.languages():
        if resources.path(lang, "temporal").is_dir():
            assert temporal_rules(lang).rules
        if resources.path(lang, "documents.yaml").is_file():
            assert documents_tables._rules(lang).lang == lang
        if has_word_rules(lang):
            assert load_word_rules(lang).org_heads
        else:
            assert entity_rules(lang) is not None
