"""What the event rules read of one document: masks, mentions, time expressions, frames."""
from __future__ import annotations

import bisect
import datetime as _dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from ..documents import related_spans
from ..entities import coref
from ..model import STORY_EVIDENCE, Document, Entity, Timex
from ..temporal.calendar import event_date, pair_ranges
from ..text import bracket_mask, split_sentences, trim
from ..text.segment import char_class
from ..text.words import (
    Matches,
    Occurrences,
    alternation,
    ending_word,
    ending_word_at,
    starting_word,
    word_bounded,
)
from .amounts import find_amounts
from .parts import _Mention, _Trigger
from .tables import EventRules

_NEWLINE = re.compile("\n")


class _Context:
    def __init__(self, document: Document, timexes: Sequence[Timex], entities: Sequence[Entity],
                 rules: EventRules):
        self.doc, self.text, self.rules = document, document.text, rules
        self.words = Occurrences(self.text, rules.searched)   # the words searched in clauses, found once
        self.trigger_hits = Matches(self.text, rules.trigger_words, rules.trigger_re)   # found once
        self.inside, self.opaque = bracket_mask(self.text, rules.text)
        for a, b in related_spans(self.text, document.language):
            self.opaque[a:b] = b"\x01" * (b - a)   # a list of other articles (新闻推荐…): teasers
        self.sentence_inside, _ = bracket_mask(self.text, rules.text, speech=False)
        self.quoted = self._quoted()
        self.timexes = sorted(timexes, key=lambda t: t.start)
        self.entities = {e.id: e for e in entities if not e.attributes.get("chrome")}
        self.mentions = self._mentions(entities)
        self._timex_starts = [t.start for t in self.timexes]
        self._timex_ends = _monotone_ends(self.timexes)
        self.timex_starts = frozenset(self._timex_starts)
        self._frames: dict[tuple[int, int], list[tuple[int, int, str, int]]] = {}   # adjunct_frames, read once
        self._adjunct_only: dict[tuple[int, int], bool] = {}                      # is_adjunct_clause, once
        self._dated: dict[int, tuple[list, list[int], list[int]]] = {}           # dated_clauses, once
        self._topics: dict[tuple[int, int], list[tuple[int, int]]] = {}          # topic_frames, once
        self._last_relative: dict[tuple[int, int], int] = {}                      # _in_relative, once
        self._roles: dict[int, tuple[Timex, str]] = {}                            # timex_role, once a timex
        self.ranks: dict[int, tuple[Timex, int]] = {}      # dating._rank: how specific a date is, once a timex
        self.opener_max = rules.opener_max   # the longest word before a date opening its clause
        self.in_timex = bytearray(len(self.text))     # 1 inside a time expression
        for t in self.timexes:
            self.in_timex[t.start:t.end] = b"\x01" * (t.end - t.start)
        self._newlines = [m.start() for m in _NEWLINE.finditer(self.text)]
        self._stops: list[int] | None = None       # where a sentence may stop (has_stop), found once
        self._lines: dict[tuple[str, int], bool] = {}   # (test, line start) -> is_metadata, is_heading …
        self._metadata: dict[int, list[tuple[int, int]]] = {}   # line start -> its metadata spans
        self._by_entity: dict[str, list[_Mention]] | None = None   # last_mention_before, made once
        self._entity_ends: dict[str, list[int]] = {}
        self._has_sentences: bool | None = None
        self._block()
        self.sections = self._case_sections()
        self._section_starts = [s for s, _, _ in self.sections]
        resolved = [_Mention(s, e, ent, self.entities[ent].type) for s, e, ent in coref.references(
            self.text, self.entities, self.mentions, rules.coref, skip=self._taken,
            opens_phrase=self._opens_phrase, paragraph=self.paragraph,
            sentences=split_sentences(self.text, rules.text, self.sentence_inside) if rules.coref.pronouns else ())]
        taken = bytearray(len(self.text))               # the references found (a mask: a scan
        for x in resolved:                              # of them a word was quadratic)
            taken[x.start:x.end] = b"\x01" * (x.end - x.start)
        resolved += [w for w in self._party_words()      # "当事人": the case's party
                     if taken.find(1, w.start, w.end) < 0]
        if resolved:
            self.mentions = sorted(self.mentions + resolved, key=lambda m: m.start)
            self._block()
        self.government = coref.governments(self.entities.values(), rules.coref.governments)
        self.title_orgs = coref.title_orgs(self.entities.values(), rules.coref)
        self.parents = coref.parents(self.entities.values()) if rules.parent_role else {}
        self.datelines: list[tuple[int, int]] = []   # spans of the datelines found
        # begin point id -> end point of a range ("2019年8月至2020年10月")
        self.range_end = pair_ranges(self.text, self.timexes, rules.text.event_range_connectors)
        self._range_ends = {t.id for t in self.range_end.values()}
        src = document.dct_source or {}
        s, e = (None, None) if src.get("evidence") in STORY_EVIDENCE else (src.get("start"), src.get("end"))
        # the date the page is dated by ("发布时间：2011-04-22") tells when it was written, no event
        # (but 今日（8月8日）宣布 dates the announcement too)
        self._dct_evidence = {t.id for t in self.timexes if isinstance(s, int) and isinstance(e, int)
                              and t.start < e and s < t.end}
        # its span in the text, when it lies there: a credit opening the lead is no part of its clause
        self.dct_span = (s, e) if isinstance(s, int) and isinstance(e, int) else None

    def _quoted(self) -> bytearray:
        """Per code point: 1 inside a pair of quotes (``text.yaml: speech_quotes``) that is no
        quoted speech (a quoted name or slogan), else 0. One pass; a line break closes all."""
        rules, text = self.rules.text, self.text
        out = bytearray(len(text))
        closer_of = {o: c for o, c in rules.closers.items() if o in rules.speech_open}
        open_: list[tuple[str, int]] = []
        for m in char_class("\n" + "".join(closer_of) + "".join(closer_of.values())).finditer(text):
            i, ch = m.start(), m.group()   # only quotes and line breaks act
            if ch == "\n":
                open_.clear()
            elif open_ and ch == closer_of[open_[-1][0]]:
                _, j = open_.pop()
                if j + 1 < i and self.inside[j + 1]:
                    out[j + 1:i] = b"\x01" * (i - j - 1)
            elif ch in closer_of:
                open_.append((ch, i))
        return out

    # --- lines: headings, captions, page metadata ------------------------------
    HEADING_MAX = 50
    """Longest line (in characters, white space trimmed) read as a heading when it holds no
    sentence end."""

    def line(self, pos: int) -> tuple[int, int]:
        """The ``(start, end)`` of the line holding ``pos`` (line break excluded), found by
        bisection over the line breaks (a search from ``pos`` reads a whole long line)."""
        nl = self._newlines
        k = bisect.bisect_left(nl, pos)
        return (nl[k - 1] + 1 if k else 0), (nl[k] if k < len(nl) else len(self.text))

    def _of_line(self, what: str, pos: int, test) -> bool:
        """``test(start, end)`` of the line holding ``pos``, computed once a line."""
        s, e = self.line(pos)
        got = self._lines.get((what, s))
        if got is None:
            got = self._lines[(what, s)] = bool(test(s, e))
        return got

    def is_metadata(self, pos: int) -> bool:
        """True when ``pos`` stands in page metadata (a byline, no news): a line holding a label
        (``triggers.yaml: fallback.metadata_labels``: ``发布时间：``, ``来源：``) and no sentence end,
        or on a line with sentence ends (text scraped without line breaks: ``2021年3月10日 来源：
        某网 3月9日，甲商会召开…``) the labelled fields only (``_metadata_spans``)."""
        return self.metadata_end(pos) is not None

    def metadata_end(self, pos: int) -> int | None:
        """The end of the page metadata holding ``pos`` (``is_metadata``), else ``None``."""
        labels = self.rules.fallback.metadata_labels if self.rules.fallback else ()
        if not labels:
            return None
        s, e = self.line(pos)
        spans = self._metadata.get(s)
        if spans is None:
            spans = self._metadata[s] = self._metadata_spans(s, e, labels)
        return next((b for a, b in spans if a <= pos < b), None)

    def _metadata_spans(self, s: int, e: int, labels: tuple[str, ...]) -> list[tuple[int, int]]:
        """The spans of page metadata on the line ``text[s:e]``: all of it when it holds a label
        and no sentence end; else each label outside brackets to the end of its value (the time
        expressions right after it, else a run of letters and digits: ``来源：某网``), from the
        line start when no sentence end comes before the label (a date or a headline glued
        before the fields). A label in brackets (``（来源：某报）``) credits a source, no byline."""
        text, ends = self.text, self.rules.text.sentence_end
        hits = sorted((i, i + len(w)) for i, w in self.words.among(labels, s, e))
        if not hits:
            return []
        first_end = next((i for i in range(s, e) if text[i] in ends), None)
        if first_end is None:
            return [(s, e)]
        out: list[tuple[int, int]] = []
        for i, j in hits:
            if self.inside[i] or (out and i < out[-1][1]):
                continue
            k = j
            while k < e and k - j < 3 and not text[k].isalnum() and text[k] not in ends:
                k += 1                                   # the separator: ": ", "：", " "
            if k < e and self.in_timex[k]:               # a date, maybe a clock time after it
                while k < e and (self.in_timex[k] or (text[k].isspace() and k + 1 < e and self.in_timex[k + 1])):
                    k += 1
            else:
                while k < e and text[k].isalnum() and not self.in_timex[k]:
                    k += 1
            start = s if i < first_end else i
            if out and start <= out[-1][1]:
                out[-1] = (out[-1][0], k)
            else:
                out.append((start, k))
        return out

    def is_heading(self, pos: int) -> bool:
        """True when ``pos`` stands on a line of page metadata (``is_metadata``), or on a line of
        at most ``HEADING_MAX`` characters holding no sentence end in a document whose text has
        sentence ends (a headline, a section heading, page chrome)."""
        if self.is_metadata(pos):
            return True
        if self._has_sentences is None:
            self._has_sentences = any(ch in self.rules.text.sentence_end for ch in self.text)
        if not self._has_sentences:
            return False

        def heading(s: int, e: int) -> bool:
            line = self.text[s:e].strip()
            return len(line) <= self.HEADING_MAX and not any(ch in self.rules.text.sentence_end for ch in line)

        return self._of_line("heading", pos, heading)

    def is_caption(self, pos: int) -> bool:
        """True when ``pos`` stands on an image caption (``statements.yaml: captions``): a line
        opening with one of ``marks`` (``▲``), or ending with a bracket holding one of
        ``credits`` (``（示意图／某图库）``)."""
        return self._of_line("caption", pos, self._caption_line)

    def _caption_line(self, s: int, e: int) -> bool:
        r = self.rules
        line = self.text[s:e].strip()
        if not line:
            return False
        if starting_word(line, r.caption_marks):
            return True
        closer = line[-1]
        opener = next((o for o, c in r.text.closers.items() if c == closer), None)
        if opener is None:
            return False
        i = line.rfind(opener)
        return i >= 0 and any(w in line[i:] for w in r.caption_credits)

    def _block(self) -> None:
        self._mention_starts = [m.start for m in self.mentions]
        self._mention_ends = _monotone_ends(self.mentions)
        self.blocked = bytearray(len(self.text))      # 1 inside a time expression or a name
        spans: list[Timex | _Mention] = [*self.timexes, *self.mentions]
        for x in spans:
            self.blocked[x.start:x.end] = b"\x01" * (x.end - x.start)

    def has_stop(self, start: int, end: int) -> bool:
        """True when a sentence stop (``text.yaml``) or a line break stands in ``text[start:end]``
        (one bisection in their positions, found once a document)."""
        if self._stops is None:
            self._stops = [m.start() for m in char_class("\n" + "".join(self.rules.text.sentence_stops)).finditer(
                self.text)]
        k = bisect.bisect_left(self._stops, start)
        return k < len(self._stops) and self._stops[k] < end

    def unblocked(self, start: int, end: int) -> str:
        """``text[start:end]`` without the code points of names and time expressions (read run by
        run in the mask, not code point by code point)."""
        out, i, blocked = [], start, self.blocked
        while i < end:
            j = blocked.find(1, i, end)
            if j < 0:
                out.append(self.text[i:end])
                break
            out.append(self.text[i:j])
            i = blocked.find(0, j, end)
            if i < 0:
                break
        return "".join(out)

    def paragraph(self, pos: int) -> int:
        """Index of the paragraph (text between line breaks) holding ``pos``."""
        return bisect.bisect_right(self._newlines, pos)

    def _taken(self, s: int, e: int) -> bool:
        """True when ``text[s:e]`` overlaps a name or a time expression, or starts inside brackets."""
        return any(self.blocked[s:e]) or bool(self.inside[s])

    # --- entities standing for others --------------------------------------
    def _opens_phrase(self, i: int) -> bool:
        """True when ``text[i]`` starts a phrase: at the start of a clause, or right after a
        marker word, a coordinator, a leading connective or a time expression."""
        r = self.rules
        j = i
        while j > 0 and self.text[j - 1].isspace():
            j -= 1
        if j == 0 or self.text[j - 1] in r.text.separators or self.text[j - 1] == "\n":
            return True
        if ending_word_at(self.text, max(0, j - r.lookbehind), j, r.phrase_openers):
            return True
        k = bisect.bisect_right(self._timex_starts, j) - 1
        return k >= 0 and self.timexes[k].end == j

    def _case_sections(self) -> list[tuple[int, int, str]]:
        """Case sections of an enforcement notice (``roles.yaml: case_sections``): ``(start,
        end, party)`` for the text after each heading (``案例一：``) up to the next heading or
        closing line; the party is the first organisation (else person) the first sentence after
        the heading names (the case's title, ``甲公司生产不合格食品案``)."""
        r = self.rules
        if r.case_heading is None:
            return []
        lines, pos = [], 0
        for line in self.text.split("\n"):
            lines.append((pos, pos + len(line), line))
            pos += len(line) + 1
        out: list[tuple[int, int, str]] = []
        open_: tuple[int, str] | None = None
        for ls, le, line in lines:
            heading = r.case_heading.match(line)
            closing = heading is None and r.case_end is not None and r.case_end.match(line)
            if (heading or closing) and open_ is not None:
                out.append((open_[0], ls, open_[1]))
                open_ = None
            if heading:           # the party is named in the heading's first sentence
                hs = ls + heading.end()
                he = next((i + 1 for i in range(hs, le) if self.text[i] in r.text.sentence_stops), le)
                ms = [m for m in self.mentions_in(hs, he) if m.type in ("ORG", "PER")
                      and not self._acts_as_authority(m)]
                party = next((m for m in ms if m.type == "ORG"), ms[0] if ms else None)
                if party is not None:
                    open_ = (hs, party.entity)
        if open_ is not None:
            out.append((open_[0], len(self.text), open_[1]))
        return out

    def _acts_as_authority(self, m: _Mention) -> bool:
        """True when a trigger of ``case_sections.authority_kinds`` follows the mention
        (``甲县市场监管局查处乙公司…案``: the bureau acts, it is not the case's party)."""
        kinds = self.rules.case_authority_kinds
        if not kinds:
            return False
        j = m.end
        while j < len(self.text) and self.text[j].isspace():
            j += 1
        hit = self.rules.trigger_re.match(self.text, j)
        kind = self.rules.trigger_kind.get(hit.group(0)) if hit else None
        return kind is not None and kind.name in kinds

    def section_party(self, pos: int) -> str | None:
        """The party of the case section holding ``pos``, else ``None`` (sections are in text
        order and do not overlap: one bisection)."""
        k = bisect.bisect_right(self._section_starts, pos) - 1
        if k >= 0 and pos < self.sections[k][1]:
            return self.sections[k][2]
        return None

    def _party_words(self) -> list[_Mention]:
        """Mentions of a case section's party for its ``party_words`` (``当事人``, ``涉事企业``)."""
        words = self.rules.case_party_words
        if not (self.sections and words):
            return []
        out = []
        for m in re.finditer(alternation(words), self.text):
            s, e = m.span()
            party = self.section_party(s)
            if party is not None and not any(self.blocked[s:e]):
                out.append(_Mention(s, e, party, self.entities[party].type))
        return out

    def inside_title(self, pos: int) -> bool:
        return bool(self.opaque[pos])

    def adjunct_frames(self, start: int, end: int) -> list[tuple[int, int, str, int]]:
        """``(open end, close start, role, close end)`` of the adjuncts of a clause
        (``在X的支持下``). Read once a clause; each word's next occurrence is searched for again
        only once the reading has passed it (a search to the clause's end at every frame was
        quadratic in a long clause)."""
        got = self._frames.get((start, end))
        if got is None:
            got = self._frames[(start, end)] = self._adjunct_frames(start, end)
        return got

    def _adjunct_frames(self, start: int, end: int) -> list[tuple[int, int, str, int]]:
        find = self.words.find
        out: list[tuple[int, int, str, int]] = []
        if self.words.first(self.rules.adjunct_opens, start, end) is None:
            return out                     # no adjunct opens in the clause
        for adj in self.rules.adjuncts:
            pos = start
            while True:
                hits = [(i, w) for i, w in ((find(w, pos, end), w) for w in adj.open)
                        if i >= 0 and not self.inside[i] and not self.blocked[i]]
                if not hits:
                    break
                i, w = min(hits)
                close = self.words.first(adj.close, i + len(w), end)   # the least (start, word)
                if close is None:
                    break
                j, c = close
                if self.mentions_in(i + len(w), j):
                    out.append((i + len(w), j, adj.role, j + len(c)))
                pos = j + len(c)
        return out

    def is_adjunct_clause(self, start: int, end: int) -> bool:
        """True when the clause is nothing but adjuncts (``在甲镇政府的支持下``); read once a clause."""
        got = self._adjunct_only.get((start, end))
        if got is None:
            got = self._adjunct_only[(start, end)] = self._is_adjunct_clause(start, end)
        return got

    def _is_adjunct_clause(self, start: int, end: int) -> bool:
        frames = self.adjunct_frames(start, end)
        if not frames:
            return False
        covered = bytearray(end - start)
        for fs, _, _, hi in frames:
            lo = fs - next(len(w) for a in self.rules.adjuncts for w in a.open if self.text.endswith(w, 0, fs))
            covered[max(0, lo - start):hi - start] = b"\x01" * (min(hi, end) - max(lo, start))
        rest = "".join(self.text[start + k] for k in range(end - start) if not covered[k])
        return not rest.strip()

    def _mentions(self, entities: Sequence[Entity]) -> list[_Mention]:
        cands = []
        for e in entities:
            if e.attributes.get("chrome"):
                continue
            for m in e.mentions:
                if m.doc and m.doc != self.doc.id:
                    continue
                if 0 <= m.start < m.end <= len(self.text) and not self.opaque[m.start]:
                    cands.append(_Mention(m.start, m.end, e.id, e.type))
        cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
        out: list[_Mention] = []
        for c in cands:
            if out and c.start < out[-1].end:
                continue
            out.append(c)
        return out

    def last_mention_before(self, entity: str, pos: int) -> _Mention | None:
        """The entity's last mention ending by ``pos``, else its first mention, else ``None``
        (mentions in text order, indexed by entity once: not every mention read at each unit)."""
        if self._by_entity is None:
            self._by_entity = {}
            for m in self.mentions:
                self._by_entity.setdefault(m.entity, []).append(m)
            self._entity_ends = {e: [m.end for m in ms] for e, ms in self._by_entity.items()}
        ms = self._by_entity.get(entity)
        if not ms:
            return None
        k = bisect.bisect_right(self._entity_ends[entity], pos) - 1
        return ms[k] if k >= 0 else ms[0]

    def mentions_in(self, start: int, end: int) -> list[_Mention]:
        """The mentions inside ``text[start:end]``, in order: a slice found by two bisections
        when the mentions' ends are in order too (as they are unless one holds another)."""
        i = bisect.bisect_left(self._mention_starts, start)
        if self._mention_ends is not None:
            return self.mentions[i:bisect.bisect_right(self._mention_ends, end)]
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def dated_clauses(self, clauses: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
        """The starts of a sentence's ``clauses`` and the indices of those holding an anchor DATE
        or TIME, found once a sentence (``clauses`` is the sentence's own list)."""
        got = self._dated.get(id(clauses))
        if got is None or got[0] is not clauses:
            dated = [k for k, (cs, ce) in enumerate(clauses)
                     if any(self.timex_role(t) == "anchor" and t.type in ("DATE", "TIME")
                            for t in self.timexes_in(cs, ce))]
            got = self._dated[id(clauses)] = (clauses, [cs for cs, _ in clauses], dated)
        return got[1], got[2]

    def timexes_in(self, start: int, end: int) -> list[Timex]:
        """The time expressions inside ``text[start:end]``, in order (see ``mentions_in``)."""
        i = bisect.bisect_left(self._timex_starts, start)
        if self._timex_ends is not None:
            return self.timexes[i:bisect.bisect_right(self._timex_ends, end)]
        out = []
        while i < len(self.timexes) and self.timexes[i].start < end:
            if self.timexes[i].end <= end:
                out.append(self.timexes[i])
            i += 1
        return out

    # --- time expressions -------------------------------------------------
    def timex_role(self, t: Timex) -> str:
        """``anchor``, ``set`` (also a duration after ``series_markers``: ``连续5年``), ``compare``
        (base of a comparison) or ``ignore`` (the subject of a
        copula: ``今年是…``; inside a title,
        a quoted name or slogan, the end point of a range, the evidence of the document's DCT:
        ``Document.dct_source``). A deadline (``2025年底前``) is an ``anchor``
        (see ``is_deadline``). Read once a time expression."""
        got = self._roles.get(id(t))
        if got is None or got[0] is not t:
            got = self._roles[id(t)] = (t, self._timex_role(t))
        return got[1]

    def _timex_role(self, t: Timex) -> str:
        r = self.rules
        if self.opaque[t.start] or t.id in self._range_ends or t.id in self._dct_evidence:
            return "ignore"       # in a title, the end point of a range, the page's own date
        if self.inside[t.start] and t.end < len(self.text) and self.inside[t.end]:
            return "ignore"       # part of a quoted name ("“2018年度优秀民营企业”")
        if self.quoted[t.start]:
            return "ignore"       # in a quoted slogan or name ("以“筑梦新未来”为主题")
        before = self.text[max(0, t.start - r.lookbehind):t.start]
        if ending_word(before, r.comparison_markers):
            return "compare"
        if r.copulas and starting_word(self.text[t.end:t.end + r.lookbehind], r.copulas):
            return "ignore"       # "今年是…加速年": the period described, no event's date
        if t.type == "SET":
            return "set"
        if t.type == "DURATION":
            if r.series_markers and ending_word(before, r.series_markers):
                return "set"      # "连续5年开展…": a series over the span recurs like a SET
            if t.begin or t.finish:
                return "anchor"
            if starting_word(t.text, r.duration_prefixes) or t.text.endswith(r.duration_suffixes) or \
                    ending_word(before, r.duration_prefixes):
                return "anchor"
            return "ignore"
        return "anchor"

    def is_deadline(self, t: Timex) -> bool:
        """True for a DATE or TIME right before a deadline marker (``anchors.yaml:
        deadline_markers``: ``2025年底前``, ``6月15日前``): it dates the event it governs, which is
        due by then (its ``Event.date`` keeps the TIMEX3 mod, else takes ``BEFORE``)."""
        r = self.rules
        return t.type in ("DATE", "TIME") and \
            starting_word(self.text[t.end:t.end + r.lookbehind], r.deadline_markers) is not None

    def is_past(self, t: Timex) -> bool:
        """True when ``t`` denotes a time before the document creation time: ``PAST_REF``, or an
        interval (``event_date``) ending by the end of the DCT's day, or open-ended and starting
        by it (``自2021年以来``). ``False`` without a DCT."""
        if t.value == "PAST_REF":
            return True
        dct = (self.doc.dct or "")[:10]
        try:
            day = _dt.date.fromisoformat(dct)
        except ValueError:
            return False
        day_after = "9999-12-32" if day == _dt.date.max else (day + _dt.timedelta(days=1)).isoformat()
        d = event_date(t, dct)
        if d["end"] is not None:
            return d["end"][:10] <= day_after
        return d["start"] is not None and d["start"][:10] <= dct

    def speaks_of_future(self, start: int, end: int) -> bool:
        """True when the clause ``text[start:end]`` holds a word of ``anchors.yaml:
        future_markers`` (``下一步``, ``今后``) outside brackets, or an auxiliary of
        ``future_auxiliaries`` (``将``, ``拟``) followed, past adverbs (``fallback.skip``), by a
        trigger, a marker word, a topic frame's opener or a time expression (``将与乙局合作``,
        ``将就甲领域进行合作``; not ``将资金发放给…``)."""
        r, text = self.rules, self.text
        for i, w in self.words.among(r.future_markers, start, end):
            if not self.inside[i] and word_bounded(text, i, i + len(w)):
                return True
        skip = r.fallback.skip if r.fallback else ()
        starts = self.timex_starts
        for i, w in self.words.among(r.future_auxiliaries, start, end):   # any occurrence: no order
            if not self.inside[i] and not self.blocked[i] and word_bounded(text, i, i + len(w)):
                p = i + len(w)
                while p < end and text[p].isspace():
                    p += 1
                while p < end and (a := starting_word(text[p:p + r.lookbehind], skip)) is not None \
                        and a not in r.marker_role and a not in r.topic_open and text.startswith(a, p):
                    p += len(a)
                if p in starts or r.trigger_re.match(text, p) or \
                        starting_word(text[p:p + r.lookbehind], r.future_objects):
                    return True
        return False

    def dateline_end(self, sentence: tuple[int, int]) -> int | None:
        """The end of the news dateline or byline (``clauses.yaml: datelines``: ``本报讯（记者 林晓雨）``,
        ``新华社北京3月14日电``) opening the paragraph that ``sentence`` opens, white space after it
        included; ``None`` when there is none or the sentence does not open its paragraph. The
        span is recorded in ``self.datelines``."""
        r = self.rules
        s, e = sentence
        if r.dateline is None:
            return None
        # the line's start by bisection, then white space read from it up to the first other
        # character (a search back from each sentence, then its copy, were quadratic in a paragraph)
        ls, le = trim(self.text, self.line(s)[0], s)
        if le > ls:
            return None
        m = r.dateline.match(self.text, s, e)
        if m is None or m.end() == s:
            return None
        self.datelines.append((s, m.end()))
        return m.end()

    # --- triggers ---------------------------------------------------------
    def topic_frames(self, start: int, end: int) -> list[tuple[int, int]]:
        """Spans ``(open end, close start)`` of the topic frames of a clause (``就X进行``); read
        once a clause, each word searched for again only once the reading has passed it."""
        got = self._topics.get((start, end))
        if got is not None:
            return got
        r = self.rules
        out: list[tuple[int, int]] = []
        pos, find = start, self.words.find
        while r.topic_open and self.words.first(r.topic_open, pos, end) is not None:
            hits = [(find(w, pos, end), w) for w in r.topic_open]
            hits = [(i, w) for i, w in hits if i >= 0 and not self.inside[i]]
            if not hits:
                break
            i, w = min(hits)
            close = self.words.first(r.topic_close, i + len(w), end)
            if close is None:
                break
            out.append((i + len(w), close[0]))
            pos = close[0]
        self._topics[(start, end)] = out
        return out

    def _in_relative(self, s: int, e: int, start: int, end: int) -> bool:
        """True when the verb at ``text[s:e]`` stands right after a count (``5家``, ``30余名``)
        and a word of ``triggers.yaml: relative_markers`` follows it in its clause
        (``…与江苏5家获得生产指标的企业一道``): it tells what the counted things are, not what
        happened. ``start``/``end``: the clause."""
        r = self.rules
        if not r.relative_markers:
            return False
        last = self._last_relative.get((start, end))       # where the clause's last marker starts
        if last is None:                                   # (found once a clause: slicing the rest
            last = self._last_relative[(start, end)] = max(  # of the clause at each verb was quadratic)
                (i for i, _ in self.words.among(r.relative_markers, start, end)), default=-1)
        if last < e:
            return False
        window = max(start, s - r.lookbehind)
        return any(a["kind"] == "count" and a["end"] == s for a in find_amounts(self.text, window, s, r))

    def background_frames(self, start: int, end: int) -> list[tuple[int, int]]:
        """Spans ``(open end, close end)`` of the background frames of a clause
        (``triggers.yaml: background_frames``: ``在接受记者采访时``, ``在县长甲陪同下``): the
        circumstances of what the clause tells, the close included (``陪同下``)."""
        r, text, find = self.rules, self.text, self.words.find
        out: list[tuple[int, int]] = []
        for w in r.background_open:
            for i, _ in self.words.among((w,), start, end):
                if not self.inside[i] and not self.blocked[i]:
                    closes = [j for j in (find(c, i + len(w), end) for c in r.background_close) if j >= 0]
                    for j in sorted(closes):
                        c = next(c for c in sorted(r.background_close, key=len, reverse=True) if text.startswith(c, j))
                        if not starting_word(text[j + len(c):j + len(c) + 2], r.background_not_before):
                            out.append((i + len(w), j + len(c)))
                            break
        return out

    def _framed(self, start: int, end: int) -> tuple[dict[int, bool], int]:
        """Of a clause: the offsets inside a topic or background frame or after the close of an
        adjunct (``经X批准``: not an event), and where its first purpose marker starts (else ``end``)."""
        frames = self.topic_frames(start, end) + self.background_frames(start, end)
        framed = holding([(fs, fe, True) for fs, fe in frames]
                         + [(fe, ce, True) for _, fe, _, ce in self.adjunct_frames(start, end)])
        return framed, (self.words.first(self.rules.purpose_markers, start, end) or (end, ""))[0]

    def triggers_in(self, start: int, end: int) -> list[_Trigger]:
        """Trigger and causative occurrences in ``text[start:end]`` (one clause), in order."""
        r, text = self.rules, self.text
        out: list[_Trigger] = []
        framed: dict[int, bool] | None = None     # the clause's frames, read at its first candidate
        purpose = end
        for s, e, word in self.trigger_hits.finditer(start, end):   # trigger_re.finditer(text, start, end)
            if word in r.nouns:
                continue          # "党组织", "组织部": a noun holding a verb
            heads = r.object_heads.get(word)
            if heads is not None and not text[e:end].rstrip(_CLOSERS).endswith(heads):
                continue          # "办理手续": an event only when a gathering is its object (办理说明会)
            if self.inside[s] or self.blocked.find(1, s, e) >= 0 or not word_bounded(text, s, e):
                continue
            b = max(start, s - r.lookbehind)
            if ending_word_at(text, b, s, r.negators) or ending_word_at(text, b, s, r.nominal_markers):
                continue
            if r.modifies_noun(text, e, e + r.lookbehind, word):
                continue      # "投资商": a noun; not "成立商会", "提供商业服务", whose object follows
            if any(s >= at and text.startswith(w, s - at) for w, at in r.anaphora_holding.get(word, ())):
                continue      # "在座谈会上，": the gathering told before, no new one
            if framed is None:
                framed, purpose = self._framed(start, end)
            if s >= purpose or s in framed:
                continue          # after a purpose marker, in a frame
            if self._in_relative(s, e, start, end):
                continue          # "5家获得…指标的企业": a count, then a verb of the noun it counts
            out.append(_Trigger(s, e, word, r.causatives.get(word)))
        return out


_CLOSERS = " \t\u3000」』”\"'）)》"
"""What may close a clause after its object's last word (quotes, brackets)."""


def _monotone_ends(spans: Sequence[Timex] | Sequence[_Mention]) -> list[int] | None:
    """The ends of ``spans`` (in order of their starts) when they are in order too (then the
    spans inside a stretch are a slice of them), else ``None``; only spans that are not empty."""
    ends = [x.end for x in spans]
    if all(x.start < x.end for x in spans) and all(a <= b for a, b in zip(ends, ends[1:], strict=False)):
        return ends
    return None


def holding(spans: Iterable[tuple[int, int, Any]]) -> dict[int, Any]:
    """Offset -> the value of the first of ``spans`` (``(start, end, value)``, in their order) that
    holds it: made in time linear in the spans' lengths, then read in constant time (testing every
    span at each mention or trigger of a long clause was quadratic)."""
    at: dict[int, Any] = {}
    for s, e, v in reversed(list(spans)):
        for q in range(s, e):
            at[q] = v
    return at
