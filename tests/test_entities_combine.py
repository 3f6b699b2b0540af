"""The precedence of the recogniser's sources (timeline/entities/combine.py), with the model's spans
given (``recognise(..., names=...)``) so that each rule is tested apart from any trained model."""
from __future__ import annotations

import pytest

from timeline.entities import Gazetteer, recognise
from timeline.entities.combine import NameSpan


def combine_fix(text, span):
    from timeline.entities.combine import _fix_model_span
    from timeline.entities.rules import load_rules

    return _fix_model_span(load_rules("zh"), text, *span)


def _ents(text, names, **kw):
    return recognise(text, lang="zh", doc_id="d1", names=[NameSpan(*n) for n in names], **kw)


def _orgs(text, names=(), **kw):
    return sorted((e.name, [m.text for m in e.mentions]) for e in _ents(text, names, **kw) if e.type == "ORG")


def _span(text, sub, typ="ORG"):
    k = text.index(sub)
    return (k, k + len(sub), typ)


def test_a_model_organisation_without_a_known_head_is_an_organisation():
    text = "恒拓和晨星共同发布了新产品。"
    assert _orgs(text, [_span(text, "恒拓"), _span(text, "晨星")]) == [("恒拓", ["恒拓"]), ("晨星", ["晨星"])]


def test_without_the_model_the_rules_stand():
    text = "青梧县工商联召开会议。"
    assert _orgs(text) == [("青梧县工商联", ["青梧县工商联"])]


def test_a_model_name_starting_inside_a_word_of_the_tables_starts_after_it():
    # 莅临 (to visit) is a boundary word: the model's 临恒拓公司 starts inside it
    text = "商会会长应邀莅临恒拓公司指导。"
    assert _orgs(text) == [("恒拓公司", ["恒拓公司"])]
    assert _orgs(text, [_span(text, "临恒拓公司")]) == [("恒拓公司", ["恒拓公司"])]


def test_a_model_name_reading_a_verb_after_a_name_ends_with_that_name():
    text = "青梧商会参会人员共20人。"
    assert _orgs(text, [_span(text, "青梧商会参会")]) == [("青梧商会", ["青梧商会"])]


def test_a_model_name_ending_with_a_unit_after_a_name_is_a_unit_of_it():
    text = "青梧市工商联研究室发布报告。"
    assert _orgs(text, [_span(text, "青梧市工商联研究室")]) == [
        ("青梧市工商联", ["青梧市工商联"]), ("青梧市工商联研究室", ["青梧市工商联研究室"])]


@pytest.mark.parametrize("junk,cut", [("海淀区GD", "海淀区"), ("川B", None), ("中国)有限公司", None)])
def test_a_model_name_cut_inside_latin_letters_or_brackets(junk, cut):
    text = {"海淀区GD": "青梧海淀区GDP增长。", "川B": "川B2-20240767号",
            "中国)有限公司": "青梧地板(中国)有限公司成立。"}[junk]
    got = combine_fix(text, _span(text, junk)[:2])
    assert (text[got[0]:got[1]] if got else None) == cut


def test_a_place_chain_before_the_model_start_stays_part_of_the_name():
    text = "重庆市青梧县工商联召开会议。"
    assert _orgs(text, [_span(text, "青梧县工商联")]) == [("重庆市青梧县工商联", ["重庆市青梧县工商联"])]


def test_a_model_name_holding_a_rule_name_cut_at_a_word_takes_its_place():
    # the rules stop at 等 (a boundary word: "and so on") inside 等离子体 (plasma)
    text = "青梧等离子体学会举办论坛。"
    assert _orgs(text) == [("离子体学会", ["离子体学会"])]
    assert _orgs(text, [_span(text, "青梧等离子体学会")]) == [("青梧等离子体学会", ["青梧等离子体学会"])]


