"""``assemble``: the events of a document, paragraph by paragraph (see the package docstring)."""
from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..model import Document, Entity, Event, Participant, Timex
from ..text import TextView, paragraph_script, scripts, split_clauses, split_sentences, trim
from ..text.words import ending_word, starting_word, starting_word_at
from .amounts import find_amounts
from .confidence import Terms, confidence, features
from .context import _Context
from .dating import (
    _anchor_unit,
    _dated,
    _event_anaphor,
    _forward_date,
    _opens_clause,
    _vague,
    most_specific,
    stated_day,
)
from .fallback import _fallback_units
from .parts import _Unit
from .repeats import Telling, merge_repeats
from .roles import (
    _attached_roles,
    _case_party,
    _continued,
    _core_roles,
    _fill_subject,
    _final_roles,
    _introduced,
    _last_patient,
    _listed_after,
    _named_in,
    _prefer_organisations,
    _prefix_roles,
    _prefixes_told_apart,
    _pronoun_roles,
    _referred_back,
    _subjects_from_earlier,
    _topic,
)
from .tables import EventRules, load_rules
from .title import _title
from .units import _units_of_sentence


def assemble(document: Document, timexes: Sequence[Timex], entities: Sequence[Entity], *,
             view: TextView | None = None) -> list[Event]:
    """Build the events of ``document`` from its time expressions and entities.

    ``document.text`` is what every span indexes; ``timexes`` (``temporal.tag``) and ``entities``
    (``entities.recognise``) carry spans into it. ``view``: the document's ``text.TextView``
    (made by the pipeline): the rules match ``view.match`` (for a traditional-Chinese document,
    its simplified copy of the same length) and ``trigger``, ``title`` and ``sentence`` are read
    from ``view.written``; default: the text matched as written. Raises ``ValueError`` when
    ``view.written`` is not ``document.text``. Returns events with ids
    ``e1…`` in text order (see the module docstring for the rules), each with ``timex`` set:
    undated mentions are folded into the dated event they repeat or left out. Returns ``[]``
    when ``document.language`` has no ``events`` tables. Raises
    ``resources.ResourceError`` when a table is malformed.
    """
    rules = load_rules(document.language) if document.language else None
    if rules is None or not document.text:
        return []
    if view is None:
        view = TextView.plain(document.text)
    elif view.written != document.text:
        raise ValueError("the view's text as written is not the document's text")
    text, out_text = view.match, view.written
    match_doc = document if text is document.text else replace(document, text=text)
    tellings: list[Telling] = []
    for g, (group_rules, paragraphs) in enumerate(_rule_groups(text, rules)):
        ctx = _Context(match_doc, timexes, entities, group_rules)
        tx = {t.id: t for t in ctx.timexes}
        terms = Terms(ctx)
        for unit, ev in _assemble_paragraphs(ctx, out_text, paragraphs):
            core = ctx.unblocked(unit.start, unit.core_end)
            tellings.append(Telling(ev, features(ctx, unit, ev, tx.get(ev.timex or ""), terms),
                                    (g, unit.sentence), core))
    tellings.sort(key=lambda t: (t.event.trigger_span, t.event.start))
    out = []
    for t in merge_repeats(tellings, rules.text.separators):
        t.event.confidence = confidence(replace(t.features, told=len(t.event.sources)))
        out.append(t.event)
    out.sort(key=lambda ev: (ev.trigger_span, ev.start))
    for n, ev in enumerate(out, 1):
        ev.id = f"e{n}"
    return out


def _rule_groups(text: str, rules: EventRules) -> list[tuple[EventRules, frozenset[int] | None]]:
    """The tables reading each paragraph: a paragraph written in another script than the
    language's (``paragraph_script``) is read with the tables of the language
    ``foreign_paragraphs`` names for that script ("In 2015, Acme opened its first plant."
    inside a Chinese article), the others with ``rules``. Returns ``[(rules, None)]`` (every
    paragraph) when no paragraph is foreign, else ``(tables, paragraph indices)`` pairs."""
    if not rules.text.foreign:
        return [(rules, None)]
    # a paragraph without a letter of a foreign script is read with ``rules`` (its letters counted
    # only when it has one: counting every paragraph's letters read each one character by character)
    foreign_letters = [s.letters for code, s in scripts().items()
                       if code in rules.text.foreign and code != rules.text.script.code]
    groups: dict[str, set[int]] = {}
    for i, par in enumerate(text.split("\n")):
        if not any(letters.search(par) for letters in foreign_letters):
            continue
        script = paragraph_script(par)
        lang = rules.text.foreign.get(script) if script and script != rules.text.script.code else None
        if lang is not None and load_rules(lang) is not None:
            groups.setdefault(lang, set()).add(i)
    if not groups:
        return [(rules, None)]
    foreign = set().union(*groups.values())
    own = frozenset(range(text.count("\n") + 1)) - foreign
    out: list[tuple[EventRules, frozenset[int] | None]] = [(rules, own)]
    for lang, pars in sorted(groups.items()):
        foreign_rules = load_rules(lang)
        assert foreign_rules is not None       # checked when the paragraph was grouped
        out.append((foreign_rules, frozenset(pars)))
    return out


