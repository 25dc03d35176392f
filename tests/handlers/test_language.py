"""Language: Telegram's language code, /sprak, translated replies and question texts, menus."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.config.model import Localized
from bot.i18n.translator import participant_language, resolve_language
from tests.support.flow import KARI, NOT_TEXT, OLA
from tests.support.harness import CODE_1, Harness, start_harness, stop_harness

ACCEPT = {"nn": "✅ Eg godtek, bli med", "nb": "✅ Jeg godtar, bli med", "en": "✅ I agree, join"}
DEADLINE = {
    "nn": "Svarfristen er torsdag 14. januar 2027 kl. 23:59.",
    "nb": "Svarfristen er torsdag 14. januar 2027 kl. 23:59.",
    "en": "Answers are taken until Thursday 14 January 2027, 23:59.",
}
BACKGROUND = {
    "nn": "Som ledd i rulleringa av regionplanen vert Hallingtinget",
    "nb": "Som ledd i rulleringen av regionplanen blir Hallingtinget",
    "en": "As part of revising the regional plan, the Hallingting",
}
FIRST_QUESTION = {
    "nn": "Korleis kan kommunane i Hallingdal organisere",
    "nb": "Hvordan kan kommunene i Hallingdal organisere",
    "en": "How can the municipalities of Hallingdal organise",
}
SAVED = {
    "nn": "✅ Lagra (punkt 1 til spørsmål 1). Skriv meir, eller gå vidare.",
    "nb": "✅ Lagret (punkt 1 til spørsmål 1). Skriv mer, eller gå videre.",
    "en": "✅ Saved (point 1 for question 1). Write more, or go on.",
}
ONLY_TEXT = {
    "nn": "Eg kan berre ta imot svar som tekstmeldingar",
    "nb": "Jeg kan bare ta imot svar som tekstmeldinger",
    "en": "I can only take answers as text messages",
}


@pytest.mark.parametrize(
    ("telegram_code", "language"),
    [
        ("nn", "nn"),
        ("nb", "nn"),  # Norwegian: the consultation's language (the council writes Nynorsk)
        ("no", "nn"),
        ("nb-NO", "nn"),
        ("en", "en"),
        ("en-GB", "en"),
        ("de", "en"),  # not Norwegian: English
        (None, "nn"),
    ],
)
async def test_telegram_language_code_decides_the_language(
    h: Harness, telegram_code: str | None, language: str
) -> None:
    await h.command(KARI, "start", CODE_1, language=telegram_code)
    offer = h.tg.last(KARI)
    assert offer.buttons[0][0] == ACCEPT[language]
    assert DEADLINE[language] in offer.text
    assert BACKGROUND[language] in offer.text
    await h.press(KARI, "✅")
    assert FIRST_QUESTION[language] in h.last_text(KARI)
    await h.text(KARI, "Eit svar", language=telegram_code)
    assert h.last_text(KARI) == SAVED[language]
    await h.feed({"message": h.message(KARI, language=telegram_code, **NOT_TEXT["sticker"])})
    assert h.last_text(KARI).startswith(ONLY_TEXT[language])


async def test_norwegian_codes_get_the_consultations_language(tmp_path: Path) -> None:
    h = await start_harness(tmp_path, language="nb")
    try:
        await h.command(KARI, "start", CODE_1, language="nn")
        assert h.tg.last(KARI).buttons[0][0] == ACCEPT["nb"]
        await h.command(OLA, "start", CODE_1, language="sv")
        assert h.tg.last(OLA).buttons[0][0] == ACCEPT["en"]
    finally:
        await stop_harness(h)


def test_participant_resolution_order() -> None:
    assert participant_language("nb", "en", "nn") == "nb"  # a stored choice wins
    assert participant_language(None, "NB", "nn") == "nn"
    assert participant_language(None, "nb-NO", "nb") == "nb"
    assert participant_language(None, "fr", "nn") == "en"
    assert participant_language(None, "", "nn") == "nn"
    assert participant_language("xx", None, "xx") == "nn"


async def test_the_language_resolved_at_join_is_stored_and_used_later(h: Harness) -> None:
    await h.join(KARI, language="de")  # not Norwegian: English, stored at join
    assert h.rows("SELECT language FROM telegram_user WHERE telegram_id = ?", (KARI,)) == [("en",)]
    await h.command(KARI, "svar", language="nb")  # Telegram's code changed: the stored one wins
    assert h.last_text(KARI).startswith("<b>Business development</b> · Question 1 of 5")
    await h.join(OLA, language="nb")
    assert h.rows("SELECT language FROM telegram_user WHERE telegram_id = ?", (OLA,)) == [("nn",)]


async def test_the_join_offer_switches_language_at_once(h: Harness) -> None:
    await h.command(KARI, "start", CODE_1, language="nb")
    offer = h.tg.last(KARI)
    assert offer.buttons[0][0] == ACCEPT["nn"]
    await h.press(KARI, "Bokmål")
    edited = h.tg.last(KARI, "editMessageText")
    assert BACKGROUND["nb"] in edited.params["text"]
    labels = [label for label, _ in edited.buttons]
    assert labels == [ACCEPT["nb"], "🔒 Les mer om personvern", "Nynorsk", "English", "Avbryt"]
    assert h.rows("SELECT language FROM telegram_user WHERE telegram_id = ?", (KARI,)) == [("nb",)]
    await h.click(KARI, edited.buttons[0][1], edited)  # accept the edited offer
    assert "Velkommen til <b>Gruppe 1</b>!" in h.replies(KARI)[-2]
    assert FIRST_QUESTION["nb"] in h.last_text(KARI)


async def test_a_forged_language_button_changes_nothing(h: Harness) -> None:
    await h.command(KARI, "start", CODE_1)
    offer = h.tg.last(KARI)
    before = h.snapshot()
    signature = offer.buttons[0][1].split(":")[-1]
    group = offer.buttons[0][1].split(":")[1]
    for data in (
        f"jl:xx:{group}:{signature}",
        f"jl:en:{group}:AAAAAAAAAA",
        "jl:en:1",
        f"jl:en:999:{signature}",
    ):
        update = await h.click(KARI, data, offer)
        assert h.query_answer(update).params.get("text") == "Denne knappen gjeld ikkje lenger."
    assert h.snapshot() == before


async def test_read_more_shows_the_whole_privacy_notice(h: Harness) -> None:
    await h.command(KARI, "start", CODE_1, language="en")
    before = h.snapshot()
    await h.press(KARI, "Read more about privacy")
    notice = h.last_text(KARI)
    assert notice.startswith("<b>Privacy</b>: tingbot stores your Telegram id, first name")
    assert "it is not deleted with the answers" in notice
    assert "which published point each of your answers is part of" in notice
    assert h.snapshot() == before


def test_resolution_order() -> None:
    assert resolve_language("en", "nb", "nn") == "en"  # a stored choice wins
    assert resolve_language(None, "NB", "nn") == "nb"
    assert resolve_language("xx", "en", "nn") == "en"
    assert resolve_language(None, "fr", "en") == "en"
    assert resolve_language(None, "fr", "xx") == "nn"


async def test_sprak_changes_the_language(h: Harness) -> None:
    await h.join(KARI, language="nn")
    await h.command(KARI, "sprak")
    offer = h.tg.last(KARI)
    assert offer.text == "Kva språk skal tingbot bruke med deg?"
    assert offer.buttons == [("Nynorsk", "l:nn"), ("Bokmål", "l:nb"), ("English", "l:en")]
    await h.press(KARI, "Bokmål")
    assert h.last_text(KARI) == "Ferdig: tingbot skriver nå bokmål til deg."
    assert h.rows("SELECT language FROM telegram_user WHERE telegram_id = ?", (KARI,)) == [("nb",)]
    # Telegram still says nn: the stored choice wins.
    await h.command(KARI, "svar", language="nn")
    question = h.last_text(KARI)
    assert question.startswith("<b>Næringsutvikling</b> · Spørsmål 1 av 5\n\nHvordan kan kommunene")
    assert "Skriv svaret ditt som en melding. Flere meldinger blir flere punkter." in question
    await h.text(KARI, "Et felles næringsselskap", language="nn")
    assert h.last_text(KARI) == SAVED["nb"]
    await h.command(KARI, "mine", language="nn")
    assert h.last_text(KARI).startswith("<b>Svarene dine</b> i Gruppe 1")
    await h.command(KARI, "sprak", language="nn")
    await h.press(KARI, "English")
    assert h.last_text(KARI) == "Done: tingbot now speaks English with you."
    await h.command(KARI, "svar", language="nn")
    assert h.last_text(KARI).startswith(
        "<b>Business development</b> · Question 1 of 5\n\nHow can the municipalities"
    )
    assert "You have given 1 answer here." in h.last_text(KARI)


async def test_sprak_before_joining_is_remembered(h: Harness) -> None:
    await h.command(KARI, "sprak", language="nn")
    await h.press(KARI, "English")
    await h.command(KARI, "start", CODE_1, language="nn")
    assert h.tg.last(KARI).buttons[0][0] == ACCEPT["en"]
    assert "The Hallingting 2026: business development" in h.last_text(KARI)


async def test_question_text_falls_back_to_nynorsk(tmp_path: Path) -> None:
    config_h = await start_harness(tmp_path / "probe")
    consultation = config_h.config.consultations[0]
    await stop_harness(config_h)
    business = consultation.themes[0]
    first = business.questions[0]
    nn_only = replace(first, text=Localized(first.text.nn))
    themes = (
        replace(business, questions=(nn_only, *business.questions[1:])),
        *consultation.themes[1:],
    )
    h = await start_harness(tmp_path, themes=themes)
    try:
        await h.command(KARI, "sprak")
        await h.press(KARI, "Bokmål")
        await h.join(KARI, language="nb")
        question = h.last_text(KARI)
        assert question.startswith("<b>Næringsutvikling</b> · Spørsmål 1 av 5")
        assert FIRST_QUESTION["nn"] in question  # no Bokmål text: Nynorsk
        assert "Skriv svaret ditt som en melding." in question  # the rest is Bokmål
        await h.press(KARI, "Hopp over")
        assert "Hvilke tiltak kan være aktuelle?" in h.last_text(KARI)
    finally:
        await stop_harness(h)


async def test_menus_are_registered_in_nn_nb_and_en(h: Harness) -> None:
    menus = {
        c.params.get("language_code"): c.params
        for c in h.tg.calls
        if c.method == "setMyCommands" and c.params["scope"] == {"type": "all_private_chats"}
    }
    assert set(menus) == {None, "nn", "nb", "en", "no"}
    described = {
        code: {c["command"]: c["description"] for c in params["commands"]}
        for code, params in menus.items()
    }
    assert described["nn"]["svar"] == "Svar på spørsmåla (hald fram der du slapp)"
    assert described["nb"]["svar"] == "Svar på spørsmålene (fortsett der du slapp)"
    assert described["en"]["svar"] == "Answer the questions (continue where you left off)"
    assert described[None] == described["nn"]
    assert described["no"] == described["nb"]
    assert list(described["nn"]) == list(described["en"])
    assert {"svar", "mine", "sprak", "hjelp"} <= set(described["nn"])
