"""/publiser: preview, confirmation, posting to the channel, versions and failures."""

import re

import pytest

from tests.support.botapi import Call
from tests.support.channel import CHANNEL, channel_calls, confirm_call, consultation_id
from tests.support.harness import ORGANISER, Harness
from tests.support.notices import run_notices
from tests.support.seeding import EXPECTED_NN, FIRST_USER, seed_answers

PARTICIPANT = FIRST_USER


async def add_answer(h: Harness, uid: int, group: str, question: str, text: str) -> None:
    """A new participant in `group` answers `question`."""
    deps = h.app.bot_data.deps
    catalog = deps.catalogs["hallingting-2026"]
    group_record = catalog.group_by_key(group)
    question_record = catalog.question_by_key(question)
    assert group_record and question_record
    who = await h.storage.participants.join(
        catalog.consultation_id, uid, "Berit", group_record.id, None, h.clock()
    )
    await h.storage.answers.add_answer(who.id, question_record.id, text, uid, 1, h.clock())


async def test_preview_shows_exactly_what_is_posted(h: Harness) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "publiser")
    texts = h.replies(ORGANISER)
    assert texts[0] == (
        "<b>Førehandsvising</b>: her kjem nøyaktig det som vert lagt ut i @hallingdal_regionrad, "
        "i 1 melding."
    )
    assert texts[1] == EXPECTED_NN
    assert texts[2] == (
        "Berre samanstillinga vert lagd ut: punkta med kor mange grupper som tok dei opp, aldri "
        "eit svar eller eit namn. Saksutkastet med alle svara er berre for arrangørane (/eksport)."
        "\n\nVil du publisere dette i @hallingdal_regionrad?"
        "\n\n☑️ vert lagt ut, ⬜ vert halde utanfor: trykk på eit spørsmål eller eit tema for å "
        "endre det."
    )
    (confirm_label, data), (cancel_label, cancel), *choice = confirm_call(h).buttons
    assert [label for label, _ in choice][:3] == [
        "☑️ Næringsutvikling",
        "☑️ 1. Korleis kan kommunane i Hallingdal…",
        "☑️ 2. Kva tiltak kan vera aktuelle?",
    ]
    assert len(choice) == 3 + 5  # three themes, five questions
    assert confirm_label == "✅ Publiser" and cancel_label == "Avbryt" and cancel == "pubx"
    assert re.fullmatch(r"pub:1:[0-9a-f]{16}", data) and len(data.encode()) <= 64
    assert channel_calls(h) == []
    assert await h.storage.summaries.publications(await consultation_id(h)) == []


async def test_confirm_posts_the_summary_only_and_records_it(h: Harness) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "publiser")
    preview = h.replies(ORGANISER)[1]
    await h.press(ORGANISER, "✅ Publiser")
    posted = channel_calls(h)
    assert [c.method for c in posted] == ["sendMessage"]  # no report: it holds every answer
    assert posted[0].text == preview == EXPECTED_NN
    assert posted[0].params.get("parse_mode") == "HTML"
    [record] = await h.storage.summaries.publications(await consultation_id(h))
    assert (record.version, record.status, record.message_ids) == (1, "posted", (1,))
    assert record.organiser_id == ORGANISER and record.channel == CHANNEL
    assert record.content == EXPECTED_NN and len(record.content_hash) == 64
    assert h.replies(ORGANISER)[-2:] == [
        "✅ Versjon 1 er publisert i https://t.me/hallingdal_regionrad/1: samanstillinga, "
        "i 1 melding.",
        "📣 Meldingane til deltakarane vert sende no; du får talet når dei er sende.",
    ]
    # then a job tells every participant with answers that /mine shows their points
    assert await run_notices(h) == ["hallingting-2026:notices:outcome:1"]
    assert h.replies(ORGANISER)[-1] == (
        "📣 Meldingane til deltakarane er ferdige. Send til 4 deltakarar. 0 deltakarar vart "
        "hoppa over (påminningar av eller ikkje mogleg å nå). 0 meldingar kom ikkje fram."
    )
    [dropped] = h.tg.to(ORGANISER, "editMessageReplyMarkup")  # the buttons are taken away
    assert not dropped.params.get("reply_markup")


async def test_preview_speaks_the_organisers_language_and_posts_in_the_consultations(
    h: Harness,
) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "publiser", language="en")
    texts = h.replies(ORGANISER)
    assert texts[0].startswith("<b>Preview</b>: here follows exactly what will be posted")
    assert texts[1] == EXPECTED_NN
    assert [label for label, _ in confirm_call(h).buttons][:2] == ["✅ Publish", "Cancel"]


