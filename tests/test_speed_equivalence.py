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


# --- the events stage (issue 16): words found once a document, look-ups in place -----------------

def _spans(n: int, step: int = 23) -> list[tuple[int, int]]:
    """Spans of a text of length ``n``: every ``step``-th start, each with a short, a longer and
    the whole rest as its end (words cut at either edge included)."""
    return [(s, e) for s in range(0, n, step) for e in sorted({min(n, s + 3), min(n, s + 41), n})]


@pytest.fixture(params=[True, False], ids=["automaton", "word-by-word"])
def automaton(request, monkeypatch):
    """Read every text with the Aho-Corasick automaton, or every text word by word (a short text)."""
    from timeline.text import words

    monkeypatch.setattr(words, "AUTOMATON_MIN", 0 if request.param else 10 ** 9)
    return request.param


@pytest.mark.parametrize("path", TEXTS[:6], ids=lambda p: p.name)
def test_occurrences_give_what_str_find_gives(path, automaton):
    """``words.Occurrences`` (one Aho-Corasick pass, then bisection) finds in any span what
    ``str.find`` finds there, word by word, and ``among``/``first`` what a search of each word gives."""
    from timeline.text.words import Occurrences

    text = path.read_text(encoding="utf-8")
    rules = load_rules("zh")
    occ = Occurrences(text, rules.searched)
    groups = [rules.topic_open, rules.purpose_markers, rules.future_auxiliaries, rules.relative_markers,
              *(a.close for a in rules.adjuncts)]
    for pos, end in _spans(len(text)):
        for w in rules.searched:
            assert occ.find(w, pos, end) == text.find(w, pos, end)
        for group in groups:
            plain = sorted((i, w) for w in group for i in range(pos, end) if text.startswith(w, i)
                           and i + len(w) <= end)
            assert occ.among(group, pos, end) == plain
            assert occ.first(group, pos, end) == (plain[0] if plain else None)


OCCURRENCES = [
    # (text, words, (pos, end), expected among)
    ("在在在", ("在", "在在"), (0, 3), [(0, "在"), (0, "在在"), (1, "在"), (1, "在在"), (2, "在")]),  # overlapping
    ("的支持下的", ("的支持下", "的"), (0, 4), [(0, "的"), (0, "的支持下")]),
    ("的支持下的", ("的支持下", "的"), (1, 5), [(4, "的")]),          # a word cut by the span's start
    ("abcab", ("ab", "b"), (0, 4), [(0, "ab"), (1, "b")]),   # "ab" at 3 runs past the end
    ("abcab", ("ab", "b"), (1, 5), [(1, "b"), (3, "ab"), (4, "b")]),
    ("", ("x",), (0, 0), []),
]


@pytest.mark.parametrize("text, words, span, expected", OCCURRENCES)
def test_occurrences_spec(text, words, span, expected, automaton):
    from timeline.text.words import Occurrences

    occ = Occurrences(text, frozenset(words))
    assert occ.among(words, *span) == expected
    for w in words:
        assert occ.find(w, *span) == text.find(w, *span)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_trigger_matches_as_the_trigger_pattern(path, automaton):
    """``words.Matches`` over the trigger words (one pass a document) finds in any span what
    ``trigger_re.finditer`` finds there: the longest word fitting at a start, the next match
    searched after its end, a word cut by the span's end left for a shorter one."""
    from timeline.text.words import Matches

    text = path.read_text(encoding="utf-8")
    rules = load_rules("zh")
    matches = Matches(text, rules.trigger_words, rules.trigger_re)
    for start, end in _spans(len(text), 37):
        want = [(m.start(), m.end(), m.group(0)) for m in rules.trigger_re.finditer(text, start, end)]
        assert matches.finditer(start, end) == want