@dataclass
class _Reading:
    """What the reading of a paragraph carries from one sentence to the next."""

    paragraph: int = -1
    last_anchor: Timex | None = None     # the date of the last dated unit ("随后": after that event)
    last_gathering: Timex | None = None  # the date of the last dated gathering ("会上": at that event)
    carry_over: Timex | None = None      # a date its sentence gave to no event
    inner: Timex | None = None           # a date told inside its clause, after the subject ("双方于2019年签订")
    topic: list[str] = field(default_factory=list)        # who the previous sentence was about
    introduced: list[str] = field(default_factory=list)   # the body the paragraph introduced as its topic
    last_patient: str | None = None      # what "对其…" points back to


_Sentence = tuple[int, int, list[tuple[int, int]], set[tuple[int, int]], list[str]]
"""(index, paragraph, clauses, the clauses of units, the topic before it) of a sentence read."""


def _assemble_paragraphs(ctx: _Context, out_text: str,
                         paragraphs: frozenset[int] | None) -> list[tuple[_Unit, Event]]:
    """The dated events of the given paragraphs (all when ``None``) read with ``ctx.rules``,
    with the unit each comes from (see the module docstring for the rules): units sentence by
    sentence, subjects from earlier units, fallback units, the case party, one event a (date,
    unit), undated units folded into the events they repeat."""
    units, sentences = _read_sentences(ctx, paragraphs)
    _subjects_from_earlier(ctx, units)
    used = {a.id for u in units if not u.habitual for a in u.anchors}
    units += _fallback_units(ctx, sentences, used)
    _prefixes_told_apart(ctx, units)
    for u in units:
        _case_party(ctx, u)
    events = _events_of_units(ctx, units, out_text)
    _fold_undated(ctx, units, events)
    _prefer_organisations(ctx, events, units)
    _listed_after(ctx, events, sentences)
    _referred_back(ctx, events, sentences)
    _continued(ctx, events, units, sentences)
    return events


def _read_sentences(ctx: _Context, paragraphs: frozenset[int] | None) -> tuple[list[_Unit], list[_Sentence]]:
    """The units of the sentences of the given paragraphs, dated and with their roles, and the
    sentences read (for the fallback)."""
    text, rules = ctx.text, ctx.rules
    st = _Reading()
    units: list[_Unit] = []
    sentences: list[_Sentence] = []
    for sidx, sent in enumerate(split_sentences(text, rules.text, ctx.sentence_inside)):
        par = ctx.paragraph(sent[0])
        if paragraphs is not None and par not in paragraphs:
            continue
        if par != st.paragraph:
            st.carry_over, st.topic, st.paragraph, st.introduced = None, [], par, []
        clauses, dateline_date = _clauses_of(ctx, sent)
        sunits = _units_of_sentence(ctx, clauses, sidx)
        in_unit = _date_clauses(ctx, st, clauses, sunits, dateline_date or st.carry_over)
        sentences.append((sidx, par, clauses, in_unit, list(st.topic)))
        prev_unit: _Unit | None = None
        for unit in sunits:
            _core_roles(ctx, unit)
            _prefix_roles(ctx, unit)
            _fill_subject(ctx, unit, prev_unit, clauses, st.topic, st.introduced)
            _attached_roles(ctx, unit)
            _pronoun_roles(ctx, unit, st.last_patient)
            _final_roles(ctx, unit)
            st.last_patient = _last_patient(unit, st.last_patient)
            prev_unit = unit
        units.extend(sunits)
        _end_sentence(ctx, st, clauses, sunits)
    return units, sentences


def _clauses_of(ctx: _Context, sent: tuple[int, int]) -> tuple[list[tuple[int, int]], Timex | None]:
    """The clauses of a sentence, page metadata opening it (``ctx.metadata_end``: ``2021年3月10日
    来源：某网 3月9日，…`` on one line; the page's date evidence, ``Document.dct_source``:
    ``（某社20250922 17:22:22）…``) and a dateline opening it left out (``本报讯（记者 林晓雨）
    3月14日上午，…``), and the date the dateline gives the lead."""
    clauses = split_clauses(ctx.text, sent, ctx.rules.text, ctx.inside, ctx.in_timex)
    byline = ctx.metadata_end(sent[0])
    if ctx.dct_span is not None and ctx.dct_span[0] <= sent[0] < ctx.dct_span[1] < sent[1]:
        byline = max(byline or 0, ctx.dct_span[1])   # "（某社20250922 17:22:22）正文…": the page's date
    if byline is not None and byline < sent[1]:
        clauses = [c for c in (trim(ctx.text, max(s, byline), e) for s, e in clauses) if c[1] > c[0]]
    dateline = ctx.dateline_end(sent)
    if dateline is None:
        return clauses, None
    dateline_date = next((t for t in reversed(ctx.timexes_in(sent[0], dateline))
                          if t.type in ("DATE", "TIME") and ctx.timex_role(t) == "anchor"), None)
    return [c for c in (trim(ctx.text, max(s, dateline), e) for s, e in clauses) if c[1] > c[0]], dateline_date


