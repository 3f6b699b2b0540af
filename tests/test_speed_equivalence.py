"""The linear rewrites of issue 16 give what the direct readings of their rules give.

Each helper made faster (an index, one pass a document) is checked against the plain reading of
its rule on spec tables and on the development texts, so a speed-up never changes an output.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from timeline.entities import coref
from timeline.events.tables import load_rules
from timeline.model import Entity
from timeline.text import bracket_mask
from timeline.text.tables import load_rules as load_text_rules

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT / "tests" / "genre").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))


def _org(i: int, name: str, *aliases: str) -> Entity:
    return Entity(id=f"o{i}", type="ORG", name=name, aliases=list(aliases))


PARENTS = [
    # (organisations (name, aliases…), expected child -> parent)
    ([("甲公司",), ("甲公司党支部",)], {"o2": "o1"}),
    ([("工商联",), ("乙县工商联",)], {}),                        # a name ending another: no parent
    ([("甲公司",), ("甲公司党支部", "甲公司")], {}),               # sharing a name: no parent
    ([("丙集团",), ("丙集团甲公司",), ("丙集团甲公司党支部",)], {"o2": "o1", "o3": "o2"}),  # longest wins
    ([("甲乙公司",), ("丙乙公司",), ("甲乙公司丙乙公司工会",)], {"o3": "o1"}),  # same length: the first
    ([("ab",), ("ab党支部",)], {}),                               # a name under three characters
]


@pytest.mark.parametrize("orgs, expected", PARENTS)
def test_parents(orgs, expected):
    ents = [_org(i, *names) for i, names in enumerate(orgs, 1)]
    assert coref.parents(ents) == expected


def _bracket_mask_plain(text: str, rules, speech: bool = True):
    """``bracket_mask`` read character by character (the rule as written)."""
    from timeline.text.segment import _is_speech

    inside, opaque = bytearray(len(text)), bytearray(len(text))
    stack: list[tuple[str, int]] = []
    closer_of = rules.closers
    closing = {v: k for k, v in closer_of.items()}
    for i, ch in enumerate(text):
        if ch == "\n":
            stack.clear()
            continue
        if ch in closer_of and ch in closing and closer_of[ch] == ch:
            if stack and stack[-1][0] == ch:
                _, s = stack.pop()
                if not (speech and _is_speech(text, s, i, rules)):
                    inside[s + 1:i] = b"\x01" * (i - s - 1)
            else:
                stack.append((ch, i))
            continue
        if ch in closer_of:
            stack.append((ch, i))
        elif ch in closing:
            want = closing[ch]
            for j in range(len(stack) - 1, -1, -1):
                if stack[j][0] == want:
                    s = stack[j][1]
                    del stack[j:]
                    if not (speech and _is_speech(text, s, i, rules)):
                        inside[s + 1:i] = b"\x01" * (i - s - 1)
                    if want in rules.opaque:
                        opaque[s + 1:i] = b"\x01" * (i - s - 1)
                    break
    return inside, opaque


BRACKETS = ["他说：“好。走吧。”然后离开。", "按照《区委办〈关于…〉的通知》精神（试行）", "“未闭合（的\n括号）”",
            "主题为：“创新，发展”", "\"quoted\" and (nested [x] text)"]


@pytest.mark.parametrize("text", BRACKETS + [p.read_text(encoding="utf-8") for p in TEXTS[:8]])
@pytest.mark.parametrize("speech", [True, False])
def test_bracket_mask_reads_only_marks(text, speech):
    rules = load_text_rules("zh")
    assert bracket_mask(text, rules, speech=speech) == _bracket_mask_plain(text, rules, speech)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_trigger_matches_as_the_pattern(path):
    """``_Context._trigger_matches`` finds, in any span, what the trigger pattern finds there."""
    from types import SimpleNamespace

    from timeline.events.context import _Context

    text = path.read_text(encoding="utf-8")
    rules = load_rules("zh")
    ctx = SimpleNamespace(text=text, rules=rules, _trig_at=None, _trig_starts=[])
    for start in range(0, len(text), 37):
        for end in (min(len(text), start + 5), min(len(text), start + 60)):
            want = [(m.start(), m.end(), m.group(0)) for m in rules.trigger_re.finditer(text, start, end)]
            assert list(_Context._trigger_matches(ctx, start, end)) == want
