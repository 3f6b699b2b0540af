"""The short title of an event."""
from __future__ import annotations

import unicodedata

from ..text.words import ending_word, is_letter, starting_word
from .context import _Context
from .dating import predicate_frame
from .parts import _Mention, _Unit
from .roles import _marker_role, _strip_fillers

_CLOSING_PUNCTUATION = frozenset(("Po", "Pd", "Pe", "Pf"))
"""Punctuation that never opens a title: the categories other than opening brackets and quotes."""


def _title(ctx: _Context, unit: _Unit, out_text: str) -> str:
    """A short title: the unit's clauses without the time expressions dating it (and the
    preposition or the time noun and copula before each (``召开时间为5月6日``: ``召开``), the
    deadline marker or signal word after one: ``anchors.yaml:
    title_signals``, ``去年以来``, ``自6月1日起``; a one-character signal only after a preposition,
    as it may begin a word: ``6月1日起草``), leading connectives and separators, white space
    collapsed, cut at ``title_max``. A date after a word ending like a preposition that is none
    (``anchors.yaml: false_prepositions``: ``关于2023年度``) stays in the title, never cutting the
    word. A title that names no party before its verb (``立案``, ``向乙委员会提起申请``) starts with
    the name of its subject (``_missing_subject``). Decided on the matching text, read from
    ``out_text`` (same length)."""
    r = ctx.rules
    keep = _trimmed(ctx, _without_dates(ctx, unit))
    subject = _missing_subject(ctx, unit, keep, out_text)
    out: list[str] = list(subject)
    for i in keep:
        ch = out_text[i]
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
        else:
            out.append(ch)
    title = "".join(out).strip()
    if len(title) > r.title_max:
        title = title[: r.title_max - 1].rstrip() + "…"
    return title or out_text[unit.trigger.start:unit.trigger.end]


def _without_dates(ctx: _Context, unit: _Unit) -> list[int]:
    """The positions of the unit's clauses without the time expressions dating it, the
    preposition before each and the signal word or deadline marker after one."""
    r, text = ctx.rules, ctx.text
    s, e = unit.start, unit.core_end
    keep: list[int] = []
    pos = s
    for a in sorted(unit.anchors, key=lambda t: t.start):
        if not (pos <= a.start and a.end <= e):
            continue
        head_end = pos
        if text[pos:a.start].strip():   # the white space before the date dropped (read back from it:
            head_end = a.start          # stripping the text before it at each date was quadratic)
            while text[head_end - 1].isspace():
                head_end -= 1
        stripped = text[pos:head_end]
        p = ending_word(stripped, r.prepositions)
        if p and ending_word(stripped, r.false_prepositions):
            continue              # "印发关于2023年度…": the date stays, "关于" whole
        if frame := predicate_frame(ctx, stripped.rstrip()):
            head_end = pos + len(stripped.rstrip()) - frame   # "召开时间分别为5月6日": "召开"
        elif p:
            head_end -= len(p)
        if (keep or pos > s) and text[pos:head_end].strip() in r.coordinators:
            head_end = pos        # "2023年、2024年各投入…": the coordinator between two dates goes
        keep.extend(range(pos, max(pos, head_end)))
        pos = a.end
        signal = starting_word(text[pos:pos + r.lookbehind], r.title_signals)
        if signal is not None and text.startswith(signal, pos) and (len(signal) > 1 or p):
            pos += len(signal)    # "去年以来全县…", "自6月1日起在全县…": the date's signal goes with it
        marker = starting_word(text[pos:pos + r.lookbehind], r.deadline_markers) if ctx.is_deadline(a) else None
        if marker is not None and text.startswith(marker, pos):
            pos += len(marker)    # "于9月底前完成…": the date says "before", the title "完成…"
    keep.extend(range(pos, e))
    return keep


def _trimmed(ctx: _Context, keep: list[int]) -> list[int]:
    """``keep`` without the white space and separators at its edges, the punctuation opening it
    (``、各投入…``; not an opening bracket or quote: Unicode categories ``Ps``, ``Pi``, and the
    openers of ``text.yaml: brackets``, ``"``) and the
    leading connectives (``并召开座谈会`` → ``召开座谈会``), until none is left to drop."""
    r, text = ctx.rules, ctx.text
    seps = r.text.separators
    changed = True
    while changed and keep:
        changed = False
        while keep and (text[keep[0]].isspace() or text[keep[0]] in seps
                        or unicodedata.category(text[keep[0]]) in _CLOSING_PUNCTUATION
                        and text[keep[0]] not in r.text.closers):
            keep.pop(0)
            changed = True
        while keep and (text[keep[-1]].isspace() or text[keep[-1]] in seps):
            keep.pop()
            changed = True
        head = "".join(text[i] for i in keep[:r.lookbehind])
        c = starting_word(head, r.leading_connectives)
        if c and len(keep) > len(c):
            del keep[:len(c)]
            changed = True
    return keep


def _missing_subject(ctx: _Context, unit: _Unit, keep: list[int], out_text: str) -> str:
    """The name of the unit's subject (an organisation or a person among its subjects, else its
    organisers: the one mentioned last before the unit) when the kept title names nobody before
    the trigger (a name there has a marker word before it: ``向乙委员会提起``) and holds no other
    words of a subject (``这次调查``); else ``""``. The name is written as the document last
    mentions it before the unit (else as first mentioned), read from ``out_text``."""
    subjects = [e for e in (unit.subjects or unit.organisers)
                if e in ctx.entities and ctx.entities[e].type in ("ORG", "PER")]
    if not subjects:
        return ""
    kept = set(keep)
    before = [m for m in ctx.mentions_in(unit.start, unit.trigger.start) if m.start in kept]
    clause_start = next((cs for cs, ce in unit.clauses if cs <= unit.trigger.start < ce), unit.start)
    if any(_marker_role(ctx, m, clause_start) is None for m in before):
        return ""             # a name with no marker before the verb: the title names its subject
    # the names before the verb, as positions (a mask of the whole text at each unit was quadratic)
    named = {i for m in before for i in range(m.start, m.end)}
    rest = "".join(ctx.text[i] for i in keep if i < unit.trigger.start and i not in named)
    if _strip_fillers(ctx, rest):
        return ""             # words of a subject no entity stands for ("这次调查", "it")
    last: dict[str, _Mention] = {}      # each subject's last mention before the unit, else its first
    for ent in subjects:
        found = ctx.last_mention_before(ent, unit.start)
        if found is not None:
            last[ent] = found
    if not last:
        return ""
    m = max(last.values(), key=lambda x: (x.end <= unit.start, x.start if x.end <= unit.start else -x.start))
    name = out_text[m.start:m.end]
    first = next((ctx.text[i] for i in keep if not ctx.text[i].isspace()), "")
    return name + " " if is_letter(name[-1]) or is_letter(first) else name
