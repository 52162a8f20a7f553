"""Every word the interactive run shows a person, in English and Chinese.

One table for prompts, hints, refusals, notes and the lines around the run, so that a run in
one language never shows a word of another (or an internal id).
"""

from __future__ import annotations

from typing import Any

from ..i18n import localized

WORDS: dict[str, dict[str, str]] = {
    # extra choices and commands
    "back": {"en": "← Back to the previous question", "zh": "← 返回上一题"},
    "help": {"en": "? Explain this question", "zh": "? 这道题是什么意思"},
    "unknown": {"en": "Don't know", "zh": "不清楚"},
    "skip": {"en": "Skip for now", "zh": "先跳过"},
    "na": {"en": "Not applicable to us", "zh": "我们没有这项业务（不适用）"},
    "yes": {"en": "Yes", "zh": "是"},
    "no": {"en": "No", "zh": "否"},
    "typed_commands": {
        "en": "(type < to go back, ? for help{extra})",
        "zh": "（输入 < 返回上一题，? 查看说明{extra}）",
    },
    "detail": {"en": " [{detail}]", "zh": "（{detail}）"},
    "typed_unknown": {"en": ", - if you don't know", "zh": "，- 表示不清楚"},
    "typed_skip": {"en": ", - to skip", "zh": "，- 跳过"},
    "typed_na": {"en": ", n/a if it does not apply", "zh": "，n/a 表示不适用"},
    "range": {"en": "between {lo} and {hi}", "zh": "{lo} 到 {hi} 之间"},
    "whole": {"en": "a whole number", "zh": "整数"},
    "select_hint": {"en": "(arrow keys, Enter)", "zh": "（方向键选择，回车确认）"},
    "checkbox_hint": {
        "en": "(space ticks, enter confirms)",
        "zh": "（空格键勾选，回车确认）",
    },
    "list_sep": {"en": ", ", "zh": "、"},
    # refusals while answering
    "required": {"en": "This question needs an answer.", "zh": "这道题必须回答。"},
    "not_number": {"en": "Please type a number", "zh": "请输入一个数字"},
    "not_whole": {"en": "Please type a whole number", "zh": "请输入整数"},
    "below_min": {"en": "{value} is below the minimum {limit}", "zh": "{value} 小于最小值 {limit}"},
    "above_max": {"en": "{value} is above the maximum {limit}", "zh": "{value} 大于最大值 {limit}"},
    "too_long": {
        "en": "Please keep it to {n} characters ({k} typed)",
        "zh": "请不要超过 {n} 个字（已输入 {k} 个）",
    },
    "nothing_ticked": {
        "en": "Tick at least one option with the space bar{alternative}",
        "zh": "请用空格键至少勾选一项{alternative}",
    },
    "or_none": {
        "en": ", or tick “{label}” if none apply",
        "zh": "；都不符合请勾选“{label}”",
    },
    "or_extra": {"en": ", or choose “{label}”", "zh": "，或者选“{label}”"},
    "too_many": {
        "en": "Tick at most {n} options ({k} ticked)",
        "zh": "最多勾选 {n} 项（已勾选 {k} 项）",
    },
    "exclusive": {
        "en": "“{label}” cannot be combined with other options",
        "zh": "“{label}”不能和其他选项同时勾选",
    },
    "not_option": {"en": "“{value}” is not one of the options", "zh": "“{value}”不是可选项"},
    "twice": {"en": "an option is ticked twice", "zh": "有选项被勾选了两次"},
    "na_not_allowed": {
        "en": "“not applicable” is not an answer to this question",
        "zh": "这道题不能回答“不适用”",
    },
    "unknown_not_allowed": {
        "en": "“don't know” is not an answer to this question",
        "zh": "这道题不能回答“不清楚”",
    },
    "misfit": {
        "en": "the saved answer does not fit this question",
        "zh": "保存的回答不符合这道题",
    },
    # the walk
    "progress": {
        "en": "Section {s}/{sn} · Question {q}/{qn} · {title}",
        "zh": "第 {s}/{sn} 部分 · 第 {q}/{qn} 题 · {title}",
    },
    "company": {"en": "Company name (optional)", "zh": "企业名称（可不填）"},
    "dropped": {
        "en": "This change means these answers no longer apply and were removed: {names}",
        "zh": "这个改动让下面这些题不再适用，已删除对应回答：{names}",
    },
    "review": {
        "en": "All questions answered. Review your answers, change any, or finish:",
        "zh": "题目都答完了。可以检查、修改任何一题，或者完成：",
    },
    "finish": {"en": "✓ Finish and see the results", "zh": "✓ 完成，查看结果"},
    "help_title": {"en": "About this question", "zh": "题目说明"},
    "unanswered": {"en": "(not answered)", "zh": "（未回答）"},
    # around the run
    "duration": {
        "en": "This takes about {lo}-{hi} minutes.{hint}",
        "zh": "全部答完大约需要{lo}-{hi}分钟。{hint}",
    },
    "duration_hint": {
        "en": " Short of time? `run --short` asks about a third of the questions.",
        "zh": "时间紧可以用 `run --short` 只答约三分之一的题。",
    },
    "duration_short": {
        "en": "About {lo}-{hi} minutes. {about}",
        "zh": "大约需要{lo}-{hi}分钟。{about}",
    },
    "no_short_form": {
        "en": "This questionnaire has no short form; asking every question.",
        "zh": "这份问卷没有简版，将问全部题目。",
    },
    "saving": {
        "en": "Answers are saved as you go in: {path}",
        "zh": "每答一题都会自动保存到：{path}",
    },
    "stopped": {
        "en": "Stopped. Your answers are saved in {path}; continue with: {command}",
        "zh": "已暂停，答案都保存在 {path}；继续请运行：{command}",
    },
    "answers_written": {"en": "Answers written to {path}", "zh": "答案已保存到 {path}"},
    "report_written": {"en": "Report written to {path}", "zh": "报告已生成：{path}"},
    # notes when a run continues
    "from_walk": {
        "en": "Section {s}/{sn}: {title}. Your answers of {date}:",
        "zh": "第 {s}/{sn} 部分：{title}。您 {date} 的回答：",
    },
    "from_undated": {"en": "last time", "zh": "上次"},
    "from_question": {
        "en": "Still true? Keep these answers, or change some?",
        "zh": "现在还是这样吗？保留这些回答，还是修改其中几项？",
    },
    "keep": {"en": "Keep these answers", "zh": "保留，都没变"},
    "change_some": {"en": "Change some", "zh": "有变化，逐题修改"},
    "from_previous": {
        "en": "Re-assessing from the answers of {date} in {path} (that file is not changed): "
        "confirm or change them section by section.",
        "zh": "在 {path} 中 {date} 的答案基础上重新评估（原文件不会被改动）：逐部分确认或修改。",
    },
    "from_answers": {
        "en": "Starting a new draft from the answers in {path}; that file is not changed.",
        "zh": "用 {path} 里的答案开始一份新草稿；原文件不会被改动。",
    },
    "version_changed": {
        "en": "The questionnaire changed from version {old} to {new} since these answers "
        "were saved.",
        "zh": "保存这些答案之后，问卷从 {old} 版更新到了 {new} 版。",
    },
    "ask_again": {
        "en": "“{question}”: {why}; it will be asked again.",
        "zh": "“{question}”：{why}，稍后会重新问。",
    },
    "nothing_saved_ticked": {"en": "nothing was ticked", "zh": "之前一项也没勾选"},
    "gone": {
        "en": "{n} saved answer(s) belong to questions no longer in the questionnaire.",
        "zh": "有 {n} 个已保存的回答对应的题目已不在问卷里。",
    },
    "no_question": {
        "en": "the question is no longer in the questionnaire",
        "zh": "这道题已不在问卷里",
    },
    "kept_aside": {
        "en": "The {n} saved answer(s) that no longer fit are kept aside in the draft "
        "(not deleted, not scored).",
        "zh": "不再适用的 {n} 个已保存回答另存在草稿里（不删除，也不计分）。",
    },
    "carried": {
        "en": "{n} saved answer(s) were carried over to the new version of their question.",
        "zh": "有 {n} 个已保存的回答按新版题目沿用。",
    },
    "not_carried": {
        "en": "Your earlier answer to “{question}” cannot be carried over ({why}); it will "
        "be asked again.",
        "zh": "“{question}”之前的回答无法沿用（{why}），稍后会重新问。",
    },
    "reworded": {
        "en": "“{question}” has changed since you answered it ({why}); your answer is kept: "
        "check it (go back to it before you finish).",
        "zh": "“{question}”在您作答后改过（{why}），原回答已保留，请核对（结束前可返回修改）。",
    },
    "not_carried_old": {
        "en": "An earlier answer cannot be carried over: {why}.",
        "zh": "有一个之前的回答无法沿用：{why}。",
    },
    "new_questions": {
        "en": "{n} new question(s) will be asked: {names}.",
        "zh": "将问 {n} 道新增的题：{names}。",
    },
    "not_yet_answered": {
        "en": "{n} question(s) are not answered yet and will be asked (the questionnaire "
        "does not say which of them are new).",
        "zh": "还有 {n} 道题未回答，稍后会问（问卷没有说明其中哪些是新增的）。",
    },
    "short_remembered": {
        "en": "This draft was started with the short form (run --short): continuing it.",
        "zh": "这份草稿是用简版（run --short）开始的，继续按简版问。",
    },
    "short_to_full": {
        "en": "This draft was started with the short form; --full asks every question from "
        "here.",
        "zh": "这份草稿是用简版开始的；按 --full 从这里起问全部题目。",
    },
    "full_to_short": {
        "en": "This draft was started with the full form; --short asks only the short form "
        "from here.",
        "zh": "这份草稿是用完整版开始的；按 --short 从这里起只问简版题目。",
    },
    "lock_taken_over": {
        "en": "An earlier run on this draft ended without closing it ({holder}); "
        "this run takes it over.",
        "zh": "之前打开这份草稿的运行没有正常结束（{holder}），本次运行接管它。",
    },
    "holder": {
        "en": "process {pid} on {host}, started {started}",
        "zh": "{host} 上的进程 {pid}，开始于 {started}",
    },
}


def word(key: str, lang: str, **values: Any) -> str:
    """``key`` in ``lang`` (English when the table lacks it), placeholders filled in."""
    return localized(WORDS, key, lang, **values)
