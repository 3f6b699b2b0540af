"""Every temporal rule's ``examples`` run against that rule (``timeline/resources/<lang>/temporal``).

An example is a text the rule is written for, with the context its lookarounds need (``七一前夕``
for ``七一``). The rule's own pattern must find a match in it whose groups normalise and whose
value template renders; a negative rule's pattern must find a match. Which rule finally wins a
span is the engine's choice and is tested by the spec tables (``tests/specs/temporal``).
"""
from __future__ import annotations

import pytest

from timeline import resources
from timeline.temporal.engine import _render
from timeline.temporal.rules import load_rules

LANGS = [lang for lang in resources.languages() if resources.path(lang, "temporal").is_dir()]
CASES = [pytest.param(lang, rule.id, example, id=f"{rule.id}[{i}]")
         for lang in LANGS for rule in load_rules(lang).rules for i, example in enumerate(rule.examples)]


def _rule(lang: str, rule_id: str):
    return next(r for r in load_rules(lang).rules if r.id == rule_id)


@pytest.mark.parametrize("lang, rule_id, example", CASES)
def test_a_rule_reads_its_own_example(lang, rule_id, example):
    rs = load_rules(lang)
    rule = _rule(lang, rule_id)
    matches = list(rule.pattern.finditer(example))
    assert matches, f"{rule_id}: the pattern finds nothing in its example {example!r}"
    if not rule.negative:
        rendered = [c for c in (_render(rule, m, rs) for m in matches) if c is not None]
        assert rendered, f"{rule_id}: no match in {example!r} gives a value ({[m.group() for m in matches]})"


@pytest.mark.parametrize("lang", LANGS)
def test_every_positive_rule_has_an_example(lang):
    bare = [r.id for r in load_rules(lang).rules if not r.negative and not r.examples]
    assert not bare, f"rules without examples: {bare}"


def test_the_examples_are_many():
    """A guard against the parametrisation silently finding no rule files."""
    assert len(CASES) > 200