def _date_clauses(ctx: _Context, st: _Reading, clauses: list[tuple[int, int]], sunits: list[_Unit],
                  carry: Timex | None) -> set[tuple[int, int]]:
    """Date the units of a sentence clause by clause (``_anchor_unit``), ``carry`` the date
    carried into its first clause; a trigger-less clause opening with a date carries it, one
    before a unit is its prefix, one after it is attached. Returns the clauses of units."""
    by_first = {u.clauses[0]: u for u in sunits}
    in_unit = {c for u in sunits for c in u.clauses}
    current: _Unit | None = None
    pending: list[tuple[int, int]] = []
    for clause in clauses:
        carry, current = _carried_into(ctx, st, clause, carry, current)
        unit = by_first.get(clause)
        if unit is not None:
            unit.paragraph, unit.prefix, pending = st.paragraph, pending, []
            current = unit
            if carry is not None and carry is st.inner and _opens_with_name(ctx, clause[0], unit.trigger.start):
                carry = None    # "双方于2019年签订合同，甲公司提供货物": the year is the signing's alone
            if carry is not None and carry is st.last_anchor and _outcome_after_start(ctx, unit, carry):
                _date_unit(ctx, st, clauses, unit, None)   # "从1月初开始，…谈判，达成共识": not at the start
                carry = unit.anchors[-1] if unit.anchors else carry
                continue
            carry = _date_unit(ctx, st, clauses, unit, carry)
            continue
        if clause in in_unit:
            continue
        every = [(t, ctx.timex_role(t)) for t in ctx.timexes_in(*clause)]
        tx = [(t, r) for t, r in every if r in ("anchor", "set") and _opens_clause(ctx, t, clause[0])]
        if not tx:
            tx = _own_date(ctx, clause, every)
        if tx:
            # a subject and its date (甲县政府8月7日上午，于…举办…): the subject is the next unit's
            current, pending = None, [clause] if tx == _subject_and_date(ctx, clause, every) else []
            for t, r in tx:
                carry = t if r == "anchor" else None
            if carry is not None and _vague(carry):    # "日前（10月8日），": the day in brackets
                carry = most_specific(ctx, [carry, *(t for t, r in every if r == "anchor" and t.type != "SET")])
        elif current is None or ctx.is_adjunct_clause(*clause):
            pending.append(clause)
        else:
            current.attached.append(clause)
    return in_unit


def _own_date(ctx: _Context, clause: tuple[int, int], every: list[tuple[Timex, str]]) -> list[tuple[Timex, str]]:
    """The date a clause without a trigger tells after its subject and a ``forward_prepositions``
    word (``甲公司于5月4日收到乙公司发出的通知书，…``): ``[(date, "anchor")]`` (it dates the clauses
    after it like a date opening its clause), else ``[]``: a second dated clause of a sentence
    (``…5月7日晚间公告，子公司于5月4日收到…，…中标…``)."""
    r = ctx.rules
    if ctx.speaks_of_future(*clause):
        return []             # "任期将于10月20日届满，…进行改选": a plan's date reaches no later clause
    subject = _subject_and_date(ctx, clause, every)
    if subject:
        return subject
    for t, role in every:
        if role == "anchor" and t.type in ("DATE", "TIME") and \
                ending_word(ctx.text[max(clause[0], t.start - r.lookbehind):t.start], r.forward_prepositions):
            head = ctx.text[clause[0]:t.start]
            if ending_word(head, ctx.rules.false_prepositions) is None:
                return [(t, role)]
    return []


def _subject_and_date(ctx: _Context, clause: tuple[int, int],
                      every: list[tuple[Timex, str]]) -> list[tuple[Timex, str]]:
    """``[(date, "anchor")]`` when the clause is a subject's name and a date, nothing else
    (``甲县政府8月7日上午10时，于乙酒店办理招商说明会``: the opening of Taiwan's government press
    releases, the subject and its time before a comma, the place and the verb after it); else ``[]``."""
    if not every:
        return []
    t, role = every[-1]
    if role != "anchor" or t.type not in ("DATE", "TIME") or ctx.text[t.end:clause[1]].strip():
        return []
    names = ctx.mentions_in(clause[0], t.start)
    if not names or ctx.text[names[-1].end:t.start].strip() or not _opens_with_name(ctx, clause[0], t.start):
        return []
    return [(t, role)]


