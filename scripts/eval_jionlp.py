#!/usr/bin/env python3
"""Run the temporal tagger over JioNLP's time-parser test cases where their conventions map
onto TIMEX3, and print the pass rate and the failing cases.

Usage: python scripts/eval_jionlp.py [CASES.json] [--quiet]
(default: ../shared/data/jionlp_zh/time_parser_cases.json, and the extraction sentences of
time_extractor_cases.json: exact spans, and sentences without a time expression left alone)

Which cases are scored (the others are counted as skipped, by reason):

* ``definition: accurate`` only: JioNLP's ``blur`` intervals are its own conventions
  ('年底' = Nov 1 - Dec 31, '明年初' = Jan 1 - Feb 28), not TIMEX3 values;
* a complete reference time (``time_base_utc8``); cases with a partial or clock-dependent base
  are skipped; ``time_period`` (JioNLP's sets with a sample point) is skipped.

How they are compared (JioNLP intervals are closed, to the second; ours half-open):

* the whole input (blanks and a leading/trailing signal word aside) must be one expression;
* ``time_point``: ``interval(value, mod)`` of ours equals JioNLP's ``[start, end + 1 s)``,
  read at our granularity (a day: dates; a time: date-times);
* ``time_span``: our range's ``begin`` interval start and ``finish`` interval end (or our single
  value's interval, or an open interval from ``mod``) equal JioNLP's start and end + 1 s;
  JioNLP's ``inf`` ends match our open ends;
* a range of two full dates or times may be our two DATE/TIME points (TimeML: the connector is
  a SIGNAL): the first one's interval start and the second one's end equal JioNLP's start and
  end + 1 s; a clock time ending it (``下午3点至下午8点``) is the point JioNLP's closed end names
  (its start equals JioNLP's end);
* in the extraction sentences such a pair covers JioNLP's one span of the range;
* ``time_delta``: our DURATION has the same length (1 year = 12 months, 1 week = 7 days);
* a clock time (``早上7点``): JioNLP resolves it to the hour ``[07:00, 08:00)``, TIMEX3 to the
  point ``T07:00``; it passes when the starts agree.
"""
from __future__ import annotations

import json
import re
import sys
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from eval_recognizers import CONNECTORS, PREFIXES, SUFFIXES, duration_len, temporal  # noqa: E402

DEFAULT = ROOT.parent / "shared/data/jionlp_zh/time_parser_cases.json"


def _dt(s: str | None):
    if s is None:
        return None
    s = s.replace(" ", "T")
    return datetime.fromisoformat(s if "T" in s else s + "T00:00:00")


def _jio_bounds(time_pair):
    start, end = time_pair
    a = None if "inf" in str(start) else datetime.fromisoformat(start)
    b = None if "inf" in str(end) else datetime.fromisoformat(end) + timedelta(seconds=1)
    return a, b


def _whole(text: str, ours) -> object | None:
    """Our single expression covering the input (signals and blanks aside), or None."""
    core = text.strip()
    for p in PREFIXES:
        if core.startswith(p) and len(core) > len(p):
            core2 = core[len(p):].strip()
            if any(t.text == core2 for t in ours):
                core = core2
                break
    for s in SUFFIXES:
        if core.endswith(s) and len(core) > len(s) and not any(t.text == core for t in ours):
            core = core[:-len(s)].strip()
            break
    hits = [t for t in ours if t.text.strip() == core]
    return hits[0] if len(hits) == 1 and len(ours) == 1 else None


def _pair(text: str, ours) -> tuple | None:
    """A range of two points as TimeML annotates it (``2017年五月至2018年四月``: two DATEs;
    ``下午3点至下午8点``: two TIMEs; the connector a SIGNAL): our two points joined by a range
    connector that cover the input (blanks and leading/trailing signal words aside), or None."""
    if len(ours) != 2 or any(t.type not in ("DATE", "TIME") for t in ours):
        return None
    x, y = ours
    if text[x.end:y.start].strip() not in CONNECTORS:
        return None
    head, tail = text[:x.start].strip(), text[y.end:].strip()
    ok_head = not head or head in PREFIXES
    ok_tail = not tail or tail in SUFFIXES or tail == "止"
    return (x, y) if ok_head and ok_tail else None


def _clock_end(value: str | None, b) -> bool:
    """A clock time ending a range (``下午3点至下午8点``) is the point JioNLP's closed end names:
    its start equals that end (``b`` - 1 s)."""
    return (b is not None and value is not None and re.search(r"T\d{2}:\d{2}$", value) is not None
            and _dt(temporal.interval(value)[0]) == b - timedelta(seconds=1))


def _delta_len(d: dict):
    months = d.get("year", 0) * 12 + d.get("month", 0)
    secs = ((d.get("day", 0) + 7 * d.get("week", 0)) * 24 + d.get("hour", 0)) * 3600 \
        + d.get("minute", 0) * 60 + d.get("second", 0)
    return (round(months, 6), round(secs, 3))


