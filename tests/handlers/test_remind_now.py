"""/paminn: an organiser sends a reminder now, with a preview, once; and who may do what."""

from __future__ import annotations

import itertools

from tests.support.flow import KARI, OLA, qid
from tests.support.harness import CODE_2, ORGANISER, Harness
from tests.support.jobs import reminder_jobs

PER = 5003
ONLY_ORGANISERS = "Berre arrangørane av tinget kan gjere dette."
MESSAGE_IDS = itertools.count(7000)


async def answer_all(h: Harness, telegram_id: int, keys: list[str]) -> None:
    """Store answers to `keys` for a participant, straight into the database."""
    (participant_id,) = h.rows("SELECT id FROM participant WHERE telegram_id = ?", (telegram_id,))[
        0
    ]
    for key in keys:
        n = next(MESSAGE_IDS)
        await h.storage.answers.add_answer(
            participant_id, qid(h, key), "Svar", telegram_id, n, h.clock()
        )


def from_organisers(h: Harness, chat: int) -> list[str]:
    """Reminders from the organisers that `chat` got."""
    return [c.text for c in h.tg.to(chat, "sendMessage") if "Påminning frå arrangørane" in c.text]


async def test_remind_those_with_unanswered_questions(h: Harness) -> None:
    await h.join(KARI)
    await h.join(OLA, CODE_2)
    await h.join(PER)
    all_keys = [
        "organisering",
        "tiltak",
        "helse-fungerer",
        "helse-nye-oppgaver",
        "samarbeid-omrade",
    ]
    await answer_all(h, KARI, all_keys)
    await answer_all(h, OLA, all_keys[:3])
    await h.command(PER, "paminningar")  # Per turned reminders off

    await h.command(ORGANISER, "paminn")
    choice = h.tg.last(ORGANISER)
    assert choice.text == "Kven skal få ei påminning no?"
    labels = [label for label, _ in choice.buttons]
    assert labels[:2] == ["Alle", "Dei som har spørsmål att"]
    assert labels[2:] == [f"Gruppe {n}" for n in range(1, 9)]

    await h.press(ORGANISER, "Dei som har")
    preview = h.last_text(ORGANISER)
    assert preview.startswith(
        "<b>Førehandsvising</b>: 1 deltakar får dette, med spørsmåla vedkomande"
    )
    assert "2 vart hoppa over" in preview
    assert "Neste møte:" in preview and "torsdag 21. januar 2027 kl. 10:00" in preview
    assert "Svarfristen er torsdag 14. januar 2027 kl. 23:59." in preview
    assert "• 4. Kva helseoppgåver" in preview and "• 1." not in preview
    assert from_organisers(h, OLA) == []  # nothing sent before the confirmation

    await h.press(ORGANISER, "Send")
    assert h.last_text(ORGANISER) == (
        "Påminninga er ferdig. Send til 1 deltakar. 2 deltakarar vart hoppa over. "
        "0 meldingar kom ikkje fram."
    )
    (reminder,) = from_organisers(h, OLA)
    assert "• 4. Kva helseoppgåver" in reminder
    assert h.tg.to(OLA, "sendMessage")[-1].buttons == [("✍️ Hald fram med å svare", "rm:go")]
    assert from_organisers(h, KARI) == [] and from_organisers(h, PER) == []

    # The same confirmation again (a double tap, a redelivered update) sends nothing more.
    await h.press(ORGANISER, "Send")
    assert h.last_text(ORGANISER) == (
        "Påminninga er ferdig. Send til 0 deltakarar. 3 deltakarar vart hoppa over. "
        "0 meldingar kom ikkje fram."
    )
    assert len(from_organisers(h, OLA)) == 1


async def test_remind_one_group_and_report_failures(h: Harness) -> None:
    await h.join(KARI)
    await h.join(OLA, CODE_2)
    await h.join(PER, CODE_2)
    await h.command(ORGANISER, "paminn")
    await h.press(ORGANISER, "Gruppe 2")
    assert h.last_text(ORGANISER).startswith("<b>Førehandsvising</b>: 2 deltakarar")
    h.tg.fail("sendMessage", 403, "Forbidden: bot was blocked by the user")
    await h.press(ORGANISER, "Send")
    assert h.last_text(ORGANISER) == (
        "Påminninga er ferdig. Send til 1 deltakar. 0 deltakarar vart hoppa over. "
        "1 melding kom ikkje fram."
    )
    assert from_organisers(h, KARI) == []
    assert h.rows("SELECT count(*) FROM participant WHERE active = 0") == [(1,)]


async def test_an_empty_selection_and_cancelling_send_nothing(h: Harness) -> None:
    await h.command(ORGANISER, "paminn")
    await h.press(ORGANISER, "Alle")
    assert h.last_text(ORGANISER).startswith("Ingen å minne på i dette utvalet.")
    await h.join(KARI)
    await h.command(ORGANISER, "paminn")
    await h.press(ORGANISER, "Alle")
    await h.press(ORGANISER, "Avbryt")
    assert h.last_text(ORGANISER) == "Ingenting vart sendt."
    assert from_organisers(h, KARI) == []
    assert h.rows("SELECT count(*) FROM reminder_sent") == [(0,)]


async def test_organiser_commands_and_buttons_are_for_organisers_only(h: Harness) -> None:
    await h.join(KARI)
    await h.join(OLA, CODE_2)
    (meeting,) = h.rows("SELECT id FROM meeting WHERE key = 'regionradet-regionplan'")[0]
    jobs = reminder_jobs(h)
    before = h.snapshot()
    buttons = [
        "mt:add",
        f"mt:edit:{meeting}",
        f"mt:drop:{meeting}",
        "mt:ok",
        "mt:no",
        "pn:p:all",
        "pn:p:nr",
        "pn:p:g1",
        "pn:ok:all:1796126400",
        "pn:x",
    ]
    for data in buttons:
        pressed = await h.click(KARI, data)
        answer = h.query_answer(pressed)
        assert answer.params.get("text") == ONLY_ORGANISERS, data
        assert answer.params.get("show_alert") is True, data
    await h.command(KARI, "paminn")
    assert h.last_text(KARI) == ONLY_ORGANISERS
    # /motar is for everyone, but a participant gets no organiser buttons.
    await h.command(KARI, "motar")
    assert h.tg.last(KARI).buttons == []
    # Text after a forged "add" press is an answer as usual, not a meeting.
    await h.text(KARI, "2027-01-07 18:00")
    assert h.rows("SELECT text FROM answer") == [("2027-01-07 18:00",)]
    after = h.snapshot()
    assert {k: v for k, v in after.items() if k != "answer"} == {
        k: v for k, v in before.items() if k != "answer"
    }
    assert reminder_jobs(h) == jobs
    assert [c for c in h.tg.to(OLA, "sendMessage") if "Påminning" in c.text] == []


async def test_a_reminder_speaks_the_language_resolved_at_join(h: Harness) -> None:
    await h.join(KARI, language="de")  # not Norwegian: English, stored at join
    await h.join(OLA, CODE_2, language="nb")  # Norwegian: the consultation's Nynorsk
    await h.command(ORGANISER, "paminn")
    await h.press(ORGANISER, "Alle")
    await h.press(ORGANISER, "Send")
    kari = h.tg.to(KARI, "sendMessage")[-1]
    assert "Reminder from the organisers" in kari.text
    assert kari.buttons == [("✍️ Continue answering", "rm:go")]
    (ola,) = from_organisers(h, OLA)
    assert "Påminning frå arrangørane" in ola
