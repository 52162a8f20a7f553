"""The answered lines a run leaves on the screen, and taking the last one back (after Back,
the screen shows one answer to a question, the one kept)."""

from __future__ import annotations

from .layout import columns, wrap, wrap_message


def said(question: str, answer: str) -> int:
    """What stays on the screen once a question is answered: one line, question and answer
    (wrapped: the rows it takes are returned)."""
    from prompt_toolkit import print_formatted_text
    from prompt_toolkit.formatted_text import FormattedText
    from questionary.constants import DEFAULT_STYLE

    width = columns()
    asked = wrap_message(question, width, answer)
    if asked.endswith(" ") or asked.endswith("\n"):  # the answer on a line of its own
        pad = " " * (len(asked) - len(asked.rstrip(" ")) + 1)
        answer = ("\n" + pad).join(wrap(answer, width - len(pad) - 1))
    line = FormattedText(
        [("class:qmark", "?"), ("class:question", f" {asked} "), ("class:answer", answer)]
    )
    print_formatted_text(line, style=DEFAULT_STYLE)
    return f"{asked} {answer}".count("\n") + 1


def unsaid(rows: int) -> None:
    """Take the last ``rows`` rows printed above the cursor off the screen."""
    from prompt_toolkit.application.current import get_app_session

    output = get_app_session().output
    output.cursor_up(rows)
    output.write_raw("\r")
    output.erase_down()
    output.flush()
