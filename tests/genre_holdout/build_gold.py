#!/usr/bin/env python3
"""Build the gold files of the held-out genre set from the annotation specs below.

Every span is located by a unique context string with the target marked ⟦…⟧; the script asserts
that the context occurs exactly once, that text[start:end] equals the target, that timexes do not
overlap each other or a negative, that every alias is written in the text, and that every event
anchor is a gold timex with the same value and every participant a gold organisation.
Run: python3 tests/genre_holdout/build_gold.py   (writes NN_slug.gold.json next to NN_slug.txt)
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

def T(ctx, typ, value, req=True, also=None, note=None, role=None):
    return dict(ctx=ctx, type=typ, value=value, required=req, also_accept=also, note=note, role=role)
def N(ctx, why): return dict(ctx=ctx, why=why)
def E(id, anchor, value, summary, parts, req=True):
    return dict(id=id, anchor=anchor, value=value, summary=summary, participants=parts, required=req)

def locate(text, ctx):
    """ctx contains the target marked ⟦…⟧; the unmarked context must occur exactly once."""
    raw = ctx.replace('⟦', '').replace('⟧', '')
    n = text.count(raw)
    assert n == 1, f"context {ctx!r} occurs {n} times"
    base = text.index(raw)
    i = ctx.index('⟦')
    j = ctx.index('⟧')
    target = ctx[i + 1:j]
    start = base + i
    end = start + len(target)
    assert text[start:end] == target, (text[start:end], target)
    return target, [start, end]

def build(folder, fname, dct, timexes, negatives, orgs, chrome, acceptable, events, language="zh"):
    path = os.path.join(folder, fname)
    raw = open(path, 'rb').read()
    assert not raw.startswith(b'\xef\xbb\xbf')
    text = raw.decode('utf-8')
    out_t = []
    for t in timexes:
        s, sp = locate(text, t['ctx'])
        d = {"text": s, "span": sp, "type": t['type'], "value": t['value'], "required": t['required']}
        for key in ("also_accept", "note", "role"):
            if t[key]:
                d[key] = t[key]
        assert d['type'] in ("DATE", "TIME", "DURATION", "SET")
        out_t.append(d)
    out_t.sort(key=lambda d: d['span'])
    spans = [tuple(d['span']) for d in out_t]
    assert len(set(spans)) == len(spans), "duplicate timex span"
    for a, b in zip(spans, spans[1:], strict=False):
        assert a[1] <= b[0], f"overlapping timexes {a} {b}"
    out_n = []
    for n in negatives:
        s, sp = locate(text, n['ctx'])
        for ts in spans:
            assert not (ts[0] < sp[1] and sp[0] < ts[1]), f"negative {s} overlaps a timex"
        out_n.append({"text": s, "span": sp, "why": n['why']})
    out_n.sort(key=lambda d: d['span'])
    names = set()
    out_o = []
    for name, aliases in orgs:
        assert name not in names
        names.add(name)
        for a in aliases:
            assert a in text, f"alias {a!r} not in text"
        if name not in text:
            print(f"  note: {fname}: canonical name {name!r} not written verbatim", file=sys.stderr)
        out_o.append({"name": name, "aliases": aliases})
    for c in chrome:
        assert c in text, c
    for a in acceptable:
        assert a in text, f"acceptable {a!r} not in text"
    allnames = {n for o in out_o for n in [o['name']] + o['aliases']}
    assert not (allnames & set(acceptable)), allnames & set(acceptable)
    out_e = []
    ids = set()
    for e in events:
        assert e['id'] not in ids
        ids.add(e['id'])
        s, sp = locate(text, e['anchor'])
        tx = [d for d in out_t if d['span'] == sp]
        assert tx, f"event {e['id']} anchor is not a gold timex"
        assert e['value'] == tx[0]['value'], (e['id'], e['value'], tx[0]['value'])
        for p in e['participants']:
            assert p in names, f"event {e['id']}: participant {p!r} not a gold org"
        out_e.append({"id": e['id'], "anchor": {"text": s, "span": sp}, "value": e['value'],
                      "summary": e['summary'], "participants": e['participants'], "required": e['required']})
    gold = {"document": {"file": fname, "dct": dct, "language": language},
            "timexes": out_t, "negatives": out_n, "organisations": out_o,
            "chrome_organisations": chrome, "acceptable_organisations": acceptable, "events": out_e}
    gpath = path[:-4] + '.gold.json'
    with open(gpath, 'w', encoding='utf-8') as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)
        f.write('\n')
    return gold

# ---------------------------------------------------------------- 01
D01 = dict(fname="01_provincial_gsl_congress.txt", dct="2018-04-03",
timexes=[
 T("⟦2018年04月03日⟧ 来源", "DATE", "2018-04-03", role="dct"),
 T("本报讯 ⟦4月2日上午⟧", "TIME", "2018-04-02TMO", also=["2018-04-02"]),
 T("自⟦2013年4月⟧上次换届", "DATE", "2013-04", note="自…以来 are SIGNALs"),
 T("万个，组建异地商会43家、行业商会118家。⟦2016年⟧", "DATE", "2016"),
 T("⟦同年底⟧实现", "DATE", "2016", also=["2016-12", "2016-12-31"], note="anaphoric: end of the same year as 2016 (mod END)"),
 T("⟦两年来⟧，全省各级", "DURATION", "P2Y"),
 T("⟦去年全年⟧，全省民营经济", "DATE", "2017", note="the whole of last year"),
 T("最年轻的执委是⟦1994年⟧出生", "DATE", "1994", note="a birth year is a real date (unlike 80后/90后)"),
 T("指出，⟦上月⟧省委", "DATE", "2018-03"),
 T("在⟦今年6月底⟧前", "DATE", "2018-06", also=["2018-06-30"], note="mod END; 前 is a SIGNAL"),
 T("⟦年内⟧启动", "DATE", "2018", req=False),
 T("⟦每季度⟧向省委", "SET", "P3M", req=False),
 T("会期⟦两天⟧", "DURATION", "P2D"),
 T("将于⟦3日下午⟧闭幕", "TIME", "2018-04-03TAF", also=["2018-04-03"], note="day of the month only: the 3rd of the DCT month"),
 T("⟦次日⟧，新当选", "DATE", "2018-04-04", note="anaphoric: the day after 3日"),
],
negatives=[
 N("往期回顾 > ⟦A03版⟧", "page number"),
 N("版次：⟦A03⟧", "page number"),
 N("甘肃省工商联⟦第十二次⟧会员代表大会在兰州开幕\n", "ordinal of a congress"),
 N("选举产生⟦第十二届⟧执委会", "ordinal of a committee term"),
 N("（总商会）⟦第十二次⟧会员代表大会", "ordinal of a congress"),
 N("⟦612名⟧代表", "a count of delegates"),
 N("组织⟦3260家⟧民营企业", "a count of companies (not the year 3260)"),
 N("省工商联⟦第十一届⟧执行委员会", "ordinal of a committee term"),
 N("选举产生了⟦第十二届⟧执行委员会", "ordinal of a committee term"),
 N("执委⟦328名⟧", "a count of committee members"),
 N("⟦十二届一次⟧执委会议", "ordinal of a committee session"),
 N("“⟦80后⟧”", "birth cohort"),
 N("“⟦90后⟧”", "birth cohort"),
 N("占比达到⟦21%⟧", "percentage"),
 N("同比增长⟦8.4%⟧", "percentage"),
 N("增加值⟦3861亿元⟧", "amount of money"),
 N("庆阳路⟦218号⟧", "street number"),
 N("邮编：⟦730030⟧", "postal code"),
 N("电话：⟦0931-8456123⟧", "telephone number"),
 N("⟦陇ICP备09001256号⟧", "website registration number"),
],
orgs=[
 ("甘肃省工商联", ["甘肃省工商业联合会（总商会）", "甘肃省工商业联合会", "省工商联", "省总商会"]),
 ("甘肃省委", ["省委"]),
 ("甘肃省政府", ["省政府"]),
 ("全国工商联", []),
 ("甘肃省民营企业维权服务中心", []),
 ("甘肃祥泰实业集团有限公司", []),
 ("兰州瑞源新材料股份有限公司", []),
 ("天水麦香果业有限公司", []),
 ("酒泉新祁光伏科技有限公司", []),
],
chrome=["甘肃飞天数媒科技有限公司"],
acceptable=["陇原商报", "陇原商报社", "陇原商报数字报", "第十二届执行委员会", "第十一届执行委员会", "执行委员会",
            "第十二届执委会", "执委会", "主席团", "行业商会", "异地商会", "维权服务站", "定西市", "省委、省政府", "总商会", "工商联", "市州工商联"],
events=[
 E("congress", "本报讯 ⟦4月2日上午⟧", "2018-04-02TMO", "甘肃省工商联第十二次会员代表大会开幕, 选举第十二届执委会、主席、副主席",
   ["甘肃省工商联", "甘肃省委", "全国工商联"]),
 E("last-election", "自⟦2013年4月⟧上次换届", "2013-04", "省工商联上次换届", ["甘肃省工商联"]),
 E("rights-centre", "万个，组建异地商会43家、行业商会118家。⟦2016年⟧", "2016", "省工商联设立甘肃省民营企业维权服务中心",
   ["甘肃省工商联", "甘肃省民营企业维权服务中心"]),
 E("rights-coverage", "⟦同年底⟧实现", "2016", "14个市州维权服务站全覆盖", ["甘肃省工商联"]),
 E("policy", "指出，⟦上月⟧省委", "2018-03", "省委、省政府印发《关于支持民营经济高质量发展的实施意见》", ["甘肃省委", "甘肃省政府"]),
 E("guidance-deadline", "在⟦今年6月底⟧前", "2018-06", "完成对各市州工商联换届工作的指导 (planned)", ["甘肃省工商联"], req=False),
 E("closing", "将于⟦3日下午⟧闭幕", "2018-04-03TAF", "大会闭幕, 表彰优秀民营企业 (announced)", ["甘肃省工商联"], req=False),
 E("survey", "⟦次日⟧，新当选", "2018-04-04", "主席团成员赴定西市调研 (planned)", ["甘肃省工商联"], req=False),
])

# ---------------------------------------------------------------- 02
D02 = dict(fname="02_devzone_projects.txt", dct="2021-09-16",
timexes=[
 T("发布时间：⟦2021-09-16 09:30:12⟧", "TIME", "2021-09-16T09:30:12", also=["2021-09-16"], role="dct"),
 T("⟦9月15日上午⟧，云港市", "TIME", "2021-09-15TMO", also=["2021-09-15"]),
 T("计划⟦今年12月⟧开工", "DATE", "2021-12"),
 T("预计⟦2023年第一季度⟧投产", "DATE", "2023-Q1"),
 T("released on ⟦September 15⟧", "DATE", "2021-09-15"),
 T("in Ningxi in ⟦2015⟧", "DATE", "2015"),
 T("capacity by ⟦the end of 2023⟧", "DATE", "2023", also=["2023-12", "2023-12-31"], note="mod END; English TimeML extent includes the determiner"),
 T("in the zone over ⟦the past six years⟧", "DURATION", "P6Y"),
 T("⟦当日下午⟧，江苏恒越", "TIME", "2021-09-15TAF", also=["2021-09-15"], note="anaphoric: afternoon of 9月15日"),
 T("该项目于⟦2020年第四季度⟧签约", "DATE", "2020-Q4"),
 T("落户，⟦5月下旬⟧完成", "DATE", "2021-05", note="mod END (下旬: last ten days)"),
 T("⟦次日⟧，沈俊峰", "DATE", "2021-09-16", note="anaphoric: the day after 9月15日 (= the DCT)"),
 T("⟦本月初⟧，开发区管委会", "DATE", "2021-09", note="mod START"),
 T("⟦今年1至8月⟧", "DURATION", "P8M", also=["2021-01", "2021-08", "2021-01/2021-08"], note="January to August 2021"),
 T("⟦“十三五”期间⟧", "DURATION", "P5Y", req=False, also=["2016/2020", "2016", "2020"],
   note="the 13th Five-Year Plan period, 2016-2020; judged a DURATION by TIMEX3"),
 T("开发区将⟦每月⟧召开", "SET", "P1M", req=False),
 T("确保⟦今年⟧签约项目", "DATE", "2021"),
],
negatives=[
 N("浏览次数：⟦2478⟧", "view count"),
 N("总投资⟦58.6亿元⟧\n", "amount of money"),
 N("总投资⟦58.6亿元⟧。", "amount of money"),
 N("投资⟦22亿元⟧", "amount of money"),
 N("总投资⟦12.5亿元⟧", "amount of money"),
 N("⟦300 new jobs⟧", "a count of jobs"),
 N("同比增长⟦21.7%⟧", "percentage"),
 N("世界⟦500强⟧", "ranking list (Fortune Global 500), not a year"),
 N("不低于⟦70%⟧", "percentage"),
 N("科创大道⟦168号⟧", "street number"),
 N("邮编：⟦222063⟧", "postal code"),
 N("电话：⟦0518-87651234⟧", "telephone number"),
 N("⟦苏ICP备16012345号-1⟧", "website registration number"),
],
orgs=[
 ("宁溪经济开发区管理委员会", ["管委会", "开发区管委会", "云港市宁溪经济开发区", "宁溪经济开发区", "开发区"]),
 ("苏州凯泓精密机械有限公司", []),
 ("上海谱澜生物医药科技有限公司", []),
 ("Weidmann Antriebstechnik GmbH", ["魏德曼传动技术有限公司", "Weidmann"]),
 ("江苏恒越新能源科技有限公司", []),
 ("中国银行云港分行", []),
],
chrome=["云港网创信息科技有限公司"],
acceptable=["投资促进局", "开发区党工委", "党工委", "宁溪经济开发区党政办公室", "中国银行", "市委", "云港市",
            "宁溪工厂", "开发区北区", "Ningxi"],
events=[
 E("signing", "⟦9月15日上午⟧，云港市", "2021-09-15TMO", "开发区重大项目集中签约, 3个项目总投资58.6亿元",
   ["宁溪经济开发区管理委员会", "苏州凯泓精密机械有限公司", "上海谱澜生物医药科技有限公司", "Weidmann Antriebstechnik GmbH"]),
 E("kaihong-start", "计划⟦今年12月⟧开工", "2021-12", "凯泓数控机床基地计划开工", ["苏州凯泓精密机械有限公司"], req=False),
 E("weidmann-phase2", "预计⟦2023年第一季度⟧投产", "2023-Q1", "魏德曼二期厂房投产 (expected)", ["Weidmann Antriebstechnik GmbH"], req=False),
 E("weidmann-statement", "released on ⟦September 15⟧", "2021-09-15", "Weidmann statement on the expansion", ["Weidmann Antriebstechnik GmbH"], req=False),
 E("weidmann-first-plant", "in Ningxi in ⟦2015⟧", "2015", "Weidmann opened its first plant in Ningxi", ["Weidmann Antriebstechnik GmbH"]),
 E("hengyue-start", "⟦当日下午⟧，江苏恒越", "2021-09-15TAF", "恒越新能源汽车零部件项目开工", ["江苏恒越新能源科技有限公司"]),
 E("hengyue-signed", "该项目于⟦2020年第四季度⟧签约", "2020-Q4", "恒越项目签约落户", ["江苏恒越新能源科技有限公司"]),
 E("hengyue-land", "落户，⟦5月下旬⟧完成", "2021-05", "恒越项目完成土地摘牌", ["江苏恒越新能源科技有限公司"]),
 E("shanghai-visit", "⟦次日⟧，沈俊峰", "2021-09-16", "管委会主任沈俊峰率队走访上海谱澜总部",
   ["宁溪经济开发区管理委员会", "上海谱澜生物医药科技有限公司"]),
 E("bank-agreement", "⟦本月初⟧，开发区管委会", "2021-09", "开发区管委会与中国银行云港分行签订战略合作协议",
   ["宁溪经济开发区管理委员会", "中国银行云港分行"]),
])

# ---------------------------------------------------------------- 03
D03 = dict(fname="03_market_supervision_cases.txt", dct="2021-10-12",
timexes=[
 T("发布日期：⟦2021年10月12日⟧", "DATE", "2021-10-12", role="dct"),
 T("⟦今年3月中旬⟧以来", "DATE", "2021-03", note="mod MID; 以来 is a SIGNAL"),
 T("截至⟦9月底⟧", "DATE", "2021-09", also=["2021-09-30"], note="mod END; 截至 is a SIGNAL"),
 T("⟦6月上旬⟧，市局", "DATE", "2021-06", note="mod START (上旬: first ten days)"),
 T("市局于⟦6月11日⟧立案", "DATE", "2021-06-11"),
 T("于⟦8月20日⟧作出", "DATE", "2021-08-20"),
 T("⟦目前⟧，该公司", "DATE", "PRESENT_REF", req=False, also=["2021-10-12"]),
 T("⟦今年4月⟧，有群众", "DATE", "2021-04"),
 T("于⟦当月⟧立案", "DATE", "2021-04", note="anaphoric: the same month as 今年4月"),
 T("自⟦2020年11月⟧起", "DATE", "2020-11", note="自…起 are SIGNALs"),
 T("⟦7月2日⟧，西岭区", "DATE", "2021-07-02"),
 T("⟦中秋节⟧前夕", "DATE", "2021-09-21", note="Mid-Autumn Festival 2021 fell on 21 September; 前夕 (eve) left out"),
 T("⟦9月16日上午⟧，市局", "TIME", "2021-09-16TMO", also=["2021-09-16"]),
 T("⟦9月28日⟧依法", "DATE", "2021-09-28"),
 T("在⟦7日⟧内", "DURATION", "P7D", note="7 days (not the 7th); 内 is a SIGNAL"),
 T("⟦每季度⟧公布", "SET", "P3M", req=False),
],
negatives=[
 N("访问量：⟦3125⟧", "view count"),
 N("公布⟦第三批⟧民生领域", "ordinal of a batch"),
 N("现将⟦第三批⟧典型案例", "ordinal of a batch"),
 N("案件⟦1286件⟧", "a count of cases"),
 N("结案⟦1035件⟧", "a count of cases"),
 N("合计⟦2417.6万元⟧", "amount of money"),
 N("共生产⟦2400袋⟧", "a count of bags (not the year 2400)"),
 N("⟦第一百二十四条⟧", "article number of a law"),
 N("（⟦市监处罚〔2021〕15号⟧）", "case number of a penalty decision"),
 N("（⟦桐市监处罚〔2021〕87号⟧）", "case number of a penalty decision"),
 N("全国⟦12315⟧平台", "name of the complaints platform (hotline number)"),
 N("拨打⟦12315⟧投诉", "hotline number"),
 N("市局⟦24小时热线⟧", "round-the-clock hotline: an attribute of the line, not the time of an event"),
 N("⟦0563-2212315⟧", "telephone number"),
 N("标示价格为⟦168元/盒⟧", "price"),
 N("按⟦198元/盒⟧", "price"),
 N("振兴路⟦56号⟧", "street number"),
 N("邮编：⟦242000⟧", "postal code"),
 N("⟦皖ICP备13004417号⟧", "website registration number"),
],
orgs=[
 ("桐湖市市场监督管理局", ["桐湖市市场监管局", "市局", "市市场监管局"]),
 ("桐湖市鑫盛源食品有限公司", []),
 ("桐湖市西岭区佳禾口腔门诊部", ["佳禾口腔门诊部"]),
 ("西岭区市场监管局", []),
 ("桐湖市百佳汇超市连锁有限公司湖滨店", []),
 ("湖滨区市场监管所", []),
],
chrome=["安徽皖信网络工程有限公司"],
acceptable=["执法稽查支队", "公安机关", "市场监管部门", "全国12315平台", "12315平台", "价监竞争科", "市局价监竞争科",
            "桐湖市百佳汇超市连锁有限公司", "该公司", "该门诊部", "该店"],
events=[
 E("campaign", "⟦今年3月中旬⟧以来", "2021-03", "市场监管局部署民生领域案件查办“铁拳”行动", ["桐湖市市场监督管理局"]),
 E("campaign-tally", "截至⟦9月底⟧", "2021-09", "立案查处各类违法案件1286件", ["桐湖市市场监督管理局"], req=False),
 E("beef-sampling", "⟦6月上旬⟧，市局", "2021-06", "抽检发现鑫盛源牛肉干菌落总数超标", ["桐湖市市场监督管理局", "桐湖市鑫盛源食品有限公司"]),
 E("beef-filing", "市局于⟦6月11日⟧立案", "2021-06-11", "立案调查鑫盛源", ["桐湖市市场监督管理局", "桐湖市鑫盛源食品有限公司"]),
 E("beef-penalty", "于⟦8月20日⟧作出", "2021-08-20", "行政处罚决定: 没收违法所得, 罚款10万元, 责令整改", ["桐湖市市场监督管理局", "桐湖市鑫盛源食品有限公司"]),
 E("ad-complaint", "⟦今年4月⟧，有群众", "2021-04", "群众举报佳禾口腔门诊部违法医疗广告", ["桐湖市西岭区佳禾口腔门诊部"]),
 E("ad-filing", "于⟦当月⟧立案", "2021-04", "西岭区市场监管局立案调查", ["西岭区市场监管局", "桐湖市西岭区佳禾口腔门诊部"]),
 E("ad-since", "自⟦2020年11月⟧起", "2020-11", "门诊部开始发布违法广告", ["桐湖市西岭区佳禾口腔门诊部"]),
 E("ad-penalty", "⟦7月2日⟧，西岭区", "2021-07-02", "责令停止发布违法广告并罚款5万元", ["西岭区市场监管局", "桐湖市西岭区佳禾口腔门诊部"]),
 E("price-check", "⟦9月16日上午⟧，市局", "2021-09-16TMO", "节前价格检查发现百佳汇湖滨店价格欺诈",
   ["桐湖市市场监督管理局", "湖滨区市场监管所", "桐湖市百佳汇超市连锁有限公司湖滨店"]),
 E("price-penalty", "⟦9月28日⟧依法", "2021-09-28", "对百佳汇湖滨店罚款3万元, 责令整改", ["桐湖市市场监督管理局", "桐湖市百佳汇超市连锁有限公司湖滨店"]),
])

# ---------------------------------------------------------------- 04
D04 = dict(fname="04_bank_credit_support.txt", dct="2022-10-25",
timexes=[
 T("⟦2022年10月25日⟧ 来源", "DATE", "2022-10-25", role="dct"),
 T("⟦前三季度⟧，岚州市", "DURATION", "P9M", also=["2022-Q1/2022-Q3", "2022-01/2022-09", "2022-Q3"],
   note="first three quarters of 2022, inclusive (like 今年1至9月)"),
 T("比⟦年初⟧增加", "DATE", "2022", also=["2022-01"], note="mod START"),
 T("⟦日前⟧召开", "DATE", "PAST_REF", req=False, also=["PRESENT_REF", "2022-10-25"], note="recently"),
 T("召开的⟦三季度⟧金融运行", "DATE", "2022-Q3"),
 T("⟦今年⟧以来，岚州人行", "DATE", "2022", req=False, note="今年以来: 以来 is a SIGNAL"),
 T("⟦一季度⟧，岚州人行", "DATE", "2022-Q1"),
 T("⟦5月下旬⟧，岚州人行", "DATE", "2022-05", note="mod END (下旬: last ten days)"),
 T("⟦今年1至9月⟧", "DURATION", "P9M", also=["2022-01", "2022-09", "2022-01/2022-09"], note="January to September 2022"),
 T("⟦7月⟧，该行", "DATE", "2022-07"),
 T("⟦目前⟧已为327家", "DATE", "PRESENT_REF", req=False, also=["2022-10-25"]),
 T("⟦今年2月⟧，受原材料", "DATE", "2022-02"),
 T("⟦3天⟧内", "DURATION", "P3D", note="内 is a SIGNAL"),
 T("我们⟦上月底⟧顺利", "DATE", "2022-09", also=["2022-09-30"], note="mod END"),
 T("⟦本月底⟧就能试产", "DATE", "2022-10", also=["2022-10-31"], note="mod END"),
 T("⟦去年全年⟧，岚州市", "DATE", "2021", note="the whole of last year"),
 T("表示，⟦四季度⟧将继续", "DATE", "2022-Q4"),
 T("⟦每月⟧通报", "SET", "P1M", req=False),
 T("力争⟦年末⟧", "DATE", "2022", also=["2022-12", "2022-12-31"], note="mod END"),
],
negatives=[
 N("达到⟦2865.4亿元⟧", "amount of money"),
 N("贷款余额⟦1127.6亿元⟧", "amount of money"),
 N("同比增长⟦11.3%⟧", "percentage"),
 N("同比增长⟦24.8%⟧", "percentage"),
 N("⟦13.5个百分点⟧", "percentage points"),
 N("稳住经济大盘⟦十六条⟧措施", "number of articles of a policy"),
 N("不高于⟦5.5%⟧", "interest rate"),
 N("最高⟦500万元⟧", "amount of money"),
 N("发放了⟦2000万元⟧", "amount of money (not the year 2000)"),
 N("突破⟦10万户⟧", "a count of borrowers"),
 N("不低于⟦20%⟧", "percentage"),
 N("新闻热线：⟦0358-6012345⟧", "telephone number"),
],
orgs=[
 ("中国人民银行岚州市中心支行", ["岚州人行"]),
 ("岚州农村商业银行", ["岚州农商行", "该行"]),
 ("岚州市工商联", ["市工商联"]),
 ("岚州市发改委", ["市发改委"]),
 ("岚州市宏泰纺织有限公司", []),
],
chrome=[],
acceptable=["岚州日报", "岚州日报社", "金融机构", "地方法人银行", "银行机构", "商会", "中国人民银行", "岚州市"],
events=[
 E("analysis-meeting", "⟦日前⟧召开", "PAST_REF", "岚州人行召开三季度金融运行分析会", ["中国人民银行岚州市中心支行"], req=False),
 E("relending", "⟦一季度⟧，岚州人行", "2022-Q1", "岚州人行发放支小再贷款38.5亿元", ["中国人民银行岚州市中心支行"]),
 E("matchmaking", "⟦5月下旬⟧，岚州人行", "2022-05", "岚州人行联合市工商联、市发改委召开银企对接会, 授信52.6亿元",
   ["中国人民银行岚州市中心支行", "岚州市工商联", "岚州市发改委"]),
 E("chamber-loan", "⟦7月⟧，该行", "2022-07", "农商行与市工商联推出“商会贷”", ["岚州农村商业银行", "岚州市工商联"]),
 E("hongtai-loan", "⟦今年2月⟧，受原材料", "2022-02", "宏泰纺织资金紧张, 农商行3天内发放2000万元信用贷款",
   ["岚州市宏泰纺织有限公司", "岚州农村商业银行"]),
 E("hongtai-install", "我们⟦上月底⟧顺利", "2022-09", "宏泰纺织完成新生产线设备安装", ["岚州市宏泰纺织有限公司"]),
 E("hongtai-trial", "⟦本月底⟧就能试产", "2022-10", "新生产线试产 (expected)", ["岚州市宏泰纺织有限公司"], req=False),
 E("q4-campaign", "表示，⟦四季度⟧将继续", "2022-Q4", "继续开展“百行进万企”活动 (planned)", ["中国人民银行岚州市中心支行"], req=False),
])

# ---------------------------------------------------------------- 05
D05 = dict(fname="05_nonpublic_party_building.txt", dct="2019-06-28",
timexes=[
 T("发布时间：⟦2019年06月28日 16:05⟧", "TIME", "2019-06-28T16:05", also=["2019-06-28"], role="dct"),
 T("“⟦七一⟧”即将到来", "DATE", "2019-07-01", note="七一: 1 July, the Party's founding day"),
 T("⟦6月27日下午⟧", "TIME", "2019-06-27TAF", also=["2019-06-27"]),
 T("成立于⟦2011年⟧", "DATE", "2011"),
 T("⟦今年3月12日⟧", "DATE", "2019-03-12"),
 T("支部成立⟦三个多月来⟧", "DURATION", "P3M", note="mod MORE_THAN; 来 kept in as in the seed's 三年来"),
 T("⟦每月⟧组织一次", "SET", "P1M", req=False),
 T("于⟦上月⟧联合组建", "DATE", "2019-05"),
 T("⟦每周五晚⟧", "SET", "XXXX-WXX-5TNI", req=False, also=["P1W"], note="every Friday evening"),
 T("⟦去年⟧以来，雁丘县", "DATE", "2018", req=False, note="去年以来: 以来 is a SIGNAL"),
 T("截至⟦5月底⟧", "DATE", "2019-05", also=["2019-05-31"], note="mod END"),
 T("由⟦2017年底⟧的", "DATE", "2017", also=["2017-12", "2017-12-31"], note="mod END"),
 T("园区⟦2018年8月⟧成立", "DATE", "2018-08"),
 T("⟦今年4月⟧，园区综合党委", "DATE", "2019-04"),
 T("截至⟦目前⟧已向", "DATE", "PRESENT_REF", req=False, also=["2019-06-28"]),
 T("计划于⟦下半年⟧召开", "DATE", "2019-H2"),
 T("力争⟦年底⟧前", "DATE", "2019", also=["2019-12", "2019-12-31"], note="mod END; 前 is a SIGNAL"),
],
negatives=[
 N("为“⟦90后⟧”党支部书记", "birth cohort"),
 N("员工⟦368人⟧", "a count of employees"),
 N("⟦28岁⟧的刘思雨", "age"),
 N("党员人数不足⟦3人⟧", "a count of party members"),
 N("党组织⟦186个⟧", "a count of party organisations"),
 N("⟦61.2%⟧", "percentage"),
 N("⟦89.5%⟧", "percentage"),
 N("人民路⟦9号⟧", "street number"),
 N("邮编：⟦425300⟧", "postal code"),
 N("电话：⟦0746-3223110⟧", "telephone number"),
],
orgs=[
 ("雁丘县委组织部", ["县委组织部", "中共雁丘县委组织部"]),
 ("雁丘县嘉芯电子科技有限公司", []),
 ("雁丘县嘉芯电子科技有限公司党支部", ["公司党支部"]),
 ("雁丘县非公经济组织和社会组织党工委", ["县非公经济组织和社会组织党工委"]),
 ("雁丘县顺达物流有限公司", ["顺达物流有限公司"]),
 ("雁丘县恒昌建材有限公司", []),
 ("物流园联合党支部", ["联合党支部"]),
 ("雁丘县工业园区综合党委", ["县工业园区综合党委", "园区综合党委", "综合党委"]),
 ("雁丘县农商银行", []),
],
chrome=[],
acceptable=["雁丘县委", "县委", "县委党校", "雁丘党建网", "县直机关", "城北物流园", "园区", "党支部", "非公企业党组织",
            "雁丘县农商银行党委", "党组织", "雁丘县"],
events=[
 E("promotion-meeting", "⟦6月27日下午⟧", "2019-06-27TAF", "非公企业党建工作推进会, 为12个新成立党组织授牌", ["雁丘县委组织部"]),
 E("jiaxin-founded", "成立于⟦2011年⟧", "2011", "嘉芯电子科技有限公司成立", ["雁丘县嘉芯电子科技有限公司"]),
 E("jiaxin-branch", "⟦今年3月12日⟧", "2019-03-12", "嘉芯公司党支部经党工委批准成立, 刘思雨当选书记",
   ["雁丘县嘉芯电子科技有限公司党支部", "雁丘县非公经济组织和社会组织党工委", "雁丘县嘉芯电子科技有限公司"]),
 E("joint-branch", "于⟦上月⟧联合组建", "2019-05", "5家小微企业联合组建物流园联合党支部",
   ["雁丘县顺达物流有限公司", "雁丘县恒昌建材有限公司", "物流园联合党支部"]),
 E("coverage-tally", "截至⟦5月底⟧", "2019-05", "全县非公企业党组织186个", [], req=False),
 E("zone-committee", "园区⟦2018年8月⟧成立", "2018-08", "园区成立综合党委", ["雁丘县工业园区综合党委"]),
 E("pairing", "⟦今年4月⟧，园区综合党委", "2019-04", "园区综合党委与雁丘县农商银行党委结对共建, 推出“党建+信贷”",
   ["雁丘县工业园区综合党委", "雁丘县农商银行"]),
 E("observation", "计划于⟦下半年⟧召开", "2019-H2", "召开“两新”组织党建工作观摩会 (planned)", ["雁丘县委组织部"], req=False),
])

# ---------------------------------------------------------------- 06
D06 = dict(fname="06_charity_donation.txt", dct="2020-12-18",
timexes=[
 T("⟦2020-12-18⟧　来源", "DATE", "2020-12-18", role="dct"),
 T("⟦12月17日上午⟧", "TIME", "2020-12-17TMO", also=["2020-12-17"]),
 T("⟦1992年⟧从一家", "DATE", "1992"),
 T("⟦目前⟧集团", "DATE", "PRESENT_REF", req=False, also=["2020-12-18"]),
 T("⟦近五年来⟧", "DURATION", "P5Y"),
 T("万元。⟦2016年⟧，集团出资", "DATE", "2016"),
 T("⟦2018年夏季⟧汛期", "DATE", "2018-SU"),
 T("⟦今年2月⟧，新冠", "DATE", "2020-02"),
 T("集团⟦每年春节⟧前", "SET", "P1Y", req=False, also=["XXXX-XX-XX"], note="every year before the Spring Festival"),
 T("坚持了⟦十八年⟧", "DURATION", "P18Y"),
 T("将于⟦明年3月底⟧前", "DATE", "2021-03", also=["2021-03-31"], note="mod END; 前 is a SIGNAL"),
 T("⟦今年1至11月⟧", "DURATION", "P11M", also=["2020-01", "2020-11", "2020-01/2020-11"], note="January to November 2020"),
 T("⟦同日⟧，县工商联", "DATE", "2020-12-17", note="anaphoric: the day of the ceremony (12月17日)"),
 T("表彰了⟦2019年度⟧", "DATE", "2019"),
 T("在⟦新的一年⟧里", "DATE", "2021", req=False, note="the coming year"),
],
negatives=[
 N("捐赠⟦2000万元⟧设立", "amount of money (not the year 2000)"),
 N("捐赠⟦2000万元⟧，设立", "amount of money (not the year 2000)"),
 N("点击：⟦965⟧", "view count"),
 N("员工⟦3000余人⟧", "a count of employees"),
 N("出资⟦800万元⟧", "amount of money"),
 N("累计捐款捐物⟦4600余万元⟧", "amount of money"),
 N("合计⟦8630万元⟧", "amount of money"),
 N("集团⟦第一时间⟧组织", "idiom 'at once', not a date"),
 N("首批资金⟦600万元⟧", "amount of money"),
 N("同比增长⟦37.5%⟧", "percentage"),
 N("建设路⟦32号⟧", "street number"),
 N("邮编：⟦471400⟧", "postal code"),
 N("电话：⟦0379-66312088⟧", "telephone number"),
 N("⟦豫ICP备14007731号⟧", "website registration number"),
],
orgs=[
 ("河南永泰实业集团有限公司", ["永泰集团", "集团"]),
 ("嵩南县慈善总会", ["县慈善总会"]),
 ("嵩南县工商联", ["县工商联", "嵩南县工商业联合会"]),
 ("嵩南县光彩事业促进会", ["县光彩事业促进会"]),
 ("嵩南县永泰希望小学", []),
 ("嵩南县红十字会", ["县红十字会"]),
],
chrome=["洛阳润讯网络科技有限公司"],
acceptable=["县委", "县民营企业服务中心", "嵩南县融媒体中心", "永泰乡村振兴基金", "嵩南县", "嵩南"],
events=[
 E("ceremony", "⟦12月17日上午⟧", "2020-12-17TMO", "永泰集团向县慈善总会捐赠2000万元设立乡村振兴基金",
   ["河南永泰实业集团有限公司", "嵩南县慈善总会", "嵩南县光彩事业促进会"]),
 E("founding", "⟦1992年⟧从一家", "1992", "吕振海从一家小砖厂起步创业", ["河南永泰实业集团有限公司"], req=False),
 E("five-year-giving", "⟦近五年来⟧", "P5Y", "永泰集团累计捐款捐物4600余万元", ["河南永泰实业集团有限公司"], req=False),
 E("school", "万元。⟦2016年⟧，集团出资", "2016", "集团援建的永泰希望小学建成投用",
   ["河南永泰实业集团有限公司", "嵩南县永泰希望小学"]),
 E("flood", "⟦2018年夏季⟧汛期", "2018-SU", "集团组织员工抢险并捐赠救灾物资", ["河南永泰实业集团有限公司"]),
 E("covid", "⟦今年2月⟧，新冠", "2020-02", "集团向县红十字会捐赠口罩和现金", ["河南永泰实业集团有限公司", "嵩南县红十字会"]),
 E("first-funds", "将于⟦明年3月底⟧前", "2021-03", "首批资金600万元拨付到位 (planned)", ["河南永泰实业集团有限公司"], req=False),
 E("awards", "⟦同日⟧，县工商联", "2020-12-17", "县工商联表彰2019年度“光彩之星”民营企业", ["嵩南县工商联"]),
])

# ---------------------------------------------------------------- 07
D07 = dict(fname="07_tv_news_page.txt", dct="2023-03-09",
timexes=[
 T("⟦2023-03-09 20:15:36⟧", "TIME", "2023-03-09T20:15:36", also=["2023-03-09"], role="dct"),
 T("视频时长：⟦03:42⟧", "DURATION", "PT3M42S", req=False, note="length of the video clip (page chrome)"),
 T("⟦3月8日下午⟧", "TIME", "2023-03-08TAF", also=["2023-03-08"]),
 T("召开⟦2023年第一季度⟧民营企业座谈会", "DATE", "2023-Q1"),
 T("⟦去年第四季度⟧", "DATE", "2022-Q4"),
 T("团队，⟦前年⟧拿到", "DATE", "2021", note="the year before last"),
 T("贷款，⟦今年⟧计划", "DATE", "2023"),
 T("在⟦15个工作日⟧内", "DURATION", "P15D", note="内 is a SIGNAL"),
 T("⟦春节⟧过后", "DATE", "2023-01-22", also=["2023-01"], note="Spring Festival 2023 fell on 22 January; 过后 is a SIGNAL"),
 T("截至⟦3月6日⟧", "DATE", "2023-03-06"),
 T("⟦去年全年⟧，全市", "DATE", "2022", note="the whole of last year"),
 T("该项目于⟦2022年9月⟧开工", "DATE", "2022-09"),
 T("计划⟦今年7月⟧建成", "DATE", "2023-07"),
 T("推进会（⟦2023-03-02⟧）", "DATE", "2023-03-02", req=False, note="date of a related-news link (page chrome)"),
 T("峡山高新区⟦一季度⟧重点项目", "DATE", "2023-Q1", req=False, note="in the title of a related-news link (page chrome)"),
 T("集中开工（⟦2023-02-28⟧）", "DATE", "2023-02-28", req=False, note="date of a related-news link (page chrome)"),
],
negatives=[
 N("播放：⟦1.2万⟧", "play count"),
 N("⟦16位⟧民营企业家", "a count of entrepreneurs"),
 N("我们公司是⟦90后⟧创业团队", "birth cohort"),
 N("意见建议⟦28条⟧", "a count of suggestions"),
 N("走访企业⟦1127家⟧", "a count of companies"),
 N("达到⟦82%⟧", "percentage"),
 N("达到⟦58.4%⟧", "percentage"),
 N("文昌路⟦66号⟧", "street number"),
 N("邮编：⟦437000⟧", "postal code"),
 N("新闻热线：⟦0715-8231100⟧", "telephone number"),
 N("许可证⟦1807245号⟧", "licence number"),
 N("⟦鄂ICP备10021987号-2⟧", "website registration number"),
],
orgs=[
 ("峡山市人民政府", ["峡山市政府", "市政府", "峡山市", "我市"]),
 ("峡山天宇汽车零部件有限公司", []),
 ("峡山市鸿运冷链物流有限公司", []),
 ("峡山市发改委", ["市发改委"]),
 ("峡山市人社局", ["市人社局"]),
 ("峡山市自然资源和规划局", ["市自然资源和规划局"]),
 ("峡山绿源新材料股份有限公司", []),
],
chrome=["湖北楚天视云科技有限公司"],
acceptable=["峡山广播电视台", "本台", "峡山新闻网", "峡山新闻联播", "峡山高新技术产业开发区", "峡山高新区", "政府"],
events=[
 E("forum", "⟦3月8日下午⟧", "2023-03-08TAF", "峡山市政府召开2023年第一季度民营企业座谈会",
   ["峡山市人民政府", "峡山天宇汽车零部件有限公司", "峡山市鸿运冷链物流有限公司"]),
 E("tianyu-orders", "⟦去年第四季度⟧", "2022-Q4", "天宇汽车零部件订单增长三成", ["峡山天宇汽车零部件有限公司"], req=False),
 E("hongyun-loan", "团队，⟦前年⟧拿到", "2021", "鸿运冷链拿到第一笔银行贷款", ["峡山市鸿运冷链物流有限公司"]),
 E("cadre-campaign", "⟦春节⟧过后", "2023-01-22", "峡山市开展“千名干部进千企”活动", ["峡山市人民政府"], req=False),
 E("campaign-tally", "截至⟦3月6日⟧", "2023-03-06", "已走访企业1127家", ["峡山市人民政府"], req=False),
 E("lvyuan-start", "该项目于⟦2022年9月⟧开工", "2022-09", "绿源新材料可降解塑料项目开工", ["峡山绿源新材料股份有限公司"]),
 E("lvyuan-production", "计划⟦今年7月⟧建成", "2023-07", "项目建成投产 (planned)", ["峡山绿源新材料股份有限公司"], req=False),
])

# ---------------------------------------------------------------- 08
D08 = dict(fname="08_hant_taiwan_investors.txt", dct="2017-11-20",
timexes=[
 T("发布时间：⟦2017-11-20⟧", "DATE", "2017-11-20", role="dct"),
 T("企业协会成立⟦十周年⟧座谈会举行", "DURATION", "P10Y", req=False, note="tenth anniversary; judged optional"),
 T("⟦11月18日⟧，泉澳市", "DATE", "2017-11-18"),
 T("企业协会成立⟦十周年⟧座谈会在", "DURATION", "P10Y", req=False, note="tenth anniversary; judged optional"),
 T("成立于⟦2007年11月⟧", "DATE", "2007-11"),
 T("⟦十年来⟧会员企业", "DURATION", "P10Y"),
 T("发展到⟦目前⟧的", "DATE", "PRESENT_REF", req=False, also=["2017-11-20"]),
 T("⟦2010年⟧，协会推动", "DATE", "2010"),
 T("⟦2014年3月⟧，协会", "DATE", "2014-03"),
 T("在⟦2003年⟧來泉澳", "DATE", "2003"),
 T("⟦當時⟧廠區", "DATE", "2003", req=False, note="anaphoric 'at that time' = 2003"),
 T("⟦這十幾年來⟧", "DURATION", "PXY", also=["P10Y", "P1DE"], note="'these ten-odd years'"),
 T("市政府⟦每逢年節⟧", "SET", "P1Y", req=False, note="at every festival"),
 T("⟦去年⟧我們", "DATE", "2016"),
 T("⟦今年前三季⟧", "DURATION", "P9M", also=["2017-Q1/2017-Q3", "2017-01/2017-09", "2017-Q3"],
   note="first three quarters of 2017, inclusive"),
 T("通报了⟦今年⟧以来", "DATE", "2017", req=False, note="今年以来: 以来 is a SIGNAL"),
 T("⟦1至10月⟧", "DURATION", "P10M", also=["2017-01", "2017-10", "2017-01/2017-10"], note="January to October 2017"),
 T("⟦本月初⟧，市台办", "DATE", "2017-11", note="mod START"),
 T("自⟦12月1日⟧起", "DATE", "2017-12-01"),
 T("协会⟦2018年⟧工作计划", "DATE", "2018"),
],
negatives=[
 N("“⟦十年贡献奖⟧”", "name of an award"),
 N("⟦第一時間⟧", "idiom 'at once', not a date"),
 N("⟦100余人⟧", "a count of people"),
 N("⟦312家⟧", "a count of member companies"),
 N("同比增长⟦15.6%⟧", "percentage"),
 N("通关的⟦八条⟧措施", "number of articles of a policy"),
 N("东海大道⟦2号⟧", "street number"),
 N("⟦3号楼⟧", "building number"),
 N("邮编：⟦362000⟧", "postal code"),
 N("联系电话：⟦0595-22568100⟧", "telephone number"),
 N("⟦闽ICP备08102233号⟧", "website registration number"),
],
orgs=[
 ("泉澳市台商投资企业协会", ["协会"]),
 ("泉澳市人民政府台湾事务办公室", ["市台办"]),
 ("泉澳台商投资区服务中心", []),
 ("台青创业服务站", []),
 ("泉澳宏鼎精密工业有限公司", ["宏鼎"]),
 ("泉澳市人民政府", ["市政府"]),
 ("泉澳市商务局", ["市商务局"]),
 ("泉澳海关", []),
],
chrome=["福建海峡云网信息技术有限公司"],
acceptable=["市委", "统战部", "市台商会馆", "台资企业", "研發中心", "泉澳", "台中", "台灣"],
events=[
 E("symposium", "⟦11月18日⟧，泉澳市", "2017-11-18", "泉澳市台商投资企业协会成立十周年座谈会",
   ["泉澳市台商投资企业协会", "泉澳市人民政府台湾事务办公室"]),
 E("founded", "成立于⟦2007年11月⟧", "2007-11", "协会成立", ["泉澳市台商投资企业协会"]),
 E("service-centre", "⟦2010年⟧，协会推动", "2010", "协会推动设立泉澳台商投资区服务中心",
   ["泉澳市台商投资企业协会", "泉澳台商投资区服务中心"]),
 E("youth-station", "⟦2014年3月⟧，协会", "2014-03", "协会成立台青创业服务站", ["泉澳市台商投资企业协会", "台青创业服务站"]),
 E("hongding-factory", "在⟦2003年⟧來泉澳", "2003", "宏鼎来泉澳设厂", ["泉澳宏鼎精密工业有限公司"]),
 E("hongding-rd", "⟦去年⟧我們", "2016", "宏鼎把研发中心从台中迁到泉澳", ["泉澳宏鼎精密工业有限公司"]),
 E("customs-measures", "⟦本月初⟧，市台办", "2017-11", "市台办会同市商务局、泉澳海关出台便利台资企业通关八条措施",
   ["泉澳市人民政府台湾事务办公室", "泉澳市商务局", "泉澳海关"]),
 E("measures-effective", "自⟦12月1日⟧起", "2017-12-01", "八条措施实施", ["泉澳市人民政府台湾事务办公室"], req=False),
 E("work-plan", "协会⟦2018年⟧工作计划", "2018", "协会2018年工作计划", ["泉澳市台商投资企业协会"], req=False),
])


DOCS = [D01, D02, D03, D04, D05, D06, D07, D08]

if __name__ == "__main__":
    for d in DOCS:
        g = build(HERE, **d)
        print(f'{d["fname"]}: {len(g["timexes"])} timexes, {len(g["negatives"])} negatives, '
              f'{len(g["organisations"])} orgs, {len(g["events"])} events')
