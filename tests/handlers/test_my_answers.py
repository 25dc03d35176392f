"""/mine: listing, editing (with revisions), withdrawing and restoring answers."""

from __future__ import annotations

from tests.support.flow import AFTER_DEADLINE, KARI, answers, cursor
from tests.support.harness import Harness

NOT_JOINED = (
    "Du har ikkje vorte med i ei gruppe enno. Opne lenkja til gruppa di som arrangørane har delt."
)


async def answered(h: Harness) -> None:
    """Kari joins and answers question 1 twice and question 2 once."""
    await h.join(KARI)
    await h.text(KARI, "Eit felles næringsselskap")
    await h.text(KARI, "Brei deltaking <frå> alle & kvar")
    await h.press(KARI, "Neste")
    await h.text(KARI, "Næringshage")


def answer_ids(h: Harness) -> list[int]:
    return [r[0] for r in h.rows("SELECT id FROM answer ORDER BY id")]


async def test_mine_before_joining(h: Harness) -> None:
    await h.command(KARI, "mine")
    assert h.last_text(KARI) == NOT_JOINED


async def test_mine_without_answers(h: Harness) -> None:
    await h.join(KARI)
    await h.command(KARI, "mine")
    assert h.last_text(KARI) == "Du har ingen svar enno. Med /svar kan du byrje å svare."


async def test_mine_lists_answers_per_question_with_buttons(h: Harness) -> None:
    await answered(h)
    before = h.snapshot()
    await h.command(KARI, "mine")
    listing = h.tg.last(KARI)
    assert listing.text.splitlines() == [
        "<b>Svara dine</b> i Gruppe 1",
        "",
        "<b>1. Korleis kan kommunane i Hallingdal organisere ei felles satsing på regional "
        "næringsutvikling, slik at ein får reell kraftsamling, brei deltaking og større effekt "
        "for næringslivet i heile dalen?</b>",
        "1. Eit felles næringsselskap",
        "2. Brei deltaking &lt;frå&gt; alle &amp; kvar",
        "",
        "<b>2. Kva tiltak kan vera aktuelle?</b>",
        "3. Næringshage",
    ]
    ids = answer_ids(h)
    assert listing.buttons == [
        ("✏️ Endre 1", f"e:{ids[0]}"),
        ("🗑 Trekk 1", f"w:{ids[0]}"),
        ("✏️ Endre 2", f"e:{ids[1]}"),
        ("🗑 Trekk 2", f"w:{ids[1]}"),
        ("✏️ Endre 3", f"e:{ids[2]}"),
        ("🗑 Trekk 3", f"w:{ids[2]}"),
    ]
    assert h.snapshot() == before


async def test_edit_makes_a_revision_and_keeps_the_old_text(h: Harness) -> None:
    await answered(h)
    await h.command(KARI, "mine")
    await h.press(KARI, "Endre 3")
    assert h.last_text(KARI) == (
        "Send den nye teksten til dette svaret (eller /avbryt for å behalde det):\n\n"
        "<i>Næringshage</i>"
    )
    await h.text(KARI, "Næringshage med felles sekretariat")
    assert h.last_text(KARI).startswith("✅ Svaret ditt er oppdatert.")
    assert answers(h) == [
        ("organisering", "Eit felles næringsselskap", "active"),
        ("organisering", "Brei deltaking <frå> alle & kvar", "active"),
        ("tiltak", "Næringshage med felles sekretariat", "active"),
    ]
    assert h.rows("SELECT answer_id, text FROM answer_revision") == [
        (answer_ids(h)[2], "Næringshage")
    ]
    assert cursor(h) == "tiltak"
    # The edit is over: the next text is a new answer again.
    await h.text(KARI, "Gründerstipend")
    assert len(answers(h)) == 4
    assert h.rows("SELECT count(*) FROM answer_revision") == [(1,)]


async def test_an_edit_can_be_cancelled(h: Harness) -> None:
    await answered(h)
    await h.command(KARI, "avbryt")
    assert h.last_text(KARI) == "Det er ingenting å avbryte."
    await h.command(KARI, "mine")
    await h.press(KARI, "Endre 1")
    await h.command(KARI, "avbryt")
    assert h.last_text(KARI) == "Avbrote; svaret ditt er uendra."
    await h.text(KARI, "Ein ny tanke")
    assert answers(h)[0] == ("organisering", "Eit felles næringsselskap", "active")
    assert answers(h)[-1] == ("tiltak", "Ein ny tanke", "active")
    assert h.rows("SELECT count(*) FROM answer_revision") == [(0,)]


async def test_withdraw_and_restore(h: Harness) -> None:
    await answered(h)
    await h.command(KARI, "mine")
    await h.press(KARI, "Trekk 2")
    assert h.last_text(KARI) == (
        "🗑 Trekt tilbake: det kjem ikkje med i samanstillinga. "
        "<i>Brei deltaking &lt;frå&gt; alle &amp; kvar</i>"
    )
    assert answers(h)[1][2] == "withdrawn"
    await h.command(KARI, "mine")
    listing = h.tg.last(KARI)
    assert "2. Brei deltaking &lt;frå&gt; alle &amp; kvar (trekt tilbake)" in listing.text
    assert ("↩️ Hent fram 2", f"r:{answer_ids(h)[1]}") in listing.buttons
    # Withdrawn answers do not count as points.
    await h.command(KARI, "svar")
    await h.press(KARI, "Førre")
    assert "Du har gjeve 1 svar her." in h.last_text(KARI)
    await h.press(KARI, "Hent fram 2")
    assert (
        h.last_text(KARI) == "↩️ Henta fram att: <i>Brei deltaking &lt;frå&gt; alle &amp; kvar</i>"
    )
    assert answers(h)[1][2] == "active"


async def test_undo_right_after_withdrawing(h: Harness) -> None:
    await answered(h)
    await h.command(KARI, "mine")
    await h.press(KARI, "Trekk 1")
    await h.press(KARI, "Angre")
    assert [status for _, _, status in answers(h)] == ["active", "active", "active"]


async def test_after_the_deadline_nothing_can_be_changed(h: Harness) -> None:
    await answered(h)
    await h.command(KARI, "mine")
    old_listing = h.tg.last(KARI)
    await h.press(KARI, "Endre 1")  # editing starts before the deadline …
    h.clock.now = AFTER_DEADLINE
    before = h.snapshot()
    await h.text(KARI, "… and the new text comes after it")
    assert h.last_text(KARI).startswith("Fristen for svar har gått ut, så ingenting vart lagra.")
    for label in ("Endre 2", "Trekk 2"):
        data = next(d for text, d in old_listing.buttons if label in text)
        pressed = await h.click(KARI, data, old_listing)
        assert h.query_answer(pressed).params["text"] == "Denne knappen gjeld ikkje lenger."
    await h.command(KARI, "mine")
    listing = h.tg.last(KARI)
    assert listing.buttons == []
    assert listing.text.endswith("Fristen har gått ut; svara kan ikkje lenger endrast.")
    assert h.snapshot() == before
