#!/usr/bin/env python3
"""Run the temporal tagger over the Recognizers-Text Chinese DateTime specs and print the pass
rate and every failing case with its reason.

Usage: python scripts/eval_recognizers.py [SPEC.json] [--quiet]
(default SPEC: ../shared/data/recognizers_text_zh/DateTime/DateTimeModel.json)

A case passes when our time expressions and the expected ones pair up one to one, each pair with
the same span and an equivalent value, and nothing else is tagged.

Mapping between Recognizers-Text (RT) conventions and ours (TIMEX3 as in TimeML 1.2.1):

* Offsets: RT ``End`` is inclusive; ours are half-open (``end = End + 1``).
* Extent: RT includes temporal SIGNALs in the expression (``截止到2018年``, ``2018年以前``,
  ``从…到…``, ``…之间``); TimeML does not (signals are separate SIGNAL tags) — we keep them out
  and express them as ``mod`` (BEFORE, ON_OR_AFTER…). A span passes when it equals RT's span
  after removing a leading/trailing signal word of ``resources/zh/temporal/context.yaml``
  (plus ``从``/``自``/``在``/``时间从`` prefixes and ``之间``/``间`` suffixes of ranges).
* Underspecified values: RT gives a timex with X (``XXXX-XX-29``) and two resolutions (past and
  future); we resolve against the reference date (DCT). Our value passes when it matches RT's
  timex with each X read as a digit.
* Times: RT writes ``T18`` for 18:00, we write ``T18:00`` (minutes always given); RT times
  without a date (``T17:00``) are compared with the time part of ours (we anchor a clock time
  on the day in context).
* Ranges: RT ``(start,end,duration)``; we give a DURATION with ``begin``/``finish`` end points.
  RT's end is the *start* of the range's last element (``1995-1997年`` ends 1997-01-01), so we
  compare RT start/end with the interval starts of our begin/finish. A DATE whose calendar
  interval equals RT's resolved range passes too (``2017-H1`` for ``(2017-01-01,2017-07-01,P6M)``).
  Ranges that RT computes from the reference time (``过去十年``) pass when our DURATION equals
  RT's duration part.
* A range of two points (``2010 年至 2018 年``, ``下午五点到六点``): TimeML annotates its two
  DATEs or TIMEs (the connector is a SIGNAL), and so do we; the pair passes when it spans RT's
  expression and each point equals its end point of RT's range.
* Open ranges (``2018年以后``): our value equals RT's timex and our ``mod`` points the same way
  (BEFORE/ON_OR_BEFORE for an end only, AFTER/ON_OR_AFTER for a start only).
* Durations compare by length with 1Y = 12M and 1W = 7D (``P0.5Y`` = ``P6M``, ``PT0.5H`` = ``PT30M``).
* ``PRESENT_REF``/``PAST_REF`` pass where RT resolves to the reference date (``最近``).
* A weekday alone (``周三``): RT keeps ``XXXX-WXX-3``; we resolve it to that day of the reference
  week, which passes when it is one of RT's two resolutions.
* Lunar dates (RT ``isLunar``): RT writes the lunar month and day as written (``农历2015年十月初一``
  -> ``2015-10-01``); a TIMEX3 value is Gregorian, so ours passes when it is RT's lunar date
  converted (``2015-11-12``, with ``lunardate``; see ``anchoring.lunar_to_gregorian``).
* Every value we give must be real: a day its month does not have (``2018-02-29``, even where RT
  expects it) or a negative duration fails the case.
* Evening and night: Chinese ``晚``/``晚上`` cover TimeML's TEV and TNI; RT writes ``TEV`` (its
  English 16:00-20:00 evening), we write ``TNI`` (``resources/zh/temporal/tables.yaml``
  dayparts). A value differing from RT's only by ``TEV``/``TNI`` passes.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT.parent / "shared/data/recognizers_text_zh/DateTime/DateTimeModel.json"


def _import_temporal():
    """``timeline.temporal`` (works even while other stages of the package fail to import)."""
    try:
        from timeline import temporal
        return temporal
    except ImportError:
        import types
        for k in [k for k in sys.modules if k == "timeline" or k.startswith("timeline.")]:
            del sys.modules[k]
        pkg = types.ModuleType("timeline")
        pkg.__path__ = [str(ROOT / "timeline")]
        sys.modules["timeline"] = pkg
        from timeline import temporal
        return temporal


temporal = _import_temporal()
from timeline.resources import load_yaml  # noqa: E402
from timeline.temporal.engine import impossible_date  # noqa: E402

CTX = load_yaml("zh", "temporal", "context.yaml")
PREFIXES = sorted(set(CTX.get("signals_before", {})) | {"从", "自", "在", "时间从", "在包括", "包括", "由"},
                  key=len, reverse=True)
SUFFIXES = sorted(set(CTX.get("signals_after", {})) | {"之间", "间"}, key=len, reverse=True)
CONNECTORS = set(temporal.load_rules("zh").range_connectors)   # the text table's (text.yaml)
BEFORE_MODS = {"BEFORE", "ON_OR_BEFORE"}
AFTER_MODS = {"AFTER", "ON_OR_AFTER"}


def span_variants(text: str, start: int, end: int):
    """RT's span and the spans left after removing one leading and/or trailing signal."""
    out = {(start, end)}
    s = text[start:end]
    heads = [0] + [len(p) for p in PREFIXES if s.startswith(p)]
    tails = [0] + [len(p) for p in SUFFIXES if s.endswith(p)]
    for h in heads:
        for t in tails:
            a, b = start + h, end - t
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                out.add((a, b))
    return out