def _outcome_after_start(ctx: _Context, unit: _Unit, carry: Timex) -> bool:
    """True when ``carry``, a date before the unit's clauses, is where a period starts
    (``anchors.yaml: start_openers``…``start_closers``: ``从1月初开始``), it dated an earlier unit
    (the caller checks: the activity that starts then) and the unit's kind is an outcome it does
    not date (``start_not_to``: ``…进行了多轮谈判，达成共识``: the talks start then, the consensus
    comes later, undated)."""
    r, text = ctx.rules, ctx.text
    kind = r.trigger_kind.get(unit.trigger.word)
    if kind is None or kind.name not in r.start_not_to or carry.start >= unit.start:
        return False
    return bool(ending_word(text[max(0, carry.start - r.lookbehind):carry.start], r.start_openers)
                and starting_word(text[carry.end:carry.end + r.lookbehind], r.start_closers))


def _opens_with_name(ctx: _Context, start: int, end: int) -> bool:
    """True when a name opens ``text[start:end]``, maybe after a connective (``anchors.yaml:
    subject_openers``: ``但乙公司未能付款``): the clause has a subject of its own (not ``由甲公司
    进行投资``, where the name follows a preposition)."""
    names = ctx.mentions_in(start, end)
    if not names:
        return False
    at = start
    while at < end and ctx.text[at].isspace():
        at += 1
    word = starting_word_at(ctx.text, at, end, ctx.rules.subject_openers)
    return names[0].start in (at, at + len(word or ""))


def _carried_into(ctx: _Context, st: _Reading, clause: tuple[int, int], carry: Timex | None,
                  current: _Unit | None) -> tuple[Timex | None, _Unit | None]:
    """The date carried into ``clause`` and the unit it may attach to: an enumeration item
    (``一是…；二是…``) stops both, a clause speaking of the future stops a past date, a clause
    placed at the event told last (``会上，…``) takes that event's date."""
    text, rules = ctx.text, ctx.rules
    if starting_word_at(text, clause[0], clause[1], rules.carry_breakers):
        carry = current = None          # "一是…；二是…": a new item of an enumeration
    if carry is not None and ctx.speaks_of_future(*clause) and ctx.is_past(carry):
        carry = None                    # "下一步，甲镇将…": a past date does not reach it
    if carry is None and st.last_anchor is not None:
        words = text[clause[0]:clause[1]]
        if _event_anaphor(words, rules):
            carry = st.last_anchor      # "随后，…": at the event told last
            if st.last_gathering is not None and _event_anaphor(words, rules, rules.gathering_anaphora):
                carry = st.last_gathering   # "会上，…": at the gathering told last
    return carry, current


def _date_unit(ctx: _Context, st: _Reading, clauses: list[tuple[int, int]], unit: _Unit,
               carry: Timex | None) -> Timex | None:
    """Date ``unit`` (``_anchor_unit``, a date carried from the previous sentence being weak, a
    later date of the sentence after a forward preposition); returns the date carried on."""
    forward = _forward_date(ctx, clauses, unit)
    carry = _anchor_unit(ctx, unit, carry, weak=carry is not None and carry is st.carry_over,
                         forward=forward[0] if forward else None)
    if forward and unit.anchors and unit.anchors[-1] is forward[0]:
        unit.reach = forward[0].end
    if unit.anchors and not unit.habitual:
        st.last_anchor = unit.anchors[-1]
        own = unit.anchors[-1]
        at = next((c for c, e in unit.clauses if c <= own.start < e), None)
        st.inner = own if at is not None and own.end <= unit.trigger.start and not _opens_clause(ctx, own, at) \
            else None
        kind = ctx.rules.trigger_kind.get(unit.trigger.word)
        if kind is not None and kind.name in ctx.rules.gathering_kinds and unit.anchors[-1].start >= clauses[0][0]:
            st.last_gathering = unit.anchors[-1]   # a gathering dated in its own sentence
    return carry


def _end_sentence(ctx: _Context, st: _Reading, clauses: list[tuple[int, int]], sunits: list[_Unit]) -> None:
    """What a sentence passes on: its last opening date when it dated no unit, who it is about
    (``_topic``), the body it introduces as the paragraph's topic (``_introduced``)."""
    dating = [t for c in clauses for t in ctx.timexes_in(*c)
              if ctx.timex_role(t) == "anchor" and _opens_clause(ctx, t, c[0])]
    st.carry_over = dating[-1] if dating and not any(u.anchors for u in sunits) else None
    if not dating and not any(u.anchors for u in sunits):
        st.carry_over = stated_day(ctx, clauses)   # "今天是9月5日。…筹募会在拉萨举行。"
    new_topic = _topic(ctx, sunits, clauses)
    st.topic = st.topic if new_topic is None else new_topic
    intro = _introduced(ctx, clauses)
    if intro is not None:
        st.topic = st.introduced = [intro]


