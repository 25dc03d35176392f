"""Plural forms chosen by their count, and time zones named as a person says them."""

import pytest

from bot.i18n.translator import LANGUAGES, P_, catalogue, plural_form, translator
from tests.support.catalogue import used_message_ids

SENT = P_("Sent to {count} participant.", "Sent to {count} participants.")


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("nn", 1, "Send til 1 deltakar."),
        ("nn", 0, "Send til 0 deltakarar."),
        ("nn", 2, "Send til 2 deltakarar."),
        ("nb", 1, "Sendt til 1 deltaker."),
        ("nb", 3, "Sendt til 3 deltakere."),
        ("en", 1, "Sent to 1 participant."),
        ("en", 21, "Sent to 21 participants."),
    ],
)
def test_the_count_picks_the_form(language: str, count: int, expected: str) -> None:
    assert translator(language)(SENT, count=count) == expected


def test_an_unknown_plural_message_falls_back_to_its_own_forms() -> None:
    _ = translator("nn")
    assert _(P_("{count} apple", "{count} apples"), count=1) == "1 apple"
    assert _(P_("{count} apple", "{count} apples"), count=4) == "4 apples"
    assert plural_form("no plural here", 3) == "no plural here"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_plural_message_has_both_forms(language: str) -> None:
    plural = [m for m in used_message_ids() if "\x00" in m]
    assert len(plural) >= 10
    for msgid in plural:
        forms = catalogue(language)[msgid].split("\x00")
        assert len(forms) == 2 and all(forms), f"{language}: {msgid!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_catalogue_text_counts_with_brackets(language: str) -> None:
    """ "deltakar(ar)", "answer(s)", "(meldingar: 2)": a counted text uses plural forms."""
    used = used_message_ids()
    machine_like = ("(ar)", "(er)", "(e)", "(s)", "(meldingar:", "(meldinger:", "(messages:")
    found = [
        text
        for msgid, text in catalogue(language).items()
        if msgid in used and any(mark in text for mark in machine_like)
    ]
    assert found == []


def test_a_zone_other_than_norways_is_named() -> None:
    from bot.render.meeting_admin import zone_words

    assert zone_words(translator("nn"), "Europe/Oslo") == "norsk tid"
    assert zone_words(translator("nn"), "Europe/London") == "tid i Europe/London"
    assert zone_words(translator("en"), "Europe/Oslo") == "Norwegian time"


def test_button_labels_fit_a_button() -> None:
    """Every translated label of a button made with `button(_("…"))` keeps within 40 characters
    (a 41-character label wraps on a phone)."""
    import re

    from tests.support.harness import ROOT

    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "bot").rglob("*.py"))
    labels = set(re.findall(r'button\(\s*(?:"[^"]*"\s*\+\s*)?_\(\s*"([^"]+)"', source))
    assert len(labels) >= 20
    long = [
        (language, catalogue(language).get(label, label))
        for language in LANGUAGES
        for label in labels
        if len(catalogue(language).get(label, label)) > 40
    ]
    assert long == []
