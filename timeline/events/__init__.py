"""Events: dated clauses with a trigger, participants in roles, amounts and a source span.

``assemble(document, timexes, entities)`` reads the text in four layers:

1. **Sentences and clauses** (``timeline.text``). Sentences end at the characters of
   ``text.yaml`` (``sentence_end``, ``segmenter_sentence_end``; a line break always ends one;
   a capitalised ``run_on_openers`` word after a lower-case word starts one: ``…said some weeks
   ago On March 3, 2015, the board…``);
   clauses at ``clause_end``. Punctuation
   inside paired brackets or quotes does not split, nor does a separator between two digits
   (``3.5亿元``). A news dateline or byline opening a paragraph (``clauses.yaml: datelines``:
   ``本报讯（记者 林晓雨）``, ``新华社北京3月14日电``, ``【甲县新闻】``; any outlet's name before
   ``any_source_markers`` and white space: ``甲乙点讯 ``; a bracket of names after a dispatch:
   ``…9月5日电 （张三）``) is no part of its first clause;
   a date inside it dates the lead like a date opening it, a date of the lead's own winning.
   No separator inside a time expression splits (``On May 3, 2024, Acme signed…``), and the
   bullets and symbols opening a clause (``text.yaml: leading_marks``: ``■2024年5月1日，``) are
   no part of it.
2. **Units.** A trigger verb (``triggers.yaml``, longest match) makes its clause a unit,
   unless it is inside brackets, a name or a time expression, negated (``尚未签订``), a noun
   (``数据库的建立``, ``测评结果``, ``融资、用工``, a word of ``nouns`` holding it: ``党组织``), a
   purpose (``用于…慰问``) or inside a topic frame (``就…进行洽谈``). Of several, the main verb
   is the first followed by an aspect marker or ending the clause (``…投资贸易洽谈会在成都举行``:
   ``举行``), else the first; a verb after a serial connective (``serial_markers``:
   ``出席会议并讲话``) never beats the first. A causative verb (``促成``, ``组织``, ``带领`` …) followed by a
   trigger — in its clause, or opening the next clause without a subject of its own — makes
   one unit with it; alone it is the trigger.
3. **Anchoring** (TimeML: an EVENT and the TIMEX3 that dates it). A DATE or TIME dates its
   clause and every following clause of the sentence until the next time expression that
   dates (``2014年,区工商联成立了…,解决…;同年建立了…``) or a new item of an enumeration
   (``carry_breakers``: ``一是…；二是…``; a date right after the item's word opens its clause:
   ``一是9月5日上午，…``); in a clause without a trigger, only a date opening
   the clause (after a preposition, a connective or an event noun: ``立案次日``) is carried,
   not one inside it (``总结去年以来的工作``), but for one after a ``forward_prepositions`` word
   outside a plan (``子公司于5月4日收到…，…中标``). A start point (``start_openers``…``start_closers``:
   ``从1月初开始``) dates the activity that starts then, not an outcome of a ``start_not_to`` kind
   told after it (``…进行了多轮谈判，达成共识``). Coordinated dates before the verb (``于2014年和2016年``)
   each date it; two dates joined by a range connective (``2019年8月至2020年10月``), like one
   DURATION with ``begin``/``finish``, date it by the begin point over the whole interval; a
   date after the verb dates it only after a preposition and when nothing came before
   (``成立于2014年``, not ``召开2019年度工作会议``). A sentence whose dates date no event passes
   its last opening date on to the next sentence of its paragraph (``立案次日，法官…发现…。法院决定…
   并邀请…参与``), where a date of the unit's own after its verb still wins; with no such date, the
   day it states with a copula (``今天是9月5日``, ``3月12日是植树节``). A SET before the
   trigger marks a habit (``每季度召开一次``), and so does a DURATION after a ``series_markers``
   word (``连续5年开展…``, ``连续多年被评为…``): no event, and the carried date stops; but a
   written date opening a period right before the SET (``2018年以来，甲公司每年投入…``,
   ``自2019年起每年资助…``) dates the start of the programme, keeping its year's confidence. A
   DURATION dates only when it reaches the present (``近三年来``, ``anchors.yaml``) and then
   denotes the interval from the DCT minus the duration to the DCT. A time expression after a
   comparison marker (``较2015年6月底增加36%``: no event), inside a title (``《…》``) or a quoted
   name (``“2018年度优秀民营企业”``) never dates. A date before a deadline marker (``2025年底前建成``)
   dates like any other, the event's date keeping its TIMEX3 mod (``END``) or taking ``BEFORE``.
   A clause speaking of the future (``anchors.yaml: future_markers``, ``future_auxiliaries``
   before a verb: ``下一步，甲镇将与乙局合作``) stops a carried past date. A unit with no date of its
   own and none carried within its sentence is dated by a later date of its sentence opening its
   clause after a ``forward_prepositions`` word (``…合作，于今年下半年成立…``), before a date
   carried from the previous sentence.
   A date inside the subject, neither opening its clause nor after a preposition, yields to a
   carried one (``4月15日，甲县2021年银企对接会举行``), whatever their precision when it modifies
   the name of an activity or batch that a word of ``activity_heads`` ends right before the verb
   (``日前，甲局2017年度…检查工作全面启动``, ``…项目5月份集中开工暨签约仪式在乙城举行``), and so
   does a date opening its clause that words of the subject follow when the carried date is more
   specific (``当地时间10月8日上午，2021年湖南品牌推介会在迪拜开幕``: the day); a date right
   before the verb, adverbs aside, dates it (``去年签约之后，预定10月底完成…``: ``10月底``).
   A date inside its clause after a verb with its subject (``anchors.yaml: object_verbs``, a
   trigger word) modifies the object and yields to a more specific date carried to the clause
   (``1月20日，甲市迎来今年招商引资开门红``). A date stated as the predicate of the event's time
   (``time_predicates``: ``座谈会召开时间分别为5月6日、5月20日``) dates it, each coordinated date once.
   A vague date (``日前``, ``目前``, ``近年来``) yields to a calendar date of its sentence
   (``10月8日，记者获悉，甲县日前召开…``; ``日前（10月8日），``). A clause placed at the event told last
   (``anchors.yaml: event_anaphora``: ``会上，``, ``会后，``, ``随后，``; not ``随后召开的…``) takes that
   event's date; one naming the gathering (``gathering_anaphora``: ``会上，``) takes the date of the
   last gathering (``gathering_kinds``) dated in its own sentence, when there is one.
4. **Fallback.** A DATE or TIME that dates no unit, in a clause of no unit, still makes an
   event of kind ``other`` (``triggers.yaml: fallback``) from the first clause of its reach
   naming an organisation or a person (``2018年3月，甲公司在乙县招用工人300名``), its trigger
   the verb-like word after the last name (``_fallback_trigger``), unless that word is a state
   (``共有会员300个``), the noun of a list (``fallback.list_closers``: ``…等地``), negated or a
   table verb set aside as a noun.

5. **Statements that are no happening.** A unit on a line of page metadata (``triggers.yaml:
   fallback.metadata_labels``: ``发布时间：… 发布人：…``; on a line with sentence ends, scraped without line
   breaks, only its labelled fields: ``2021年3月10日 来源：某网 3月9日，…``) makes no event, and the time
   expression the document's DCT was read from (``Document.dct_source``) dates nothing; nor does one
   inside a quoted slogan or name (``以“筑梦新未来”为主题``). A verb inside the circumstances of a clause
   (``background_frames``: ``在接受记者采访时称``), right after a count with a relative marker after it
   (``relative_markers``: ``5家获得指标的企业``) or in a noun (``nouns``: ``工作报告``, ``营业执照``) is no trigger;
   a fallback word that is a state, the reporter's source (``获悉``) or ``的`` makes no event. Other
   statements lower the event's confidence (below).

One event is made for each (date, unit), and one only for each (date, trigger word): the same
verb again on the same date is a mention of the first (ids ``e1…`` in text order). An act that
the name of a gathering told before in its sentence holds (``…集中开工暨签约仪式在乙城举行，27个项目
集中开工``), or a hosting verb after a clause ending with such a name (``…开工仪式，在丙园区举行``), is
a mention of it; a trigger inside an ``event_anaphora`` phrase (``在座谈会上``) is none. An attendance
or a speech (a kind that ``attends``) in the sentence of a dated event of a kind it ``joins``,
dated by the date carried to it, is part of that event (``3月5日，甲县召开大会，县长乙出席``: one
event, the attendance a mention, its attendees participants), and so is one of ``anchors.yaml:
gathering_steps`` told at it in a later sentence (``仪式上，乙致辞``; not an act told as done:
``会上，表彰了…``). An act of another kind on the day of a gathering told before that names it
again outside its own name (``gathering_heads``: ``10点18分，乙宣布奠基仪式正式开始``), a gathering
of ``trip_gatherings`` dated by a visit's date carried to it (``…调研。随后召开了座谈会``) and a
talk with partners after a gathering's clause (``召开座谈会，与甲、乙…进行了交流``) are its too.
Tellings of one happening in different sentences (a caption or a headline repeating the lead, a
founding told again further down) are merged into one event whose ``sources`` lists every telling, the body's first
(``repeats``: same date value, same kind or verb, their objects or titles alike or a run of
their words shared; a heading or a caption joins the happening it is most alike). Its span
runs from the time expression (or the unit, or the trigger-less clauses opening it, whichever
is first) to the end of the unit and of the trigger-less clauses that follow it in the
sentence; it contains both the trigger and the time expression.

**Participants** take their role from an adjunct around them (``roles.yaml: adjuncts``:
``在X的支持下`` partner, ``经X批准`` organiser), from a marker word before them (``与B`` partner,
``赴X`` location …), from list coordination (``A、B和C``), from the organisation whose title a
person bears (``甲公司董事长乙``), or from their place around the trigger (before: agent, after:
patient, per trigger kind, and the subject of a verb with nothing after it may take another
role: ``甲商会成立于2014年`` — patient). A place (LOC) written right before another name
(``甲省乙市丙区``) or after the verb without a marker is a location, and so is a place (or a list of
places) followed by the words of a noun rather than by its verb, a marker or another name
(``日本、泰国三个地面站…覆盖``, ``对美国产业造成损害``): countries and regions act only as the
subject or the object of a verb. An organisation named as the place of an event takes the kind's
``venue`` role (``在甲法院开庭审理``: the court hears; default a location). A place acting as a party
(``丙区举行``, ``向丁乡捐赠``, ``与戊镇签订``) stands for its government (``coref.yaml: events.governments``:
``丙区人民政府``) when the document names one, else takes the role itself. An entity in a topic
frame or a following clause is ``mentioned``. Trigger-less clauses opening the unit
(``在甲镇政府的支持下，``; ``市委常委张三，市工商联主席李四等出席会议``; ``甲公司催讨未果，于…起诉``)
give it their subjects. A unit without a subject takes the subject of the previous unit of
its sentence, or the entity opening an earlier clause of the sentence, else the subject of the
previous sentence of its paragraph (zero anaphora; not when its sentence opens with a thing
named by a determiner, ``此案…，今天将继续审理``) when its clause starts with its verb (adverbs
aside: ``4月，又签订…``; not ``双方签订…``) or with an anaphoric determiner (``这家…的企业``),
else, for a kind listing ``subject_from`` (an inspection, a penalty), the subject of the
nearest earlier unit of those kinds in any paragraph (the bureau of
``今年以来，甲局开展专项整治。\n5月12日，执法人员对X进行检查``); but not when the words
before its verb name an organisation the entity stage missed
(``roles.yaml: body_heads``: ``丙和电子有限公司党支部成立``; unless they end the name of an
organisation told before: ``园区综合党委`` for ``甲县工业园区综合党委``) or a place or collective
(``roles.yaml: collective_subjects``: ``全县已新增…``, ``各乡镇``). A name before the verb with a
passive marker between them (``roles.yaml: passive_markers``: ``X被立案调查``) takes the kind's
``passive`` role (patient) and is no subject. The organisations a participating
person's titles name (``attributes["titles"]``) take part in the person's role; the
organisation a participating body belongs to (its name holds the other's: ``甲公司党支部``,
``乙银行丙县支行``) takes part in the role ``roles.yaml: parent_role``. An event whose only
actors are places takes the organisations its paragraph names outside the events of other
dates (``3月5日，甲县举行签约仪式。乙公司、丙公司等8家企业签约。``); an event with no actor at all
takes, as ``mentioned``, the organisations and people listed in the trigger-less sentences right
after it (``…开工仪式在乙园举行。丙公司、丁公司等7个项目合计投资…``). Short names
standing for an organisation named before (``coref.yaml: events.anaphora``: ``该院``, a bare ``协会``
opening a clause, ``市府``) are read as mentions of it, and so is a personal pronoun opening a
phrase (``coref.yaml: events.pronouns``: ``In 2012, it signed…``; the first body of its type in
its sentence before it, else in the nearest sentence before naming one). Entities with ``attributes["chrome"]``
are never participants.

Constructions of the genre where a party takes part without being the verb's subject or object
(``roles.yaml``): in the case sections of an enforcement notice (``case_sections``: a heading
line ``案例一：甲市某某食品有限公司生产不合格食品案`` up to the next heading or a ``三、`` line) the
heading's party is the patient of every event of the section, and ``当事人``/``涉事企业`` are
mentions of it; the complement of a verb of perception or report (``complement_markers``:
``发现，X…``, ``举报X``, ``称X在…宣传``) is a patient; an object pronoun after a marker
(``object_pronouns``: ``对其作出…``) is the section's party, else the last patient named; a body a
sentence introduces as its paragraph's topic (``topic_introductions``: ``X就是…之一``,
``以X为例``, ``X是一家…的企业``) is the subject of later verb-initial sentences of the paragraph
and of a ``topic_pronouns`` subject (``我们上月底完成了…``), quoted speech included
(``text.yaml: speech_quotes``: a quote after a sentence end or a colon holding a sentence
end is read as text, though it never ends its sentence); a leader's title (``coref.yaml: events.leader_titles``:
``市长``) names the only government of its level the document names, and a body before an
office (``office_words``: ``市台办主任``) the only organisation whose name ends with it.

An undated unit of the same kind that shares a patient with a dated event is the same
real-world event mentioned again: its span is added to the ``mentions`` of the nearest such
event and its new participants to that event. An undated unit whose kind ``joins`` the kind of
an event of the previous sentence of its paragraph (``5月10日，甲县召开大会。县委书记乙出席会议。``)
is folded into it the same way. Other undated units are not events. The sentences that go on
telling a dated event (``roles.yaml: continuations``), read in its paragraph and in the first
sentence after it (lines of page chrome skipped; that sentence must name a party of the event),
up to a sentence with a date or an event of its own, lend it their organisations: an itinerary
of its party (``5月8日，甲一行到丙区调研。\n甲一行先后深入丁公司、戊公司等企业…``), or an undated event
whose kind ``joins`` its kind further on in its paragraph (beyond it, of its own kind), or a
reference back to it (``roles.yaml: back_references``: ``这次开工的4个项目…，分别是甲公司…``); an
event naming no actor takes the organisations of the first sentence after its paragraph when
that sentence shares a trigger word with it (``…收购…签约活动举办。\n甲集团…推进乙股份…收购工作``). A
trigger-less clause before a unit that tells an event of its own (the fallback's:
``同日，甲站筹款约7000元，乙商会开展…``) gives its names to no unit naming its own subject.

**Titles** are the unit's clauses without the dates dating it; a title that names nobody
before its verb starts with the name of its subject (``信宜市人民法院立案``; ``title``).

**Confidence.** Each event carries ``confidence`` in [0, 1]: the prior of its trigger (a verb
of the table 0.7, a causative alone 0.65, a fallback word 0.4) plus the weight of each feature
(``confidence.WEIGHTS``): how precise its date is (a day +0.15, a month +0.1, a year 0, a
decade −0.25, a duration reaching the present or a year opening a period, ``今年以来``, −0.4, a
vague date, ``目前``, ``近年来``, ``此前``, −0.45), where the date comes from (its own clauses
+0.05, an earlier sentence −0.1), whether an organisation or a person takes part (+0.1, else
−0.1), whether it stands in a heading or page metadata (−0.5) or an image caption (−0.2),
states an aim, a demand, a comment or a state of progress (``statements.yaml: aims, comments,
state_adverbs``: ``力争实现…``, ``这是…``, ``基本完成``; −0.55), a figure or a state at a cut-off
date (``statistics``: ``GDP为…亿元``, ``共受理案件3862件``, ``投资超过18亿元``, ``截至4月中旬…实现
全覆盖``; −0.5) or a plan (``将``, ``预计``, a date after the DCT; −0.1), whether its kind is weak (``weak_kinds``:
``实现``, ``开展``; −0.1), and +0.05 for each further dated telling (at most +0.1). The sum is cut
to [0, 1]. The pipeline leaves out events below ``Settings.min_confidence`` (``--min-confidence``,
default 0.5: chosen on the development articles so that event precision meets its bar, see
README); ``0`` keeps every event.

The engine names no language: Chinese and English differ only by their tables (Latin-letter
words match whole and without regard to case). A paragraph written in another script than the
document's language (``text.paragraph_script``) is read with the tables of the language its
``text.yaml: foreign_paragraphs`` names (an English paragraph in a Chinese article).

Modules, one job each: ``assemble`` (the face: ``assemble``, paragraph by paragraph),
``tables`` (the YAML tables, validated: ``load_rules``), ``context`` (what the rules read of one
document), ``parts`` (the records passed around: mention, trigger, unit), ``units`` (trigger
verbs and the clauses they make units), ``dating`` (which time
expression dates a unit), ``roles`` (participants), ``fallback`` (dated clauses without a table
trigger), ``title``, ``amounts``, ``confidence`` (the features of an event and its confidence),
``repeats`` (tellings of one happening merged). Sentences and clauses, scripts and word matching are the text
layer's (``timeline.text``); calendar arithmetic (the interval of an event date, ranges) is
``timeline.temporal.calendar``; which names stand for which entity (short names, governments,
titles) is ``timeline.entities.coref``, read from ``resources/<lang>/entities/coref.yaml``.
"""
from __future__ import annotations

from ..temporal.calendar import duration_interval, event_date
from ..text import paragraph_script, split_clauses, split_sentences
from .amounts import find_amounts
from .assemble import assemble
from .tables import ROLES, EventRules, load_rules

__all__ = [
    "ROLES",
    "EventRules",
    "assemble",
    "duration_interval",
    "event_date",
    "find_amounts",
    "load_rules",
    "paragraph_script",
    "split_clauses",
    "split_sentences",
]
