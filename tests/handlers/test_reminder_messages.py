"""What reminders say and to whom: meetings, the deadline, muting and blocked participants."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path

from bot.config.model import Localized, Meeting
from bot.handlers.participant.answering import NOT_JOINED
from bot.i18n.translator import translator
from tests.support.botapi import Call
from tests.support.flow import KARI, OLA, cursor, qid
from tests.support.harness import CODE_2, Harness
from tests.support.jobs import run_due, running

SLOT_1D = datetime(2027, 1, 20, 9, 0, tzinfo=UTC)
SLOT_2H = datetime(2027, 1, 21, 7, 0, tzinfo=UTC)
DEADLINE_1D = datetime(2027, 1, 14, 7, 0, tzinfo=UTC)
PER = 5003
MESSAGE_IDS = itertools.count(9000)
QUESTIONS = ["organisering", "tiltak", "helse-fungerer", "helse-nye-oppgaver", "samarbeid-omrade"]


def reminders_to(h: Harness, chat: int, marker: str = "Ål kulturhus") -> list[Call]:
    """Messages to `chat` that mention `marker` (the meeting's place by default)."""
    return [c for c in h.tg.to(chat, "sendMessage") if marker in c.text]


async def answer(h: Harness, telegram_id: int, *keys: str, withdrawn: bool = False) -> None:
    """Store answers to the questions `keys` for a participant, straight into the database."""
    (participant_id,) = h.rows("SELECT id FROM participant WHERE telegram_id = ?", (telegram_id,))[
        0
    ]
    for key in keys:
        message_id = next(MESSAGE_IDS)
        stored, _ = await h.storage.answers.add_answer(
            participant_id, qid(h, key), f"Svar {message_id}", telegram_id, message_id, h.clock()
        )
        if withdrawn:
            await h.storage.answers.set_answer_status(stored.id, "withdrawn", h.clock())


async def test_a_meeting_reminder_has_time_place_description_and_what_is_left(
    tmp_path: Path,
) -> None:
    later = datetime(2027, 2, 1, 22, 59, tzinfo=UTC)  # answers are still taken at the meeting
    async with running(tmp_path, deadline=later) as h:
        await h.join(KARI)
        await h.text(KARI, "Eit felles næringsselskap for heile dalen")
        h.clock.now = SLOT_1D
        await run_due(h)
        (reminder,) = reminders_to(h, KARI)
        text = reminder.text
        assert "Påminning: møte" in text
        assert "torsdag 21. januar 2027 kl. 10:00" in text
        assert "Regionrådet: rullering av regionplanen med svara frå Hallingtinget." in text
        assert "• 2. Kva tiltak kan vera aktuelle?" in text
        assert "• 1." not in text  # answered
        assert reminder.buttons == [("✍️ Hald fram med å svare", "rm:go")]

        # The button shows the next question without an answer.
        await h.click(KARI, "rm:go", reminder)
        assert "Kva tiltak kan vera aktuelle?" in h.last_text(KARI)
        assert cursor(h, KARI) == "tiltak"


async def test_the_button_goes_back_to_a_skipped_question_where_svar_would_not(
    tmp_path: Path,
) -> None:
    later = datetime(2027, 2, 1, 22, 59, tzinfo=UTC)
    async with running(tmp_path, deadline=later) as h:
        await h.join(KARI)
        await h.press(KARI, "Hopp over")  # the first question stays unanswered
        await h.text(KARI, "Ein regional næringsfond")
        assert cursor(h, KARI) == "tiltak"
        h.clock.now = SLOT_1D
        await run_due(h)
        (reminder,) = reminders_to(h, KARI)

        await h.click(KARI, "rm:go", reminder)
        assert "Korleis kan kommunane i Hallingdal organisere" in h.last_text(KARI)
        assert cursor(h, KARI) == "organisering"

        # /svar continues at the cursor: once it is moved on, /svar stays there.
        await h.press(KARI, "Hopp over")
        await h.command(KARI, "svar")
        assert "Kva tiltak kan vera aktuelle?" in h.last_text(KARI)
        assert cursor(h, KARI) == "tiltak"


async def test_after_the_deadline_a_meeting_reminder_asks_for_no_answers(h: Harness) -> None:
    await h.join(KARI)
    h.clock.now = SLOT_1D  # the deadline was on 14 January
    await run_due(h)
    (reminder,) = reminders_to(h, KARI)
    assert reminder.text.endswith(
        "<i>Regionrådet: rullering av regionplanen med svara frå Hallingtinget.</i>"
    )
    assert "•" not in reminder.text and reminder.buttons == []


async def test_reminders_are_in_the_recipients_language(tmp_path: Path) -> None:
    async with running(tmp_path, deadline=datetime(2027, 2, 1, 22, 59, tzinfo=UTC)) as h:
        await h.join(OLA, CODE_2)
        await h.command(OLA, "sprak")
        await h.press(OLA, "English")
        await answer(h, OLA, *QUESTIONS)
        h.clock.now = SLOT_1D
        await run_due(h)
        (reminder,) = reminders_to(h, OLA)
        assert "Reminder: meeting" in reminder.text
        assert "Thursday 21 January 2027, 10:00" in reminder.text
        assert "revising the regional plan with the Hallingting's answers" in reminder.text
        assert "You have answered all the questions – thank you!" in reminder.text
        assert reminder.buttons == []


async def test_a_meeting_for_some_groups_reminds_only_them(tmp_path: Path) -> None:
    start = datetime(2027, 1, 7, 18, 0, tzinfo=UTC)
    only_two = Meeting("g2", start, "Nesbyen", Localized("Gruppemøte"), ("gruppe-2",))
    async with running(tmp_path, meetings=(only_two,)) as h:
        await h.join(KARI)
        await h.join(OLA, CODE_2)
        h.clock.now = datetime(2027, 1, 6, 18, 0, tzinfo=UTC)
        await run_due(h)
        assert reminders_to(h, KARI, "Nesbyen") == []
        assert len(reminders_to(h, OLA, "Nesbyen")) == 1


async def test_the_deadline_reminder_goes_only_to_those_with_unanswered_questions(
    h: Harness,
) -> None:
    await h.join(KARI)
    await h.join(OLA, CODE_2)
    await answer(h, KARI, *QUESTIONS)
    await answer(h, OLA, "organisering", "tiltak")
    await answer(h, OLA, "helse-fungerer", withdrawn=True)  # withdrawn: still missing
    h.clock.now = DEADLINE_1D
    await run_due(h)
    assert reminders_to(h, KARI, "⏰") == []
    (reminder,) = reminders_to(h, OLA, "⏰")
    assert "Svarfristen er torsdag 14. januar 2027 kl. 23:59" in reminder.text
    missing = [line for line in reminder.text.splitlines() if line.startswith("•")]
    assert missing == [
        "• 3. Kva fungerer godt i helsesamarbeidet mellom kommunane i dag, og kva bør bli betre?",
        "• 4. Kva helseoppgåver bør kommunane løyse saman i åra som kjem?",
        "• 5. På kva andre område bør kommunane i Hallingdal samarbeide meir, og korleis?",
    ]
    assert h.rows(
        "SELECT p.telegram_id, r.status, r.error FROM reminder_sent r "
        "JOIN participant p ON p.id = r.participant_id ORDER BY p.telegram_id"
    ) == [(KARI, "skipped", "answered"), (OLA, "sent", "")]


async def test_paminningar_turns_reminders_off_and_on(h: Harness) -> None:
    await h.join(KARI)
    await h.join(OLA, CODE_2)
    await h.command(KARI, "paminningar")
    assert h.last_text(KARI).startswith("🔕 Påminningane er av")
    assert h.rows("SELECT reminders FROM participant WHERE telegram_id = ?", (KARI,)) == [(0,)]
    h.clock.now = SLOT_1D
    await run_due(h)
    assert reminders_to(h, KARI) == []
    assert len(reminders_to(h, OLA)) == 1

    await h.command(KARI, "sprak")
    await h.press(KARI, "English")
    await h.command(KARI, "paminningar", language="nb")  # in the stored language, not Telegram's
    assert h.last_text(KARI).startswith("🔔 Reminders are on")
    h.clock.now = SLOT_2H
    await run_due(h)
    assert len(reminders_to(h, KARI)) == 1
    assert len(reminders_to(h, OLA)) == 2


async def test_paminningar_before_joining_changes_nothing(h: Harness) -> None:
    before = h.snapshot()
    await h.command(KARI, "paminningar")
    assert h.last_text(KARI) == translator("nn")(NOT_JOINED)
    assert h.snapshot() == before


async def test_a_participant_who_blocked_the_bot_becomes_inactive_and_the_rest_go_on(
    h: Harness,
) -> None:
    for user, code in ((KARI, None), (OLA, CODE_2), (PER, None)):
        await (h.join(user, code) if code else h.join(user))
    h.tg.fail("sendMessage", 403, "Forbidden: bot was blocked by the user")
    h.tg.fail("sendMessage", 400, "Bad Request: chat not found")
    mark = len(h.tg.calls)
    h.clock.now = SLOT_1D
    await run_due(h)
    tried = [int(c.params["chat_id"]) for c in h.tg.calls[mark:] if c.method == "sendMessage"]
    assert sorted(tried) == [KARI, OLA, PER]  # every one was tried
    blocked, bad, fine = tried
    statuses = dict(
        (r[0], (r[1], r[2]))
        for r in h.rows(
            "SELECT p.telegram_id, r.status, r.error FROM reminder_sent r "
            "JOIN participant p ON p.id = r.participant_id"
        )
    )
    assert statuses[blocked] == ("failed", "Forbidden: bot was blocked by the user")
    assert statuses[bad] == ("failed", "BadRequest: Chat not found")
    assert statuses[fine] == ("sent", "")
    active = dict(h.rows("SELECT telegram_id, active FROM participant"))
    assert active == {blocked: 0, bad: 1, fine: 1}

    # From then on the blocked participant is skipped; the others get the next reminder.
    mark = len(h.tg.calls)
    h.clock.now = SLOT_2H
    await run_due(h)
    tried = [int(c.params["chat_id"]) for c in h.tg.calls[mark:] if c.method == "sendMessage"]
    assert sorted(tried) == sorted([bad, fine])

    # Writing to the bot again shows the block is lifted: reminders reach them again.
    await h.command(blocked, "svar")
    assert h.rows("SELECT active FROM participant WHERE telegram_id = ?", (blocked,)) == [(1,)]
