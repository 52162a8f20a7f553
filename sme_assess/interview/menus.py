"""questionary's menus made fit for the run: no English when they end, Ctrl-D stops, and a
question never answered before records nothing until the person chooses.

A fresh single-choice question starts on a row that is no answer ("no answer yet"): the
cursor is on no option, so Enter alone cannot record one, whichever option the pack lists
first (outcome questions list the best first, and their order cannot change: survey exports
are coded by option number). Enter there says what to do instead; the arrows, "don't know",
skip and back work as before, and a question answered before starts on its answer.
"""

from __future__ import annotations

from typing import Any

PICK = "\x00pick"  # the value of the "no answer yet" row


def quiet(
    question: Any,
    message: str,
    pick: Any = None,
    refusal: str = "",
    numbered: Any = (),
    tick: bool = False,
) -> Any:
    """``question`` (a questionary select or checkbox) with no English when it ends, and
    that Ctrl-D stops; with ``pick`` (the "no answer yet" choice), Enter on it answers
    nothing and says ``refusal`` on that row instead. ``numbered``: the choices typing a
    number points at (1 the first; two digits typed within a second make one number, "12"):
    the cursor moves there and Enter still confirms, so a wrong key records nothing. With
    ``tick`` (a checkbox) the number also ticks or unticks that box, as space would there.

    Its last drawing, just before ``erase_when_done`` clears it, would show questionary's
    own "done (3 selections)" or the whole wrapped choice; marked never answered, it shows
    our instruction instead, and the prompter leaves the answer in the run's language.
    questionary's menus ignore Ctrl-D; here it ends the run as it does in a typed answer
    (EOFError: the answers are saved, the run says how to continue).
    """
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from questionary.prompts.common import InquirerControl

    class NeverAnswered(InquirerControl):
        @property
        def is_answered(self) -> bool:
            return False

        @is_answered.setter
        def is_answered(self, value: bool) -> None:
            pass

    controls = []
    for window in question.application.layout.find_all_windows():
        if isinstance(window.content, InquirerControl):
            window.content.__class__ = NeverAnswered
            controls.append(window.content)
            window.height = _room(message)
    keys = KeyBindings()

    @keys.add("c-d", eager=True)
    def _(event: Any) -> None:
        event.app.exit(exception=EOFError(), style="class:aborting")

    if pick is not None and controls:
        menu = controls[0]

        # added after questionary's own Enter, so this one is called (the last match wins)
        @keys.add("enter", eager=True)
        def _(event: Any) -> None:
            pointed = menu.get_pointed_at()
            if pointed.value == PICK:
                pick.retitle(refusal, "bold")
                return
            event.app.exit(result=pointed.value)

    if numbered and controls:
        _number_keys(keys, controls[0], list(numbered), question.application if tick else None)

    app = question.application
    app.key_bindings = merge_key_bindings([b for b in (app.key_bindings, keys) if b])
    return question


def _number_keys(keys: Any, menu: Any, numbered: list[Any], app: Any = None) -> None:
    """Digits move the cursor to the choice of that number (see ``quiet``); given the
    checkbox's ``app``, they tick it too (a second digit that makes a longer number, "12",
    unticks what the first ticked, "1", and ticks the twelfth)."""
    import time

    digits, at = "", 0.0  # the number typed so far, and when its last digit was
    ticked: int | None = None  # the number the digits so far ticked

    def tick(event: Any, number: int) -> None:
        menu.pointed_at = menu.choices.index(numbered[number - 1])
        space = [b for b in app.key_bindings.get_bindings_for_keys((" ",)) if b.keys == (" ",)]
        space[-1].handler(event)  # questionary's own space: ticks and re-validates

    def point(event: Any) -> None:
        nonlocal digits, at, ticked
        digit = event.key_sequence[0].key
        now = time.monotonic()
        longer = now - at < 1.0 and 1 <= int(digits + digit) <= len(numbered)
        digits = digits + digit if longer else digit
        at = now
        number = int(digits)
        if not 1 <= number <= len(numbered):
            return
        if app is None:
            menu.pointed_at = menu.choices.index(numbered[number - 1])
            return
        if longer and ticked is not None:
            tick(event, ticked)  # "1" then "2": the twelfth, not the first
        tick(event, number)
        ticked = number

    for digit in "0123456789":
        keys.add(digit, eager=True)(point)


def _room(message: str) -> Any:
    """The height the choices may take: what the window leaves under ``message`` and a spare
    line, so that the menu scrolls inside the screen. A menu as tall as the screen (the
    review of a whole questionnaire) scrolled the terminal, and its drawing was left in the
    scrollback when it was erased."""
    from prompt_toolkit.application.current import get_app_session
    from prompt_toolkit.layout.dimension import Dimension

    from .layout import columns, wrap_message

    def room() -> Dimension:
        try:
            rows = get_app_session().output.get_size().rows
        except Exception:  # any trouble asking the terminal: no limit
            return Dimension()
        tail = getattr(message, "tail", "")
        lines = wrap_message(message, columns(), tail).count("\n") + 1
        return Dimension(max=max(rows - lines - 2, 3))

    return room
