"""Every fixed word of the report, in English and Chinese (pack text comes from the pack)."""

from __future__ import annotations

from ..i18n import localized

STRINGS: dict[str, dict[str, str]] = {
    "report_title": {"en": "Digital readiness report", "zh": "数字化水平评估报告"},
    "prepared_for": {"en": "Prepared for", "zh": "企业名称"},
    "unnamed_company": {"en": "(company not named)", "zh": "（未填写企业名称）"},
    "date": {"en": "Date", "zh": "日期"},
    "pack": {"en": "Questionnaire", "zh": "问卷"},
    "language": {"en": "Language", "zh": "语言"},
    "language_name": {"en": "English", "zh": "中文"},
    "self_assessment": {
        "en": "Self-assessment based on the company's own answers. Not an official evaluation.",
        "zh": "本报告根据企业自己填写的答案生成，属于自评，不是官方评测结论。",
    },
    "summary": {"en": "Executive summary", "zh": "总体结论"},
    "overall_level": {"en": "This tool's stage", "zh": "本工具自测"},
    "overall_score": {"en": "Overall score", "zh": "总分"},
    "level_n": {"en": "Stage {n}", "zh": "第{n}档"},
    "level_means": {"en": "What this stage means", "zh": "这一档意味着"},
    "strengths": {"en": "Top strengths", "zh": "做得最好的三个方面"},
    "gaps": {"en": "Biggest gaps", "zh": "差距最大的三个方面"},
    "actions_now": {"en": "Three things to do now", "zh": "马上可以做的三件事"},
    "no_actions": {"en": "No quick win stands out.", "zh": "暂时没有明显的速赢项目。"},
    "charts": {"en": "Scores at a glance", "zh": "各方面得分一览"},
    "radar_caption": {
        "en": "Score per category (0-100); rings mark the stage thresholds.",
        "zh": "各方面得分（0-100），圆环表示各档的分数线。",
    },
    "bars_caption": {
        "en": "Score per category against the stage bands.",
        "zh": "各方面得分与各档分数段对照。",
    },
    "categories": {"en": "Category by category", "zh": "分项诊断"},
    "score": {"en": "Score", "zh": "得分"},
    "level": {"en": "Stage", "zh": "档位"},
    "coverage": {"en": "Answered", "zh": "作答率"},
    "confidence": {"en": "Confidence", "zh": "把握度"},
    "not_assessed": {"en": "not assessed", "zh": "未评估"},
    "today": {"en": "What you do today", "zh": "现在的做法"},
    "next_level": {"en": "What the next stage looks like", "zh": "再上一档是什么样"},
    "already_top": {"en": "Already at the top option.", "zh": "已经是最高一档。"},
    "pains_raised": {"en": "Pain points raised", "zh": "发现的痛点"},
    "no_pains": {"en": "None raised.", "zh": "没有发现。"},
    "why": {"en": "Why", "zh": "原因"},
    "roadmap": {"en": "Roadmap", "zh": "行动路线图"},
    "phase_now": {"en": "Now: quick wins", "zh": "马上做：见效快的"},
    "phase_next": {"en": "Next: foundations (3-12 months)", "zh": "接下来：打基础（3-12个月）"},
    "phase_later": {
        "en": "Later: strategic (12 months and more)",
        "zh": "以后：长远布局（12个月以上）",
    },
    "more_in_annex": {
        "en": "{n} more in this phase: listed in the annex “The whole plan”.",
        "zh": "这一阶段另有 {n} 项，列在附录“全部方案”中。",
    },
    "more_in_full": {
        "en": "{n} more in this phase: see the full edition of this report.",
        "zh": "这一阶段另有 {n} 项，见本报告的完整版。",
    },
    "later_in_full": {
        "en": "{n} longer-term items (12 months and more) are in the full edition of this "
        "report.",
        "zh": "另有 {n} 项长远布局（12个月以上），见本报告的完整版。",
    },
    "annex": {"en": "Annex: the whole plan", "zh": "附录：全部方案"},
    "annex_intro": {
        "en": "The plan's items not described above, in the order of the plan, numbered on "
        "from the roadmap.",
        "zh": "上文没有详细介绍的其余方案，按计划顺序排列，编号接着路线图往下排。",
    },
    "phase": {"en": "Phase", "zh": "阶段"},
    "phase_short_now": {"en": "Now", "zh": "马上做"},
    "phase_short_next": {"en": "Next", "zh": "接下来"},
    "phase_short_later": {"en": "Later", "zh": "以后"},
    "edition": {"en": "Edition", "zh": "版本"},
    "edition_brief": {"en": "Brief edition", "zh": "简版"},
    "edition_full": {"en": "Full edition", "zh": "完整版"},
    "contents": {"en": "Contents", "zh": "目录"},
    "focus": {"en": "The three weakest areas", "zh": "最薄弱的三个方面"},
    "focus_intro": {
        "en": "The other areas are described in the full edition.",
        "zh": "其余方面的诊断见完整版。",
    },
    "no_strength": {
        "en": "No strength yet: no area reaches stage {n} ({m} points).",
        "zh": "暂时还没有强项：没有一个方面达到第{n}档（{m}分）。",
    },
    "our_stage": {"en": "Our stage (this tool's scale)", "zh": "本工具评定的档位"},
    "estimate_badge": {"en": "Estimate, not official", "zh": "估算，非官方"},
    "you_legend": {"en": "This firm", "zh": "本企业"},
    "target_line": {"en": "Stage {n} starts at {m}", "zh": "第{n}档从{m}分起"},
    "peer_line": {
        "en": "Among {n} firms of {label}, this firm scores higher than {p} % (median {m}).",
        "zh": "在{label}的{n}家企业中，本企业高于其中{p}%的企业（中位数{m}分）。",
    },
    "peer_median_only": {
        "en": "Among {n} firms of {label}: median {m} (this firm has no overall score to place).",
        "zh": "{label}共{n}家企业，中位数{m}分（本企业没有总分，无法排位）。",
    },
    "peer_group": {"en": "{label}: {n} firms, median {m}", "zh": "{label}：{n}家，中位数{m}分"},
    "peer_none": {
        "en": "Too few firms to compare with peers ({source}; at least 5 are needed).",
        "zh": "企业太少，不作同行对比（{source}；至少需要 5 家）。",
    },
    "peer_legend": {"en": "Median of {label}", "zh": "{label}中位数"},
    "peer_source": {"en": "Peers", "zh": "同行对比"},
    "answers_rest": {"en": "Profile answers", "zh": "企业概况"},
    "benchmark_context": {
        "en": "Published figures, shown as context: they describe other firms measured another "
        "way, so they do not rank this firm.",
        "zh": "公开数据，仅作背景参考：这些数字是按另一套方法测出的其他企业，"
        "不能用来给本企业排名。",
    },
    "nothing_in_phase": {"en": "Nothing in this phase.", "zh": "这一阶段暂无。"},
    "solution": {"en": "Solution", "zh": "方案"},
    "cost": {"en": "Cost", "zh": "投入"},
    "effort": {"en": "Effort", "zh": "难度"},
    "time_to_value": {"en": "Value in", "zh": "见效时间"},
    "months": {"en": "{n} months", "zh": "{n}个月"},
    "month_one": {"en": "1 month", "zh": "1个月"},
    "prerequisites": {"en": "Needs first", "zh": "前提"},
    "none": {"en": "none", "zh": "无"},
    "effort_low": {"en": "low", "zh": "低"},
    "effort_medium": {"en": "medium", "zh": "中"},
    "effort_high": {"en": "high", "zh": "高"},
    "target": {"en": "Path to stage {n}", "zh": "达到第{n}档的路径"},
    "target_already": {
        "en": "The firm is already at stage {n} or above.",
        "zh": "企业已达到第{n}档或以上。",
    },
    "target_unreachable": {
        "en": "Stage {n} is out of reach with this catalogue alone; the best projection is "
        "stage {p}.",
        "zh": "仅靠本方案库达不到第{n}档，预计最高能到第{p}档。",
    },
    "projected": {"en": "Projected", "zh": "预计"},
    "current": {"en": "Today", "zh": "目前"},
    "evidence": {"en": "Evidence checklist", "zh": "现场评测材料清单"},
    "evidence_intro": {
        "en": "What to prepare for an on-site evaluation once the recommended measures are in "
        "place.",
        "zh": "推荐的措施落地后，现场评测时可以准备的材料。",
    },
    "benchmark": {"en": "Published figures for context", "zh": "公开数据（背景参考）"},
    "share_of_firms": {"en": "Share of firms", "zh": "企业占比"},
    "source": {"en": "Source", "zh": "来源"},
    "no_benchmark": {
        "en": "The questionnaire provides no public benchmark.",
        "zh": "本问卷没有提供公开的对标数据。",
    },
    "method": {"en": "Method", "zh": "计分方法"},
    "method_text": {
        "en": (
            "Each answered question scores 0 to 1: the points of the chosen option over the "
            "question's best. Ticked boxes are capped so that ticking everything is no "
            "shortcut; numbers score through bands. A category scores 0-100 as the weighted "
            'mean of its answered questions. "Not applicable" answers leave the calculation; '
            "\"don't know\" answers leave it too and lower the category's confidence. Coverage "
            "is the answered share of the questions that apply. The overall score is the "
            "category-weighted mean of the assessed categories, and the stage follows the "
            "questionnaire's thresholds and stage rules. Stages are this tool's own scale, "
            "not an official level."
        ),
        "zh": (
            "每道已答题按0到1计分：所选选项的分数除以该题最高分。多选题设有上限，全选不能多得分；"
            "数字题按分段计分。每个方面的得分（0-100）是该方面已答题的加权平均。"
            "选“不适用”的题不参与计算；选“不清楚”的题也不参与，但会降低该方面的把握度。"
            "作答率是适用题目中已回答的比例。总分是各已评方面按权重的平均，"
            "档位按问卷规定的分数线和规则确定；档位是本工具自己的刻度，不是官方等级。"
        ),
    },
    "method_brief": {
        "en": (
            "Each answered question scores 0 to 1 (the chosen option's points over the best "
            "option's); a category's score (0-100) is the weighted mean of its answered "
            "questions, the overall score the weighted mean of the categories, and the stage "
            "follows the questionnaire's thresholds. \"Not applicable\" and \"don't know\" "
            "answers leave the calculation. Stages are this tool's own scale; the framework "
            "estimates map the answers onto the framework's points and gates and are estimates, "
            "not official ratings. The full edition explains each step and what could not be "
            "verified."
        ),
        "zh": (
            "每道已答题按0到1计分（所选选项的分数除以最高分）；每个方面的得分（0-100）是已答题的加权平均，"
            "总分是各方面的加权平均，档位按问卷的分数线确定。选“不适用”和“不清楚”的题不参与计算。"
            "档位是本工具自己的刻度；对照各评测框架的结果是把答案换算成该框架的分数和门槛得出的估算，"
            "不是官方评定。完整版说明了每一步以及未能核实的内容。"
        ),
    },
    "estimate": {"en": "Estimated {name}", "zh": "对照{name}估算"},
    "estimate_points": {"en": "{p} of {m} points", "zh": "{p}/{m}分"},
    "estimate_held": {"en": "{label} needs", "zh": "{label}还差"},
    "estimate_method": {
        "en": (
            "{name}: the answers are mapped onto the framework's points and scenario rungs "
            "(the pack's crosswalk) and its level gates are applied. It is an estimate, not an "
            "official rating. Not verified:"
        ),
        "zh": "{name}：按本问卷的对照表把答案换算成该评测的分数和场景级别，再套用各级门槛。"
        "这是估算，不是官方评定。以下内容未能核实：",
    },
    "sources": {"en": "Frameworks cited", "zh": "参考的标准和框架"},
    "disclaimer": {
        "en": (
            "This is a self-assessment produced from the company's own answers. It is not an "
            "official evaluation, certification or audit, and it does not replace the "
            "evaluation procedures of any authority."
        ),
        "zh": "本报告是根据企业自己填写的答案生成的自评结果，不是官方评测、认证或审核，"
        "也不能代替任何主管部门的评测程序。",
    },
    "answers": {"en": "All answers", "zh": "全部答案"},
    "question": {"en": "Question", "zh": "题目"},
    "answer": {"en": "Answer", "zh": "回答"},
    "page": {"en": "Page", "zh": "第"},
    "page_of": {"en": "of", "zh": "页，共"},
    "page_end": {"en": "", "zh": " 页"},
    "generated_by": {"en": "Generated by sme-assess {v}", "zh": "由 sme-assess {v} 生成"},
    # a report from a batch: the firm against its cohort (sme_assess.engine.peers)
}


def s(key: str, lang: str, **values: object) -> str:
    return localized(STRINGS, key, lang, **values)


def months_text(months: float, lang: str) -> str:
    """"1 month", "3 months", "0.5 months"."""
    if months == 1:
        return s("month_one", lang)
    return s("months", lang, n=f"{months:g}")
