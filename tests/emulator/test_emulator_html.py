"""Telegram HTML parsing in the emulator: entities, UTF-16 offsets, rejection of bad markup."""

from __future__ import annotations

import pytest

from tests.emulator.html_text import EntityParseError, FormattedText, parse_html, trim


def test_tags_become_entities_with_utf16_offsets() -> None:
    parsed = parse_html('😀 <b>Fleirtal</b> &amp; <a href="https://t.me/x?a=1&amp;b=2">lenkje</a>')
    assert parsed.text == "😀 Fleirtal & lenkje"
    assert parsed.entities == (
        {"offset": 3, "length": 8, "type": "bold"},  # the emoji counts two UTF-16 units
        {"offset": 14, "length": 6, "type": "text_link", "url": "https://t.me/x?a=1&b=2"},
    )


def test_nesting_pre_language_spoiler_and_quote() -> None:
    source = (
        '<blockquote expandable><i>a<u>b</u></i></blockquote><pre><code class="language-py">'
        'x = 1</code></pre><span class="tg-spoiler">s</span>'
    )
    parsed = parse_html(source)
    assert parsed.text == "abx = 1s"
    assert parsed.entities == (
        {"offset": 0, "length": 2, "type": "expandable_blockquote"},
        {"offset": 0, "length": 2, "type": "italic"},
        {"offset": 1, "length": 1, "type": "underline"},
        {"offset": 2, "length": 5, "type": "pre", "language": "py"},
        {"offset": 7, "length": 1, "type": "spoiler"},
    )


def test_character_references_and_unknown_entities() -> None:
    assert parse_html("&lt;&gt;&quot;&#229;&#xE6;").text == '<>"åæ'
    assert parse_html("R&D &nbsp; a&b").text == "R&D &nbsp; a&b"


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("a<br>b", 'Unsupported start tag "br" at byte offset 1'),
        ("æ <p>", 'Unsupported start tag "p" at byte offset 3'),
        ("1 < 2", "Unsupported start tag at byte offset 2"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
        ("<b x", 'Can\'t find end of tag "b" at byte offset 0'),
    ],
)
def test_malformed_html_is_rejected_with_telegrams_reason(source: str, reason: str) -> None:
    with pytest.raises(EntityParseError) as error:
        parse_html(source)
    assert str(error.value) == reason


def test_trimming_moves_and_clips_entities() -> None:
    formatted = FormattedText("\n  <b> x </b>\n", ())
    assert trim(formatted) == FormattedText("<b> x </b>", ())
    parsed = trim(parse_html("<b>  fet</b> tekst <i>slutt  </i>\n"))
    assert parsed.text == "fet tekst slutt"
    assert parsed.entities == (
        {"offset": 0, "length": 3, "type": "bold"},
        {"offset": 10, "length": 5, "type": "italic"},
    )