async def test_republishing_after_changes_posts_an_updated_version(h: Harness) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "publiser")
    await h.press(ORGANISER, "✅")
    await add_answer(h, 777, "gruppe-5", "organisering", "Sats på Hallingdal 2.0")
    await h.command(ORGANISER, "publiser")
    assert "Innlegget vert merkt som oppdatert versjon 2." in h.last_text(ORGANISER)
    await h.press(ORGANISER, "✅ Publiser")
    second = channel_calls(h)[1]
    assert second.text.startswith(
        "<b>Hallingtinget 2026: Næringsutvikling, helsesamarbeid og regionalt samarbeid</b>\n"
        "<i>Oppdatert versjon 2</i>\n\n"
    )
    assert "• Vidareføring av Sats på Hallingdal 2.0 (4 av 5 grupper)" in second.text
    first, again = await h.storage.summaries.publications(await consultation_id(h))
    assert (first.version, first.status, first.message_ids) == (1, "posted", (1,))
    assert (again.version, again.status, again.message_ids) == (2, "posted", (2,))
    assert first.content_hash != again.content_hash
    assert again.content.startswith(second.text)


async def test_identical_content_asks_before_publishing_again(h: Harness) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "publiser")
    await h.press(ORGANISER, "✅")
    await h.command(ORGANISER, "publiser")
    assert (
        "Ingenting er endra sidan versjon 1, publisert 1. des. 2026 13:00. "
        "Vil du publisere likevel?"
    ) in h.last_text(ORGANISER)
    assert confirm_call(h).buttons[0][0] == "✅ Publiser likevel"
    await h.press(ORGANISER, "Publiser likevel")
    first, again = await h.storage.summaries.publications(await consultation_id(h))
    assert first.content_hash == again.content_hash and again.status == "posted"
    # The same content again is no update: the channel gets the same post, unmarked.
    assert "Oppdatert versjon" not in channel_calls(h)[1].text
    assert channel_calls(h)[1].text == channel_calls(h)[0].text == EXPECTED_NN


async def test_changes_after_the_preview_show_a_new_preview_instead_of_posting(
    h: Harness,
) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "publiser")
    stale = confirm_call(h)
    await add_answer(h, 777, "gruppe-5", "tiltak", "Regional traineeordning for unge")
    await h.click(ORGANISER, stale.buttons[0][1], stale)
    assert channel_calls(h) == []
    assert await h.storage.summaries.publications(await consultation_id(h)) == []
    texts = h.replies(ORGANISER)
    notice = texts.index(
        "Svara eller redigeringa av samanstillinga er endra etter førehandsvisinga, så ingenting vart lagt ut. "
        "Her er den nye førehandsvisinga."
    )
    assert "• Regional traineeordning for unge (3 av 3 grupper)" in texts[notice + 2]
    fresh = confirm_call(h)
    assert fresh.buttons[0][1] != stale.buttons[0][1]
    await h.click(ORGANISER, fresh.buttons[0][1], fresh)
    assert "• Regional traineeordning for unge (3 av 3 grupper)" in channel_calls(h)[0].text


async def test_pressing_confirm_twice_posts_once(h: Harness) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "publiser")
    button = confirm_call(h)
    await h.click(ORGANISER, button.buttons[0][1], button)
    await h.click(ORGANISER, button.buttons[0][1], button)
    assert len(channel_calls(h)) == 1
    assert len(await h.storage.summaries.publications(await consultation_id(h))) == 1
    answer = h.tg.calls[-1]
    assert answer.method == "answerCallbackQuery"
    assert answer.params["text"] == "Denne førehandsvisinga er alt brukt til versjon 1."


async def test_cancel_posts_nothing(h: Harness) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "publiser")
    await h.press(ORGANISER, "Avbryt")
    assert h.last_text(ORGANISER) == "Ingenting vart publisert."
    assert channel_calls(h) == []


async def test_forged_callbacks_from_a_non_organiser_change_nothing(h: Harness) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "publiser")
    data = confirm_call(h).buttons[0][1]
    for forged in (data, "pubx", "pub:1:0000000000000000"):
        await h.click(PARTICIPANT, forged, confirm_call(h))
        answer = h.tg.calls[-1]
        assert answer.method == "answerCallbackQuery"
        assert answer.params["text"] == "Berre arrangørane av tinget kan gjere dette."
    await h.command(PARTICIPANT, "publiser")
    assert h.last_text(PARTICIPANT) == "Berre arrangørane av tinget kan gjere dette."
    assert channel_calls(h) == []
    assert await h.storage.summaries.publications(await consultation_id(h)) == []


@pytest.mark.parametrize("data", ["pub:1:XYZ", "pub:one:0123456789abcdef", "pub:", "pub:1"])
async def test_malformed_confirmation_is_refused(h: Harness, data: str) -> None:
    await seed_answers(h)
    await h.click(ORGANISER, data, Call("sendMessage", {"text": "?"}))
    assert h.tg.calls[-1].params["text"] == "Denne knappen gjeld ikkje lenger."
    assert channel_calls(h) == []


async def test_nothing_to_publish_without_answers(h: Harness) -> None:
    await h.command(ORGANISER, "publiser")
    assert h.replies(ORGANISER) == ["Det er ingen svar å publisere enno."]
