"""Reading /vedtak's text: three lines (or " | "), a link or "-", and the limits."""

import pytest

from bot.domain.decision import TEXT_LIMIT, DecisionInput, check_decision, read_decision


def test_three_lines_and_a_decision_over_several() -> None:
    written = "Regionrådet 12. februar 2027\nhttps://hallingdal.no/referat\nEin.\nTo."
    assert read_decision(written) == DecisionInput(
        "Regionrådet 12. februar 2027", "https://hallingdal.no/referat", "Ein.\nTo."
    )


def test_one_line_with_bars_and_no_minutes_yet() -> None:
    assert read_decision(" Møtet | - | Vedtaket ") == DecisionInput("Møtet", "", "Vedtaket")


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("", "missing"),
        ("Møtet\nhttps://a.no", "missing"),
        ("Møtet | ikkje-ei-lenkje | Vedtaket", "link"),
        ("Møtet | javascript:alert(1) | Vedtaket", "link"),
        ("Møtet | https://a | Vedtaket", "link"),
        ("m" * 201 + " | - | Vedtaket", "meeting_long"),
        ("Møtet | https://a.no/" + "x" * 300 + " | Vedtaket", "link_long"),
        ("Møtet | - | " + "x" * (TEXT_LIMIT + 1), "text_long"),
    ],
)
def test_what_is_wrong_is_named(written: str, problem: str) -> None:
    assert read_decision(written) == problem


def test_the_parts_given_apart_are_read_like_the_lines() -> None:
    """The console's form fields: a browser's CRLF and blank lines, a meeting typed on two."""
    given = check_decision(" Regionrådet\n 12. februar ", "-", "Ein.\r\n\r\n  To. \r\n")
    assert given == DecisionInput("Regionrådet 12. februar", "", "Ein.\nTo.")
    assert given == read_decision("Regionrådet 12. februar\n-\nEin.\nTo.")
    assert check_decision("Møtet", "-", " \r\n ") == "missing"
    assert check_decision("Møtet", "javascript:alert(1)", "Vedtaket") == "link"
