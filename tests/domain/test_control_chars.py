"""Control characters and bidi overrides are replaced by visible stand-ins."""

from __future__ import annotations

from bot.domain.control_chars import neutralise


def test_c0_controls_become_control_pictures() -> None:
    assert neutralise("a\x00b\x07c\x1bd\x7fe") == "a␀b␇c␛d␡e"


def test_bidi_overrides_and_c1_controls_are_named() -> None:
    assert neutralise("x\u202egnirts\u202c y\x85") == "x[U+202E]gnirts[U+202C] y[U+0085]"


def test_tab_newline_and_ordinary_text_stay() -> None:
    text = "Fleire møteplassar\tfor gründerar\nי״ש عربى 🙂"
    assert neutralise(text) is text


def test_carriage_returns_and_separators_become_newlines() -> None:
    assert neutralise("a\r\nb\rc\u2028d\u2029e") == "a\nb\nc\nd\ne"


def test_neutralising_twice_changes_nothing_more() -> None:
    once = neutralise("\x00\u202e\x9b")
    assert neutralise(once) == once