def pad_time(v: str) -> str:
    """``T18`` -> ``T18:00`` (our values always give minutes)."""
    return re.sub(r"T(\d{2})(?=$|[^:\d])", r"T\1:00", v)


def x_match(ours: str, timex: str) -> bool:
    pat = re.escape(pad_time(timex)).replace("X", r"\d")
    return re.fullmatch(pat, ours) is not None


def duration_len(v: str):
    """(months, seconds) of an ISO 8601 duration, or None."""
    m = re.fullmatch(r"P(?:([\d.]+)Y)?(?:([\d.]+)M)?(?:([\d.]+)W)?(?:([\d.]+)D)?"
                     r"(?:T(?:([\d.]+)H)?(?:([\d.]+)M)?(?:([\d.]+)S)?)?", v or "")
    if not m or v in ("P", "PT"):
        return None
    y, mo, w, d, h, mi, s = (float(x) if x else 0.0 for x in m.groups())
    return (round(y * 12 + mo, 6), round(((w * 7 + d) * 24 + h) * 3600 + mi * 60 + s, 3))


def point_ok(ours: str, rt: str) -> bool:
    """One end point of a range: same value, X-match, same time of day, or same interval start."""
    if ours == rt or pad_time(ours) == pad_time(rt) or ("X" in rt and x_match(ours, rt)):
        return True
    if rt.startswith("T") and pad_time(ours).endswith(pad_time(rt)):
        return True
    m = re.fullmatch(r"XXXX-WXX-(\d)(T.*)?", rt)
    if m:  # a weekday (with a time): our date must fall on it
        from datetime import date
        try:
            day = date.fromisoformat(ours[:10])
        except ValueError:
            return False
        return day.isoweekday() == int(m.group(1)) and ours[10:] == pad_time(m.group(2) or "")
    start = temporal.interval(ours)[0]
    return bool(start) and ("X" in rt and x_match(start[:len(rt)], rt) or start == rt)


def weekday_ok(ours: str, rt_timex: str, values) -> bool:
    """RT ``XXXX-WXX-3`` (a weekday) vs our resolved date: one of RT's resolutions."""
    return re.fullmatch(r"XXXX-WXX-\d", rt_timex) is not None and any(v.get("value") == ours for v in values)


def lunar_ok(ours: str, timex: str, values) -> bool:
    """RT's lunar ``YYYY-MM-DD[Thh:mm]`` (``XXXX`` completed from each resolved value) converted
    to the Gregorian calendar equals ours."""
    from timeline.temporal.anchoring import lunar_to_gregorian

    m = re.fullmatch(r"(\d{4}|XXXX)-(\d{2})-(\d{2})(T.*)?", timex)
    if not m:
        return False
    years = [m.group(1)] if m.group(1) != "XXXX" else [v.get("value", "")[:4] for v in values]
    rest = pad_time(m.group(4) or "")
    converted = [lunar_to_gregorian(f"{y}-L{m.group(2)}-{m.group(3)}{rest}") for y in years]
    return any(len(c) >= 10 and c == ours for c in converted)  # a day the year lacks never passes


