"""A reminder before a meeting, over HTTP: caught up at start-up, sent exactly once.

The meeting is half an hour ahead and reminders go out one hour before, so the slot was missed
while the bot was down: the next start-up catches it up at once (no waiting for a due time).
A further restart must not send it again — the database, not the process, remembers it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.i18n.translator import format_moment
from tests.e2e.scenario import Tingbot, shown, text_of

ZONE = ZoneInfo("Europe/Oslo")
PLACE = "Gol kulturhus, sal 2"
SLOT = "meeting:gruppemote:1h"
REMINDER = shown("🔔 <b>Reminder: meeting</b>")


def test_missed_meeting_reminder_is_caught_up_once_across_restarts(tingbot: Tingbot) -> None:
    emu = tingbot.emu
    start = (datetime.now(ZONE) + timedelta(minutes=30)).replace(second=0, microsecond=0)
    meeting = {
        "key": "gruppemote",
        "start": start.replace(tzinfo=None),
        "place": PLACE,
        "description": "Gruppemøte før Hallingtinget",
    }
    # No quiet hours, so the test means the same at any time of day.
    reminders = {"meeting_offsets": ["1h"], "quiet_start": "00:00", "quiet_end": "00:00"}
    tingbot.configure(meetings=[meeting], reminders=reminders)

    first = tingbot.start()
    ingrid = tingbot.person(5401, "Ingrid")
    ingrid.join("ht26-g1-Kx7p")  # joins after the start-up: nobody to remind then
    assert first.stop() == 0
    assert reminders_to(tingbot, ingrid.id) == []

    mark = emu.mark()
    second = tingbot.start()
    reminder = text_of(ingrid.wait_reply(mark, REMINDER))
    assert f"catching up reminder {SLOT}" in second.output
    assert format_moment(start, "Europe/Oslo", "nn") in reminder
    assert start.strftime("%H:%M") in reminder and f"📍 {PLACE}" in reminder
    assert shown("To prepare, these questions are still unanswered:") in reminder
    assert second.stop() == 0

    third = tingbot.start()
    ingrid.command("motar", expect=PLACE)  # the bot is up and has answered since its start-up
    assert "tingbot ready" in third.output and "catching up reminder" not in third.output
    assert third.stop() == 0
    assert len(reminders_to(tingbot, ingrid.id)) == 1
    sent = tingbot.query(
        "SELECT r.slot_key, r.status FROM reminder_sent r "
        "JOIN participant p ON p.id = r.participant_id WHERE p.telegram_id = ?",
        (ingrid.id,),
    )
    assert sent == [(SLOT, "sent")]


def reminders_to(tingbot: Tingbot, user_id: int) -> list[str]:
    """The meeting reminders the bot sent to a user, over every process so far."""
    return [
        text_of(c)
        for c in tingbot.emu.calls_to("sendMessage", ok=True)
        if c.params.get("chat_id") == user_id and REMINDER in text_of(c)
    ]
