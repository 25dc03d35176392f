"""Renaming a point takes the organiser's next text, and only that one: answering is unharmed."""

from tests.support.harness import CODE_1, ORGANISER, Harness
from tests.support.organiser import curation_rows, open_tiltak, point_lines, seed_tiltak, view


async def _answers_of(h: Harness, telegram_id: int) -> list[str]:
    participations = await h.storage.participants.participations(telegram_id)
    if not participations:
        return []
    return [a.text for a in await h.storage.answers.answers_of(participations[0].id)]


async def _start_rename(h: Harness, number: str = "2") -> None:
    await h.press(ORGANISER, "Nytt namn")
    await h.press(ORGANISER, number)


async def test_the_next_text_renames_the_point_and_is_not_an_answer(h: Harness) -> None:
    refs = await seed_tiltak(h)
    await open_tiltak(h, ORGANISER)
    await _start_rename(h)
    prompt = view(h, ORGANISER)
    assert "Send det nye namnet på punkt 2 som ei melding" in prompt.text
    await h.text(ORGANISER, "  Eit regionalt   fond ")
    assert await curation_rows(h) == [
        ("rename", refs["fond"][0], "", "Eit regionalt fond", ORGANISER)
    ]
    assert h.last_text(ORGANISER) == "✏️ Nytt namn: «Eit regionalt fond»."
    shown = view(h, ORGANISER)
    assert shown.method == "editMessageText"
    assert point_lines(shown.text)[1] == "2. Eit regionalt fond (2 av 7 grupper) ✏️"
    assert not any("ikkje med i ei gruppe" in t for t in h.replies(ORGANISER))
    assert await _answers_of(h, ORGANISER) == []
    await h.text(ORGANISER, "Ein ny tekst")  # the wait is over: this is no rename
    assert len(await curation_rows(h)) == 1


async def test_back_to_the_automatic_name(h: Harness) -> None:
    await seed_tiltak(h)
    await open_tiltak(h, ORGANISER)
    await _start_rename(h)
    await h.text(ORGANISER, "Fond")
    await _start_rename(h)
    await h.press(ORGANISER, "automatiske namnet")
    assert [row[0] for row in await curation_rows(h)] == ["rename", "rename"]
    assert (await curation_rows(h))[1][3] == ""
    assert point_lines(view(h, ORGANISER).text)[1] == "2. Regionalt næringsfond (2 av 7 grupper)"


async def test_an_organiser_who_is_also_a_participant_still_answers(h: Harness) -> None:
    await seed_tiltak(h)
    await h.join(ORGANISER, CODE_1)
    await h.text(ORGANISER, "Regionrådet bør styre satsinga")
    assert await _answers_of(h, ORGANISER) == ["Regionrådet bør styre satsinga"]
    await open_tiltak(h, ORGANISER)
    await _start_rename(h)
    await h.text(ORGANISER, "Fond")
    assert await _answers_of(h, ORGANISER) == ["Regionrådet bør styre satsinga"]
    await h.text(ORGANISER, "Eit felles næringsselskap")
    assert await _answers_of(h, ORGANISER) == [
        "Regionrådet bør styre satsinga",
        "Eit felles næringsselskap",
    ]
    assert [row[0] for row in await curation_rows(h)] == ["rename"]


async def test_avbryt_cancels_and_other_commands_or_buttons_end_the_wait(h: Harness) -> None:
    await seed_tiltak(h)
    await h.join(ORGANISER, CODE_1)
    await open_tiltak(h, ORGANISER)
    await _start_rename(h)
    await h.command(ORGANISER, "avbryt")
    assert h.last_text(ORGANISER) == "Avbrote; namnet er uendra."
    assert "Send det nye namnet" not in view(h, ORGANISER).text  # the preview is drawn again
    await h.text(ORGANISER, "Svar etter avbryt")
    await _start_rename(h)
    await h.command(ORGANISER, "svar")  # another command: the rename is dropped, /svar works
    await h.text(ORGANISER, "Svar etter /svar")
    await _start_rename(h)
    await h.press(ORGANISER, "Neste")  # a participant button also ends the wait
    await h.text(ORGANISER, "Svar etter knapp")
    assert await curation_rows(h) == []
    answers = await _answers_of(h, ORGANISER)
    assert answers == ["Svar etter avbryt", "Svar etter /svar", "Svar etter knapp"]


async def test_a_pending_rename_expires(h: Harness) -> None:
    await seed_tiltak(h)
    await h.join(ORGANISER, CODE_1)
    await open_tiltak(h, ORGANISER)
    await _start_rename(h)
    h.clock.advance(minutes=11)
    await h.text(ORGANISER, "Eit svar, ikkje eit namn")
    assert await curation_rows(h) == []
    assert await _answers_of(h, ORGANISER) == ["Eit svar, ikkje eit namn"]


async def test_a_too_long_name_is_refused_and_the_wait_goes_on(h: Harness) -> None:
    await seed_tiltak(h)
    await open_tiltak(h, ORGANISER)
    await _start_rename(h)
    await h.text(ORGANISER, "x" * 201)
    assert "høgst 200 teikn" in h.last_text(ORGANISER)
    assert await curation_rows(h) == []
    await h.text(ORGANISER, "Fond")
    assert [row[3] for row in await curation_rows(h)] == ["Fond"]