def _events_of_units(ctx: _Context, units: list[_Unit], out_text: str) -> list[tuple[_Unit, Event]]:
    """One event a (date, dated unit), and one only a (date, trigger word): the same verb again on
    the same date is folded into the first as a mention. Text is read from ``out_text``."""
    doc_id, rules = ctx.doc.id, ctx.rules
    exclude = ctx.blocked                 # time expressions and names: no amount
    events: list[tuple[_Unit, Event]] = []
    seen: dict[tuple[str, str], Event] = {}
    kind_of: dict[str, list[tuple[_Unit, Event]]] = {}     # anchor id -> the events it dates so far
    by_day: dict[str, list[Event]] = {}                     # day -> the events dated on it so far
    named: dict[str, list[tuple[Event, str, tuple[int, int]]]] = {}   # day -> its gatherings (name's end, clause)
    opening: dict[int, int] = {}                            # sentence -> where its first unit starts
    for u in units:
        opening[u.sentence] = min(opening.get(u.sentence, u.start), u.start, *(s for s, _ in u.prefix))
    for u in units:
        if u.habitual or not u.anchors or ctx.is_metadata(u.trigger.start):
            continue              # a habit, an undated unit, a byline ("发布时间：… 发布人：…")
        kind = rules.kind_of(u.trigger.word)
        if kind is not None:
            kname = kind.name
        else:
            assert u.trigger.causative is not None     # only a causative verb has no kind of its own
            kname = u.trigger.causative.kind
        title = _title(ctx, u, out_text)
        amounts = []
        for s, e in u.clauses + u.attached:
            amounts += find_amounts(ctx.text, s, e, rules, exclude)
        for a in u.anchors:
            start, end = min(a.start, u.start, *(s for s, _ in u.prefix)), max(u.end, u.reach)
            twin = seen.get((a.id, u.trigger.word))
            if twin is not None:      # one event per (date, trigger): the same verb again
                _fold(twin, u, doc_id)
                continue
            dated = kind_of.get(a.id, [])
            host = (_joined_host(ctx, u, a, dated)
                    or _gathering_of(ctx, u, a, dated, opening[u.sentence])
                    or _same_day_host(ctx, u, a, by_day)
                    or _named_gathering(ctx, u, a, kname, named)
                    or _trip_of(ctx, u, a, dated, kname)
                    or _restated(ctx, u, a, dated, kname, bool(amounts)))
            if host is not None:      # "X月X日，A召开大会，B出席会议": the attendance is the meeting's
                _fold(host, u, doc_id)
                kind_of.setdefault(a.id, []).append((u, host))   # a later clause of its sentence may restate it
                seen.setdefault((a.id, u.trigger.word), host)    # and the same verb again is a mention too
                continue
            ev = Event(
                id="", doc=doc_id, timex=a.id, date=_dated(ctx, a, u.finish.get(a.id)),
                trigger=out_text[u.trigger.start:u.trigger.end], title=title, start=start, end=end,
                participants=[Participant(ent, role) for ent, role in u.roles.items()],
                kind=kname, trigger_span=(u.trigger.start, u.trigger.end),
                amounts=[dict(x, text=out_text[x["start"]:x["end"]]) for x in amounts], mentions=[],
                sentence=out_text[start:end], sources=[{"start": start, "end": end, "timex": a.id}],
            )
            seen[(a.id, u.trigger.word)] = ev
            kind_of.setdefault(a.id, []).append((u, ev))
            by_day.setdefault(_day(ev), []).append(ev)
            if kname in rules.gathering_kinds and (key := _gathering_name(ctx, u)) is not None:
                clause = next(((s, e) for s, e in u.clauses if s <= u.trigger.start < e), u.clauses[0])
                named.setdefault(_day(ev), []).append((ev, key, clause))
            events.append((u, ev))
    return events


def _joined_host(ctx: _Context, unit: _Unit, anchor: Timex, dated: list[tuple[_Unit, Event]]) -> Event | None:
    """The event of the same date that ``unit`` is part of: the unit's kind ``attends`` and
    ``joins`` the event's kind, and its date is carried from before its own clauses, in its
    sentence or, for a kind of ``anchors.yaml: gathering_steps`` with no aspect marker after its
    verb, to a later sentence placed at the event (``3月5日，甲县召开大会，乙出席会议``; ``…举行签约
    仪式。仪式上，乙致辞``: the attendance, the speech are the meeting's; ``会上，表彰了…``: an act of
    its own); else ``None``."""
    rules = ctx.rules
    kind = rules.trigger_kind.get(unit.trigger.word)
    if kind is None or not kind.attends or not kind.joins or unit.start <= anchor.start < unit.core_end:
        return None
    told = starting_word_at(ctx.text, unit.trigger.end, unit.trigger.end + 4, rules.aspect_markers)
    later = not told and kind.name in rules.gathering_steps
    return next((ev for v, ev in dated if (v.sentence == unit.sentence or later and v.sentence < unit.sentence)
                 and ev.kind in kind.joins), None)