@pytest.mark.parametrize("words, text, expected", PREFIX_TREE)
def test_matches_spec(words, text, expected, automaton):
    import re

    from timeline.text.words import Matches, prefix_tree

    assert [w for _, _, w in Matches(text, frozenset(words), re.compile(prefix_tree(words))).finditer(
        0, len(text))] == expected
    cut = Matches("召开成立大会", frozenset(["成立", "成立大会"]), re.compile(prefix_tree(["成立", "成立大会"])))
    assert [w for _, _, w in cut.finditer(0, 5)] == ["成立"]        # the longer word runs past the end


def _starting_word_plain(after: str, words) -> str | None:
    """``starting_word`` as written before issue 16: the window casefolded, then every word of
    its first character tried, longest first."""
    from timeline.text.words import word_bounded

    pairs = [(w, w.casefold()) for w in sorted(words, key=len, reverse=True)]
    longest = max((len(wf) for _, wf in pairs), default=0)
    i = 0
    while i < len(after) and after[i].isspace():
        i += 1
    a = after[i:i + longest + 1].casefold()
    for w, wf in pairs:
        if wf and a[:1] == wf[0] and a.startswith(wf) and word_bounded(a, 0, len(wf)):
            return w
    return next((w for w, wf in pairs if not wf), None)


def _ending_word_plain(before: str, words) -> str | None:
    """``ending_word`` as written before issue 16."""
    from timeline.text.words import word_bounded

    pairs = [(w, w.casefold()) for w in sorted(words, key=len, reverse=True)]
    longest = max((len(wf) for _, wf in pairs), default=0)
    j = len(before)
    while j and before[j - 1].isspace():
        j -= 1
    b = before[max(0, j - longest - 1):j].casefold()
    for w, wf in pairs:
        if wf and b[-1:] == wf[-1] and b.endswith(wf) and word_bounded(b, len(b) - len(wf), len(b)):
            return w
    return next((w for w, wf in pairs if not wf), None)


WORD_TEXTS = ["与甲公司签订", "  在 乙局", "Signed with Acme", "STRASSE 5", "straße", "İstanbul with",
              "withhold", "at that", " \u3000并", "", "   ", "Co. Ltd", "ﬁnal ﬁx", "ǅemal"]
WORD_LISTS = [("与", "在", "并", "并且"), ("with", "at", "strasse", "co."), ("ss", "straße", "i̇stanbul", "fi"),
              ("ǆ", "dž")]


@pytest.mark.parametrize("words", WORD_LISTS)
@pytest.mark.parametrize("text", WORD_TEXTS)
def test_word_lookups_in_place(text, words):
    """``starting_word``/``ending_word`` (the first or last character looked up first) and their
    ``_at`` forms (no copy of the text) give what the plain reading gives, at every span."""
    from timeline.text.words import ending_word, ending_word_at, starting_word, starting_word_at

    words = tuple(words)
    for s in range(len(text) + 1):
        for e in range(s, len(text) + 1):
            assert starting_word_at(text, s, e, words) == _starting_word_plain(text[s:e], words)
            assert ending_word_at(text, s, e, words) == _ending_word_plain(text[s:e], words)
        assert starting_word(text[s:], words) == _starting_word_plain(text[s:], words)
        assert ending_word(text[:s], words) == _ending_word_plain(text[:s], words)


def _governments_plain(entities, suffixes):
    """``coref.governments`` as written before issue 16 (every organisation tried at each place)."""
    orgs = [e for e in entities if e.type == "ORG"]
    out = {}
    for loc in entities:
        if loc.type != "LOC":
            continue
        names = {loc.name, *loc.aliases}
        for suffix in suffixes:
            hit = next((o for o in orgs if any(n + suffix in (o.name, *o.aliases) for n in names)), None)
            if hit is not None:
                out[loc.id] = hit.id
                break
        else:
            hit = next((o for o in orgs if names & {o.name, *o.aliases}), None)
            if hit is not None:
                out[loc.id] = hit.id
    return out


def _loc(i: int, name: str, *aliases: str) -> Entity:
    return Entity(id=f"l{i}", type="LOC", name=name, aliases=list(aliases))


