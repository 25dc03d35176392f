"""Splitting Telegram HTML into messages of at most 4,096 characters."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.render.html_split import split_html, utf16_length, visible_length
from bot.render.limits import MESSAGE_LIMIT as TELEGRAM_LIMIT
from tests.emulator.html_text import parse_html, trim


def parsed(chunk: str) -> str:
    """The text Telegram shows for a chunk (parses it as Telegram would: fails if malformed)."""
    return trim(parse_html(chunk)).text


def letters(text: str) -> str:
    """A plain text without its whitespace (cuts drop whitespace and may cut inside a word)."""
    return "".join(text.split())


def check(chunks: list[str], source: str, limit: int = TELEGRAM_LIMIT) -> None:
    """Every chunk is valid HTML within the limit, and together they hold the source's text."""
    for chunk in chunks:
        assert 0 < utf16_length(parsed(chunk)) <= limit
    assert letters("".join(parsed(c) for c in chunks)) == letters(parsed(source))


def test_exactly_the_limit_is_one_message() -> None:
    text = "<b>" + "a" * 4000 + "</b>" + "b" * 96
    assert visible_length(text) == 4096
    assert split_html(text) == [text]


def test_one_over_the_limit_is_two_messages() -> None:
    text = "a" * 2000 + "\n\n" + "b" * 2095
    assert visible_length(text) == 4097
    assert split_html(text) == ["a" * 2000, "b" * 2095]


def test_entities_count_as_one_character() -> None:
    text = "&amp;" * 4096
    assert visible_length(text) == 4096 and len(text) == 5 * 4096
    assert split_html(text) == [text]


def test_entity_at_the_boundary_is_never_cut() -> None:
    text = "x" * 4095 + "&amp;&lt;" + "y" * 10
    chunks = split_html(text)
    assert chunks == ["x" * 4095 + "&amp;", "&lt;" + "y" * 10]
    check(chunks, text)


def test_numeric_entity_of_an_astral_character_counts_two_units() -> None:
    text = "x" * 4095 + "&#128512;" + "tail"
    assert visible_length(text) == 4095 + 2 + 4
    assert split_html(text) == ["x" * 4095, "&#128512;tail"]


def test_paragraphs_are_preferred_to_lines_and_words() -> None:
    first = "word " * 500  # 2,500 characters with spaces
    second = "line one\nline two " + "z" * 1000
    third = "q" * 1000
    text = first.strip() + "\n\n" + second + "\n\n" + third
    chunks = split_html(text)
    assert chunks == [first.strip() + "\n\n" + second, third]


def test_lines_then_words_when_a_paragraph_is_too_long() -> None:
    lines = ["• " + "punkt " * 60 + str(n) for n in range(20)]  # one paragraph of ~7,400
    text = "\n".join(lines)
    chunks = split_html(text)
    assert len(chunks) == 2
    assert all(c.split("\n")[-1] in lines for c in chunks)  # every cut at a line end
    check(chunks, text)
    one_line = "ord " * 3000
    chunks = split_html(one_line)
    assert [len(c) for c in chunks] == [4095, 4095, 3808]  # cut at spaces; the tail keeps its own
    check(chunks, one_line)


def test_a_word_longer_than_the_limit_is_cut_between_characters() -> None:
    text = "<i>" + "å" * 9000 + "</i>"
    chunks = split_html(text)
    assert chunks == [
        "<i>" + "å" * 4096 + "</i>",
        "<i>" + "å" * 4096 + "</i>",
        "<i>" + "å" * 808 + "</i>",
    ]
    check(chunks, text)


def test_nested_tags_are_closed_and_reopened() -> None:
    text = (
        '<b>Tittel</b>\n\n<blockquote><b>fet <a href="https://x.no/?a=1&amp;b=2">lenkje '
        + ("tekst " * 800)
        + "slutt</a></b> etter</blockquote>"
    )
    chunks = split_html(text)
    assert len(chunks) == 3  # the blank line after the title is the best first cut
    assert chunks[0] == "<b>Tittel</b>"
    assert chunks[1].startswith('<blockquote><b>fet <a href="https://x.no/?a=1&amp;b=2">lenkje')
    assert chunks[1].endswith("tekst</a></b></blockquote>")
    assert chunks[2].startswith('<blockquote><b><a href="https://x.no/?a=1&amp;b=2">tekst')
    assert chunks[2].endswith("slutt</a></b> etter</blockquote>")
    check(chunks, text)


def test_no_empty_element_is_left_at_a_cut() -> None:
    text = "a" * 4090 + " <b>" + "b" * 100 + "</b>"
    chunks = split_html(text)
    assert chunks == ["a" * 4090, "<b>" + "b" * 100 + "</b>"]


def test_a_hard_cut_does_not_leave_an_opening_tag_behind() -> None:
    text = "a" * 4096 + "<b>bold</b>"
    assert split_html(text) == ["a" * 4096, "<b>bold</b>"]


def test_combining_marks_stay_with_their_letter() -> None:
    text = "e" * 4095 + "e\u0301" + "f" * 10
    chunks = split_html(text)
    assert chunks == ["e" * 4095, "e\u0301" + "f" * 10]


def test_empty_and_blank_texts_give_no_messages() -> None:
    assert split_html("") == []
    assert split_html("  \n\n ") == []


def test_small_limit_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        split_html("abc", 1)


TAGS = ["b", "i", "u", "s", "code", "tg-spoiler"]


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Random well-formed Telegram HTML with paragraphs, lines, entities and nested tags."""
    parts: list[str] = []
    depth: list[str] = []
    for _ in range(draw(st.integers(1, 80))):
        kind = draw(
            st.sampled_from(
                ["word", "word", "word", "space", "line", "para", "open", "close", "entity"]
            )
        )
        if kind == "word":
            parts.append(draw(st.text("abcæøåXYZ😀é\u0301", min_size=1, max_size=40)))
        elif kind == "space":
            parts.append(" ")
        elif kind == "line":
            parts.append("\n")
        elif kind == "para":
            parts.append("\n\n")
        elif kind == "open" and len(depth) < 4:
            tag = draw(st.sampled_from(TAGS))
            depth.append(tag)
            parts.append(f"<{tag}>")
        elif kind == "close" and depth:
            parts.append(f"</{depth.pop()}>")
        elif kind == "entity":
            parts.append(
                draw(st.sampled_from(["&amp;", "&lt;", "&gt;", "&quot;", "&#229;", "&#x1F600;"]))
            )
    parts += [f"</{tag}>" for tag in reversed(depth)]
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(documents(), st.integers(2, 60))
def test_any_document_splits_into_valid_messages(text: str, limit: int) -> None:
    chunks = split_html(text, limit)
    if not parsed(text).strip():
        return
    check(chunks, text, limit)


def test_no_chunk_starts_or_ends_inside_a_tag_or_entity() -> None:
    text = ("<b>a&amp;b</b> " * 2000).strip()
    for chunk in split_html(text):
        assert re.fullmatch(r"<b>a&amp;b</b>( <b>a&amp;b</b>)*", chunk)
        assert chunk.count("<b>") == chunk.count("</b>")
        assert not re.search(r"&[a-z]*$|<[^>]*$", chunk)
