"""One prompt per question type (questionary), returning what the respondent chose to do.

Every prompt offers, where the question allows: help, "don't know", "not applicable" and back.
In a select they are extra choices; in a typed answer they are short commands
(``<`` back, ``?`` help, ``-`` don't know or skip, ``n/a``), typed alone or after the
earlier answer shown in the box.
"""

from __future__ import annotations

import contextlib
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

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
from . import stopping
from .checks import plain, why_not
from .layout import (
    INDICATOR,
    POINTER,
    FittedMessage,
    columns,
    fitted_choice,
    wrap,
)
from .menus import PICK, quiet
from .said import said, unsaid
from .words import word

THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")  # "1,200", "12,000.5"

BACK, HELP, SKIP = "\x00back", "\x00help", "\x00skip"


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
    notes: tuple[str, ...] = ()  # shown above the question, so they stay on the screen


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
    """Asks through questionary (prompt_toolkit): a real terminal, or pipe input in tests.

    Everything drawn is in the run's language and fits the terminal's width: questionary's
    own English ("(Use arrow keys)", "done (3 selections)") is replaced by our instruction
    and by the one line ``said`` leaves once a question is answered.
    """

    def __init__(self) -> None:
        # the answered lines on the screen, last at the bottom: (question id, rows)
        self._lines: list[tuple[str, int]] = []

    def take_back(self, qid: str) -> None:
        """Going back to ``qid``: its answered line, the last on the screen, is taken off,
        so that once it is answered again the screen shows one answer to it, the one kept
        (not the old one above the new)."""
        if self._lines and self._lines[-1][0] == qid:
            _, rows = self._lines.pop()
            with contextlib.suppress(OSError):
                unsaid(rows)

    def ask(self, ask: Ask) -> Action:
        q = ask.question
        if isinstance(q, SingleChoiceQuestion | ScaleQuestion | YesNoQuestion):
            action, shown = self._select(ask)
        elif isinstance(q, MultipleChoiceQuestion):
            action, shown = self._checkbox(ask)
        else:
            action, shown = self._typed(ask)
        if action.kind in ("answer", "skip"):
            # the window closed just now: the answer is still kept (the next prompt stops)
            with contextlib.suppress(OSError):
                self._lines.append((q.id, said(_t(ask, q.text), shown)))
        return action

    def choose(
        self,
        message: str,
        choices: list[tuple[str, str]],
        default: str | None,
        lang: str,
        numbered_from: int | None = None,
    ) -> str:
        """A plain menu (the review screen, run --from's sections). ``default`` None: the
        cursor starts on no choice, so Enter alone chooses nothing. ``numbered_from``: the
        choices from there on are numbered 1, 2... in their titles, and typing a number
        points at it (the review's questions)."""
        import questionary

        items = [fitted_choice(t, v, POINTER) for t, v in choices]
        numbered = items[numbered_from:] if numbered_from is not None else []
        hint = word("review_hint" if numbered else "select_hint", lang)
        pick = None
        chosen_first = next((c for c in items if c.value == default), None)
        if chosen_first is None:
            pick = chosen_first = fitted_choice(
                word("pick_hint", lang), PICK, POINTER, style="class:instruction"
            )
            items.insert(0, pick)
        fitted = FittedMessage(message, hint)
        chosen = stopping.ask(
            quiet(
                questionary.select(
                    fitted,
                    choices=items,
                    default=chosen_first,
                    use_jk_keys=False,
                    instruction=hint,
                    erase_when_done=True,
                ),
                fitted,
                pick,
                word("pick_first", lang),
                numbered,
            )
        )
        return str(chosen)

    def screen(self) -> tuple[int, int]:
        from prompt_toolkit.application.current import get_app_session

        try:
            size = get_app_session().output.get_size()
        except Exception:  # any trouble asking the terminal: the classic size
            return 80, 24
        return (size.columns or 80, size.rows or 24)

    def company(self, message: str, default: str) -> str:
        import questionary

        return str(stopping.ask(questionary.text(message, default=default)))

    def _select(self, ask: Ask) -> tuple[Action, str]:
        import questionary

        q = ask.question
        options: list[tuple[str, Any, str | None]]
        if isinstance(q, YesNoQuestion):
            options = [(word("yes", ask.lang), True, None), (word("no", ask.lang), False, None)]
        else:
            options = [
                (_t(ask, o.label), o.value, _t(ask, o.descriptor) if o.descriptor else None)
                for o in q.options  # type: ignore[union-attr]
            ]
        labels = {repr(value): title for title, value, _ in options}
        labels.update((repr(value), title) for title, value in _extras(ask))
        answers = len(options)
        options += [(title, value, None) for title, value in _extras(ask)]
        choices: list[Any] = []
        numbered: list[Any] = []
        default = pick = None
        for i, (title, value, description) in enumerate(options):
            if i == answers and i:
                choices.append(questionary.Separator())
            # descriptions go under the label, wrapped: questionary's own "Description:"
            # line is English and is cut at the edge of a narrow terminal; each answer is
            # numbered (typing its number points at it), continuation lines under the label
            if i < answers:
                number = f"{i + 1}.".ljust(len(str(answers)) + 1) + " "
                choice = fitted_choice(number + title, value, POINTER + len(number), description)
                numbered.append(choice)
            else:
                choice = fitted_choice(title, value, POINTER, description)
            choices.append(choice)
            if ask.current is not None and value == ask.current:
                default = choice
        if default is None:  # never answered (or not as a choice): the cursor on no option
            pick = default = fitted_choice(
                word("pick_hint", ask.lang), PICK, POINTER, style="class:instruction"
            )
            choices.insert(0, pick)
        hint = word("number_hint", ask.lang)
        message = self._message(ask, tail=hint)
        answer = stopping.ask(
            quiet(
                questionary.select(
                    message,
                    choices=choices,
                    default=default,
                    use_jk_keys=False,
                    instruction=hint,
                    erase_when_done=True,
                ),
                message,
                pick,
                word("pick_first", ask.lang),
                numbered,
            )
        )
        return _to_action(answer), labels.get(repr(answer), str(answer))

    def _checkbox(self, ask: Ask) -> tuple[Action, str]:
        import questionary

        q = ask.question
        assert isinstance(q, MultipleChoiceQuestion)
        lang = ask.lang
        indent = POINTER + INDICATOR
        current = ask.current if isinstance(ask.current, list) else []
        labels = {o.value: _t(ask, o.label) for o in q.options}
        # numbered like a single choice's answers: typing the number ticks the box
        width = len(str(len(q.options))) + 1
        choices: list[Any] = []
        for i, o in enumerate(q.options):
            number = f"{i + 1}.".ljust(width) + " "
            choices.append(
                fitted_choice(
                    number + labels[o.value],
                    o.value,
                    indent + len(number),
                    checked=o.value in current,
                )
            )
        numbered = list(choices)
        extras = _extras(ask)
        if extras:
            choices.append(questionary.Separator())
            choices.extend(fitted_choice(t, v, indent) for t, v in extras)
        specials = {v for _, v in extras}
        labels.update((v, t) for t, v in extras)
        # an empty tick list is not an answer: say what to tick instead
        none_option = next((o for o in q.options if o.exclusive), None)
        if none_option is not None:
            alternative = word("or_none", lang, label=labels[none_option.value])
        else:
            way_out = next((t for t, v in extras if v in (UNKNOWN, SKIP, NA)), None)
            alternative = word("or_extra", lang, label=way_out) if way_out else ""

        def valid(selected: list[str]) -> bool | str:
            said = refusal(selected)
            # shown under the menu on one line that a narrow terminal cut: wrapped, whole
            return "\n".join(wrap(said, columns() - 1)) if isinstance(said, str) else said

        def refusal(selected: list[str]) -> bool | str:
            special = [v for v in selected if v in specials]
            if special:  # "don't know" with ticks would drop the ticks unsaid: refused
                return (
                    True
                    if len(selected) == 1
                    else word("exclusive", lang, label=labels[special[0]])
                )
            if not selected:
                return word("nothing_ticked", lang, alternative=alternative)
            why = why_not(q, selected, lang, ask.fallback)
            return True if why is None else why

        message = self._message(ask, tail=word("checkbox_hint", lang))
        answer = stopping.ask(
            quiet(
                questionary.checkbox(
                    message,
                    choices=choices,
                    validate=valid,
                    instruction=word("checkbox_hint", lang),
                    erase_when_done=True,
                ),
                message,
                numbered=numbered,
                tick=True,
            )
        )
        chosen = [v for v in answer if v in specials]
        if chosen:
            return _to_action(chosen[0]), labels[chosen[0]]
        return Action("answer", list(answer)), word("list_sep", lang).join(
            labels[v] for v in answer
        )

    def _typed(self, ask: Ask) -> tuple[Action, str]:
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
                parts.append(word("range", lang, lo=plain(q.min), hi=plain(q.max)))
            if q.integer:
                parts.append(word("whole", lang))
            detail = " ".join(p for p in (unit, word("list_sep", lang).join(parts)) if p)

        default = ""
        if ask.current is not None and ask.current not in (NA, UNKNOWN):
            # exactly as saved: "12.3457" for 12.3456789 would change the answer on Enter
            default = plain(ask.current) if isinstance(ask.current, float) else str(ask.current)
        # commands typed after the earlier answer shown in the box (the owner walking back
        # through answers types "<" at the end of "7"): the command, not "7<"; in a number
        # none of them can be part of the answer, in a text only "<" is taken so
        commands = {"<"} | ({"?", "-", "n/a", "na"} if isinstance(q, NumberQuestion) else set())

        def parse(text: str) -> Action | str:
            raw = text.strip()
            after = raw[len(default) :].strip() if default and raw.startswith(default) else ""
            if after.lower() in commands:
                raw = after
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
                typed = unicodedata.normalize("NFKC", raw).rstrip("%").strip()  # "１２．５"
                if "," in typed and not THOUSANDS.fullmatch(typed):
                    return word("not_number", lang)  # "1,5": 1.5 or 15? asked again
                try:
                    number = float(typed.replace(",", ""))
                except ValueError:
                    return word("not_number", lang)
                if not math.isfinite(number):  # "nan", "inf", "1e999": floats, not numbers
                    return word("not_number", lang)
                value: Any = int(number) if number.is_integer() else number
                why = why_not(q, value, lang, ask.fallback)
                return why if why else Action("answer", value)
            if isinstance(q, TextQuestion):
                if not raw:
                    return Action("skip") if not q.required else word("required", lang)
                why = why_not(q, raw, lang, ask.fallback)
                return why if why else Action("answer", raw)
            return Action("answer", raw)  # pragma: no cover

        def validate(text: str) -> bool | str:
            result = parse(text)
            return result if isinstance(result, str) else True

        shown_detail = word("detail", lang, detail=detail) if detail else ""
        message = self._message(ask, shown_detail, f" {hint}")
        text = stopping.ask(
            questionary.text(
                message,
                default=default,
                validate=validate,
                instruction=hint,
                erase_when_done=True,
            )
        )
        result = parse(text)
        assert isinstance(result, Action)
        if result.kind == "skip":
            return result, word("skip", lang)
        shown = {UNKNOWN: word("unknown", lang), NA: word("na", lang)}.get(
            result.value if isinstance(result.value, str) else "", text.strip()
        )
        return result, shown

    @staticmethod
    def _message(ask: Ask, detail: str = "", tail: str = "") -> str:
        """Notes (help, answers kept aside) first, so they stay in sight; then where we are
        and the question, wrapped to the terminal as it is drawn (``tail``: the instruction
        drawn after it, kept whole)."""
        parts = [*ask.notes, ask.header, f"  {_t(ask, ask.question.text)}{detail}"]
        return FittedMessage("\n".join(parts), tail)