GOVERNMENTS = [
    # (entities, suffixes, expected)
    ([_loc(1, "甲县"), _org(1, "甲县人民政府"), _org(2, "甲县政府")], ("人民政府", "政府"), {"l1": "o1"}),
    ([_loc(1, "甲县"), _org(1, "甲县政府"), _org(2, "x", "甲县人民政府")], ("人民政府", "政府"), {"l1": "o2"}),
    ([_loc(1, "甲县", "甲"), _org(1, "甲政府"), _org(2, "甲县政府")], ("政府",), {"l1": "o1"}),   # the first org
    ([_loc(1, "乙市"), _org(1, "乙市")], ("政府",), {"l1": "o1"}),            # a name of the place as a name
    ([_loc(1, "丙镇"), _org(1, "丁镇政府")], ("政府",), {}),
]


@pytest.mark.parametrize("entities, suffixes, expected", GOVERNMENTS)
def test_governments(entities, suffixes, expected):
    assert coref.governments(entities, suffixes) == expected == _governments_plain(entities, suffixes)


def _per(i: int, *titles: str) -> Entity:
    return Entity(id=f"p{i}", type="PER", name=f"人{i}", attributes={"titles": list(titles)})


TITLE_ORGS = [
    # (entities, expected)
    ([_org(1, "甲公司"), _org(2, "甲公司工会"), _per(1, "甲公司工会主席")], {"p1": ["o2"]}),      # the longest name
    ([_org(1, "甲公司"), _org(2, "x", "甲公司"), _per(1, "甲公司董事长")], {"p1": ["o1"]}),   # the first bearing it
    ([_org(1, "甲公司"), _per(1, "甲公司")], {}),                                # a title that is a whole name
    ([_org(1, "乙局"), _per(1, "丙局局长", "乙局局长", "乙局副局长")], {"p1": ["o1"]}),
]


@pytest.mark.parametrize("entities, expected", TITLE_ORGS)
def test_title_orgs(entities, expected):
    rules = load_rules("zh")
    assert rules is not None
    assert coref.title_orgs(entities, rules.coref) == expected


@pytest.mark.parametrize("path", TEXTS[:4], ids=lambda p: p.name)
def test_context_lookups_as_plain_scans(path, monkeypatch):
    """The events context's mentions and time expressions of a stretch (a slice by bisection),
    names and dates left out of a stretch (run by run), sentence stops in a stretch (bisection)
    and word searches give what a scan of the stretch gives, at every clause of a real text."""
    import timeline
    from timeline import events as events_mod
    from timeline.events.context import _Context
    from timeline.text import split_clauses, split_sentences

    got = {}
    real = events_mod.assemble

    def grab(doc, timexes, entities, **kw):
        got.update(doc=doc, timexes=timexes, entities=entities)
        return real(doc, timexes, entities, **kw)

    monkeypatch.setattr(events_mod, "assemble", grab)
    timeline.extract(path.read_text(encoding="utf-8"), dct="2024-01-01")
    rules = load_rules(got["doc"].language)
    ctx = _Context(got["doc"], got["timexes"], got["entities"], rules)
    text = ctx.text
    stops = set(rules.text.sentence_stops) | {"\n"}
    spans = [c for sent in split_sentences(text, rules.text, ctx.sentence_inside)
             for c in [sent, *split_clauses(text, sent, rules.text, ctx.inside, ctx.in_timex)]]
    for s, e in spans + _spans(len(text), 53):
        assert ctx.mentions_in(s, e) == [m for m in ctx.mentions if s <= m.start and m.end <= e]
        assert ctx.timexes_in(s, e) == [t for t in ctx.timexes if s <= t.start and t.end <= e]
        assert ctx.unblocked(s, e) == "".join(text[i] for i in range(s, e) if not ctx.blocked[i])
        assert ctx.has_stop(s, e) == any(ch in stops for ch in text[s:e])
        for w in rules.searched:
            assert ctx.words.find(w, s, e) == text.find(w, s, e)