def _trip_of(ctx: _Context, unit: _Unit, anchor: Timex, dated: list[tuple[_Unit, Event]], kind: str) -> Event | None:
    """The visit that a gathering of ``unit`` is held on: the unit's ``kind`` is one of
    ``anchors.yaml: trip_gatherings``, its date is carried from before its own clauses (in its
    sentence, or by an event anaphor: ``5月8日，甲一行到乙区调研。随后在区管委会召开了座谈会``) and the
    last event of that date is of one of ``trip_kinds``; else ``None``."""
    r = ctx.rules
    if kind not in r.trip_gatherings or not dated or unit.start <= anchor.start < unit.core_end:
        return None
    last = dated[-1][1]
    return last if last.kind in r.trip_kinds else None


def _gathering_name(ctx: _Context, unit: _Unit) -> str | None:
    """The end of the name of the gathering that ``unit`` holds (``anchors.yaml:
    gathering_heads``): the last such word of its trigger's clause with the two characters before
    it (``甲项目奠基仪式隆重举行``: ``奠基仪式``; ``举行…集中开工竣工活动``: ``竣工活动``); else ``None``."""
    heads = ctx.rules.gathering_heads
    if not heads:
        return None
    cs, ce = next(((s, e) for s, e in unit.clauses if s <= unit.trigger.start < e), unit.clauses[0])
    text = ctx.text
    best: tuple[int, int] | None = None
    for h in heads:     # the word ending last; of two ending there, the longer ("座谈会" over "会")
        i = text.rfind(h, cs, ce)
        if i - 2 >= cs and (best is None or i + len(h) > best[1] or (i + len(h) == best[1] and i < best[0])):
            best = (i, i + len(h))
    if best is None:
        return None
    key = text[best[0] - 2:best[1]]
    seps = ctx.rules.text.separators
    return None if any(ch.isspace() or ch in seps for ch in key) else key


_NAMED_REACH = 3
"""How many of the gatherings told last on a day a later step of that day is compared with."""


def _named_gathering(ctx: _Context, unit: _Unit, anchor: Timex, kind: str,
                     named: dict[str, list[tuple[Event, str, tuple[int, int]]]]) -> Event | None:
    """The gathering told before on the day of ``anchor`` (one of the last ``_NAMED_REACH``) that
    ``unit``, of another kind than ``anchors.yaml: gathering_kinds``, names again in its clauses
    (``named``: day -> each gathering's event, the end of its name, ``_gathering_name``, and its
    clause): ``9月16日，甲项目奠基仪式隆重举行。10点18分，乙宣布奠基仪式正式开始``: a step of the
    ceremony, not a happening of its own; else ``None``. A verb written in the gathering's clause
    as part of its name (``…举行…集中开工竣工活动。上午9点18分，集中开工竣工活动正式开始``: the
    gathering at its opening hour) makes no step."""
    if kind in ctx.rules.gathering_kinds:
        return None           # "…开工暨签约仪式举行。11时，集中签约仪式在乙园举行": a gathering of its own
    day = str(anchor.value or "")[:10]
    if len(day) < 10:
        return None
    text, trig = ctx.text, unit.trigger
    for ev, key, (cs, ce) in reversed(named.get(day, [])[-_NAMED_REACH:]):
        i = text.find(key, unit.start, unit.core_end)
        if i >= 0 and not (trig.start < i and text.find(text[trig.start:i + len(key)], cs, ce) >= 0):
            return ev
    return None


def _gathering_of(ctx: _Context, unit: _Unit, anchor: Timex, dated: list[tuple[_Unit, Event]],
                  opening: int) -> Event | None:
    """The gathering of the same sentence and date whose content or aim ``unit`` tells
    (``anchors.yaml: gathering_content``: ``3月5日，甲县召开推进会，制定推进措施``): the unit's kind
    is one of those kinds, its date is carried from before its own clauses, no aspect marker
    follows the verb (``…召开大会，选举产生了理事会`` stays an event) and no name stands between the
    gathering's clauses and its verb (its subject is the gathering's: ``…签订合同，约定：乙公司按月
    供货`` is not); the first earlier event of the sentence of a ``gathering_kinds`` kind, else ``None``.
    A sentence placed at the gathering (``opening``: where the sentence's first unit starts, on a
    ``gathering_anaphora`` phrase: ``会上，企业代表与银行负责人交流``) tells its content whoever its
    subject: the first event of that date of a ``gathering_kinds`` kind."""
    rules, trig = ctx.rules, unit.trigger
    kind = rules.trigger_kind.get(trig.word)
    if kind is None or kind.name not in rules.gathering_content or unit.start <= anchor.start < unit.core_end:
        return None
    if starting_word_at(ctx.text, trig.end, trig.end + 4, rules.aspect_markers):
        return None
    if _event_anaphor(ctx.text[opening:unit.core_end], rules, rules.gathering_anaphora):
        at = next((ev for v, ev in dated if v.sentence < unit.sentence and ev.kind in rules.gathering_kinds), None)
        if at is not None:
            return at
    cs = next((s for s, e in unit.clauses if s <= trig.start < e), unit.start)
    host = next(((v, ev) for v, ev in dated if v.sentence == unit.sentence and v.core_end <= cs
                 and ev.kind in rules.gathering_kinds), None)
    if host is None or ctx.mentions_in(host[0].core_end, trig.start) and not _opens_with_marker(ctx, cs, trig.start):
        return None          # a name after the gathering's clauses: another subject, another happening
    return host[1]           # (not a partner: "…召开座谈会，与甲集团、乙公司负责人进行了交流")


