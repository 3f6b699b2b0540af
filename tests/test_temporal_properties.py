"""Properties of the Chinese temporal tagger for any text and any DCT in 1900-2100 (hypothesis):
no exception; every span inside the text with ``text == source[start:end]``, in order and
non-overlapping; every DATE/TIME value (and every range end point) a real calendar date or a
valid underspecified one (``XXXX-02-29`` may exist, ``XXXX-02-30`` never does); no negative
duration."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.temporal import tag

PIECES = st.sampled_from([
    "2019年", "2月", "29日", "31日", "30日", "4月", "号", "年", "月", "日", "时", "分", "秒", "点", "半", "个",
    "今年", "去年", "明年", "同年", "次年", "那一年", "全年", "年内", "去年同期", "同期", "当天", "次日", "昨",
    "今天", "三年来", "年底", "月底", "上旬", "一季度", "上半年", "周三", "上周", "下午", "凌晨", "上午",
    "5:00", "17:55:23", "3:00", "至", "到", "-", "—", "~", "、", "，", "。", "；", "\n", " ",
    "民国", "民國", "一一三", "康熙", "元", "农历", "正月", "腊月", "初一", "三十", "春节", "七一",
    "数", "几", "多", "余", "周半", "一年半", "一个半小时", "小时", "分钟", "入口", "线", "未来", "将来",
    "9999", "0001", "0000", "00", "13", "32", "99", "二〇", "十二", "二十九", "三十一", "两千",
    "前", "后", "以来", "来", "近", "每", "第", "届", "%", "/", ".", ":",
])
CHARS = st.one_of(
    st.sampled_from("0123456789０１２３４５６７８９一二三四五六七八九十百千万两零〇年月日号时点分秒周天"),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
)
TEXTS = st.lists(st.one_of(PIECES, PIECES, CHARS), max_size=40).map("".join)
DCTS = st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat))

_DAY = re.compile(r"^(\d{4}|XXXX)-(\d{2}|XX)-(\d{2})(?![\d])")
_MONTH = re.compile(r"^(\d{4}|XXXX)-(\d{2})(?![\d])")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_CLOCK = re.compile(r"T(\d{2}):(\d{2})(?::(\d{2}))?")


def well_formed_date(value: str) -> bool:
    """A real calendar date, or one whose X placeholders some calendar date fills."""
    m = _DAY.match(value)
    if m:
        y, mo, d = m.groups()
        if mo == "XX":
            return 1 <= int(d) <= 31 and y == "XXXX"
        if not 1 <= int(mo) <= 12:
            return False
        days = calendar.monthrange(2000 if y == "XXXX" else int(y), int(mo))[1]  # 2000: a leap year
        if not 1 <= int(d) <= days:
            return False
    else:
        m = _MONTH.match(value)
        if m and not 1 <= int(m.group(2)) <= 12:
            return False
    m = _WEEK.match(value)
    if m and not 1 <= int(m.group(2)) <= dt.date(int(m.group(1)), 12, 28).isocalendar()[1]:
        return False
    c = _CLOCK.search(value)
    if c and not (int(c.group(1)) <= 24 and int(c.group(2)) <= 59 and int(c.group(3) or 0) <= 59):
        return False
    return True


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, dct=DCTS)
def test_any_text_and_dct_give_well_formed_timexes(text, dct):
    got = tag(text, dct=dct, lang="zh", doc_id="d1")
    last = 0
    for t in got:
        assert 0 <= t.start < t.end <= len(text) and text[t.start:t.end] == t.text, (text, t)
        assert t.start >= last, (text, t)
        last = t.end
        assert "UNDEF" not in t.value, (text, t)
        if t.type in ("DATE", "TIME"):
            assert well_formed_date(t.value), (text, dct, t)
        if t.type == "DURATION":
            assert t.value.startswith("P") and "-" not in t.value, (text, dct, t)
        for point in (t.begin, t.finish):
            if point:
                assert well_formed_date(point), (text, dct, t)


def test_the_validity_check_knows_the_calendar():
    assert well_formed_date("2020-02-29") and well_formed_date("XXXX-02-29") and well_formed_date("XXXX-XX-31")
    assert not well_formed_date("2019-02-29") and not well_formed_date("2017-04-31")
    assert not well_formed_date("XXXX-02-30") and not well_formed_date("2017-13")
