"""The options of a run (``timeline.settings.Settings``): checked once, errors name the option."""
from __future__ import annotations

import pytest

import timeline
from timeline.settings import Settings, SettingsError


def test_settings_are_normalised_when_made():
    s = Settings(dct=" 2017-08-28 ", lang="auto", encoding="GBK", glob="*.txt")
    assert (s.dct, s.lang, s.encoding, s.glob, s.names) == ("2017-08-28", None, "gbk", "*.txt", None)
    assert Settings(lang="en").lang == "en"


@pytest.mark.parametrize("options, option, needle", [
    ({"dct": "2017-8-28"}, "dct", "YYYY-MM-DD"),
    ({"lang": "fr"}, "lang", "unknown language 'fr'"),
    ({"encoding": "klingon"}, "encoding", "unknown encoding"),
    ({"gazetteer": "no/such/file.tsv"}, "gazetteer", "no/such/file.tsv: gazetteer not found"),
])
def test_a_bad_option_is_named(options, option, needle):
    with pytest.raises(SettingsError) as info:
        Settings(**options)
    assert info.value.option == option and needle in str(info.value)
    assert isinstance(info.value, ValueError)


def test_the_gazetteer_is_read_once_when_the_settings_are_made(tmp_path):
    gz = tmp_path / "gz.tsv"
    gz.write_text("甲乙丙科技有限公司\tORG\t甲乙丙\n", encoding="utf-8")
    s = Settings(gazetteer=str(gz))
    assert s.names is not None and Settings(gazetteer=s.names).names is s.names
    gz.write_text("甲乙丙\tXYZ\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"gz.tsv:1: "):
        Settings(gazetteer=str(gz))


def test_extract_files_takes_settings_or_the_same_keywords(tmp_path):
    (tmp_path / "a.txt").write_text("今年4月，区工商联召开会议。", encoding="utf-8")
    by_settings = timeline.extract_files([str(tmp_path)], settings=Settings(dct="2017-08-28", lang="zh"))
    by_keywords = timeline.extract_files([str(tmp_path)], dct="2017-08-28", lang="zh")
    assert by_settings.to_dict() == by_keywords.to_dict()
    assert by_settings.timexes[0].value == "2017-04"
    with pytest.raises(SettingsError, match="YYYY-MM-DD"):
        timeline.extract_files([str(tmp_path)], dct="28/08/2017")