def _opens_with_marker(ctx: _Context, start: int, end: int) -> bool:
    """True when ``text[start:end]`` opens, a leading connective and white space aside, with a
    marker word of ``roles.yaml: markers`` (``与甲集团…进行交流``, ``并与…``): the names after it
    are no subject."""
    r = ctx.rules
    words = ctx.text[start:end].strip().strip(r.text.separator_chars).strip()
    c = starting_word(words, r.leading_connectives)
    if c is not None and words.startswith(c):
        words = words[len(c):]
    return starting_word(words, r.marker_words) is not None


def _restated(ctx: _Context, unit: _Unit, anchor: Timex, dated: list[tuple[_Unit, Event]],
              kind: str, figures: bool) -> Event | None:
    """The earlier event of the same sentence and date that ``unit`` restates, continues or ends,
    the unit's date carried from before its own clauses; else ``None``:

    * one whose trigger word the unit's clause repeats before its own verb (``组织银企现场签约，900
      家企业与银行签约授信``: one signing);
    * any one when the unit's clause opens with a purpose word (``anchors.yaml: purpose_openers``:
      ``…达成协议，为企业纾困解难``; not one of ``not_purpose``: ``为期三天的展会…``, nor one with
      ``figures`` of its own: ``…推出商会贷，为会员企业提供最高500万元的贷款``);
    * one of the same kind, or of a kind the unit's kind may end (``anchors.yaml: outcomes``:
      ``…调解纠纷，双方最终达成协议``), when no name stands between its clauses and the unit's verb,
      no aspect marker follows that verb and the unit has no ``figures`` of its own
      (``二审裁定驳回上诉，维持原裁定``: one ruling; ``…走访甲协会，参观考察了乙公司``: two visits;
      ``共受理案件3862件，诉前调解化解纠纷1247件``: two tallies).

    An event whose verb a ``pending_markers`` word follows (``某会召开在即``) has not happened: no
    unit restates it."""
    if unit.start <= anchor.start < unit.core_end:
        return None
    rules, trig = ctx.rules, unit.trigger
    same = [(v, ev) for v, ev in dated if v.sentence == unit.sentence and v.core_end <= trig.start
            and not starting_word_at(ctx.text, v.trigger.end, v.trigger.end + 4, rules.pending_markers)]
    if not same:
        return None
    cs = next((s for s, e in unit.clauses if s <= trig.start < e), unit.start)
    told = starting_word_at(ctx.text, trig.end, trig.end + 4, rules.aspect_markers)
    if starting_word_at(ctx.text, cs, trig.start, rules.purpose_openers) and not figures \
            and not starting_word_at(ctx.text, cs, trig.start, rules.not_purpose):
        return same[-1][1]
    for v, ev in same:
        if v.trigger.word != trig.word and v.trigger.word in ctx.text[cs:trig.start]:
            return ev
        if v.trigger.word != trig.word and _named_in(ctx, v, trig.word):
            return ev         # "…集中开工暨签约仪式在乙城举行，27个项目集中开工": the ceremony's act
        if trig.word in rules.hosting_verbs and _in_name(ctx, v):
            return ev         # "…集中开竣工暨…开工仪式，在乙园区举行": the ceremony named before
        if (ev.kind == kind or ev.kind in rules.outcomes.get(kind, ())) and not told and not figures \
                and not ctx.mentions_in(v.core_end, trig.start):
            return ev
    return None


def _in_name(ctx: _Context, unit: _Unit) -> bool:
    """True when the verb of ``unit`` stands in the name of a gathering: a word of ``anchors.yaml:
    activity_heads`` ends the verb's clause (``…重大项目集中开竣工暨乙项目开工仪式，``), so a hosting
    verb after it (``在丙园区举行``) tells that gathering again."""
    r, text = ctx.rules, ctx.text
    ce = next((e for s, e in unit.clauses if s <= unit.trigger.start < e), unit.end)
    tail = text[unit.trigger.end:ce].rstrip().rstrip("".join(r.text.separator_chars)).rstrip()
    return bool(ending_word(tail, r.activity_heads))


