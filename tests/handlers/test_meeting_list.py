"""/kalender (first named /motar) for participants: the upcoming meetings of their group and an .ics file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar

from bot.config.model import Localized, Meeting
from bot.handlers.participant.answering import NOT_JOINED
from bot.i18n.translator import translator
from tests.support.flow import KARI, OLA
from tests.support.harness import CODE_2, Harness
from tests.support.jobs import running

OSLO = ZoneInfo("Europe/Oslo")


async def test_motar_lists_upcoming_meetings_and_sends_a_calendar_file(h: Harness) -> None:
    await h.join(KARI)
    await h.command(KARI, "motar")
    text = h.last_text(KARI)
    assert text.startswith("📅 <b>Komande møte</b>")
    # April and June 2026 are over on 1 December 2026; only the January meeting is left.
    assert "<b>torsdag 21. januar 2027 kl. 10:00</b>\n📍 Ål kulturhus" in text
    assert "Gol kulturhus" not in text and "Regionrådet: rullering av regionplanen" in text

    document = h.tg.last(KARI, "sendDocument")
    assert document.params["caption"].startswith("Opne denne fila")
    (data,) = document.files.values()
    events = Calendar.from_ical(data).walk("VEVENT")
    assert [str(e["LOCATION"]) for e in events] == ["Ål kulturhus"]
    start = events[0].decoded("DTSTART")
    assert start == datetime(2027, 1, 21, 10, 0, tzinfo=OSLO)
    assert str(events[0]["UID"]) == "hallingting-2026.regionradet-regionplan@tingbot.invalid"


async def test_kalender_and_its_first_name_answer_alike(h: Harness) -> None:
    await h.join(KARI)
    await h.command(KARI, "kalender")
    first = h.last_text(KARI)
    await h.command(KARI, "motar")
    assert first.startswith("📅 <b>Komande møte</b>") and h.last_text(KARI) == first


async def test_motar_in_english_and_only_the_groups_meetings(tmp_path: Path) -> None:
    start = datetime(2027, 1, 7, 17, 0, tzinfo=UTC)
    meetings = (
        Meeting(
            "g1", start, "Nesbyen", Localized("Gruppe 1 møtest", en="Group 1 meets"), ("gruppe-1",)
        ),
        Meeting("g2", start, "Hemsedal", Localized("Gruppe 2 møtest"), ("gruppe-2",)),
    )
    async with running(tmp_path, meetings=meetings) as h:
        await h.join(KARI, language="en")
        await h.command(KARI, "sprak")
        await h.press(KARI, "English")
        await h.command(KARI, "motar")
        text = h.last_text(KARI)
        assert text.startswith("📅 <b>Upcoming meetings</b>")
        assert "Thursday 7 January 2027, 18:00" in text and "Group 1 meets" in text
        assert "Hemsedal" not in text


async def test_motar_without_meetings_sends_no_file(tmp_path: Path) -> None:
    async with running(tmp_path, meetings=()) as h:
        await h.join(OLA, CODE_2)
        await h.command(OLA, "motar")
        assert h.last_text(OLA) == "Gruppa di har ingen komande møte."
        assert h.tg.to(OLA, "sendDocument") == []


async def test_motar_before_joining(h: Harness) -> None:
    before = h.snapshot()
    await h.command(KARI, "motar")
    assert h.last_text(KARI) == translator("nn")(NOT_JOINED)
    assert h.snapshot() == before
