"""Polls for weighing a group's points, and which points start checked."""

from bot.domain.group_answer import (
    MAX_OPTION_LENGTH,
    PollTally,
    option_text,
    poll_pages,
    preselect,
    toggled,
)
from bot.domain.shortening import shorten


def test_poll_pages_are_even_and_within_telegrams_limits() -> None:
    assert poll_pages([]) == [] and poll_pages(["a"]) == []
    assert poll_pages(list("ab")) == [["a", "b"]]
    assert [len(p) for p in poll_pages(list(range(12)))] == [12]
    assert [len(p) for p in poll_pages(list(range(13)))] == [7, 6]
    assert [len(p) for p in poll_pages(list(range(25)))] == [9, 8, 8]
    pages = poll_pages(list(range(40)))
    assert [x for page in pages for x in page] == list(range(40))
    assert all(2 <= len(page) <= 12 for page in pages)


def test_option_text_is_cut_at_a_word_with_an_ellipsis() -> None:
    long = "Eit regionalt nærings- og utviklingsfond for Hallingdal " * 4
    text = option_text(long)
    assert len(text) <= MAX_OPTION_LENGTH and text.endswith("…")
    assert long.startswith(text[:-1])
    assert option_text("  Kort   punkt\n") == "Kort punkt"
    assert shorten("x" * 50, 10) == "x" * 9 + "…"


def test_preselect_by_half_of_the_voters() -> None:
    refs = ["1.0", "2.0", "3.0", "4.0"]
    poll = PollTally(("1.0", "2.0", "3.0"), (3, 2, 1), voters=4)
    assert preselect(refs, [poll]) == {"1.0", "2.0", "4.0"}  # 4.0 was not in the poll
    assert preselect(refs, []) == set(refs)
    assert preselect(refs, [PollTally(("1.0", "2.0"), (0, 0), 0)]) == set(refs)


def test_toggled() -> None:
    assert toggled({"1.0"}, "2.0") == {"1.0", "2.0"}
    assert toggled({"1.0", "2.0"}, "1.0") == {"2.0"}
