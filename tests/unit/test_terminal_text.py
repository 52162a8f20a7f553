"""Untrusted text never drives the terminal."""

from sme_assess.terminal_text import visible


def test_escape_sequences_are_shown_not_obeyed() -> None:
    name = "ACME\x1b]0;pwned\x07\x1b[2J Ltd"
    shown = visible(name)
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown == "ACME\\x1b]0;pwned\\x07\\x1b[2J Ltd"


def test_c1_controls_and_bidi_overrides_are_shown() -> None:
    assert visible("a\x9bb\u202ec") == "a\\x9bb\\u202ec"


def test_ordinary_text_is_unchanged() -> None:
    text = "宁波某精密机械有限公司\tline\nnext — ok"
    assert visible(text) == text
    assert visible(text, newlines=False) == "宁波某精密机械有限公司\\tline\\nnext — ok"
