"""The interactive run: ask, save the draft after every answer, review, hand back the answers.

Talks to the person through two injected objects: a prompter (questionary in real use) and
``say`` (the CLI's Rich console). Ctrl-C or a closed terminal propagate as KeyboardInterrupt
or EOFError after the last answer is already on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..i18n import localized
from ..loading import Pack
from ..messages import Namer
from ..models import Answers, Respondent, text_for
from .draft import Draft, save_draft
from .prompts import Action, Ask, word
from .session import Interview

RUN_WORDS: dict[str, dict[str, str]] = {
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
    "saving": {
        "en": "Answers are saved as you go in: {path}",
        "zh": "每答一题都会自动保存到：{path}",
    },
    "stopped": {
        "en": "Stopped. Your answers are saved in {path}; continue with: "
        "sme-assess run --resume {path}",
        "zh": "已暂停，答案都保存在 {path}；继续请运行：sme-assess run --resume {path}",
    },
    "answers_written": {"en": "Answers written to {path}", "zh": "答案已保存到 {path}"},
    "report_written": {"en": "Report written to {path}", "zh": "报告已生成：{path}"},
    "unanswered": {"en": "(not answered)", "zh": "（未回答）"},
}


def rw(key: str, lang: str, **values: Any) -> str:
    return localized(RUN_WORDS, key, lang, **values)


class Prompter(Protocol):
    def ask(self, ask: Ask) -> Action: ...

    def choose(self, message: str, choices: list[tuple[str, str]], default: str | None) -> str: ...

    def company(self, message: str, default: str) -> str: ...


@dataclass
class RunState:
    pack: Pack
    lang: str
    draft_path: Path
    interview: Interview
    respondent: Respondent = field(default_factory=Respondent)
    position: str | None = None
    ask_company: bool = True

    def draft(self) -> Draft:
        q = self.pack.questionnaire
        return Draft(
            questionnaire=q.id,
            questionnaire_version=q.version,
            language=self.lang,
            respondent=self.respondent,
            answers=dict(self.interview.answers),
            position=self.position,
        )

    def save(self) -> None:
        save_draft(self.draft_path, self.draft())

    def answers(self) -> Answers:
        return self.draft().to_answers()

    def answers_path(self) -> Path:
        """Where the finished answers go unless told otherwise: beside the draft."""
        return self.draft_path.with_name(self.draft_path.stem + ".answers.json")


def run_interview(state: RunState, prompter: Prompter, say: Callable[[str, str], None]) -> Answers:
    """Walk the respondent through the pack until they finish; returns their answers.

    ``say(kind, text)`` shows plain text (never markup); kind is "help" or "note".
    """
    q = state.pack.questionnaire
    lang = state.lang
    namer = Namer(q, state.pack.catalogue, lang)
    iv = state.interview
    if state.ask_company:
        name = prompter.company(rw("company", lang), state.respondent.company or "").strip()
        state.respondent = state.respondent.model_copy(update={"company": name or None})
        state.ask_company = False
        state.save()

    current = iv.question(state.position) if state.position else iv.first_unanswered()
    if current is not None and current.id not in {x.id for x in iv.visible()}:
        current = iv.first_unanswered()
    while True:
        if current is None:
            current = _review(state, prompter, namer)
            if current is None:
                state.position = None
                state.save()
                return state.answers()
            reviewing = True
        else:
            reviewing = False
        state.position = current.id
        s, sn, number, total = iv.progress(current.id)
        header = rw(
            "progress",
            lang,
            s=s,
            sn=sn,
            q=number,
            qn=total,
            title=text_for(iv.section_title(current.id), lang, q.default_language),
        )
        previous = iv.before(current.id)
        action = prompter.ask(
            Ask(
                question=current,
                lang=lang,
                fallback=q.default_language,
                current=iv.answers.get(current.id),
                header=header,
                can_go_back=previous is not None,
            )
        )
        if action.kind == "help":
            help_text = text_for(current.help, lang, q.default_language)
            say("help", f"{rw('help_title', lang)}\n{help_text}")
            continue
        if action.kind == "back":
            current = previous or current
            continue
        value = None if action.kind == "skip" else action.value
        dropped = iv.set(current.id, value)
        if dropped:
            names = "; ".join(namer.question(d, 50) for d in dropped)
            say("note", rw("dropped", lang, names=names))
        state.save()
        current = iv.first_unanswered() if reviewing else iv.after(current.id)


def _review(state: RunState, prompter: Prompter, namer: Namer) -> Any:
    """The review screen: None to finish, or the question to change."""
    iv = state.interview
    lang = state.lang
    choices: list[tuple[str, str]] = [(rw("finish", lang), "\x00finish")]
    for number, question in enumerate(iv.visible(), start=1):
        value = iv.answers.get(question.id)
        shown = (
            namer.answer(question.id, value)
            if question.id in iv.answers
            else rw("unanswered", lang)
        )
        choices.append((f"{number}. {namer.question(question.id, 50)} — {shown}", question.id))
    state.position = None
    state.save()
    chosen = prompter.choose(rw("review", lang), choices, default="\x00finish")
    if chosen == "\x00finish":
        return None
    return iv.question(chosen)


__all__ = ["RunState", "run_interview", "word"]
