"""summary.xlsx as a consultant reads it: the summary rows with headers, profile values and
notes in the batch's language, the firm's name first, formats per column.

summary.csv and summary.parquet keep the column ids and raw values (stable, for machines);
summary.xlsx shows the same rows for people: ``SummarySheet.columns`` and ``row``. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..answer_io.xlsx_write import Column
from ..models import text_for
from ..pack.loading import Pack

FREEZE = "B2"  # the header row and the firm's name (first column) stay in view
TITLE = {"en": "summary", "zh": "汇总"}

_HEADERS: dict[str, dict[str, str]] = {
    "source": {"en": "Source file", "zh": "来源文件"},
    "row": {"en": "Row", "zh": "行号"},
    "company": {"en": "Company", "zh": "企业名称"},
    "sector": {"en": "Sector", "zh": "行业"},
    "size": {"en": "Size", "zh": "规模"},
    "region": {"en": "Region", "zh": "地区"},
    "language": {"en": "Language", "zh": "语言"},
    "score": {"en": "Overall score", "zh": "总分"},
    "level": {"en": "Stage", "zh": "阶段"},
    "level_name": {"en": "Stage name", "zh": "阶段名称"},
    "coverage": {"en": "Coverage", "zh": "覆盖率"},
    "confidence": {"en": "Confidence", "zh": "可信度"},
    "percentile": {"en": "Percentile in this batch", "zh": "本批百分位"},
    "top_pain_points": {"en": "Top pain points", "zh": "主要痛点"},
    "solution_1": {"en": "Solution 1", "zh": "建议方案 1"},
    "solution_2": {"en": "Solution 2", "zh": "建议方案 2"},
    "solution_3": {"en": "Solution 3", "zh": "建议方案 3"},
    "report": {"en": "Report", "zh": "报告"},
    "notes": {"en": "Notes", "zh": "备注"},
    "progress": {"en": "Progress", "zh": "进展"},
    "_score": {"en": "{name} score", "zh": "{name} 得分"},
    "_coverage": {"en": "{name} coverage", "zh": "{name} 覆盖率"},
    "_points": {"en": "{name} points (estimate)", "zh": "{name} 估算分"},
    "_estimate": {"en": "{name} level (estimate)", "zh": "{name} 估算等级"},
    "_held_back_by": {"en": "{name} held back by", "zh": "{name} 未达上一级的原因"},
}
_LANGUAGES = {"en": "English", "zh": "中文"}
_FORMATS = {"score": "0.0", "coverage": "0%", "confidence": "0%", "percentile": "0", "level": "0"}
_WIDTHS = {"source": 30, "company": 40, "report": 40, "region": 30}


def _pick(table: dict[str, str], lang: str) -> str:
    return table.get(lang.split("-")[0], table["en"])


class SummarySheet:
    """The XLSX view of the summary rows (``ids``: the CSV's columns, in its order)."""

    def __init__(self, pack: Pack, lang: str, ids: Sequence[str]) -> None:
        q = pack.questionnaire
        self.lang = lang
        self.ids = list(ids)
        first = self.ids.index("company")
        self.order = [first, *(i for i in range(len(self.ids)) if i != first)]
        self.title = _pick(TITLE, lang)

        def t(text: Any) -> str:
            return text_for(text, lang, q.default_language)

        names = {c.id: t(c.short_name or c.name) for c in q.categories}
        names |= {cw.id: t(cw.name) for cw in q.crosswalks}
        self.values: dict[int, dict[str, str]] = {}
        for profile in ("sector", "size", "region"):
            if profile in self.ids:
                self.values[self.ids.index(profile)] = _profile_labels(pack, profile, lang)
        if "language" in self.ids:
            self.values[self.ids.index("language")] = _LANGUAGES
        self.questions = {question.id: t(question.text) for question in q.questions()}
        self.held = {self.ids.index(i) for i in self.ids if i.endswith("_held_back_by")}
        self.notes = self.ids.index("notes") if "notes" in self.ids else None
        self.progress = self.ids.index("progress") if "progress" in self.ids else None
        self.columns = [self._column(self.ids[i], names) for i in self.order]

    def _column(self, cid: str, names: dict[str, str]) -> Column:
        lang = self.lang
        if cid in _HEADERS:
            header = _pick(_HEADERS[cid], lang)
            return Column(
                header,
                fmt=_FORMATS.get(cid, ""),
                scale=cid == "score",
                link=cid == "report",
                max_width=_WIDTHS.get(cid, 50),
            )
        for suffix in ("_score", "_coverage", "_points", "_estimate", "_held_back_by"):
            if cid.endswith(suffix):
                base = cid[: -len(suffix)]
                header = _pick(_HEADERS[suffix], lang).format(name=names.get(base, base))
                fmt = {"_score": "0.0", "_coverage": "0%", "_points": "0.0"}.get(suffix, "")
                return Column(header, fmt=fmt, scale=suffix == "_score")
        return Column(cid)

    def row(self, summary: Sequence[Any]) -> list[Any]:
        """A summary row (CSV order, ids) as the sheet shows it."""
        cells = list(summary)
        for i, labels in self.values.items():
            value = cells[i]
            if isinstance(value, str) and value:
                cells[i] = labels.get(value, value)
        for i in self.held:
            if cells[i]:
                cells[i] = held_text(str(cells[i]), self.lang)
        if self.notes is not None and cells[self.notes]:
            cells[self.notes] = notes_text(str(cells[self.notes]), self.lang, self.questions)
        return [cells[i] for i in self.order]


def _profile_labels(pack: Pack, profile: str, lang: str) -> dict[str, str]:
    from .cohort import profile_names

    return profile_names(pack, profile, lang)


_HELD = re.compile(r"L(\d+): (.*)")
_HELD_PART = re.compile(r"(points|scenarios|mandatory)-([\d.]+)(?:@(\d+))?")


def held_text(code: str, lang: str) -> str:
    """The compact gate code of the CSV ("L3: points-6.2,scenarios-8@3") in words."""
    match = _HELD.fullmatch(code)
    if match is None:
        return code
    zh = lang.startswith("zh")
    parts = []
    for kind, amount, rung in _HELD_PART.findall(match.group(2)):
        if zh:
            parts.append(
                {
                    "points": f"差 {amount} 分",
                    "scenarios": f"第 {rung} 级场景差 {amount} 个",
                    "mandatory": f"第 {rung} 级必备项差 {amount} 个",
                }[kind]
            )
        else:
            parts.append(
                {
                    "points": f"{amount} points short",
                    "scenarios": f"{amount} scenario(s) short at rung {rung}",
                    "mandatory": f"{amount} mandatory item(s) short at rung {rung}",
                }[kind]
            )
    level = match.group(1)
    if zh:
        return f"距{level}级：" + "；".join(parts)
    return f"for level {level}: " + "; ".join(parts)


# The notes a batch writes (English, with question ids: exact, in summary.csv) said in
# Chinese for a Chinese summary.xlsx. A note of another form is counted, not shown in
# English: "另有 N 条说明（英文原文见 summary.csv）".
_Q = r"(?P<q>[\w.]+)"
_ZH_NOTES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), template)
    for pattern, template in (
        (_Q + r": not asked, because of earlier answers", "{q}：按前面的回答不用答，此答案未计入"),
        (_Q + r": no such question in this questionnaire", "问卷中没有 {q} 这道题，此答案未计入"),
        (_Q + r": required question is not answered", "{q}：必答题未答"),
        (
            r"questionnaire_version: answers were given for version (?P<a>\S+); "
            r"the pack is version (?P<b>\S+)",
            "答案按问卷 {a} 版填写，现为 {b} 版",
        ),
        (_Q + r": 'other' answer not scored: (?P<x>.*)", "{q}：“其他”答案未计分（{x}）"),
        (
            _Q + r": (?P<x>'.*'|\".*\") read as '(?P<v>[^']*)' \(part of its label\)",
            "{q}：{x} 按选项标签的一部分读作“{v}”（推断，请核对）",
        ),
        (r"scored without \(no column\): (?P<list>.*)", "表格中无对应列、未计入评分的题：{list}"),
        (r"report not written: .*", "报告未生成（原因见 summary.csv）"),
        (
            _Q + r": (expected |text is longer|.* is (below|above) the).*",
            "{q}：答案无效，未计入（原因见 summary.csv）",
        ),
    )
)


def notes_text(notes: str, lang: str, questions: dict[str, str]) -> str:
    """The summary's notes in the sheet's language (English: as written)."""
    if not lang.startswith("zh"):
        return notes
    said: list[str] = []
    other = 0
    for note in _split(notes):
        for pattern, template in _ZH_NOTES:
            match = pattern.fullmatch(note)
            if match is not None:
                values = {k: v for k, v in match.groupdict().items() if v is not None}
                if "q" in values:
                    values["q"] = _question(values["q"], questions)
                if "list" in values:
                    values["list"] = "、".join(
                        _question(x.strip(), questions) for x in values["list"].split(",")
                    )
                said.append(template.format(**values))
                break
        else:
            other += 1
    if other:
        said.append(f"另有 {other} 条说明（英文原文见 summary.csv）")
    return "；".join(said)


def _question(qid: str, questions: dict[str, str]) -> str:
    text = questions.get(qid)
    if text is None:
        return qid
    return f"“{text if len(text) <= 30 else text[:29] + '…'}”"


def _split(notes: str) -> list[str]:
    """The notes of one row (the batch joins them with "; ", which one note has inside)."""
    return [p for p in re.split(r"; (?!the pack is version)", notes) if p]