def check(case) -> tuple[str, str]:
    """('pass' | 'fail' | 'skip:<reason>', detail)."""
    exp = case["expected"]
    if not isinstance(exp, dict):
        return "skip:no expectation", ""
    if exp.get("definition") != "accurate":
        return "skip:blur (JioNLP convention)", ""
    if exp["type"] == "time_period":
        return "skip:time_period (sets with a sample point)", ""
    if case["call_kwargs"]:
        return "skip:call options", ""
    base = case.get("time_base_utc8")
    raw = case.get("time_base_raw")
    full_base = bool(base) and isinstance(raw, dict) and set(raw) == {"unix_ts"}
    if exp["type"] != "time_delta" and not full_base:
        return "skip:partial or clock-dependent reference time", ""
    dct = base[:10] if base else None
    text = case["text"]
    ours = temporal.tag(text, dct=dct, lang="zh", doc_id="j")
    t = _whole(text, ours)
    got = [(x.text, x.value, x.mod, x.begin, x.finish) for x in ours]
    pair = _pair(text, ours) if t is None and exp["type"] == "time_span" else None
    if pair:
        a, b = _jio_bounds(exp["time"])
        s, e = temporal.interval(pair[0].value)[0], temporal.interval(pair[1].value)[1]
        if _dt(s) == a and (_dt(e) == b or _clock_end(pair[1].value, b)):
            return "pass", ""
        return "fail", f"[{a}, {b}) vs ours [{s}, {e}) {got}"
    if t is None:
        return "fail", f"span: ours {got}"
    if exp["type"] == "time_delta":
        if isinstance(exp["time"], dict) and t.type == "DURATION" and duration_len(t.value) == _delta_len(exp["time"]):
            return "pass", ""
        return "fail", f"delta {exp['time']}: ours {got}"
    a, b = _jio_bounds(exp["time"])
    if t.begin and t.finish:
        s = temporal.interval(t.begin)[0]
        e = temporal.interval(t.finish)[1]
    else:
        s, e, _ = temporal.interval(t.value, t.mod)
    if _dt(s) == a and (_dt(e) == b or (t.begin and t.finish and _clock_end(t.finish, b))):
        return "pass", ""
    if (t.type == "TIME" and a is not None and b is not None and _dt(s) == a
            and re.search(r"T\d{2}:\d{2}$", t.value) and b - a <= timedelta(hours=1)):
        return "pass", ""  # a clock time: JioNLP gives its hour, TIMEX3 a point (same start)
    return "fail", f"[{a}, {b}) vs ours [{s}, {e}) {got}"


def _joined(text: str, found) -> list[str]:
    """Our spans, two points of a range (joined by a range connector) read as one span."""
    out: list[str] = []
    i = 0
    while i < len(found):
        x = found[i]
        y = found[i + 1] if i + 1 < len(found) else None
        if y is not None and x.type in ("DATE", "TIME") and y.type in ("DATE", "TIME") \
                and text[x.end:y.start].strip() in CONNECTORS:
            out.append(text[x.start:y.end])
            i += 2
            continue
        out.append(x.text)
        i += 1
    return out


EXTRACTOR = ROOT.parent / "shared/data/jionlp_zh/time_extractor_cases.json"


def extraction(path: Path, quiet: bool) -> None:
    """JioNLP's extraction sentences: our spans must equal theirs exactly (17 of them have none).
    The DCT is JioNLP's test base, 2021-06-14."""
    cases = json.loads(path.read_text(encoding="utf-8"))
    ok = neg_ok = negs = 0
    for c in cases:
        found = temporal.tag(c["text"], dct="2021-06-14", lang="zh", doc_id="j")
        want = [e["text"] for e in c["expected"]]
        got = _joined(c["text"], found)
        negs += not want
        if got == want:
            ok += 1
            neg_ok += not want
        elif not quiet:
            print(f"EXTRACT #{c['id']} {c['text']!r}: want {want}, got {got}")
    print(f"JioNLP {path.name}: {ok}/{len(cases)} sentences with exactly the expected spans; "
          f"{neg_ok}/{negs} sentences without a time expression left untagged")


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    if EXTRACTOR.exists() and not args:
        extraction(EXTRACTOR, "--quiet" in argv)
    path = Path(args[0]) if args else DEFAULT
    cases = json.loads(path.read_text(encoding="utf-8"))
    tally: dict[str, int] = {}
    fails = []
    for c in cases:
        status, detail = check(c)
        tally[status] = tally.get(status, 0) + 1
        if status == "fail":
            fails.append((c["id"], c["text"], c.get("time_base_utc8"), detail))
    if "--quiet" not in argv:
        for i, text, base, detail in fails:
            print(f"FAIL #{i} {text!r} (base {base}): {detail}")
    scored = tally.get("pass", 0) + tally.get("fail", 0)
    for k, v in sorted(tally.items()):
        if k.startswith("skip"):
            print(f"{k}: {v}")
    print(f"JioNLP {path.name}: {tally.get('pass', 0)}/{scored} scored cases pass "
          f"({100 * tally.get('pass', 0) / max(scored, 1):.1f}%), {len(cases) - scored} skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
