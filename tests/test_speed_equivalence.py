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
def test_trigger_pattern_as_the_alternation(path):
    """The trigger pattern (a prefix tree of the words) finds, in any span of a text, what the
    plain alternation of the words, longest first, finds there."""
    import re

    from timeline.text.words import alternation

    text = path.read_text(encoding="utf-8")
    rules = load_rules("zh")
    plain = re.compile(alternation([*rules.trigger_kind, *rules.causatives, *rules.nouns]))
    for start in range(0, len(text), 37):
        for end in (min(len(text), start + 5), min(len(text), start + 60), len(text)):
            want = [(m.start(), m.end(), m.group(0)) for m in plain.finditer(text, start, end)]
            assert [(m.start(), m.end(), m.group(0)) for m in rules.trigger_re.finditer(text, start, end)] == want


PREFIX_TREE = [
    # (words, text, expected matches)
    (["成立", "成立大会", "成交"], "召开成立大会并成交，成立", ["成立大会", "成交", "成立"]),
    (["a", "ab", "abc"], "abcab a", ["abc", "ab", "a"]),
    (["x.y", "x"], "x.yxz", ["x.y", "x"]),              # escaped
    (["合作", "作"], "合作作", ["合作", "作"]),
]


@pytest.mark.parametrize("words, text, expected", PREFIX_TREE)
def test_prefix_tree(words, text, expected):
    import re

    from timeline.text.words import alternation, prefix_tree

    assert [m.group() for m in re.finditer(prefix_tree(words), text)] == expected
    assert [m.group() for m in re.finditer(alternation(words), text)] == expected
    # inside a larger pattern, backtracking tries the next shorter word as the alternation does
    tree, alt = re.search(f"({prefix_tree(words)})(.)$", text), re.search(f"({alternation(words)})(.)$", text)
    assert (tree and tree.span(1)) == (alt and alt.span(1))


def test_prefix_tree_backtracks_to_a_shorter_word():
    import re

    from timeline.text.words import prefix_tree

    assert re.fullmatch(f"(?:{prefix_tree(['ab', 'abc'])})c", "abc")
    assert re.fullmatch(f"(?:{prefix_tree(['ab', 'abc', 'a'])})bcd", "abcd")


def _split_sentences_plain(text: str, rules) -> list[tuple[int, int]]:
    """``split_sentences`` read character by character (the rule as written)."""
    from timeline.text.segment import _is_boundary, _run_on_starts, trim

    inside, _ = bracket_mask(text, rules, speech=False)
    run_on = _run_on_starts(text, rules, inside)
    out, start = [], 0
    for i, ch in enumerate(text):
        if i in run_on:
            s, e = trim(text, start, i)
            if e > s:
                out.append((s, e))
            start = i
        if ch == "\n" or (not inside[i] and _is_boundary(text, i, rules.sentence_stops, rules)):
            s, e = trim(text, start, i + (ch != "\n"))
            if e > s:
                out.append((s, e))
            start = i + 1
    s, e = trim(text, start, len(text))
    if e > s:
        out.append((s, e))
    return out


SENTENCES = [("zh", "他说：“好。走吧。”然后离开。3.5亿元。\n第二行"), ("en", "Acme Co. signed on May 3, 2015. It grew"),
             ("en", "the board said some weeks ago On March 3, 2015, the board approved it."), ("zh", "")]


@pytest.mark.parametrize("lang, text", SENTENCES + [("zh", p.read_text(encoding="utf-8")) for p in TEXTS[:8]])
def test_sentences_and_clauses_read_only_separators(lang, text):
    from timeline.text import split_clauses, split_sentences

    rules = load_text_rules(lang)
    sentences = split_sentences(text, rules)
    assert sentences == _split_sentences_plain(text, rules)
    inside, _ = bracket_mask(text, rules)
    for span in sentences:
        assert split_clauses(text, span, rules, inside) == _split_clauses_plain(text, span, rules, inside)


def _split_clauses_plain(text: str, span: tuple[int, int], rules, inside) -> list[tuple[int, int]]:
    """``split_clauses`` read character by character (the rule as written)."""
    from timeline.text.segment import _is_boundary, _trim_speech, trim

    seps = rules.clause_end | rules.sentence_stops
    quotes = set(rules.speech_open) | {rules.closers[q] for q in rules.speech_open}
    out, start = [], span[0]

    def add(s: int, e: int) -> None:
        s, e = _trim_speech(text, *trim(text, s, e), quotes, inside)
        if rules.leading_marks is not None and e > s:
            m = rules.leading_marks.match(text, s, e)
            if m is not None and m.end() < e:
                s, e = trim(text, m.end(), e)
        if e > s:
            out.append((s, e))

    for i in range(span[0], span[1]):
        if not inside[i] and _is_boundary(text, i, seps, rules):
            add(start, i)
            start = i + 1
    add(start, span[1])
    return out


def test_lexicon_read_from_the_cache_finds_what_the_lists_give(tmp_path, monkeypatch):
    """The name lists read back from the table cache match as the lists derived afresh."""
    from timeline.entities import sources
    from timeline.entities.lexicon import build_lexicon
    from timeline.resources import cache

    table = sources.settings("zh").table
    assert table is not None
    text = (ROOT / "seeds" / "000_b0a8ce1bfdd55632.txt").read_text(encoding="utf-8") + "中国证监会与中联重科、台积电"
    monkeypatch.setenv(cache.ENV, "off")
    fresh = build_lexicon("zh", table)
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    written = build_lexicon("zh", table)                 # derives and writes the cache
    assert list(tmp_path.glob("lexicon-zh-*.json"))
    read = build_lexicon("zh", table)                    # reads it
    assert fresh.entries == written.entries == read.entries
    assert fresh.find(text) == read.find(text) and read.find(text)
    assert [read.lookup(n) for n in ("中联重科", "台积电")] == [fresh.lookup(n) for n in ("中联重科", "台积电")]
