"""The one shorten: cut at a word boundary with "…", on one line unless asked to keep lines."""

from bot.domain.shortening import shorten


def test_a_text_within_the_limit_is_only_flattened() -> None:
    assert shorten("Sats  på\nHallingdal", 40) == "Sats på Hallingdal"
    assert shorten("Sats  på\nHallingdal", 40, one_line=False) == "Sats  på\nHallingdal"


def test_a_long_text_is_cut_at_a_word_and_never_over_the_limit() -> None:
    text = "Vidareføring av omstillingsprogrammet Sats på Hallingdal, gjennom 2.0"
    for limit in range(2, len(text)):
        cut = shorten(text, limit)
        assert len(cut) <= limit and cut.endswith("…")
    assert shorten(text, 40) == "Vidareføring av omstillingsprogrammet…"
    assert shorten(text, 60) == "Vidareføring av omstillingsprogrammet Sats på Hallingdal…"


def test_a_word_longer_than_half_the_room_is_broken() -> None:
    assert shorten("x" * 50, 10) == "x" * 9 + "…"
    assert shorten("ja " + "x" * 50, 10) == "ja " + "x" * 6 + "…"


def test_kept_lines_are_cut_at_a_line_break_too() -> None:
    assert shorten("Første punkt\nandrepunktet", 20, one_line=False) == "Første punkt…"
