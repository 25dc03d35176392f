"""Organisers add, change and cancel meetings in chat; jobs follow at once, participants hear."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from telegram import Update
from telegram.ext import MessageHandler, filters

from tests.support.flow import KARI, OLA, cursor
from tests.support.harness import CODE_2, ORGANISER, Harness
from tests.support.jobs import reminder_jobs, run, run_due, running, stale_job

MEETING = "regionradet-regionplan"
SLOT_1D = datetime(2027, 1, 20, 9, 0, tzinfo=UTC)
SLOT_2H = datetime(2027, 1, 21, 7, 0, tzinfo=UTC)


def name(slot_key: str) -> str:
    """The job name of a slot of the example consultation."""
    return f"hallingting-2026:{slot_key}"


def meeting_id(h: Harness, key: str = MEETING) -> int:
    """The database id of a meeting."""
    return int(h.rows("SELECT id FROM meeting WHERE key = ?", (key,))[0][0])


def reminders(h: Harness, chat: int, marker: str = "Påminning: møte") -> list[str]:
    """Texts sent to `chat` that contain `marker`."""
    return [c.text for c in h.tg.to(chat, "sendMessage") if marker in c.text]


async def everyone(h: Harness) -> None:
    """Kari (group 1), Ola (group 2) and the organiser, who also takes part in group 1."""
    await h.join(KARI)
    await h.join(OLA, CODE_2)
    await h.join(ORGANISER)


async def test_an_organiser_moves_a_meeting(tmp_path: Path) -> None:
    async with running(tmp_path) as h:
        await everyone(h)
        answers = h.rows("SELECT count(*) FROM answer")
        await h.command(ORGANISER, "motar")
        overview = h.tg.last(ORGANISER)
        assert overview.text.startswith("📅 <b>Møte</b> (arrangørvising, norsk tid)")
        assert "Ål kulturhus" in overview.text and "Europe/Oslo" not in overview.text
        assert ("✏️ Endre 3", f"mt:edit:{meeting_id(h)}") in overview.buttons
        await h.press(ORGANISER, "Endre 3")
        assert "Når er møtet?" in h.last_text(ORGANISER)
        assert "No: torsdag 21. januar 2027 kl. 10:00" in h.last_text(ORGANISER)

        await h.text(ORGANISER, "i morgon klokka ti")
        assert h.last_text(ORGANISER).startswith("Eg klarte ikkje å lese det")
        assert h.last_text(ORGANISER).endswith(
            "Skriv dato og klokkeslett slik: <code>2027-01-21 10:00</code> (norsk tid)."
        )
        await h.text(ORGANISER, "2026-11-30 10:00")
        assert h.last_text(ORGANISER).startswith("Det tidspunktet har alt vore")
        await h.text(ORGANISER, "2027-01-22 12:30")
        assert "Kvar er møtet?" in h.last_text(ORGANISER)
        assert "No: Ål kulturhus" in h.last_text(ORGANISER)
        await h.text(ORGANISER, "-")
        await h.text(ORGANISER, "-")
        confirmation = h.last_text(ORGANISER)
        assert "<b>Lagre denne endringa?</b>" in confirmation
        assert "fredag 22. januar 2027 kl. 12:30" in confirmation
        assert "Regionrådet: rullering av regionplanen" in confirmation
        await h.text(ORGANISER, "ja")  # at the confirmation, text is not taken as an answer
        assert h.last_text(ORGANISER) == "Bruk knappane over: ✅ Stadfest eller Avbryt."
        # None of the organiser's input became an answer, nor moved their answering cursor.
        assert h.rows("SELECT count(*) FROM answer") == answers
        assert cursor(h, ORGANISER) == "organisering"

        await h.press(ORGANISER, "Stadfest")
        assert h.last_text(ORGANISER) == "✅ Møtet er lagra. 3 deltakarar fekk melding om det."
        new_start = datetime(2027, 1, 22, 11, 30, tzinfo=UTC)
        assert h.rows(
            "SELECT start_utc, place, organiser_edited, sequence FROM meeting WHERE key = ?",
            (MEETING,),
        ) == [("2027-01-22T11:30:00.000000+00:00", "Ål kulturhus", 1, 1)]
        # The jobs were rebuilt at once: same names, new times.
        jobs = reminder_jobs(h)
        assert jobs[name(f"meeting:{MEETING}:1d")] == new_start - timedelta(days=1)
        assert jobs[name(f"meeting:{MEETING}:2h")] == new_start - timedelta(hours=2)
        for chat in (KARI, OLA):
            (notice,) = reminders(h, chat, "Møtet er endra")
            assert "fredag 22. januar 2027 kl. 12:30" in notice

        # No stale reminder at the old time, even from a job built before the change.
        h.clock.now = SLOT_1D
        await run(h, stale_job(f"meeting:{MEETING}:1d", SLOT_1D))
        assert reminders(h, KARI) == []
        h.clock.now = new_start - timedelta(days=1)
        await run(h, stale_job(f"meeting:{MEETING}:1d", SLOT_1D))
        await run_due(h)
        (reminder,) = reminders(h, KARI)
        assert "fredag 22. januar 2027 kl. 12:30" in reminder
        assert h.rows(
            "SELECT DISTINCT slot_key FROM reminder_sent WHERE status = 'sent' "
            "AND slot_key LIKE 'meeting:%'"
        ) == [(f"meeting:{MEETING}:1d",)]

    # After a restart the organiser's change still wins over the config.
    async with running(tmp_path, tg=h.tg) as again:
        assert reminder_jobs(again)[name(f"meeting:{MEETING}:2h")] == new_start - timedelta(hours=2)


async def test_an_organiser_cancels_a_meeting(h: Harness) -> None:
    await everyone(h)
    await h.command(ORGANISER, "motar")
    await h.press(ORGANISER, "Avlys 3")
    assert "<b>Avlyse dette møtet?</b>" in h.last_text(ORGANISER)
    assert h.rows("SELECT cancelled FROM meeting WHERE key = ?", (MEETING,)) == [(0,)]
    await h.press(ORGANISER, "Stadfest")
    assert h.last_text(ORGANISER) == "✅ Møtet er avlyst. 3 deltakarar fekk melding om det."
    assert h.rows("SELECT cancelled, sequence FROM meeting WHERE key = ?", (MEETING,)) == [(1, 1)]
    assert not [n for n in reminder_jobs(h) if MEETING in n]
    assert set(reminder_jobs(h)) == {name("deadline:answers:3d"), name("deadline:answers:1d")}
    (notice,) = reminders(h, KARI, "Møtet er avlyst")
    assert "<s>torsdag 21. januar 2027 kl. 10:00 – Ål kulturhus</s>" in notice

    for offset, due in (("1d", SLOT_1D), ("2h", SLOT_2H)):
        h.clock.now = due
        await run(h, stale_job(f"meeting:{MEETING}:{offset}", due))
    assert reminders(h, KARI) == [] and reminders(h, OLA) == []
    await h.command(KARI, "motar")
    assert h.last_text(KARI) == "Gruppa di har ingen komande møte."


async def test_an_organiser_adds_a_meeting(h: Harness) -> None:
    await everyone(h)
    await h.command(ORGANISER, "motar")
    await h.press(ORGANISER, "Legg til eit møte")
    await h.text(ORGANISER, "2027-01-07 18:00")
    await h.text(ORGANISER, "x" * 201)
    assert h.last_text(ORGANISER) == "Skriv staden med 1 til 200 teikn."
    await h.text(ORGANISER, "Nesbyen")
    await h.text(ORGANISER, "y" * 1001)
    assert h.last_text(ORGANISER) == "Skildringa kan vere på høgst 1 000 teikn."
    await h.text(ORGANISER, "Gruppene legg fram svara sine.")
    assert "<b>Leggje til dette møtet?</b>" in h.last_text(ORGANISER)
    await h.press(ORGANISER, "Stadfest")
    assert h.rows(
        "SELECT key, place, from_config, organiser_edited FROM meeting WHERE key LIKE 'm%'"
    ) == [("m202701071800", "Nesbyen", 0, 1)]
    start = datetime(2027, 1, 7, 17, 0, tzinfo=UTC)
    jobs = reminder_jobs(h)
    assert jobs[name("meeting:m202701071800:7d")] == start - timedelta(days=7)
    assert jobs[name("meeting:m202701071800:2h")] == start - timedelta(hours=2)
    assert len(reminders(h, OLA, "Nytt møte")) == 1
    await h.command(KARI, "motar")
    listing = h.last_text(KARI)
    assert listing.index("Nesbyen") < listing.index("Ål kulturhus")
    assert "Gruppene legg fram svara sine." in listing


async def test_aborting_or_a_command_leaves_the_flow_and_changes_nothing(h: Harness) -> None:
    await everyone(h)
    before = h.rows("SELECT * FROM meeting")
    await h.command(ORGANISER, "motar")
    await h.press(ORGANISER, "Legg til eit møte")
    await h.text(ORGANISER, "2027-01-07 18:00")
    await h.text(ORGANISER, "Nesbyen")
    await h.text(ORGANISER, "-")
    await h.press(ORGANISER, "Avbryt")
    assert h.last_text(ORGANISER) == "Ingenting vart endra."
    await h.click(ORGANISER, "mt:ok")  # the confirmation's ✅, pressed late
    assert h.rows("SELECT * FROM meeting") == before

    await h.command(ORGANISER, "motar")
    await h.press(ORGANISER, "Legg til eit møte")
    await h.command(ORGANISER, "svar")
    await h.text(ORGANISER, "2027-01-07 18:00")  # now an answer, not a date
    assert h.rows("SELECT text FROM answer") == [("2027-01-07 18:00",)]
    assert h.rows("SELECT * FROM meeting") == before
    assert reminders(h, KARI, "møte") == []


async def test_stale_meeting_buttons_change_nothing(h: Harness) -> None:
    await everyone(h)
    before = h.snapshot()
    past = meeting_id(h, "hallingting-april")
    for data in ("mt:edit:999", f"mt:drop:{past}", "mt:edit:x", "mt:drop:"):
        pressed = await h.click(ORGANISER, data)
        assert h.query_answer(pressed).params["text"] == "Dette møtet kan ikkje lenger endrast."
    pressed = await h.click(ORGANISER, "mt:ok")
    assert h.query_answer(pressed).params["text"] == "Denne knappen gjeld ikkje lenger."
    assert h.snapshot() == before


async def test_moving_a_meeting_earlier_sends_no_late_reminder(h: Harness) -> None:
    await h.join(KARI)
    h.clock.now = datetime(2027, 1, 19, 14, 0, tzinfo=UTC)
    await h.command(ORGANISER, "motar")
    await h.press(ORGANISER, "Endre 3")
    await h.text(ORGANISER, "2027-01-20 13:00")  # a day earlier: its 1d time has passed
    await h.text(ORGANISER, "-")
    await h.text(ORGANISER, "-")
    await h.press(ORGANISER, "Stadfest")
    new_start = datetime(2027, 1, 20, 12, 0, tzinfo=UTC)
    jobs = {n: t for n, t in reminder_jobs(h).items() if MEETING in n}
    assert jobs == {name(f"meeting:{MEETING}:2h"): new_start - timedelta(hours=2)}
    assert len(reminders(h, KARI, "Møtet er endra")) == 1
    # The job built for the old 1d time finds its slot moved and sends nothing.
    h.clock.now = SLOT_1D
    await run(h, stale_job(f"meeting:{MEETING}:1d", SLOT_1D))
    assert reminders(h, KARI) == []
    h.clock.now = new_start - timedelta(hours=2)
    await run_due(h)
    (reminder,) = reminders(h, KARI)
    assert "onsdag 20. januar 2027 kl. 13:00" in reminder


async def test_the_flow_takes_its_text_even_beside_other_features_text_handlers(
    h: Harness,
) -> None:
    seen: list[str] = []

    async def other_feature(update: Update, context: object) -> None:
        """Another feature watching private texts in group -1, as curation does."""
        seen.append(update.effective_message.text if update.effective_message else "")

    h.app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, other_feature), group=-1)
    await h.join(ORGANISER)
    await h.command(ORGANISER, "motar")
    await h.press(ORGANISER, "Legg til eit møte")
    await h.text(ORGANISER, "2027-01-07 18:00")
    assert h.last_text(ORGANISER).startswith("Kvar er møtet?")
    assert seen == [] and h.rows("SELECT count(*) FROM answer") == [(0,)]
