"""/publiser: the organiser chooses the questions the channel gets; the channel is named by its
title; posting the same content again is no update."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.botapi import Call
from tests.support.channel import channel_calls, confirm_call, consultation_id
from tests.support.harness import ORGANISER, Harness, start_harness, stop_harness
from tests.support.seeding import EXPECTED_NN, FIRST_USER, TITLE_NN, seed_answers

CHANNEL_ID = "-1001987654321"


def choice(h: Harness) -> dict[str, str]:
    """The toggle buttons under the newest preview: label → data."""
    return {label: data for label, data in confirm_call(h).buttons if data.startswith("pq:")}


async def toggle(h: Harness, label: str) -> None:
    """Press the toggle whose label starts with `label` under the newest preview."""
    found = [data for text, data in choice(h).items() if text.startswith(label)]
    assert len(found) == 1, (label, list(choice(h)))
    await h.click(ORGANISER, found[0], confirm_call(h))


async def test_a_question_left_out_is_not_posted(h: Harness) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "publiser")
    await toggle(h, "☑️ 2.")
    post = h.replies(ORGANISER)[-2]
    assert "Traineeordning" not in post and "2. Kva tiltak" not in post
    assert "1. Korleis kan kommunane" in post
    assert "⬜ 2. Kva tiltak kan vera aktuelle?" in choice(h)
    await h.press(ORGANISER, "✅ Publiser")
    [posted] = channel_calls(h)
    assert posted.text == post and "traineeordning" not in posted.text.lower()
    # The choice is stored: the next preview still leaves question 2 out.
    await h.command(ORGANISER, "publiser")
    assert "⬜ 2. Kva tiltak kan vera aktuelle?" in choice(h)
    assert h.rows("SELECT question_key FROM channel_left_out") == [("tiltak",)]


async def test_a_whole_theme_goes_out_and_back_in(h: Harness) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "publiser")
    await toggle(h, "☑️ Næringsutvikling")
    assert h.replies(ORGANISER)[-1].startswith(
        "Ingen av spørsmåla som er valde for kanalen, har punkt å vise enno"
    )
    labels = list(choice(h))
    assert "⬜ Næringsutvikling" in labels and "⬜ 1. Korleis kan kommunane i Hallingdal…" in labels
    assert not any(data.startswith("pub:") for _, data in confirm_call(h).buttons)
    await toggle(h, "⬜ Næringsutvikling")
    assert h.replies(ORGANISER)[-2] == EXPECTED_NN
    assert h.rows("SELECT count(*) FROM channel_left_out") == [(0,)]


async def test_a_theme_with_one_question_left_out_goes_out_whole(h: Harness) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "publiser")
    await toggle(h, "☑️ 1.")
    await toggle(h, "☑️ Næringsutvikling")  # one question still in: the theme is shown ☑️
    assert sorted(h.rows("SELECT question_key FROM channel_left_out")) == [
        ("organisering",),
        ("tiltak",),
    ]


async def test_the_choice_changes_the_content_so_an_old_preview_cannot_post(h: Harness) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "publiser")
    old = confirm_call(h)
    await toggle(h, "☑️ 2.")
    await h.click(ORGANISER, old.buttons[0][1], old)
    assert channel_calls(h) == []
    assert "Her er den nye førehandsvisinga." in " ".join(h.replies(ORGANISER)[-4:])


@pytest.mark.parametrize("data", ["pq:q:999999", "pq:t:9", "pq:x:1", "pq:q", "pq:t:-1"])
async def test_a_forged_toggle_changes_nothing(h: Harness, data: str) -> None:
    await seed_answers(h)
    before = h.snapshot()
    await h.click(ORGANISER, data, Call("sendMessage", {"text": "?"}))
    assert h.tg.calls[-1].params["text"] == "Denne knappen gjeld ikkje lenger."
    assert h.snapshot() == before


async def test_a_participant_cannot_toggle(h: Harness) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "publiser")
    data = choice(h)["☑️ Næringsutvikling"]
    before = h.snapshot()
    await h.click(FIRST_USER, data, confirm_call(h))
    assert h.tg.calls[-1].params["text"] == "Berre arrangørane av tinget kan gjere dette."
    assert h.snapshot() == before


async def test_a_second_publication_without_changes_is_no_update(h: Harness) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "publiser")
    await h.press(ORGANISER, "✅ Publiser")
    await h.command(ORGANISER, "publiser")
    assert h.replies(ORGANISER)[-2] == EXPECTED_NN  # the preview: no "Oppdatert versjon 2"
    assert "oppdatert versjon" not in h.last_text(ORGANISER).lower()
    await h.press(ORGANISER, "Publiser likevel")
    assert [c.text for c in channel_calls(h)] == [EXPECTED_NN, EXPECTED_NN]
    # A real change after that is an update again, numbered by its version.
    await toggle(h, "☑️ 2.")
    assert "Innlegget vert merkt som oppdatert versjon 3." in h.last_text(ORGANISER)


async def test_a_channel_given_by_id_is_named_by_its_title(tmp_path: Path) -> None:
    h = await start_harness(tmp_path, channel=CHANNEL_ID)
    try:
        h.tg.results["getChat"] = {
            "id": int(CHANNEL_ID),
            "type": "channel",
            "title": "Regionrådet",
            "accent_color_id": 0,
            "max_reaction_count": 11,
        }
        await seed_answers(h)
        await h.command(ORGANISER, "publiser")
        assert h.replies(ORGANISER)[0].startswith(
            "<b>Førehandsvising</b>: her kjem nøyaktig det som vert lagt ut i Regionrådet, "
        )
        assert "Vil du publisere dette i Regionrådet?" in h.last_text(ORGANISER)
        await h.press(ORGANISER, "✅ Publiser")
        done = h.replies(ORGANISER)[-2]  # then the notices to the participants
        assert done.startswith("✅ Versjon 1 er publisert i https://t.me/c/1987654321/1")
        assert "-100" not in " ".join(h.replies(ORGANISER))
        assert [c.text for c in h.tg.to(int(CHANNEL_ID), "sendMessage")] == [EXPECTED_NN]
        await h.command(ORGANISER, "publiser")
        assert len([c for c in h.tg.calls if c.method == "getChat"]) == 1  # asked once
    finally:
        await stop_harness(h)


async def test_vedtak_names_a_channel_given_by_id_by_its_title(tmp_path: Path) -> None:
    h = await start_harness(tmp_path, channel=CHANNEL_ID)
    try:
        h.tg.results["getChat"] = {
            "id": int(CHANNEL_ID),
            "type": "channel",
            "title": "Regionrådet",
            "accent_color_id": 0,
            "max_reaction_count": 11,
        }
        await h.command(ORGANISER, "vedtak")
        assert "Regionrådet" in h.last_text(ORGANISER)
        assert CHANNEL_ID not in h.last_text(ORGANISER)
    finally:
        await stop_harness(h)


async def test_a_channel_whose_title_cannot_be_read_keeps_its_id(tmp_path: Path) -> None:
    h = await start_harness(tmp_path, channel=CHANNEL_ID)
    try:
        h.tg.fail("getChat", description="Bad Request: chat not found")
        await seed_answers(h)
        await h.command(ORGANISER, "publiser")
        assert f"lagt ut i {CHANNEL_ID}, i 1 melding." in h.replies(ORGANISER)[0]
        assert h.replies(ORGANISER)[1].startswith(f"<b>{TITLE_NN}</b>")
    finally:
        await stop_harness(h)


async def test_choices_are_per_consultation(h: Harness) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "publiser")
    await toggle(h, "☑️ 2.")
    assert h.rows("SELECT consultation_id FROM channel_left_out") == [(await consultation_id(h),)]
