"""/mine after the ting, through the real Application: a participant without answers still sees
what the council decided, and the group's check-back is shown as it stood when the version was
published, with an answer given since shown apart as coming after it."""

from __future__ import annotations

from tests.handlers.test_decision import MEETING, MINUTES, TEXT, WRITTEN
from tests.handlers.test_outcome import KARI, PER, mine, publish
from tests.support.harness import ORGANISER, Harness
from tests.support.notices import run_notices
from tests.support.seeding import seed_answers

NEWCOMER = 601
NO_ANSWERS = "Du har ingen svar enno. Med /svar kan du byrje å svare."
DECIDED = f"🏛 <b>Dette vedtok regionrådet</b> ({MEETING}):\n{TEXT}\nReferat: {MINUTES}"
THEN = "✏️ Gruppa di sende ei retting i kontrollen: «Fondet skal vere for gründerar»"
SINCE = (
    "✏️ Etter at denne versjonen vart publisert, sende gruppa di ei retting i kontrollen: "
    "«Fondet skal vere for heile dalen»"
)


async def correct(h: Harness, text: str) -> None:
    """Gruppe 1's check-back, answered now with a correction."""
    group = h.app.bot_data.deps.catalogs["hallingting-2026"].group_by_key("gruppe-1")
    assert group is not None
    checkback = await h.storage.checkbacks.start_checkback(
        group.id, KARI, "Slik vart svara fanga opp", ORGANISER, h.clock()
    )
    await h.storage.checkbacks.finish_checkback(checkback, 77)
    await h.storage.checkbacks.answer_checkback(
        checkback, "corrected", KARI, h.clock(), correction=text
    )


async def test_a_participant_without_answers_sees_the_decision(h: Harness) -> None:
    await seed_answers(h)
    await h.join(NEWCOMER)
    assert await mine(h, NEWCOMER) == NO_ANSWERS  # nothing decided yet
    await publish(h)
    await h.command(ORGANISER, "vedtak", WRITTEN)
    await h.press(ORGANISER, "✅ Legg ut vedtaket")
    await run_notices(h)
    assert await mine(h, NEWCOMER) == f"{NO_ANSWERS}\n\n{DECIDED}"


async def test_the_check_back_is_read_as_it_was_when_the_version_was_published(
    h: Harness,
) -> None:
    await seed_answers(h)
    await correct(h, "Fondet skal vere for gründerar")
    h.clock.advance(minutes=1)
    await publish(h)
    h.clock.advance(minutes=1)
    await correct(h, "Fondet skal vere for heile dalen")  # after version 1
    shown = await mine(h, KARI)
    assert THEN in shown and SINCE in shown
    assert shown.index(THEN) < shown.index(SINCE)
    assert "kontrollen" not in await mine(h, PER)  # another group's check-back is not theirs

    h.clock.advance(minutes=1)
    await publish(h)  # version 2 was drawn after the new correction: it is now its own
    shown = await mine(h, KARI)
    assert "✏️ Gruppa di sende ei retting i kontrollen: «Fondet skal vere for heile dalen»" in (
        shown
    )
    assert "gründerar" not in shown and "Etter at denne versjonen" not in shown


async def test_a_check_back_sent_after_publishing_and_not_answered_hides_nothing(
    h: Harness,
) -> None:
    await seed_answers(h)
    await correct(h, "Fondet skal vere for gründerar")
    await publish(h)
    h.clock.advance(minutes=1)
    group = h.app.bot_data.deps.catalogs["hallingting-2026"].group_by_key("gruppe-1")
    assert group is not None
    await h.storage.checkbacks.start_checkback(group.id, KARI, "Ny kontroll", ORGANISER, h.clock())
    shown = await mine(h, KARI)
    assert THEN in shown and "Etter at denne versjonen" not in shown