def _same_day_host(ctx: _Context, unit: _Unit, anchor: Timex, by_day: dict[str, list[Event]]) -> Event | None:
    """The event an attendance dated by an anaphoric day (``anchors.yaml: event_anaphora``:
    ``当天，…共9人出庭``) is part of: the last event dated on that day of a kind the attendance
    ``joins`` (``4月28日，甲案开庭。…当天，…出庭``: one hearing); else ``None``; not one told with an
    aspect marker after its verb (``同日，县工商联还表彰了…``: an act of its own)."""
    kind = ctx.rules.trigger_kind.get(unit.trigger.word)
    if kind is None or not kind.attends or not kind.joins or anchor.text not in ctx.rules.event_anaphora:
        return None
    if starting_word_at(ctx.text, unit.trigger.end, unit.trigger.end + 4, ctx.rules.aspect_markers):
        return None           # "同日，县工商联还表彰了…": an act told as done, an event of its own
    day = str(anchor.value or "")[:10]
    return next((ev for ev in reversed(by_day.get(day, [])) if ev.kind in kind.joins), None)


def _day(ev: Event) -> str:
    """The day of an event's date value (``2009-04-28`` of ``2009-04-28T15:00``)."""
    return str((ev.date or {}).get("value") or "")[:10]


def _fold_undated(ctx: _Context, units: list[_Unit], events: list[tuple[_Unit, Event]]) -> None:
    """Undated units repeating a dated event (same kind, a shared patient: the nearest such
    event), or attending one told in the previous sentence of the paragraph (``joins``), are
    folded into it (``_fold``). The events are indexed once (by kind and patient, by sentence):
    each unit looks its candidates up instead of reading every event (quadratic in a long text)."""
    by_patient: dict[tuple[str, str], list[tuple[int, int]]] = {}   # (kind, patient) -> (trigger start, index)
    by_sentence: dict[tuple[int, int], list[int]] = {}              # (paragraph, sentence) -> indices

    def index_patients(i: int, ev: Event, only: set[str] | None = None) -> None:
        for p in ev.participants if ev.kind is not None else ():
            if p.role == "patient" and (only is None or p.entity in only):
                insort(by_patient.setdefault((ev.kind or "", p.entity), []), (_trigger_start(ev), i))

    for i, (v, ev) in enumerate(events):
        index_patients(i, ev)
        by_sentence.setdefault((v.paragraph, v.sentence), []).append(i)
    for u in units:
        if u.anchors or u.habitual:
            continue
        kind = ctx.rules.trigger_kind.get(u.trigger.word)
        if kind is None:
            continue
        patients = {e for e, r in u.roles.items() if r == "patient"}
        best = None
        for pat in patients:
            near = _nearest(by_patient.get((kind.name, pat), []), u.trigger.start)
            if near is not None and (best is None or near < best):
                best = near
        target = best[2] if best is not None else next(
            (i for i in by_sentence.get((u.paragraph, u.sentence - 1), []) if events[i][1].kind in kind.joins),
            None) if kind.joins else None
        if target is None:
            continue
        ev = events[target][1]
        had = {p.entity for p in ev.participants if p.role == "patient"}
        _fold(ev, u, ctx.doc.id)       # a patient it gains makes it a candidate for later units
        index_patients(target, ev, {p.entity for p in ev.participants if p.role == "patient"} - had)


def _nearest(entries: list[tuple[int, int]], start: int) -> tuple[int, int, int] | None:
    """Of ``(trigger start, event index)`` entries sorted, the one nearest ``start`` as ``(distance,
    trigger start, index)``: ties to the earlier trigger, then to the earlier event."""
    if not entries:
        return None
    i = bisect_left(entries, (start, -1))
    out = []
    if i < len(entries):
        out.append((entries[i][0] - start, entries[i][0], entries[i][1]))
    if i > 0:
        j = bisect_left(entries, (entries[i - 1][0], -1))    # the first event at that trigger start
        out.append((start - entries[j][0], entries[j][0], entries[j][1]))
    return min(out)


def _trigger_start(ev: Event) -> int:
    """Where the trigger of an event made here starts (each has its ``trigger_span``)."""
    assert ev.trigger_span is not None
    return ev.trigger_span[0]


def _fold(ev: Event, unit: _Unit, doc_id: str) -> None:
    """Record ``unit`` as another mention of ``ev``: its span and its new participants."""
    s = min([unit.start, *(cs for cs, _ in unit.prefix)])
    if not (ev.start <= s and unit.end <= ev.end):
        ev.mentions.append({"doc": doc_id, "start": s, "end": unit.end})
    have = {p.entity for p in ev.participants}
    ev.participants += [Participant(e, r) for e, r in unit.roles.items() if e not in have]
