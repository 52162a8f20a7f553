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


def test_a_long_run_is_shortened_between_characters_as_a_reader_sees_them() -> None:
    """Cut where a reader sees a character start: never between a letter and its combining
    accent (é written as e + U+0301 would lose its accent), nor inside emoji joined by ZWJ."""
    from sme_assess.errors import shortened
    from sme_assess.terminal_text import cluster_start

    accented = "e\u0301" * 300
    start, end = shortened(accented).split("…")
    assert start.endswith("e\u0301") and end.startswith("e\u0301")
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    start, end = shortened("x" + family * 100).split("…")
    assert start.endswith(family) and end.startswith(family) and end.endswith(family)
    assert cluster_start("ab\u200bc", 3) == 3  # a zero-width space is a character of its own
    assert cluster_start(family, 2) == 0 and cluster_start("", 5) == 0
