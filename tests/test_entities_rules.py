"""Entity tables are validated when loaded: a bad rule fails naming its file and rule."""
from __future__ import annotations

import shutil

import pytest
import yaml

from timeline import resources, text
from timeline.entities import coref
from timeline.entities.rules import fold, load_rules
from timeline.resources import ResourceError


@pytest.fixture
def fake_lang(tmp_path, monkeypatch):
    """A copy of the zh entity tables as language ``xx`` under a temporary resource root."""
    shutil.copytree(resources.path("zh", "entities"), tmp_path / "xx" / "entities")
    shutil.copytree(resources.path("en", "entities"), tmp_path / "en" / "entities")   # latin_script
    shutil.copy(resources.path("en", "text.yaml"), tmp_path / "en" / "text.yaml")     # its script.chars
    shutil.copy(resources.path("zh", "text.yaml"), tmp_path / "xx" / "text.yaml")
    monkeypatch.setattr(resources, "ROOT", tmp_path)
    _clear_caches()
    yield tmp_path / "xx" / "entities"
    _clear_caches()


def _clear_caches() -> None:
    for f in (resources.load_yaml, load_rules, coref.mention_rules, coref.participant_rules, text.load_rules,
              text.scripts):
        f.cache_clear()


def _edit(folder, fname, fn):
    p = folder / fname
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    fn(data)
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_shipped_tables_load():
    rules = load_rules("zh")
    assert "有限公司" in rules.heads and rules.heads["有限公司"].trade_name
    assert rules.heads["政府"].place_only and rules.heads["农委"].standalone
    assert load_rules("en") is None


@pytest.mark.parametrize("fname,edit,needle", [
    ("constructions.yaml", lambda d: d["short_name"][0].update(regex="(?P<x>.)"), "named group (?P<alias>"),
    ("constructions.yaml", lambda d: d["short_name"][0].update(regex="^(?P<alias>.)"), "drop the leading ^"),
    ("constructions.yaml", lambda d: d["alternate_name"][0].update(regex="(?P<alt>"), "does not compile"),
    ("constructions.yaml", lambda d: d["levels"].update({"州": "galaxy"}), "levels.州"),
    ("coref.yaml", lambda d: d["entities"].update(governments=["衙门"]), "entities.governments"),
    ("orgs.yaml", lambda d: d["not_followed_by"].update({"衙门": ["长"]}), "not_followed_by.衙门: constraint"),
    ("orgs.yaml", lambda d: d["synonyms"].update({"衙门": "政府"}), "synonyms.衙门"),
    ("orgs.yaml", lambda d: d.pop("min_trade_name"), "orgs.yaml: min_trade_name: missing"),
    ("places.yaml", lambda d: d.update(stem_min="two"), "expected an integer"),
    ("people.yaml", lambda d: d.update(titles_before="主席"), "list of non-empty strings"),
    ("chrome.yaml", lambda d: d.update(line_regex=["[unclosed"]), "line_regex[0]"),
    ("chrome.yaml", lambda d: d.update(anywhere_line_max="long"), "expected an integer"),
    ("places.yaml", lambda d: d.update(suffixed_only=["亚特兰蒂斯"]), "suffixed_only"),
    ("orgs.yaml", lambda d: d.update(department_parents=["有限公司"]), "department_parents"),
    ("coref.yaml", lambda d: d["entities"]["anaphora"].update(bare_heads=["衙门"]), "entities.anaphora.bare_heads"),
    ("coref.yaml", lambda d: d["entities"]["anaphora"]["not_followed_by"].update({"衙": ["门"]}),
     "entities.anaphora.not_followed_by.衙"),
    ("coref.yaml", lambda d: d["entities"]["anaphora"].update(demonstrative=["该"]), "demonstrative"),
    ("constructions.yaml", lambda d: d["home"].update(anchor="galaxy"), "home: level 'galaxy'"),
    ("constructions.yaml", lambda d: d["acting_place"].update(subject_verbs="举行"), "acting_place.subject_verbs"),
    ("orgs.yaml", lambda d: d.update(sub_bodies=["衙门"]), "sub_bodies"),
    ("orgs.yaml", lambda d: d.update(coordinated_heads=["衙门"]), "coordinated_heads"),
    ("constructions.yaml", lambda d: d.update(short_references=["衙"]), "short_references"),
    ("boundaries.yaml", lambda d: d.update(prepositions="据"), "prepositions"),
    ("boundaries.yaml", lambda d: d.update(amount_units=["元"]), "amount_units"),
    ("boundaries.yaml", lambda d: d["adverb_verbs"].update(verbs="检查"), "adverb_verbs.verbs"),
    ("orgs.yaml", lambda d: d["short_forms"].update(heads=["商会"]), "short_forms.heads"),
    ("orgs.yaml", lambda d: d["short_forms"].update(stem_max="four"), "short_forms.stem_max"),
    ("constructions.yaml", lambda d: d["latin_script"].update(language="zz"), "latin_script.language"),
    ("constructions.yaml", lambda d: d["latin_script"].update(chars="[a-z]"), "latin_script: unknown keys ['chars']"),
])
def test_bad_rule_fails_naming_file_and_rule(fake_lang, fname, edit, needle):
    _edit(fake_lang, fname, edit)
    with pytest.raises(ResourceError) as exc:
        load_rules("xx")
        coref.mention_rules("xx")
    assert fname in str(exc.value) and needle in str(exc.value)


def test_fold_keeps_length_and_maps_full_width():
    s = "甲乙（中国）：ＡＢ１\u3000"
    assert fold(s) == "甲乙(中国):AB1 " and len(fold(s)) == len(s)


def test_place_table_is_the_field_not_the_seed():
    """places.yaml lists every provincial-level division and the prefecture-level divisions
    (333 in 2023, by their usual short names), each bare name once."""
    rules = load_rules("zh")
    levels = [lv for lv, _ in rules.place_name_full.values()]
    assert levels.count("province") == 28          # 23 provinces (with 台湾) and 5 autonomous regions
    assert levels.count("city") >= 333
    for name, full in [("九江", "九江市"), ("黔东南", "黔东南州"), ("锡林郭勒", "锡林郭勒盟"),
                       ("内蒙古", "内蒙古自治区")]:
        assert rules.place_name_full[name][1] == full


def test_coref_table_serves_both_stages():
    """One coreference table a language (coref.yaml): the entity stage's section and the event
    stage's, each read by its own reader; a language without the table gets empty rules."""
    mentions, participants = coref.mention_rules("zh"), coref.participant_rules("zh")
    assert mentions.anaphora_re.fullmatch("该院") and mentions.self_re.fullmatch("我县")
    assert "政府" in mentions.governments and participants.governments == ("人民政府", "政府")
    assert participants.short_forms["市府"] == ("市政府", "市人民政府") and participants.leader_titles["市长"] == "市"
    assert coref.mention_rules("en") == coref.MentionRules()            # no `entities` section
    assert coref.participant_rules("en").pronouns == {"it": "ORG", "he": "PER", "she": "PER"}
    assert coref.participant_rules("fr") == coref.ParticipantRules()    # no table at all
