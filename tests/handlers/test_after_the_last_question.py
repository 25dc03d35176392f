"""After the last question: a text is not lost silently, and joining again says what comes."""

from __future__ import annotations

from tests.support.flow import KARI, answers, cursor
from tests.support.harness import CODE_1, CODE_2, Harness

NOT_STORED = (
    "Den teksten vart ikkje lagra: du har alt vore gjennom alle spørsmåla. "
    "Kva spørsmål skal han leggjast til?"
)


async def test_a_text_after_done_is_offered_to_a_question(h: Harness) -> None:
    await h.join(KARI)
    await h.press(KARI, "Ferdig")
    await h.text(KARI, "Ein legevakt for heile dalen")
    assert answers(h) == []
    offer = h.tg.last(KARI)
    assert offer.text == NOT_STORED
    labels = [label for label, _ in offer.buttons]
    assert len(labels) == 5 and labels[1] == "➕ 2. Kva tiltak kan vera aktuelle?"
    assert all(len(label) <= 50 for label in labels)
    await h.press(KARI, "➕ 4.")
    assert answers(h) == [("helse-nye-oppgaver", "Ein legevakt for heile dalen", "active")]
    assert cursor(h) == "helse-nye-oppgaver"
    assert h.last_text(KARI) == "✅ Lagra (punkt 1 til spørsmål 4). Skriv meir, eller gå vidare."
    assert [label for label, _ in h.tg.last(KARI).buttons] == ["◀ Førre", "Neste ▶", "🏁 Ferdig"]
    # The offer is used up: pressing it again stores nothing more.
    again = await h.click(KARI, offer.buttons[3][1], offer)
    assert len(answers(h)) == 1
    assert "ikkje teken vare på lenger" in str(h.query_answer(again).params.get("text"))


async def test_only_the_newest_loose_text_can_be_added(h: Harness) -> None:
    await h.join(KARI)
    await h.press(KARI, "Ferdig")
    await h.text(KARI, "Første tekst")
    first = h.tg.last(KARI)
    await h.text(KARI, "Andre tekst")
    stale = await h.click(KARI, first.buttons[0][1], first)
    assert answers(h) == []
    assert h.query_answer(stale).params.get("show_alert") is True
    await h.press(KARI, "➕ 1.")
    assert answers(h) == [("organisering", "Andre tekst", "active")]


async def test_a_forged_loose_text_button_changes_nothing(h: Harness) -> None:
    await h.join(KARI)
    await h.press(KARI, "Ferdig")
    await h.text(KARI, "Ein tekst")
    offer = h.tg.last(KARI)
    before = h.snapshot()
    for data in ("lt:999999:1", "lt:x:y", "lt:1"):
        await h.click(KARI, data, offer)
        assert h.snapshot() == before


async def test_joining_again_names_the_question_that_comes(h: Harness) -> None:
    await h.join(KARI)
    assert "Velkomen til <b>Gruppe 1</b>! Her kjem det første spørsmålet." in h.replies(KARI)
    await h.text(KARI, "Eit svar")
    await h.press(KARI, "Neste")
    await h.join(KARI, CODE_2)  # moving to group 2 mid-way
    welcome = h.replies(KARI)[-2]
    assert welcome == ("Velkomen til <b>Gruppe 2</b>! Du held fram der du slapp: spørsmål 2 av 5.")
    assert h.last_text(KARI).startswith("<b>Næringsutvikling</b> · Spørsmål 2 av 5")


async def test_joining_again_after_the_last_question_says_so(h: Harness) -> None:
    await h.join(KARI)
    await h.press(KARI, "Ferdig")
    await h.join(KARI, CODE_2)
    assert h.replies(KARI)[-2] == (
        "Velkomen til <b>Gruppe 2</b>! Du har alt vore gjennom alle spørsmåla."
    )
    assert h.last_text(KARI).startswith("Takk! Du har vore gjennom alle spørsmåla.")
    await h.join(KARI, CODE_1)
    assert "Velkomen til <b>Gruppe 1</b>! Du har alt vore gjennom" in h.replies(KARI)[-2]