def test_a_name_cut_at_a_weak_word_is_joined_by_the_rules():
    # what stands before 与 starts with a name and ends with no head: one name, the university
    # named at its start named on its own too (a parent body)
    text = "青梧大学新闻与传播学院举办论坛。"
    assert _orgs(text) == [("青梧大学", ["青梧大学"]), ("青梧大学新闻与传播学院", ["青梧大学新闻与传播学院"])]
    # two bodies: what stands before 与 is a complete name
    assert _orgs("青梧公司与青梧协会签约。") == [("青梧公司", ["青梧公司"]), ("青梧协会", ["青梧协会"])]


@pytest.mark.parametrize("text,unit", [
    ("青梧市工商联研究室发布报告。", "青梧市工商联研究室"),
    ("监理单位为青梧设计院工程建设监理部、验收单位", "青梧设计院工程建设监理部"),
    ("青梧公司项目部经理出席。", "青梧公司项目部"),
])
def test_a_unit_written_after_its_body(text, unit):
    assert unit in dict(_orgs(text))


@pytest.mark.parametrize("text", ["青梧公司全部股权转让。", "青梧公司内部管理。", "青梧公司有关部门负责人。"])
def test_no_unit_where_a_word_is_written(text):
    assert dict(_orgs(text)) == {"青梧公司": ["青梧公司"]}


def test_a_model_name_over_two_bodies_side_by_side_leaves_them_to_the_rules():
    text = "青梧县委县政府召开会议。"
    rules = _orgs(text)
    assert _orgs(text, [_span(text, "青梧县委县政府")]) == rules


def test_a_model_name_cut_inside_a_head_ends_with_the_head():
    text = "临江新城管委会主任出席。"
    assert _orgs(text, [_span(text, "临江新城管委")]) == [("临江新城管委会", ["临江新城管委会"])]


@pytest.mark.parametrize("junk", ["公司", "各级", "的"])
def test_a_model_span_that_is_only_a_head_or_a_generic_word_is_no_name(junk):
    text = f"他说{junk}很好。"
    assert _orgs(text, [_span(text, junk)]) == []


def test_a_model_person_and_place_where_no_rule_reads_a_name():
    text = "张三丰来到青梧。"
    ents = _ents(text, [_span(text, "张三丰", "PER"), _span(text, "青梧", "LOC")])
    assert sorted((e.type, e.name) for e in ents) == [("LOC", "青梧"), ("PER", "张三丰")]


def test_the_gazetteer_wins_over_the_model():
    text = "晨星科技发布了新产品。"
    g = Gazetteer.from_entries([("晨星", "PER")])
    ents = _ents(text, [_span(text, "晨星科技")], gazetteer=g)
    assert [(e.type, e.name) for e in ents] == [("PER", "晨星")]


def test_a_model_organisation_over_a_place_acting_as_a_body():
    text = "作为开发区，青梧高新区按照规划建设新城。"
    assert ("青梧高新区", ["青梧高新区"]) in _orgs(text, [_span(text, "青梧高新区")])


def test_a_name_cut_at_the_list_mark_after_one_place_is_joined():
    # 等离子体 (plasma) holds 等 (and so on); after a list of places 等 closes the list
    assert "北京等离子体学会" in dict(_orgs("此后，成立北京等离子体学会。"))
    assert "上海等离子体学会" not in dict(_orgs("北京、上海等离子体学会参加。"))


def test_a_model_name_over_a_place_joins_its_administration():
    text = "青梧开发区管委会主办。青梧开发区举行签约仪式。"
    second = text.rindex("青梧开发区")
    orgs = _orgs(text, [_span(text, "青梧开发区管委会"), (second, second + 5, "ORG")])
    assert [name for name, _ in orgs] == ["青梧开发区管委会"]


def test_a_model_name_reading_a_word_after_a_short_form_of_the_document_ends_with_it():
    text = "江西青梧新能源有限公司成立。青梧新能源拟投资建厂。"
    orgs = dict(_orgs(text, [_span(text, "青梧新能源拟")]))
    assert orgs == {"江西青梧新能源有限公司": ["江西青梧新能源有限公司", "青梧新能源"]}   # its short form