def value_ok(t, res, ref: str) -> tuple[bool, str]:  # noqa: C901 - one branch per resolution shape of Recognizers-Text
    values = res.get("Resolution", {}).get("values", [])
    if not values:
        return False, "RT gives no resolution"
    v0 = values[0]
    timex = v0.get("timex", "")
    ours = t.value
    if ours.upper() == pad_time(timex).upper() or ours == timex:
        if "start" in v0 and "end" not in v0 and "value" not in v0:
            return (t.mod in AFTER_MODS, f"open range after {timex}: our mod {t.mod}")
        if "end" in v0 and "start" not in v0 and "value" not in v0:
            return (t.mod in BEFORE_MODS, f"open range before {timex}: our mod {t.mod}")
        return True, ""
    if v0.get("isLunar") == "True" and lunar_ok(ours, timex, values):
        return True, ""
    if timex.endswith("TEV") and ours.endswith("TNI") and (timex == "TEV" or ours[:-3] == timex[:-3]):
        return True, ""
    if timex.startswith("("):
        a, b, dur = timex[1:-1].split(",")
        if t.begin and t.finish:
            if point_ok(t.begin, a) and point_ok(t.finish, b):
                return True, ""
            return False, f"range {timex}: ours {t.begin}..{t.finish}"
        if t.type == "DURATION" and duration_len(t.value) == duration_len(dur):
            return True, ""
        iv = temporal.interval(t.value, None)
        for v in values:
            if iv[0] and v.get("start", "")[:10] == iv[0][:10] and v.get("end", "")[:10] == iv[1][:10]:
                return True, ""
        return False, f"range {timex}: ours {t.value} {t.begin}..{t.finish}"
    if "X" in timex and x_match(ours, timex):
        return True, ""
    if weekday_ok(ours, timex, values):
        return True, ""
    if timex.startswith("T") and pad_time(ours).endswith(pad_time(timex)):
        return True, ""
    if timex.startswith("P") and duration_len(ours) is not None and duration_len(ours) == duration_len(timex):
        return True, ""
    if ours in ("PRESENT_REF", "PAST_REF") and v0.get("value", "")[:10] == ref[:10]:
        return True, ""
    return False, f"value {ours!r} (mod {t.mod}) vs RT {timex!r}"


def split_range(text: str, ours, variants, res, used) -> tuple[int, int] | None:
    """RT's range of two points (``2010 年至 2018 年``, ``下午五点到六点``) as TimeML annotates
    it: two consecutive DATE/TIME expressions of ours, the first starting and the second ending
    where one of RT's span variants does, joined by a range connector, each equal to its end
    point of RT's range. Returns the indices of the two, or ``None``."""
    timex = ((res.get("Resolution") or {}).get("values") or [{}])[0].get("timex", "")
    if not timex.startswith("("):
        return None
    a, b, _ = timex[1:-1].split(",")
    starts, ends = {v[0] for v in variants}, {v[1] for v in variants}
    for i in range(len(ours) - 1):
        x, y = ours[i], ours[i + 1]
        if i in used or i + 1 in used or x.type not in ("DATE", "TIME") or y.type not in ("DATE", "TIME"):
            continue
        if x.start in starts and y.end in ends and text[x.end:y.start].strip() in CONNECTORS \
                and point_ok(x.value, a) and point_ok(y.value, b):
            return i, i + 1
    return None


def check_case(case) -> tuple[bool, list[str]]:
    text = case["Input"]
    ref = (case.get("Context") or {}).get("ReferenceDateTime", "2017-03-22T00:00:00")
    ours = temporal.tag(text, dct=ref[:10], lang="zh", doc_id="rt")
    reasons = []
    used = set()
    for res in case.get("Results", []):
        start, end = res["Start"], res["End"] + 1
        variants = span_variants(text, start, end)
        hit = [i for i, t in enumerate(ours) if (t.start, t.end) in variants and i not in used]
        pair = None if hit else split_range(text, ours, variants, res, used)
        if pair:
            used.update(pair)
            continue
        if not hit:
            near = [f"{t.text}={t.value}" for t in ours if t.start < end and start < t.end]
            values = (res.get("Resolution") or {}).get("values") or [{}]
            reasons.append(f"missed {res['Text']!r} ({values[0].get('timex')})"
                           + (f"; overlapping ours: {near}" if near else ""))
            continue
        i = hit[0]
        used.add(i)
        ok, why = value_ok(ours[i], res, ref)
        if not ok:
            reasons.append(f"{res['Text']!r}: {why}")
    for t in ours:
        for v in (t.value, t.begin, t.finish):
            if v and (impossible_date(v) or (v.startswith("P") and "-" in v)):
                reasons.append(f"invalid value {v!r} for {t.text!r}")
    for i, t in enumerate(ours):
        if i not in used and not any(t.start < r["End"] + 1 and r["Start"] < t.end for r in case.get("Results", [])):
            reasons.append(f"extra {t.text!r}={t.value} ({t.rule})")
        elif i not in used:
            reasons.append(f"span {t.text!r} [{t.start},{t.end}) differs from RT")
    return not reasons, reasons


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    spec = Path(args[0]) if args else DEFAULT
    cases = json.loads(spec.read_text(encoding="utf-8-sig"))
    passed = 0
    failures = []
    for n, case in enumerate(cases):
        ok, reasons = check_case(case)
        passed += ok
        if not ok:
            failures.append((n, case["Input"], reasons))
    if "--quiet" not in argv:
        for n, text, reasons in failures:
            print(f"FAIL #{n} {text!r}: " + " | ".join(reasons))
    print(f"Recognizers-Text {spec.name}: {passed}/{len(cases)} cases pass ({100 * passed / len(cases):.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
