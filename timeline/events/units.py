"""Units: a clause (or two) with its trigger verb, and the main verb of a clause."""
from __future__ import annotations

from ..text.words import starting_word_at
from .context import _Context
from .parts import _Trigger, _Unit


def _main_trigger(ctx: _Context, trigs: list[_Trigger], clause_end: int) -> _Trigger | None:
    """The clause's main verb: the first trigger followed by an aspect marker or ending the
    clause, else the first trigger (causatives aside). A trigger after a serial connective
    following the first one (``serial_markers``: ``出席会议并讲话``, ``召开座谈会进行深入交流探讨``)
    is a later verb of the same subject and is never preferred to the first."""
    mains = [t for t in trigs if t.causative is None]
    if not mains:
        return None
    text, serial = ctx.text, clause_end
    if len(mains) > 1 and ctx.words.first(ctx.rules.serial_markers, mains[0].end, clause_end) is not None:
        serial = min((i for i in (ctx.words.find(w, mains[0].end, clause_end) for w in ctx.rules.serial_markers)
                      if i >= 0 and not ctx.inside[i] and not ctx.blocked[i]), default=clause_end)
    for k, t in enumerate(mains):
        if k and t.start >= serial:
            continue
        j = t.end
        while j < clause_end and text[j].isspace():
            j += 1
        if j >= clause_end or starting_word_at(text, j, clause_end, ctx.rules.aspect_markers):
            return t
    return mains[0]


def _units_of_sentence(ctx: _Context, clauses: list[tuple[int, int]], sidx: int) -> list[_Unit]:
    per_clause = [ctx.triggers_in(s, e) for s, e in clauses]
    units: list[_Unit] = []
    i = 0
    while i < len(clauses):
        trigs = per_clause[i]
        main = _main_trigger(ctx, trigs, clauses[i][1])
        caus = next((t for t in trigs if t.causative is not None and (main is None or t.start < main.start)), None)
        if main is not None:
            units.append(_Unit([clauses[i]], main, caus, sidx))
        elif caus is not None:
            nxt_main = None
            if i + 1 < len(clauses):
                nxt = per_clause[i + 1]
                nxt_main = _main_trigger(ctx, nxt, clauses[i + 1][1])
                if nxt_main is not None and (
                        any(t.causative is not None and t.start < nxt_main.start for t in nxt) or
                        any(m.type in ("ORG", "PER") for m in ctx.mentions_in(clauses[i + 1][0], nxt_main.start))):
                    nxt_main = None
            if nxt_main is not None:
                units.append(_Unit([clauses[i], clauses[i + 1]], nxt_main, caus, sidx))
                i += 1
            else:
                units.append(_Unit([clauses[i]], caus, None, sidx))
        i += 1
    return units