@pytest.mark.parametrize("junk", ["执委", "支部", "执委3"])
def test_titles_and_cut_heads_are_no_model_names(junk):
    text = f"他当选为{junk}。"
    assert _orgs(text, [_span(text, junk)]) == []


# --------------------------------------------------------------------------- a long text in pieces
def test_a_long_text_is_cut_for_the_model_after_line_breaks():
    from timeline.entities.sources import _pieces

    text = ("甲" * 30 + "\n") * 10 + "乙" * 100
    starts = _pieces(text, size=64)
    ends = starts[1:] + [len(text)]
    assert starts[0] == 0 and all(0 < b - a <= 64 for a, b in zip(starts, ends, strict=True))
    assert all(text[a - 1] == "\n" for a in starts[1:] if a <= 310)   # after a line break where there is one
    assert _pieces("短", size=64) == [0]


def test_the_model_reads_a_long_text_in_pieces_as_it_reads_it_whole(seed_text, monkeypatch):
    """A text longer than MODEL_PIECE read in pieces (its memory bounded) gives the names it gives
    read whole (scores may move in the third decimal by the context at a cut)."""
    from timeline.entities import sources

    text = (seed_text + "\n") * (sources.MODEL_PIECE // (len(seed_text) + 1) + 2)
    pieces = sources.model_names(text, "zh")
    monkeypatch.setattr(sources, "MODEL_PIECE", len(text))
    whole = sources.model_names(text, "zh")
    assert len(sources._pieces(text, 1 << 16)) > 1
    assert [n[:3] for n in pieces] == [n[:3] for n in whole]
    assert all(abs(a.score - b.score) < 0.01 for a, b in zip(pieces, whole, strict=True))


# --------------------------------------------------------------------------- verbs and marks glued to a name
def test_a_model_name_after_a_list_number_on_the_line_before_starts_after_the_break():
    assert combine_fix("01\n恒拓公司成立。", (0, 7)) == (3, 7)
    assert combine_fix("恒拓信息产\n业有限公司", (0, 11)) == (0, 11)   # a name wrapped over two lines stays


def test_a_dateline_glued_to_an_agency_is_no_part_of_its_name():
    assert combine_fix("青梧网讯（记者）", (0, 4)) == (0, 3)


def test_a_place_and_a_line_of_business_name_no_company():
    text = "甲方享有在杭州市商超区域内的独家经销权。"
    assert _orgs(text, [_span(text, "杭州市商超")]) == []


def test_a_model_name_over_one_word_before_a_rule_name_leaves_the_rule_name():
    text = "恒拓公司诉晨星有限公司。"
    want = [("恒拓公司", ["恒拓公司"]), ("晨星有限公司", ["晨星有限公司"])]
    assert _orgs(text, [_span(text, "诉晨星有限公司")]) == want


def test_a_one_letter_party_glued_to_a_verb_is_the_letter_and_its_head():
    text = "双方商定K公司于次月交货。"
    assert _orgs(text, [_span(text, "定K公司")]) == [("K公司", ["K公司"])]


def test_a_person_cut_by_the_model_is_read_whole():
    text = "县领导陈立新出席。区委书记禚明楠讲话。王明说，李强总经理到场。"
    names = [_span(text, n, "PER") for n in ("陈立", "明楠", "王明", "李强")]
    people = sorted(e.name for e in _ents(text, names) if e.type == "PER")
    assert people == ["李强", "王明", "禚明楠", "陈立新"]


def test_a_model_place_listed_with_people_is_a_person():
    text = "出席的有张立伟、孙东山、刘小平。考察团走访了北京、马鞍山。"
    names = [_span(text, "张立伟", "PER"), _span(text, "孙东山", "LOC"), _span(text, "刘小平", "PER"),
             _span(text, "北京", "LOC"), _span(text, "马鞍山", "LOC")]
    ents = _ents(text, names)
    assert sorted((e.type, e.name) for e in ents) == [("LOC", "北京"), ("LOC", "马鞍山"), ("PER", "刘小平"),
                                                      ("PER", "孙东山"), ("PER", "张立伟")]


def test_a_rule_name_reading_past_the_models_into_a_word_ends_with_the_models():
    text = "青梧县商会会长王明说。"
    assert [e.name for e in _ents(text, [_span(text, "王明", "PER")]) if e.type == "PER"] == ["王明"]
    text = "会长李春来表示感谢。"
    assert [e.name for e in _ents(text, [_span(text, "李春来", "PER")]) if e.type == "PER"] == ["李春来"]


def test_a_model_name_reading_a_trade_name_after_a_company_names_its_subsidiary():
    # 青禾集团|瑞丰科技: a trade name and an industry word after the company: its subsidiary, and
    # the company named at its start stays as the parent (not 青梧商会|参会, a verb; not 青禾集团|
    # 智能科技, industry words only)
    text = "青禾集团瑞丰科技、柳塘机械等8个项目集中开工。"
    got = _orgs(text, [_span(text, "青禾集团瑞丰科技"), _span(text, "柳塘机械")])
    assert ("青禾集团瑞丰科技", ["青禾集团瑞丰科技"]) in got and ("青禾集团", ["青禾集团"]) in got
    text = "青禾集团智能科技发展迅速。"
    assert _orgs(text, [_span(text, "青禾集团智能科技")]) == [("青禾集团", ["青禾集团"])]


@pytest.mark.parametrize("text,short,full", [
    ("青禾电气绿能科技（苏州）有限公司总投资5亿元。青禾电气绿能科技、柳塘机械等项目开工。",
     "青禾电气绿能科技", "青禾电气绿能科技（苏州）有限公司"),          # a bracketed place and the legal form left out
    ("苏州青禾光伏科技有限公司成立于2009年。青禾光伏二期项目投产。",
     "青禾光伏", "苏州青禾光伏科技有限公司"),                        # the place, an industry word and the legal form
])
def test_a_company_written_by_its_trade_name_alone_is_that_company(text, short, full):
    k = text.rindex(short)
    ents = [e for e in _ents(text, [(k, k + len(short), "ORG")]) if e.type == "ORG"]
    assert [(e.name, e.aliases) for e in ents if short in e.name] == [(full, [short])]


def test_a_place_is_no_trade_name_of_a_company_named_after_it():
    text = "青梧县农村商业银行向青梧县捐赠100万元。"
    ents = _ents(text, [_span(text, "青梧县农村商业银行")])
    assert [e.aliases for e in ents if e.name == "青梧县农村商业银行"] == [[]]


def _spans_at(text, sub, typ):
    """Every occurrence of ``sub`` as a model span of type ``typ``."""
    out, k = [], text.find(sub)
    while k >= 0:
        out.append((k, k + len(sub), typ))
        k = text.find(sub, k + 1)
    return out


def _typed(text, names, typ):
    return sorted((e.name, sorted(m.text for m in e.mentions)) for e in _ents(text, names) if e.type == typ)


@pytest.mark.parametrize("text,junk", [
    # a generic word of generic.yaml starting inside the model's name runs past its end
    ("青梧区工商联将围绕区委区政府中心工作开展服务。", "区政府中心"),
    ("表彰大会为商会党建工作指导员发放了聘书。", "商会党"),
    ("双方扎实推进招商引资工作。", "招商"),
])
def test_a_model_name_ending_inside_a_word_of_the_genre_is_no_name(text, junk):
    orgs = _orgs(text, [_span(text, junk)])
    assert not any(junk in mentions for _, mentions in orgs)


def test_a_model_name_ending_inside_a_word_keeps_the_rule_name_it_holds():
    text = "青梧区工商联将围绕区委区政府中心工作开展服务。"
    got = _orgs(text, [_span(text, "青梧区工商联"), _span(text, "区委"), _span(text, "区政府中心")])
    assert [name for name, _ in got] == ["青梧区委", "青梧区工商联", "青梧区政府"]


def test_a_preposition_read_after_a_head_is_no_part_of_the_name():
    text = "双方再次陷入僵局。青梧县人民法院经审查认为，计价原则偏离实际。"
    assert _orgs(text, [_span(text, "青梧县人民法院经")]) == [("青梧县人民法院", ["青梧县人民法院"])]


def test_a_bare_head_and_a_preposition_name_nothing():
    text = "双方再次陷入僵局。法院经审查认为，计价原则偏离实际。"
    assert _orgs(text, [_span(text, "法院经")]) == []


@pytest.mark.parametrize("text,junk", [("以学习贯彻党的十九大精神为主线。", "十九大"),
                                       ("会议传达了二十届三中全会精神。", "二十届三中全会")])
def test_a_party_congress_written_by_its_ordinal_is_no_organisation(text, junk):
    assert _orgs(text, [_span(text, junk)]) == []


def test_a_model_organisation_with_a_person_s_shape_after_a_title_is_a_person():
    text = "省农垦集团董事长田文远、副总经理程立军出席签约仪式。"
    names = [_span(text, "省农垦集团"), _span(text, "田文远", "PER"), _span(text, "程立军")]
    assert _typed(text, names, "ORG") == [("省农垦集团", ["省农垦集团"])]
    assert _typed(text, names, "PER") == [("田文远", ["田文远"]), ("程立军", ["程立军"])]


def test_a_model_organisation_listed_with_people_is_a_person():
    text = "刘远明、王振华、段国强、杨文清等县领导出席。"
    names = [_span(text, "刘远明", "PER"), _span(text, "王振华", "PER"), _span(text, "段国强"),
             _span(text, "杨文清", "PER")]
    assert _typed(text, names, "ORG") == []
    assert "段国强" in [name for name, _ in _typed(text, names, "PER")]


def test_a_model_organisation_the_model_reads_as_a_person_elsewhere_is_a_person():
    text = "县委书记金立军出席。金立军对来宾表示欢迎。"
    k = text.rindex("金立军")
    names = [_span(text, "金立军", "PER"), (k, k + 3, "ORG")]
    assert _typed(text, names, "ORG") == [("县委", ["县委"])]
    assert _typed(text, names, "PER") == [("金立军", ["金立军", "金立军"])]


def test_a_model_person_cut_short_is_read_as_the_full_name_of_the_rules():
    # the rules read 李国和 after the title 副县长; the model reads it cut where 和 may be a word
    text = "副县长李国和出席。李国和对县重点项目作了介绍。"
    k = text.rindex("李国")
    names = [_span(text, "李国和", "PER"), (k, k + 2, "PER")]
    assert _typed(text, names, "PER") == [("李国和", ["李国和", "李国和"])]


def test_a_model_name_of_a_person_a_verb_and_a_head_is_no_organisation():
    # 希望 (hope) follows a person named in the document: 黄某彬希望协会… is the person, a verb, a head
    text = "会长黄文斌出席。黄文斌希望协会继续发挥桥梁纽带作用。"
    k = text.rindex("黄文斌")
    names = [_span(text, "黄文斌", "PER"), (k, k + 7, "ORG")]
    assert _orgs(text, names) == []


def test_a_model_given_name_after_a_surname_that_is_also_a_preposition_is_read_whole_with_its_title():
    # 向 is a surname and a preposition; the model reads the given name alone, the title is written
    # before another mention of the name
    text = "青梧建工集团副总经理向英明出席签约仪式。向英明一行对项目进行了考察。"
    k = text.rindex("英明")
    people = [e for e in _ents(text, [_span(text, "青梧建工集团"), (k, k + 2, "PER")]) if e.type == "PER"]
    assert [(e.name, sorted(m.text for m in e.mentions)) for e in people] == [("向英明", ["向英明", "向英明"])]
    assert people[0].attributes["titles"] == ["青梧建工集团副总经理"]


def test_a_model_person_takes_no_title_written_before_a_longer_name():
    text = "青梧公司总经理王明华出席。王明表示欢迎。"
    k = text.rindex("王明")
    people = {e.name: e for e in _ents(text, [_span(text, "王明华", "PER"), (k, k + 2, "PER")]) if e.type == "PER"}
    assert "titles" not in people["王明"].attributes


@pytest.mark.parametrize("text,name", [("本场迎来多尼的复出。", "多尼"), ("上轮后卫奥耶因伤缺席。", "奥耶")])
def test_a_model_given_name_after_a_surname_written_after_no_title_stays_as_read(text, name):
    # 来, 卫 are surnames too, but 迎来, 后卫 are words: the name is read with its surname only where
    # the document writes it after a title
    assert [e.name for e in _ents(text, [_span(text, name, "PER")]) if e.type == "PER"] == [name]


def test_a_model_organisation_read_as_a_person_elsewhere_after_no_title_stays_an_organisation():
    text = "又或者盖明内部高层的劝说，盖明仍然不肯放弃这些藏品。"
    k = text.rindex("盖明")
    names = [_span(text, "盖明", "PER"), (k, k + 2, "ORG")]
    assert "盖明" in [name for name, _ in _typed(text, names, "ORG")]


def test_a_model_name_reading_贯彻落实_before_a_body_starts_after_it():
    text = "会议要求，各商会要认真贯彻落实青梧市工商联的部署。"
    assert _orgs(text, [_span(text, "贯彻落实青梧市工商联")]) == [("青梧市工商联", ["青梧市工商联"])]


def test_a_model_name_opening_with_a_determiner_is_a_class_of_bodies():
    text = "青梧市工商联有关司局负责同志出席。"
    assert _orgs(text, [_span(text, "有关司局")]) == [("青梧市工商联", ["青梧市工商联"])]


def test_a_model_name_of_a_title_and_a_person_names_no_body():
    text = "庭审开始前，主审法官李志强宣布该案不公开审判。"
    assert _orgs(text, [_span(text, "主审法官李志强")]) == []


def test_a_model_name_of_a_bare_head_and_a_noun_names_no_body():
    text = "要充分发挥商会人脉广泛等特点。"
    assert _orgs(text, [_span(text, "商会人脉")]) == []


def test_a_model_name_reading_a_verb_of_sending_after_a_head_ends_with_the_head():
    text = "同时，被告青梧航空派出法律部两名工作人员出庭。"
    assert _orgs(text, [_span(text, "青梧航空派出法律部")]) == [("青梧航空", ["青梧航空"])]
    text = "青梧县个体劳动者协会联合会成立。"       # a head word that opens with a boundary word stays
    assert _orgs(text, [_span(text, "青梧县个体劳动者协会联合会")]) == [
        ("青梧县个体劳动者协会联合会", ["青梧县个体劳动者协会联合会"])]


def test_a_model_name_after_a_place_abbreviation_starts_at_the_place():
    text = "青田县委书记讲话。这为在杭青田商会发展带来新契机。"
    assert ("青田商会", ["青田商会"]) in _orgs(text, [_span(text, "杭青田商会")])


def test_a_model_name_cut_after_an_economic_region_is_read_whole():
    text = "赴南京参加了长三角浙江商会联盟成立大会。"
    got = _orgs(text, [_span(text, "长三角", "LOC"), _span(text, "浙江商会联盟")])
    assert got == [("长三角浙江商会联盟", ["长三角浙江商会联盟"])]


def test_a_model_name_ending_with_a_head_is_a_body_as_an_item_of_a_list_of_a_places_bodies():
    text = "副县长率县政府办、交通局、团结街道办事处等单位赴外地考察。团结街道办事处干部参加。"
    got = dict(_orgs(text, [_span(text, "团结街道办事处")] + [
        (k, k + 7, "ORG") for k in [text.rindex("团结街道办事处")]]))
    assert got["团结街道办事处"] == ["团结街道办事处", "团结街道办事处"]
    text = "支持团结街道办事处开展工作。"               # a verb, then a body of no list: the rules decide
    assert _orgs(text, [_span(text, "团结街道办事处")]) == []
