"""Participants: the role each entity takes in a unit, and who a unit without a subject is about."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from ..model import Event, Participant
from ..text.words import alternation, ending_word, starting_word, starting_word_at, word_bounded
from .context import _Context, holding
from .parts import _Mention, _Trigger, _Unit
from .tables import Causative, Kind


def _titled_by(ctx: _Context, org: _Mention, per: _Mention) -> bool:
    """True when ``per`` is a person whose title runs from the organisation ``org`` before it
    (``甲公司董事长乙``: one of the person's titles ends with the text between them)."""
    if per.type != "PER" or org.type != "ORG" or org.end >= per.start:
        return False
    gap = ctx.text[org.end:per.start].strip()
    titles = ctx.entities[per.entity].attributes.get("titles") or () if per.entity in ctx.entities else ()
    return bool(gap) and any(isinstance(t, str) and t.endswith(gap) for t in titles)


def _coordinated(ctx: _Context, end: int, start: int) -> bool:
    """True when the text between two names joins them in one list: a coordinator
    (``A、B``, ``A和B``), or list members the entity stage did not name between two
    coordinators (``A、乙公司、C``: C is listed with A) without a marker word among them."""
    r = ctx.rules
    gap = ctx.text[end:start].strip()
    if gap in r.coordinators:
        return True
    if not gap or ctx.inside[end] or any(ch in r.text.separators for ch in gap):
        return False
    first, last = starting_word(gap, r.coordinators), ending_word(gap, r.coordinators)
    if not first or not last or len(first) + len(last) >= len(gap):
        return False
    inner = gap[len(first):len(gap) - len(last)]
    return not any(starting_word(inner[i:], r.marker_words) for i in range(len(inner))) and \
        not r.trigger_re.search(inner)


def _modifies_next(mentions: list[_Mention], k: int) -> bool:
    """True when mention ``k`` is written right before the next one (``甲省乙市``: a place
    locating the next name)."""
    return k + 1 < len(mentions) and mentions[k + 1].start == mentions[k].end


def _marker_role(ctx: _Context, m: _Mention, floor: int) -> str | None:
    pre = ctx.text[floor:m.start].rstrip()
    title = ending_word(pre, ctx.rules.honorifics)
    if title:
        pre = pre[: len(pre) - len(title)]
    word = ending_word(pre, ctx.rules.marker_words)
    return ctx.rules.marker_role[word] if word else None


def _core_roles(ctx: _Context, unit: _Unit) -> None:
    """Roles of the entities in the unit's own clauses; records its subjects and organisers."""
    r = ctx.rules
    trig = unit.trigger
    kind = r.kind_of(trig.word)
    caus = unit.causative.causative if unit.causative else trig.causative
    caus_span = unit.causative if unit.causative else (trig if trig.causative else None)
    framed = holding((fs, fe, True) for cs, ce in unit.clauses for fs, fe in ctx.topic_frames(cs, ce))
    adjunct_role = holding(f[:3] for cs, ce in unit.clauses for f in ctx.adjunct_frames(cs, ce))
    prev: tuple[_Mention, str] | None = None
    floor = unit.start
    subject_only: list[str] = []     # entities placed as the plain subject of the verb
    has_object = False
    mentions = ctx.mentions_in(unit.start, unit.core_end)
    chain_role: str | None = None
    for k, m in enumerate(mentions):
        if m.start in framed:
            unit.roles.setdefault(m.entity, "mentioned")
            prev, floor = None, m.end
            continue
        adj = adjunct_role.get(m.start)
        if adj is not None:
            unit.roles.setdefault(m.entity, adj)
            if adj == "organiser" and m.entity not in unit.organisers:
                unit.organisers.append(m.entity)
            prev, floor = (m, adj), m.end
            continue
        role, chain_role = _written_role(ctx, unit, mentions, k, prev, floor, chain_role)
        if role == "location" and m.type == "ORG" and kind is not None and kind.venue is not None:
            role = kind.venue     # "在甲市人民法院开庭审理": the court hears in its own building
        positional = role is None
        if role is None:
            role, place = _positional_role(ctx, unit, m, kind, caus, caus_span)
            if place == "passive":
                positional = False
            elif place == "subject":
                subject_only.append(m.entity)
            elif place == "object":
                has_object = True
        if role == "organiser":
            if m.entity not in unit.organisers:
                unit.organisers.append(m.entity)
        elif ((positional and m.end <= trig.start) or role == "agent") and m.entity not in unit.subjects:
            unit.subjects.append(m.entity)
        unit.roles.setdefault(m.entity, role)
        prev = (m, role)
        floor = m.end
    _places_naming_nouns(ctx, unit, mentions, unit.clauses)
    clause_end = next(e for s, e in unit.clauses if s <= trig.start < e)
    rest = ctx.text[trig.end:clause_end]
    intransitive = not rest.strip() or starting_word(rest, r.prepositions)
    if kind is not None and kind.alone and intransitive and not has_object and caus is None:
        for ent in subject_only:      # "甲商会成立于2014年": the subject is what was founded
            unit.roles[ent] = kind.alone


def _places_naming_nouns(ctx: _Context, unit: _Unit, mentions: list[_Mention],
                         clauses: list[tuple[int, int]]) -> None:
    """Places that only say where a thing is from take the role ``location``, not the party's: a
    place (or a list of places, ``A、B及C``) followed by the words of a noun rather than by the
    verb, a marker word, a time expression, another name or the end of the clause
    (``日本、泰国三个地面站10月底即可覆盖``, ``对美国产业造成损害``, ``江苏省5家企业``; not
    ``丙区举行``, ``丁县与戊公司签订``, ``帮扶丁乡``). Countries and regions act only as the
    subject or the object of a verb. ``mentions``: those of ``clauses`` (the unit's, or a
    trigger-less clause before it), in order."""
    r, text, trig = ctx.rules, ctx.text, unit.trigger
    members: list[_Mention] = []
    for k, m in enumerate(mentions):
        if m.type != "LOC" or trig.start <= m.start < trig.end:
            members = []
            continue
        members.append(m)
        if k + 1 < len(mentions) and _coordinated(ctx, m.end, mentions[k + 1].start) \
                and mentions[k + 1].type == "LOC":
            continue              # the list goes on: its last member decides
        clause_end = next((e for cs, e in clauses if cs <= m.start < e), clauses[-1][1])
        nxt = mentions[k + 1].start if k + 1 < len(mentions) else clause_end
        stop = min(nxt, clause_end, trig.start if m.end <= trig.start else clause_end)
        words = text[m.end:stop]
        stripped = _strip_fillers(ctx, words)
        j = stop - len(stripped)
        acts = not stripped or j in ctx.timex_starts or stripped[0] in r.text.clause_end \
            or any(starting_word(w, r.role_words)
                   for w in (words, stripped)) or r.trigger_re.match(stripped)
        if not acts:
            for x in members:
                if unit.roles.get(x.entity) not in ("mentioned",):
                    unit.roles[x.entity] = "location"
                if x.entity in unit.subjects:
                    unit.subjects.remove(x.entity)
        members = []


def _written_role(ctx: _Context, unit: _Unit, mentions: list[_Mention], k: int, prev: tuple[_Mention, str] | None,
                  floor: int, chain_role: str | None) -> tuple[str | None, str | None]:
    """The role mention ``k`` takes from what is written around it (a marker word, a verb of
    perception it complements, a list or a title joining it to the previous name, a chain of
    places), else ``None``; and the role the next place of a chain keeps."""
    m, trig = mentions[k], unit.trigger
    role = _marker_role(ctx, m, floor)
    if role is None and _complement_of(ctx, m):
        role = ctx.rules.case_role      # "检查发现X…", "举报X…": X undergoes the event
    if role is None and prev is not None and (
            _coordinated(ctx, prev[0].end, m.start) or _titled_by(ctx, prev[0], m)):
        role = prev[1]
    in_chain = prev is not None and prev[0].end == m.start and prev[0].type == "LOC"
    if in_chain and role is None:
        role = chain_role       # the last place of "赴甲省乙市" keeps the role of the first
    if m.type == "LOC" and _modifies_next(mentions, k):
        chain_role = role if not in_chain else chain_role
        role = "location"     # "甲省乙市丙区举行": the places before the last only locate it
    else:
        chain_role = None
    if role is None and m.type == "LOC" and m.start >= trig.end:
        role = "location"     # a place after the verb without a marker: where it happened
    return role, chain_role


def _positional_role(ctx: _Context, unit: _Unit, m: _Mention, kind: Kind | None, caus: Causative | None,
                     caus_span: _Trigger | None) -> tuple[str, str]:
    """The role a name takes by its place around the trigger (or the causative verb), and that
    place: ``subject`` (the plain subject of the verb), ``passive`` (the subject of a passive
    verb: ``甲公司被立案调查``), ``object`` (after the verb), ``other`` (around a causative)."""
    trig = unit.trigger
    if caus_span is trig and caus is not None:        # the trigger is the causative verb itself
        return (caus.between, "object") if m.end > trig.start else (caus.before, "other")
    assert kind is not None     # a trigger that is no causative has a kind (the fallback's at least)
    if m.end > trig.start:
        return kind.after, "object"
    if caus_span is not None and caus is not None:
        return (caus.between if m.start >= caus_span.end else caus.before), "other"
    if _passive_between(ctx, m.end, trig.start):
        return kind.passive, "passive"   # "甲公司被立案调查": the subject undergoes the event
    return kind.before, "subject"


def _complement_of(ctx: _Context, m: _Mention) -> bool:
    """True when the mention is the complement of a verb of perception or report
    (``roles.yaml: complement_markers``: ``检查发现X``, ``发现，X…``, ``举报X``): the marker stands
    right before it, clause separators and white space aside, outside any name."""
    r = ctx.rules
    if not r.complement_markers:
        return False
    j = m.start
    while j > 0 and (ctx.text[j - 1].isspace() or ctx.text[j - 1] in r.text.clause_end):
        j -= 1
    w = ending_word(ctx.text[max(0, j - 8):j], r.complement_markers)
    return w is not None and not any(ctx.blocked[j - len(w):j])


def _pronoun_roles(ctx: _Context, unit: _Unit, last_patient: str | None) -> None:
    """An object pronoun after a marker word (``roles.yaml: object_pronouns``: ``对其作出…``)
    stands for the party of the case section, else ``last_patient`` (the last patient named
    before); it takes the marker's role."""
    r = ctx.rules
    if not r.object_pronouns:
        return
    ref = ctx.section_party(unit.trigger.start) or last_patient
    if ref is None:
        return
    for s, e in [*unit.clauses, *unit.attached]:
        for m in re.finditer(alternation(r.object_pronouns), ctx.text[s:e]):
            i = s + m.start()
            if ctx.blocked[i] or ctx.inside[i]:
                continue
            word = ending_word(ctx.text[max(s, i - r.lookbehind):i], r.marker_words)
            if word is None:
                continue
            role = r.marker_role[word]
            if unit.roles.get(ref) in (None, "mentioned"):
                unit.roles[ref] = role


def _last_patient(unit: _Unit, current: str | None) -> str | None:
    """The last patient of ``unit``, else ``current``."""
    patients = [e for e, role in unit.roles.items() if role == "patient"]
    return patients[-1] if patients else current


def _case_party(ctx: _Context, unit: _Unit) -> None:
    """The party of the case section holding the unit (``roles.yaml: case_sections``) takes
    part in it (``case_sections.role``) unless it already does in another role than
    ``mentioned``."""
    party = ctx.section_party(unit.trigger.start)
    if party is not None and unit.roles.get(party) in (None, "mentioned"):
        unit.roles[party] = ctx.rules.case_role


def _introduced(ctx: _Context, clauses: list[tuple[int, int]]) -> str | None:
    """The body a sentence introduces as the topic of its paragraph (``roles.yaml:
    topic_introductions``: ``甲公司就是受益者之一``, ``以甲公司为例``), else ``None``."""
    r = ctx.rules
    if not r.topic_intros or not clauses:
        return None
    start, end = clauses[0][0], clauses[-1][1]
    for m in ctx.mentions_in(start, end):
        if m.type not in ("ORG", "PER"):
            continue
        before = None             # the text before the name: made only when a rule's after matches
        for _, b, a in r.topic_intros:   # (the after is short; making the before for every name of
            if not a.match(ctx.text, m.end, end):   # a long sentence was quadratic)
                continue
            if before is None:
                before = ctx.text[start:m.start]
                for t in ctx.timexes_in(start, m.start):
                    before = before.replace(t.text, "")
                before = before.strip().lstrip("".join(r.text.clause_end)).strip()
            if b.fullmatch(before):
                return m.entity
    return None


def _pronoun_subject(ctx: _Context, unit: _Unit) -> bool:
    """True when the unit's subject is a ``topic_pronouns`` word (``我们上月底完成了…``): the
    words of its clause before the verb, time expressions and fillers aside, open with one."""
    r = ctx.rules
    if not r.topic_pronouns:
        return False
    trig = unit.trigger
    cs = next((s for s, e in unit.clauses if s <= trig.start < e), unit.start)
    names = ctx.mentions_in(cs, trig.start)
    end = names[0].start if names else trig.start       # "我们与丁大学签订": the words before a name
    words = ctx.text[cs:end]
    for t in ctx.timexes_in(cs, end):
        words = words.replace(t.text, "")
    folded = words.casefold()     # what the fillers leave is part of the words: none there, none left
    if not any(p.casefold() in folded for p in r.topic_pronouns):
        return False
    words = _strip_fillers(ctx, words)
    return starting_word(words, r.topic_pronouns) is not None


def _pair_referents(ctx: _Context, unit: _Unit) -> tuple[str, ...]:
    """The two organisations a ``pair_pronouns`` subject (``双方签署…``) refers to: the last two
    joined by one of ``pair_joiners`` (``甲公司与乙公司``), and by nothing to a third, before the
    unit's clause in its paragraph; ``()`` when the subject is no such word or no pair is found."""
    r = ctx.rules
    if not r.pair_pronouns:
        return ()
    trig = unit.trigger
    cs = next((s for s, e in unit.clauses if s <= trig.start < e), unit.start)
    if ctx.mentions_in(cs, trig.start):
        return ()
    words = ctx.text[cs:trig.start]
    for t in ctx.timexes_in(cs, trig.start):
        words = words.replace(t.text, "")
    if starting_word(_strip_fillers(ctx, words), r.pair_pronouns) is None:
        return ()
    para = ctx.text.rfind("\n", 0, cs) + 1
    before = [m for m in ctx.mentions_in(para, cs) if m.type == "ORG"]

    def joined(i: int) -> bool:               # before[i] and before[i + 1] are joined
        return 0 <= i < len(before) - 1 and \
            ctx.text[before[i].end:before[i + 1].start].strip() in (*r.pair_joiners, *r.pair_list_marks)

    for i in range(len(before) - 2, -1, -1):
        a, b = before[i], before[i + 1]
        if a.entity != b.entity and ctx.text[a.end:b.start].strip() in r.pair_joiners \
                and not joined(i - 1) and not joined(i + 1):
            return (a.entity, b.entity)
    return ()


def _passive_between(ctx: _Context, start: int, end: int) -> bool:
    """True when a passive marker (``roles.yaml: passive_markers``) stands in ``text[start:end]``
    outside names and time expressions (``甲公司因…被立案``)."""
    for w in ctx.rules.passive_markers:
        i = ctx.text.find(w, start, end)
        while i >= 0:
            if not any(ctx.blocked[i:i + len(w)]) and word_bounded(ctx.text, i, i + len(w)):
                return True
            i = ctx.text.find(w, i + 1, end)
    return False


def _subject_role(ctx: _Context, unit: _Unit) -> str:
    caus = unit.causative.causative if unit.causative else unit.trigger.causative
    kind = ctx.rules.kind_of(unit.trigger.word)
    return caus.before if caus else (kind.before if kind else "agent")


def _opening_entity(ctx: _Context, start: int, end: int) -> str | None:
    """The entity opening the clause ``text[start:end]`` (the last of places written together,
    ``甲省乙县``: ``乙县``), if it is an organisation, a person or a place."""
    ms = ctx.mentions_in(start, end)
    if not ms or ms[0].start != start:
        return None
    k = 0
    while ms[k].type == "LOC" and _modifies_next(ms, k):
        k += 1
    return ms[k].entity if ms[k].type in ("ORG", "PER", "LOC") else None


def _prefix_roles(ctx: _Context, unit: _Unit) -> None:
    """Roles of the entities in the trigger-less clauses just before the unit in its sentence
    (``在甲镇政府的支持下，乙村成立了…``, ``市委常委张三，市工商联主席李四等出席会议``,
    ``甲公司多次催讨未果，于…提起诉讼``): an adjunct's or a marker's role; the names opening the
    clause (and those listed with them), or all names of a clause naming a person (titles and
    a name), are subjects; a place locating the next name is a location; the others are
    ``mentioned``."""
    role_subject = _subject_role(ctx, unit)
    for cs, ce in unit.prefix:
        adjunct_role = holding(f[:3] for f in ctx.adjunct_frames(cs, ce))
        framed = holding((fs, fe, True) for fs, fe in ctx.topic_frames(cs, ce))
        mentions = ctx.mentions_in(cs, ce)
        designation = bool(mentions) and mentions[-1].type == "PER" and mentions[-1].end == ce
        prev: tuple[_Mention, str] | None = None
        floor = cs
        for k, m in enumerate(mentions):
            role = adjunct_role.get(m.start)
            if role is None and m.start in framed:
                role = "mentioned"
            if role is None:
                role = _marker_role(ctx, m, floor)
            if role is None and prev is not None and _coordinated(ctx, prev[0].end, m.start):
                role = prev[1]
            if role is None and m.type == "LOC" and _modifies_next(mentions, k):
                role = "location"
            if role is None and (designation or m.start == cs or (prev is not None and prev[0].end == m.start)):
                role = role_subject
            if role is None:
                role = "location" if m.type == "LOC" else "mentioned"
            if role == "organiser":
                if m.entity not in unit.organisers:
                    unit.organisers.append(m.entity)
            elif role == role_subject and m.entity not in unit.subjects:
                unit.subjects.append(m.entity)
            unit.roles.setdefault(m.entity, role)
            prev, floor = (m, role), m.end
        _places_naming_nouns(ctx, unit, mentions, [(cs, ce)])


def _preverb_words(ctx: _Context, unit: _Unit) -> str | None:
    """The words before the trigger (or its causative) in its clause, after any time expression
    and up to the first marker word (``与政府签订``: the subject ends before ``与``), white space
    trimmed; ``None`` when a name stands among them (the unit names its subject)."""
    r = ctx.rules
    trig = unit.trigger
    cs = next((s for s, e in unit.clauses if s <= trig.start < e), unit.start)
    head_start = max([cs, *(t.end for t in ctx.timexes_in(cs, trig.start))])
    head_end = unit.causative.start if unit.causative is not None and unit.causative.start >= head_start \
        else trig.start
    for i in range(head_start, head_end):
        if not ctx.blocked[i] and starting_word_at(ctx.text, i, i + r.lookbehind, r.marker_words):
            head_end = i
            break
    if ctx.mentions_in(cs, head_end):
        return None
    return ctx.text[head_start:head_end].strip()


def _strip_fillers(ctx: _Context, words: str, *, preverbal: bool = True) -> str:
    """``words`` without the adverbs, auxiliaries, connectives, prepositions and negators that
    open it (``fallback.skip``, ``roles.yaml: preverbal`` unless ``preverbal`` is false,
    ``anchors.yaml: future_auxiliaries``, ``leading_connectives``, ``prepositions``,
    ``event_anaphora``; separators and white space too): what is left names a subject, or is
    empty."""
    r = ctx.rules
    fillers = r.fillers(preverbal)
    seps = r.text.separator_chars
    while words:
        words = words.strip().strip(seps).strip()
        w = starting_word(words, fillers)
        if w is None:
            break
        words = words.lstrip()[len(w):]
    return words


def _unnamed_subject(ctx: _Context, unit: _Unit) -> str | None:
    """What kind of subject the words before the verb (``_preverb_words``), without a name among
    them, name though the entity stage resolved none: ``collective`` when they start with a
    place or a collective (``roles.yaml: collective_subjects``: ``今年一季度，全县已新增…``),
    ``body`` when, once trailing adverbs (``fallback.skip``) are dropped, they end with the head
    of an organisation's name (``roles.yaml: body_heads``: ``丙和电子有限公司党支部成立``); else
    ``None``."""
    r = ctx.rules
    if not (r.body_heads or r.collective_subjects):
        return None
    words = _preverb_words(ctx, unit)
    if not words:
        return None
    if starting_word(words, r.collective_subjects):
        return "collective"
    skip = r.fallback.skip if r.fallback else ()
    while (w := ending_word(words, skip)) is not None and len(w) < len(words):
        words = words[: len(words) - len(w)].rstrip()
    head = ending_word(words, r.body_heads)
    return "body" if head is not None and len(words) >= len(head) + 2 else None


def _verb_initial(ctx: _Context, unit: _Unit) -> bool:
    """True when the unit's clause starts with its verb: nothing but adverbs and auxiliaries,
    connectives, prepositions and negators (``_strip_fillers``) stands before the verb (after
    its time expressions, up to a marker word: ``将与乙局合作`` is verb-initial,
    ``执法人员对X进行检查``, ``双方签订`` are not). Only such a clause takes the subject of the
    previous sentence (zero anaphora). So does a passive clause whose agent is left unsaid
    (``丙公司被立案调查``: ``roles.yaml: passive_markers``)."""
    words = _preverb_words(ctx, unit)
    if words is None:
        trig = unit.trigger
        cs = next((s for s, e in unit.clauses if s <= trig.start < e), unit.start)
        return _passive_between(ctx, cs, trig.start)
    return not _strip_fillers(ctx, words)


def _short_name_referent(ctx: _Context, unit: _Unit) -> str | None:
    """The organisation an unnamed subject is a short name of: the words before the verb
    (``_preverb_words``, trailing adverbs dropped), three characters or more, end a name or
    an alias of an organisation mentioned earlier in the document (``园区综合党委`` for
    ``甲县工业园区综合党委``); the nearest such one, else ``None``."""
    r = ctx.rules
    words = _preverb_words(ctx, unit) or ""
    skip = r.fallback.skip if r.fallback else ()
    while (w := ending_word(words, skip)) is not None and len(w) < len(words):
        words = words[: len(words) - len(w)].rstrip()
    words = _strip_fillers(ctx, words)
    if len(words) < 3:
        return None
    for m in reversed(ctx.mentions_in(0, unit.trigger.start)):
        ent = ctx.entities.get(m.entity)
        if ent is not None and ent.type == "ORG" and any(
                n != words and n.endswith(words) for n in (ent.name, *ent.aliases, ctx.text[m.start:m.end])):
            return ent.id
    return None


def _anaphoric_subject(ctx: _Context, unit: _Unit) -> bool:
    """True when the words before the verb (``_preverb_words``) open with a determiner of
    ``coref.yaml: events.anaphora`` that no name resolved (``这家成立于2011年的企业…``): the subject
    points back at who the previous sentence was about."""
    words = _preverb_words(ctx, unit)
    if not words:
        return False
    return starting_word(words, ctx.rules.coref.determiners) is not None


def _thing_subject(ctx: _Context, clauses: list[tuple[int, int]], unit: _Unit) -> bool:
    """True when the sentence opens, before the unit, with a determiner and a noun that is no
    body (``coref.yaml: events.anaphora``: a determiner not followed by one of its ``heads``;
    ``此案当日经过8小时的审理，今天将继续审理``: the case goes on, not the body of the sentence
    before): the unit's verb shares that subject and takes nobody from an earlier sentence."""
    if not clauses or clauses[0][0] >= unit.start:
        return False
    cs, ce = clauses[0]
    start = max([cs, *(t.end for t in ctx.timexes_in(cs, ce) if t.start - cs <= 1)])
    words = ctx.text[start:ce].strip()
    det = starting_word(words, ctx.rules.coref.determiners)
    if det is None or any(m.start <= start + len(det) < m.end for m in ctx.mentions_in(start, ce)):
        return False
    return starting_word(words[len(det):], ctx.rules.coref.heads) is None


def _fill_subject(ctx: _Context, unit: _Unit, prev: _Unit | None, clauses: list[tuple[int, int]],
                  topic: Sequence[str] = (), introduced: Sequence[str] = ()) -> None:
    """Zero anaphora: a unit with nobody before its verb takes the subject of the previous
    unit of its sentence (for a causative: its organisers, or its subjects when it had no
    causative of its own: ``甲党委开展…活动，组织党员走访…``), or the entity opening an earlier
    clause of the sentence, else ``topic``: the subject of the previous sentence of its
    paragraph, only when the unit's clause starts with its verb (``_verb_initial``) or its subject
    is an unresolved anaphoric determiner (``_anaphoric_subject``: ``这家…的企业``). A unit whose
    subject is an organisation or a collective the entity stage did not name
    (``_unnamed_subject``) takes nobody, unless a body's words end the name of an organisation
    told before (``_short_name_referent``); an unresolved body is marked ``unnamed`` (the next
    sentence is about it: ``_topic``). A clause opening with a passive marker (``_opens_passive``)
    has the carried subject as the one undergoing its verb, even when it names the agent."""
    if _opens_passive(ctx, unit, clauses):
        carried = _carried_subject(ctx, unit, prev, clauses, None)
        if carried:
            kind = ctx.rules.kind_of(unit.trigger.word)
            for ent in carried:
                unit.roles.setdefault(ent, kind.passive if kind else "patient")
            return
    if unit.subjects or unit.organisers:
        return
    pair = _pair_referents(ctx, unit)
    if pair:
        _take_subjects(ctx, unit, pair)
        return
    unnamed = _unnamed_subject(ctx, unit)
    if unnamed is not None:
        ref = _short_name_referent(ctx, unit) if unnamed == "body" else None
        if ref is None:
            unit.unnamed = unnamed == "body"
        else:
            _take_subjects(ctx, unit, [ref])
        return
    caus = unit.causative.causative if unit.causative else unit.trigger.causative
    role = _subject_role(ctx, unit)
    fill = _carried_subject(ctx, unit, prev, clauses, caus)
    pronoun = _pronoun_subject(ctx, unit)
    if not fill and introduced and pronoun:      # "甲公司就是受益者之一。…我们上月底完成了…"
        fill = [e for e in introduced if e not in unit.roles]
    if not fill and (topic or introduced) and not _thing_subject(ctx, clauses, unit) and (
            _verb_initial(ctx, unit) or _anaphoric_subject(ctx, unit) or pronoun):
        fill = [e for e in (topic or introduced) if e not in unit.roles]
    _take_subjects(ctx, unit, fill, role)


def _carried_subject(ctx: _Context, unit: _Unit, prev: _Unit | None, clauses: list[tuple[int, int]],
                     caus: Causative | None) -> list[str]:
    """The subject a unit of a sentence carries from before it: the subjects of the previous
    unit ``prev`` (for a causative ``caus``: its organisers, or its subjects when it had no
    causative of its own), else the entity opening an earlier clause of the sentence."""
    if prev is not None:
        if caus is not None:      # who organised the previous unit, or did it when none did
            return list(prev.organisers or (prev.subjects if prev.causative is None and
                                            prev.trigger.causative is None else []))
        return list(prev.subjects or prev.organisers)
    for cs, ce in clauses:
        if cs >= unit.start:
            break
        ent = _opening_entity(ctx, cs, ce)
        if ent is not None:
            return [ent]
    return []


def _opens_passive(ctx: _Context, unit: _Unit, clauses: list[tuple[int, int]]) -> bool:
    """True when the unit's clause, after its time expressions and adverbs (``_strip_fillers``),
    opens with a passive marker (``roles.yaml: passive_markers``): ``甲商会一行到访乙总商会，受到
    该会会长丙的热情接待`` (the visitor is received); or when an earlier clause of the sentence's
    ``clauses`` does, each clause from it on holding no trigger and ending with a person (a list
    of agents broken by commas: ``受到该会会长丙，副会长丁，顾问戊的接待``). Source: the visit
    reports of the development sets."""
    trig = unit.trigger
    cs = next((s for s, e in unit.clauses if s <= trig.start < e), unit.start)
    if _passive_opening(ctx, cs, trig.start):
        return True
    k = next((k for k, (s, e) in enumerate(clauses) if s <= cs < e), 0)
    while k > 0:      # a list of agents broken by commas ("受到甲会长乙，副会长丙、丁的接待")
        k -= 1
        ps, pe = clauses[k]
        names = ctx.mentions_in(ps, pe)
        if not names or names[-1].type != "PER" or ctx.text[names[-1].end:pe].strip() \
                or _trigger_words(ctx, [(ps, pe)]):
            return False
        if _passive_opening(ctx, ps, pe):
            return True
    return False


def _passive_opening(ctx: _Context, cs: int, end: int) -> bool:
    """True when ``text[cs:end]`` opens, after time expressions and adverbs, with a passive marker."""
    start = max([cs, *(t.end for t in ctx.timexes_in(cs, end))])
    for i in range(start, end):
        if not ctx.blocked[i] and starting_word_at(ctx.text, i, end, ctx.rules.passive_markers):
            return not _strip_fillers(ctx, ctx.text[start:i]) and not ctx.mentions_in(start, i)
    return False


def _take_subjects(ctx: _Context, unit: _Unit, ents: Sequence[str], role: str | None = None) -> None:
    """``ents`` become the unit's subjects (its organisers for a causative), in ``role`` (default
    ``_subject_role``) unless they already have one."""
    role = role or _subject_role(ctx, unit)
    for ent in ents:
        unit.roles.setdefault(ent, role)
    if role == "organiser":
        unit.organisers = list(ents)
    else:
        unit.subjects = list(ents)


def _final_roles(ctx: _Context, unit: _Unit) -> None:
    """The organisations a person's titles name join the unit in the person's role
    (``甲公司董事长张三``); the organisation a participating body belongs to joins it in the role
    ``parent_role`` (``甲公司党支部``: ``甲公司``); a place acting as a party (not a ``location``
    nor ``mentioned``) is replaced by its government (``coref.yaml: events.governments``)."""
    for ent, role in list(unit.roles.items()):
        for org in ctx.title_orgs.get(ent, ()):
            unit.roles.setdefault(org, role)
    parent_role = ctx.rules.parent_role
    if parent_role is not None:           # (``ctx.parents`` is empty without the role)
        for ent in list(unit.roles):
            parent, seen = ctx.parents.get(ent), {ent}
            while parent is not None and parent not in seen:     # "甲公司党支部" names "甲公司" too
                unit.roles.setdefault(parent, parent_role)
                seen.add(parent)
                parent = ctx.parents.get(parent)
    if not ctx.government:
        return
    swap = {e: ctx.government[e] for e, role in unit.roles.items()
            if e in ctx.government and role not in ("location", "mentioned")}
    if not swap:
        return
    roles: dict[str, str] = {}
    for e, role in unit.roles.items():
        roles.setdefault(swap.get(e, e), role)
    unit.roles = roles
    unit.subjects = list(dict.fromkeys(swap.get(e, e) for e in unit.subjects))
    unit.organisers = list(dict.fromkeys(swap.get(e, e) for e in unit.organisers))


def _topic(ctx: _Context, units: list[_Unit], clauses: list[tuple[int, int]]) -> list[str] | None:
    """Who a sentence is about, for the next sentence of its paragraph: the subjects (else the
    organisers) of its last unit having some (a collective subject, ``全县已新增…``, is skipped),
    ``[]`` (nobody named) when that unit's subject is an organisation no entity stands for
    (``丙和电子有限公司党支部成立``), else the entity opening its first clause; ``None`` when the sentence
    says nothing of it (the topic of the sentence before it goes on)."""
    for u in reversed(units):
        if u.subjects or u.organisers:
            return list(u.subjects or u.organisers)
        if u.unnamed:
            return []
    for cs, ce in clauses:
        ent = _opening_entity(ctx, cs, ce)
        if ent is not None:
            return [ctx.government.get(ent, ent)]
    return None


def _attached_roles(ctx: _Context, unit: _Unit) -> None:
    """Roles of the entities in the trigger-less clauses following the unit: a marker's role,
    a place's ``location``, else ``mentioned``."""
    for s, e in unit.attached:
        prev, floor = None, s
        for m in ctx.mentions_in(s, e):
            role = _marker_role(ctx, m, floor)
            if role is None and _complement_of(ctx, m):
                role = ctx.rules.case_role  # "抽检中发现，该公司生产的…": the party found at fault
            if role is None and prev is not None and _coordinated(ctx, prev[0].end, m.start):
                role = prev[1]
            if role is None:
                role = "location" if m.type == "LOC" else "mentioned"
            if unit.roles.get(m.entity) == "mentioned" and role != "mentioned":
                unit.roles[m.entity] = role
            unit.roles.setdefault(m.entity, role)
            prev, floor = (m, role), m.end


def _subjects_from_earlier(ctx: _Context, units: list[_Unit]) -> None:
    """Zero anaphora across paragraphs: a unit still without a subject whose kind lists
    ``subject_from`` (``对X进行检查``, ``X被立案调查``: the authority is left unsaid) takes the
    subjects of the nearest earlier unit of one of those kinds, in any paragraph (the bureau of
    ``今年以来，甲局开展专项整治。…5月12日，执法人员对X进行检查``). ``units`` in text order.
    The last unit with subjects of each kind is kept as the reading goes (reading back through
    every earlier unit at each such unit was quadratic)."""
    last: dict[str, tuple[int, _Unit]] = {}     # kind -> (index, the last unit of it with subjects)
    for i, u in enumerate(units):
        kind = ctx.rules.kind_of(u.trigger.word)
        if kind is not None and kind.subject_from and not (u.subjects or u.organisers or u.trigger.causative):
            found = max((last[k] for k in kind.subject_from if k in last), default=None, key=lambda x: x[0])
            if found is not None:
                v = found[1]
                for ent in v.subjects:
                    u.roles.setdefault(ent, kind.before)
                u.subjects = [e for e in v.subjects if u.roles.get(e) == kind.before]
        if u.subjects and kind is not None:
            last[kind.name] = (i, u)


def _is_party(ctx: _Context, m: _Mention) -> bool:
    """True for an organisation or a person, or a place standing for its government."""
    return m.type in ("ORG", "PER") or (m.type == "LOC" and m.entity in ctx.government)


def _prefer_organisations(ctx: _Context, events: list[tuple[_Unit, Event]], units: list[_Unit]) -> None:
    """An event whose only actors (roles other than ``location`` and ``mentioned``) are places
    while its paragraph names organisations (``3月5日，甲县举行签约仪式。乙公司、
    丙公司等8家企业签约。``): the organisations of the paragraph outside the spans of events of
    other dates join it, in the role an undated unit of the paragraph gives them, else
    ``mentioned``."""
    # indexed once (reading every event, unit and mention for each such event was quadratic):
    # the undated units of each paragraph, the ORG mentions of each paragraph, and for each of
    # those mentions the dates of the events whose span holds it
    undated_units: dict[int, list[_Unit]] = {}
    for u in units:
        if not u.anchors:
            undated_units.setdefault(u.paragraph, []).append(u)
    orgs: dict[int, list[_Mention]] = {}
    for m in ctx.mentions:
        if m.type == "ORG":
            orgs.setdefault(ctx.paragraph(m.start), []).append(m)
    org_starts = sorted({m.start for ms in orgs.values() for m in ms})
    held_by: dict[int, set] = {}     # mention start -> timexes of the events whose span holds it
    for _, o in events:
        for k in range(bisect_left(org_starts, o.start), bisect_left(org_starts, o.end)):
            held_by.setdefault(org_starts[k], set()).add(o.timex)
    in_dateline = holding((s, e, True) for s, e in ctx.datelines)
    for unit, ev in events:
        actors = [ctx.entities[p.entity].type for p in ev.participants
                  if p.role not in ("location", "mentioned") and p.entity in ctx.entities]
        if not actors or any(t != "LOC" for t in actors):
            continue
        undated: dict[str, str] = {}
        for u in undated_units.get(unit.paragraph, ()):
            for ent, role in u.roles.items():
                undated.setdefault(ent, role)
        have = {p.entity for p in ev.participants}
        for m in orgs.get(unit.paragraph, ()):
            if m.entity not in have and not (held_by.get(m.start, set()) - {ev.timex}) \
                    and m.start not in in_dateline:
                ev.participants.append(Participant(m.entity, undated.get(m.entity, "mentioned")))
                have.add(m.entity)


def _referred_back(ctx: _Context, events: list[tuple[_Unit, Event]], sentences: Sequence[tuple]) -> None:
    """The organisations named where the next sentence refers back to a dated event
    (``roles.yaml: back_references``: ``由甲商会发起的这次活动，…``; ``…案6日开庭。对这样一个…案，乙法院…``)
    take part in the last event of its sentence: those of the clause holding the reference, else
    of the clause after it, in the role their marker gives (``由``: agent; none: agent; a place
    marker: the kind's ``venue``). A next sentence telling a dated event of its own is skipped.
    ``sentences``: ``(index, paragraph, clauses, clauses of units, topic)`` of each sentence read."""
    r = ctx.rules
    if not r.back_determiners or not events:
        return
    order = {s[0]: i for i, s in enumerate(sentences)}
    last: dict[int, tuple[_Unit, Event]] = {}
    for unit, ev in events:
        if unit.sentence not in last or unit.trigger.start > last[unit.sentence][0].trigger.start:
            last[unit.sentence] = (unit, ev)
    for sidx, (unit, ev) in last.items():
        i = order.get(sidx)
        if i is None or i + 1 >= len(sentences) or sentences[i + 1][0] in last:
            continue
        clauses = sentences[i + 1][2]
        k = next((k for k, c in enumerate(clauses) if _refers_back(ctx, c, unit.trigger.word)), None)
        if k is None:
            continue
        orgs = [m for m in ctx.mentions_in(*clauses[k]) if m.type == "ORG"]
        if not orgs and k + 1 < len(clauses):
            k += 1
            orgs = [m for m in ctx.mentions_in(*clauses[k]) if m.type == "ORG"]
        have = {p.entity for p in ev.participants}
        kind = r.trigger_kind.get(unit.trigger.word)
        for m in orgs:
            if m.entity in have:
                continue
            role = _marker_role(ctx, m, clauses[k][0]) or "agent"
            if role == "location":
                role = kind.venue if kind is not None and kind.venue else "location"
            ev.participants.append(Participant(m.entity, role))
            have.add(m.entity)


def _refers_back(ctx: _Context, clause: tuple[int, int], trigger: str) -> bool:
    """True when ``clause`` holds a reference back to an event (``roles.yaml: back_references``)
    whose trigger is ``trigger``: a determiner outside names, then a noun of the table or the
    trigger within ``reach`` (right after a one-character determiner)."""
    r, text = ctx.rules, ctx.text
    s, e = clause
    nouns = (*r.back_nouns, trigger)
    for d in r.back_determiners:
        i = text.find(d, s, e)
        while i >= 0:
            j = i + len(d)
            if not any(ctx.blocked[i:j]):
                stop = j if len(d) == 1 else min(e, j + r.back_reach)
                if any(text.startswith(n, q) for q in range(j, stop + 1) for n in nouns):
                    return True
            i = text.find(d, j, e)
    return False


def _listed_after(ctx: _Context, events: list[tuple[_Unit, Event]], sentences: Sequence[tuple]) -> None:
    """An event with no actor at all (every participant a ``location`` or ``mentioned``, or none)
    takes as ``mentioned`` the organisations and people listed in the sentences right after its
    own in its paragraph that tell no event of their own (``3月25日，甲区重点项目开工仪式在乙园
    举行。丙公司、丁公司等7个项目合计投资12亿元。``: the projects breaking ground). ``sentences``:
    ``(index, paragraph, clauses, clauses of units, topic)`` of each sentence read, in order."""
    order = {s[0]: i for i, s in enumerate(sentences)}
    for unit, ev in events:
        if any(p.role not in ("location", "mentioned") for p in ev.participants):
            continue
        have = {p.entity for p in ev.participants}
        i = order.get(unit.sentence)
        if i is None:
            continue
        for k in range(i + 1, len(sentences)):      # (no copy of the rest of the list an event)
            _, par, clauses, in_unit, _ = sentences[k]
            if par != unit.paragraph or in_unit or not clauses:
                break
            for m in ctx.mentions_in(clauses[0][0], clauses[-1][1]):
                if m.type in ("ORG", "PER") and m.entity not in have:
                    ev.participants.append(Participant(m.entity, "mentioned"))
                    have.add(m.entity)


def _continued(ctx: _Context, events: list[tuple[_Unit, Event]], units: list[_Unit],
               sentences: Sequence[tuple]) -> None:
    """The sentences after a dated event that go on telling the same happening lend it their
    participants (``roles.yaml: continuations``; the official visit of the genre: ``5月8日，甲一行
    到丙区调研。甲一行先后深入丁公司、戊公司等企业…``). Read are the sentences after the event's own
    in its paragraph, then the first sentence after the paragraph if it names a party of the
    event (lines of page chrome holding no name skipped), up to a sentence with a date (an
    anchor) or an event of its own (``会上，…发言``: the speech is an event of its own, see
    ``assemble``). Each sentence is read for the last event before it only (linear). What a
    sentence lends: ``_lent``, and from a reference back to the event on, ``_referring``.
    ``units``: every unit read; ``sentences``: ``(index, paragraph, clauses, clauses of units,
    topic)`` of each sentence read."""
    r = ctx.rules
    if not r.continuation_verbs or not events:
        return
    order = {s[0]: i for i, s in enumerate(sentences)}
    told, undated = _by_sentence(events, units)
    for sidx, evs in told.items():
        _acts_of_named(ctx, evs, undated.get(sidx, ()))
    _told_again(ctx, events, units, sentences)
    events_of: dict[int, list[tuple[_Unit, Event]]] = {}
    for unit, ev in events:
        events_of.setdefault(unit.sentence, []).append((unit, ev))
    verbs = re.compile(alternation((*r.continuation_verbs, *r.nouns)))   # "调研组": a noun, no verb
    for sidx, evs in told.items():
        i = order.get(sidx)
        if i is None:
            continue
        par = evs[0][0].paragraph
        kinds = {ev.kind for _, ev in evs}
        parties = {p.entity for _, ev in evs for p in ev.participants}
        actors = {p.entity for _, ev in evs for p in ev.participants if p.role not in ("location", "mentioned")}
        for k in range(i + 1, len(sentences)):
            ksidx, kpar, clauses, _, _ = sentences[k]
            if not clauses:
                break
            s, e = clauses[0][0], clauses[-1][1]
            names = ctx.mentions_in(s, e)
            beyond = kpar != par
            if beyond and not names and not ctx.timexes_in(s, e) and (ctx.is_heading(s) or ctx.is_caption(s)):
                continue          # a line of page chrome ("图片1.jpg") between two paragraphs
            if ksidx in told or ctx.dated_clauses(clauses)[1]:
                break
            if beyond and not any(m.entity in actors for m in names):
                _lead_told_on(ctx, events_of.get(sidx, ()), clauses, names)
                break
            joining = undated.get(ksidx, ()) if ksidx != sidx + 1 or beyond else ()
            lent = _lent(ctx, clauses, names, parties, kinds, joining, verbs, beyond=beyond)
            if ksidx != sidx + 1:     # (a reference in the next sentence: ``_referred_back``)
                _referring(ctx, clauses, names, evs[0][0].trigger.word, lent)
            for _, ev in evs:
                have = {p.entity for p in ev.participants}
                ev.participants += [Participant(ent, role) for ent, role in lent.items() if ent not in have]
            parties.update(lent)
            if beyond:
                break             # the first sentence after the event's paragraph only


def _named_in(ctx: _Context, host: _Unit, word: str) -> bool:
    """True when ``word`` (a later unit's verb) stands in the name of the gathering that ``host``'s
    clause tells before its verb or as its object, an ``anchors.yaml: activity_heads`` word ending
    that name after it (``集中开工暨签约仪式在乙城举行``, ``甲区举行…开工视频会``: 开工 and 签约 name
    the ceremony's acts): a ceremony told, then its acts counted in the next clauses."""
    r, text = ctx.rules, ctx.text
    cs, ce = next(((s, e) for s, e in host.clauses if s <= host.trigger.start < e), (host.start, host.core_end))
    for name in (text[cs:host.trigger.start], text[host.trigger.end:ce]):
        i = name.find(word)
        if i >= 0 and any(name.find(h, i + len(word)) >= 0 for h in r.activity_heads):
            return True
    return False


def _acts_of_named(ctx: _Context, evs: Sequence[tuple[_Unit, Event]], undated: Sequence[_Unit]) -> None:
    """The undated units after a dated event in its sentence whose verb names the gathering its
    clause hosts (``anchors.yaml: activity_heads`` ending the name: ``甲市政府9月8日举办捐赠仪式，
    乙基金会向困难家庭捐赠300万元``) tell that gathering's act: their subjects (agents, organisers)
    take part in the event in their role. Source: ceremonies of the development sets (the donor,
    the signing party)."""
    if not evs or not undated:
        return
    host = evs[0][0]
    ce = next((e for s, e in host.clauses if s <= host.trigger.start < e), host.end)
    for u in undated:
        if u.trigger.start < ce or not ctx.blocked.find(1, u.trigger.start, u.trigger.end) < 0:
            continue
        if not _named_in(ctx, host, u.trigger.word):
            continue
        for _, ev in evs:
            have = {p.entity for p in ev.participants}
            ev.participants += [Participant(ent, u.roles.get(ent, "agent")) for ent in
                                dict.fromkeys((*u.subjects, *u.organisers)) if ent not in have]


def _told_again(ctx: _Context, events: list[tuple[_Unit, Event]], units: list[_Unit],
                sentences: Sequence[tuple]) -> None:
    """A dated event naming nobody at all, whose trigger names a gathering (an ``anchors.yaml:
    activity_heads`` word starts within or right after it) and whose subject is no unnamed body or
    collective (``_unnamed_subject``), takes the subjects of the units of the previous sentence of
    its paragraph that tell a happening of its kind (dated or not), in their role:
    the gatherings told again by their dates (``…这已是甲委召开的第三场座谈会。此前两次座谈会召开
    时间分别为5月6日、5月20日``: the organiser is the subject of the previous sentence)."""
    r = ctx.rules
    prev_of = {s[0]: (p[0], p[1]) for p, s in zip(sentences, sentences[1:], strict=False) if p[1] == s[1]}
    by_sentence: dict[int, list[_Unit]] = {}
    for u in units:
        by_sentence.setdefault(u.sentence, []).append(u)
    heads, text = r.activity_heads, ctx.text
    for unit, ev in events:
        if ev.participants or ev.kind is None or unit.sentence not in prev_of:
            continue
        t = unit.trigger           # the trigger names the gathering: 座谈会, 签约仪式
        if not any(text.startswith(h, i) for i in range(t.start, t.end + 1) for h in heads) \
                or _unnamed_subject(ctx, unit) is not None:
            continue
        lent: dict[str, str] = {}
        for u in by_sentence.get(prev_of[unit.sentence][0], ()):
            kind = r.trigger_kind.get(u.trigger.word)
            if kind is not None and kind.name == ev.kind:
                for ent in (*u.organisers, *u.subjects):
                    lent.setdefault(ent, u.roles.get(ent, "agent"))
        ev.participants += [Participant(ent, role) for ent, role in lent.items()]


def _lead_told_on(ctx: _Context, evs: Sequence[tuple[_Unit, Event]], clauses: list[tuple[int, int]],
                  names: list[_Mention]) -> None:
    """The events of a sentence that name no actor (every participant a ``location`` or
    ``mentioned``: ``昨日，甲市国企收购乙公司股权…签约活动举办``) take, as ``mentioned`` but for a
    marker's role, the organisations of the first sentence after their paragraph (``clauses``,
    ``names``) when it shares a trigger word outside names with the event's clauses (``…甲集团稳步
    推进乙股份控股权收购工作``): the lead's happening told on with its parties."""
    bare = [(u, ev) for u, ev in evs if all(p.role in ("location", "mentioned") for p in ev.participants)]
    if not bare or not any(m.type == "ORG" for m in names):
        return
    words = _trigger_words(ctx, clauses)
    if not any(words & _trigger_words(ctx, u.clauses) for u, _ in bare):
        return
    lent: dict[str, str] = {}
    _lend_names(ctx, names, clauses[0][0], lent, "mentioned")
    for _, ev in bare:
        have = {p.entity for p in ev.participants}
        ev.participants += [Participant(ent, role) for ent, role in lent.items() if ent not in have]


def _trigger_words(ctx: _Context, clauses: Sequence[tuple[int, int]]) -> set[str]:
    """The trigger words of the table standing in ``clauses`` outside names (nouns aside)."""
    nouns = ctx.rules.nouns
    return {w for s, e in clauses for a, b, w in ctx.trigger_hits.finditer(s, e)
            if w not in nouns and ctx.blocked.find(1, a, b) < 0}


def _by_sentence(events: list[tuple[_Unit, Event]], units: list[_Unit]
                 ) -> tuple[dict[int, list[tuple[_Unit, Event]]], dict[int, list[_Unit]]]:
    """The events of the last dated unit of each sentence, and the undated units of each sentence
    (by sentence index)."""
    told: dict[int, list[tuple[_Unit, Event]]] = {}
    for unit, ev in events:
        got = told.get(unit.sentence)
        if got is None or unit.trigger.start > got[0][0].trigger.start:
            told[unit.sentence] = [(unit, ev)]
        elif got[0][0] is unit:
            got.append((unit, ev))
    undated: dict[int, list[_Unit]] = {}
    for u in units:
        if not u.anchors and not u.habitual:
            undated.setdefault(u.sentence, []).append(u)
    return told, undated


def _lent(ctx: _Context, clauses: list[tuple[int, int]], names: list[_Mention], parties: set[str],
          kinds: set[str | None], joining: Sequence[_Unit], verbs: re.Pattern, *, beyond: bool) -> dict[str, str]:
    """What a sentence going on with an event lends it (entity -> role): when it holds an itinerary
    verb whose subject is a party of the event (or nobody, unless ``beyond`` its paragraph), its
    organisations, in their marker's role (shared along a list: ``来到A和B``), else
    ``continuations.role``; then the participants of its undated units (``joining``) of a kind that
    ``joins`` one of ``kinds`` (``beyond`` the paragraph: of one of ``kinds``), in their roles."""
    r = ctx.rules
    lent: dict[str, str] = {}
    if _goes_on(ctx, clauses, names, parties, verbs, named=beyond):
        _lend_names(ctx, names, clauses[0][0], lent, r.continuation_role)
    for u in joining:
        kind = r.trigger_kind.get(u.trigger.word)
        if kind is not None and (kind.name in kinds if beyond else kinds & set(kind.joins)):
            for ent, role in u.roles.items():
                lent.setdefault(ent, role)
    return lent


def _referring(ctx: _Context, clauses: list[tuple[int, int]], names: list[_Mention], trigger: str,
               lent: dict[str, str]) -> None:
    """The organisations of a sentence from a reference back to the event on (``roles.yaml:
    back_references``, ``trigger``: the event's) go into ``lent``: ``这次开工的4个项目…，分别是
    甲公司…、乙公司…``, in their marker's role, else ``continuations.role``."""
    ref = next((c for c in clauses if _refers_back(ctx, c, trigger)), None)
    if ref is not None:
        _lend_names(ctx, [m for m in names if m.start >= ref[0]], ref[0], lent, ctx.rules.continuation_role)


def _lend_names(ctx: _Context, names: list[_Mention], floor: int, lent: dict[str, str], default: str) -> None:
    """The organisations among ``names`` (in order, after ``floor``) go into ``lent`` in their marker's
    role, shared along a list (``来到A和B``), else ``default``."""
    prev: tuple[_Mention, str] | None = None
    for m in names:
        role = _marker_role(ctx, m, prev[0].end if prev else floor)
        if role is None and prev is not None and _coordinated(ctx, prev[0].end, m.start):
            role = prev[1]
        prev = (m, role or default)
        if m.type == "ORG":
            lent.setdefault(m.entity, prev[1])


def _goes_on(ctx: _Context, clauses: list[tuple[int, int]], names: list[_Mention], parties: set[str],
             verbs: re.Pattern, *, named: bool) -> bool:
    """True when a sentence holds an itinerary verb (``roles.yaml: continuations.verbs``) outside
    names whose subject, the organisations and people before it in its clause that no marker word
    places (``在甲公司乙实地察看``: ``在`` places 甲公司), are all ``parties``; none at all
    (``先后来到…``) only when not ``named``."""
    text, nouns = ctx.text, ctx.rules.nouns
    for cs, ce in clauses:
        for v in verbs.finditer(text, cs, ce):
            if (v.group() in nouns and v.group() not in ctx.rules.continuation_verbs) \
                    or any(ctx.blocked[v.start():v.end()]):
                continue
            floor, subject = cs, []
            for m in names:
                if m.start >= v.start():
                    break
                if m.start >= cs:
                    if m.type in ("ORG", "PER") and _marker_role(ctx, m, floor) is None:
                        subject.append(m.entity)
                    floor = m.end
            return all(ent in parties for ent in subject) and (bool(subject) or not named)
    return False


def _prefixes_told_apart(ctx: _Context, units: list[_Unit]) -> None:
    """A trigger-less clause before a unit that the fallback made a unit of its own
    (``同日，甲站筹款约7000元，乙商会开展慈善周``: ``筹款``) is no prefix of that unit when the unit's
    own clause names its subject (``乙商会``): the names only that clause holds leave the unit, and
    the later units of its sentence that took them as their subject (``…，9名企业家捐赠``) and do not
    name them. A unit without a subject of its own keeps them (``甲公司多次催讨未果，于…提起诉讼``).
    ``units``: the units read, in text order, then the fallback's."""
    own = {c for u in units if u.trigger.fallback for c in u.clauses}
    if not own:
        return
    gone: dict[int, set[str]] = {}      # sentence -> the names that left a unit of it
    for u in units:
        if u.trigger.fallback:
            continue
        apart = [c for c in u.prefix if c in own]
        core = next((s for s, e in u.clauses if s <= u.trigger.start < e), u.start)
        left = set(gone.get(u.sentence, ()))
        if apart and any(m.entity in u.subjects for m in ctx.mentions_in(core, u.trigger.start)):
            left |= {m.entity for s, e in apart for m in ctx.mentions_in(s, e)}
        if not left:
            continue
        left -= {m.entity for s, e in (*u.clauses, *u.attached, *(c for c in u.prefix if c not in own))
                 for m in ctx.mentions_in(s, e)}
        if left:
            u.roles = {e: r for e, r in u.roles.items() if e not in left}
            u.subjects = [e for e in u.subjects if e not in left]
            u.organisers = [e for e in u.organisers if e not in left]
            gone.setdefault(u.sentence, set()).update(left)
