"""One prompt per question type (questionary), returning what the respondent chose to do.

Every prompt offers, where the question allows: help, "don't know", "not applicable" and back.
In a select they are extra choices; in a typed answer they are short commands
(``<`` back, ``?`` help, ``-`` don't know or skip, ``n/a``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..answers_check import check_value
from ..i18n import localized
from ..models import NA, UNKNOWN, text_for
from ..models.questionnaire import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)

BACK, HELP, SKIP = "\x00back", "\x00help", "\x00skip"

WORDS: dict[str, dict[str, str]] = {
    "back": {"en": "← Back to the previous question", "zh": "← 返回上一题"},
    "help": {"en": "? Explain this question", "zh": "? 这道题是什么意思"},
    "unknown": {"en": "Don't know", "zh": "不清楚"},
    "skip": {"en": "Skip for now", "zh": "先跳过"},
    "na": {"en": "Not applicable to us", "zh": "我们没有这项业务（不适用）"},
    "yes": {"en": "Yes", "zh": "是"},
    "no": {"en": "No", "zh": "否"},
    "typed_commands": {
        "en": "type < to go back, ? for help{extra}",
        "zh": "输入 < 返回上一题，? 查看说明{extra}",
    },
    "typed_unknown": {"en": ", - if you don't know", "zh": "，- 表示不清楚"},
    "typed_skip": {"en": ", - to skip", "zh": "，- 跳过"},
    "typed_na": {"en": ", n/a if it does not apply", "zh": "，n/a 表示不适用"},
    "range": {"en": "between {lo} and {hi}", "zh": "{lo} 到 {hi} 之间"},
    "whole": {"en": "a whole number", "zh": "整数"},
    "not_number": {"en": "Please type a number", "zh": "请输入一个数字"},
    "select_hint": {"en": "arrow keys, Enter", "zh": "方向键选择，回车确认"},
    "checkbox_hint": {
        "en": "space ticks, enter confirms",
        "zh": "空格键勾选，回车确认",
    },
    "required": {"en": "This question needs an answer.", "zh": "这道题必须回答。"},
}


def word(key: str, lang: str, **values: Any) -> str:
    return localized(WORDS, key, lang, **values)


@dataclass(frozen=True)
class Action:
    kind: Literal["answer", "back", "help", "skip"]
    value: Any = None


@dataclass(frozen=True)
class Ask:
    question: Question
    lang: str
    fallback: str
    current: Any
    header: str
    can_go_back: bool


def _t(ask: Ask, text: Any) -> str:
    return text_for(text, ask.lang, ask.fallback)


def _extras(ask: Ask) -> list[tuple[str, str]]:
    q = ask.question
    extra: list[tuple[str, str]] = []
    if q.allow_unknown:
        extra.append((word("unknown", ask.lang), UNKNOWN))
    elif not q.required:
        extra.append((word("skip", ask.lang), SKIP))
    if q.allow_na:
        extra.append((word("na", ask.lang), NA))
    if q.help:
        extra.append((word("help", ask.lang), HELP))
    if ask.can_go_back:
        extra.append((word("back", ask.lang), BACK))
    return extra


def _to_action(value: Any) -> Action:
    if value == BACK:
        return Action("back")
    if value == HELP:
        return Action("help")
    if value == SKIP:
        return Action("skip")
    return Action("answer", value)


class QuestionaryPrompter:
    """Asks through questionary (prompt_toolkit): a real terminal, or pipe input in tests."""

    def ask(self, ask: Ask) -> Action:
        q = ask.question
        if isinstance(q, SingleChoiceQuestion | ScaleQuestion | YesNoQuestion):
            return self._select(ask)
        if isinstance(q, MultipleChoiceQuestion):
            return self._checkbox(ask)
        return self._typed(ask)

    def choose(self, message: str, choices: list[tuple[str, str]], default: str | None) -> str:
        """A plain menu (the review screen)."""
        import questionary

        items = [questionary.Choice(title=t, value=v) for t, v in choices]
        chosen = questionary.select(message, choices=items, default=default).unsafe_ask()
        return str(chosen)

    def company(self, message: str, default: str) -> str:
        import questionary

        return str(questionary.text(message, default=default).unsafe_ask())

    def _select(self, ask: Ask) -> Action:
        import questionary

        q = ask.question
        choices: list[Any] = []
        options: list[tuple[str, Any, str | None]]
        if isinstance(q, YesNoQuestion):
            options = [(word("yes", ask.lang), True, None), (word("no", ask.lang), False, None)]
        else:
            options = [
                (_t(ask, o.label), o.value, _t(ask, o.descriptor) if o.descriptor else None)
                for o in q.options  # type: ignore[union-attr]
            ]
        default = None
        # questionary labels a description "Description:" in English; in other languages the
        # descriptor goes after the label instead
        inline = not ask.lang.startswith("en")
        for title, value, description in options:
            if inline and description:
                shown: Any = [("", title), ("class:instruction", f"  — {description}")]
                choice = questionary.Choice(title=shown, value=value)
            else:
                choice = questionary.Choice(title=title, value=value, description=description)
            choices.append(choice)
            if ask.current is not None and value == ask.current:
                default = choice
        extras = _extras(ask)
        if extras:
            choices.append(questionary.Separator())
            for title, value in extras:
                choice = questionary.Choice(title=title, value=value)
                choices.append(choice)
                if ask.current is not None and value == ask.current:
                    default = choice
        answer = questionary.select(
            self._message(ask),
            choices=choices,
            default=default,
            use_jk_keys=False,
            instruction=f"({word('select_hint', ask.lang)})",
        ).unsafe_ask()
        return _to_action(answer)

    def _checkbox(self, ask: Ask) -> Action:
        import questionary

        q = ask.question
        assert isinstance(q, MultipleChoiceQuestion)
        current = ask.current if isinstance(ask.current, list) else []
        choices: list[Any] = [
            questionary.Choice(title=_t(ask, o.label), value=o.value, checked=o.value in current)
            for o in q.options
        ]
        extras = _extras(ask)
        if extras:
            choices.append(questionary.Separator())
            choices.extend(questionary.Choice(title=t, value=v) for t, v in extras)
        specials = {v for _, v in extras}

        def valid(selected: list[str]) -> bool | str:
            if any(v in specials for v in selected):
                return True
            why = check_value(q, selected)
            return True if why is None else why

        answer = questionary.checkbox(
            self._message(ask),
            choices=choices,
            validate=valid,
            instruction=f"({word('checkbox_hint', ask.lang)})",
        ).unsafe_ask()
        chosen = [v for v in answer if v in specials]
        if chosen:
            return _to_action(chosen[0])
        return Action("answer", list(answer))

    def _typed(self, ask: Ask) -> Action:
        import questionary

        q = ask.question
        lang = ask.lang
        extra = ""
        if q.allow_unknown:
            extra += word("typed_unknown", lang)
        elif not q.required:
            extra += word("typed_skip", lang)
        if q.allow_na:
            extra += word("typed_na", lang)
        hint = word("typed_commands", lang, extra=extra)
        detail = ""
        if isinstance(q, NumberQuestion):
            unit = _t(ask, q.unit) if q.unit else ""
            parts = []
            if q.min is not None and q.max is not None:
                parts.append(word("range", lang, lo=f"{q.min:g}", hi=f"{q.max:g}"))
            if q.integer:
                parts.append(word("whole", lang))
            detail = " ".join(p for p in (unit, ", ".join(parts)) if p)

        def parse(text: str) -> Action | str:
            raw = text.strip()
            if raw == "<" and ask.can_go_back:
                return Action("back")
            if raw == "?" and q.help:
                return Action("help")
            if raw == "-":
                if q.allow_unknown:
                    return Action("answer", UNKNOWN)
                if not q.required:
                    return Action("skip")
                return word("required", lang)
            if raw.lower() in ("n/a", "na") and q.allow_na:
                return Action("answer", NA)
            if isinstance(q, NumberQuestion):
                try:
                    number = float(raw.replace(",", "").rstrip("%").strip())
                except ValueError:
                    return word("not_number", lang)
                value: Any = int(number) if number.is_integer() else number
                why = check_value(q, value)
                return why if why else Action("answer", value)
            if isinstance(q, TextQuestion):
                if not raw:
                    return Action("skip") if not q.required else word("required", lang)
                why = check_value(q, raw)
                return why if why else Action("answer", raw)
            return Action("answer", raw)  # pragma: no cover

        def validate(text: str) -> bool | str:
            result = parse(text)
            return result if isinstance(result, str) else True

        default = ""
        if ask.current is not None and ask.current not in (NA, UNKNOWN):
            default = f"{ask.current:g}" if isinstance(ask.current, float) else str(ask.current)
        message = self._message(ask) + (f" [{detail}]" if detail else "")
        text = questionary.text(
            message, default=default, validate=validate, instruction=f"({hint})"
        ).unsafe_ask()
        result = parse(text)
        assert isinstance(result, Action)
        return result

    @staticmethod
    def _message(ask: Ask) -> str:
        return f"{ask.header}\n  {_t(ask, ask.question.text)}"
