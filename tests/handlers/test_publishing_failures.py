"""/publiser when Telegram refuses: every attempt recorded with what was posted, and explained."""

import json
import sqlite3
from typing import Any

import pytest
from telegram.error import TimedOut

from tests.emulator.html_text import parse_html, trim
from tests.support.channel import CHANNEL, channel_calls, consultation_id
from tests.support.harness import ORGANISER, Harness
from tests.support.seeding import long_answers, seed_answers

ADMIN = (
    "tingbot har ikkje løyve til å leggje ut i @hallingdal_regionrad. Gjer boten til administrator"
)
NOT_FOUND = "Telegram finn ikkje kanalen @hallingdal_regionrad."
NETWORK = "tingbot fekk ikkje kontakt med Telegram (nettverksfeil)."


@pytest.mark.parametrize(
    ("code", "description", "advice"),
    [
        (403, "Forbidden: bot is not a member of the channel chat", ADMIN),
        (403, "Forbidden: bot was kicked from the channel chat", ADMIN),
        (400, "Bad Request: need administrator rights in the channel chat", ADMIN),
        (400, "Bad Request: chat not found", NOT_FOUND),
        (502, "Bad Gateway", NETWORK),
    ],
)
async def test_a_failed_first_message_is_recorded_and_explained(
    h: Harness, code: int, description: str, advice: str
) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "publiser")
    h.tg.fail("sendMessage", code, description)
    await h.press(ORGANISER, "✅")
    [record] = await h.storage.summaries.publications(await consultation_id(h))
    assert (record.status, record.message_ids) == ("failed", ())
    assert description.split(": ", 1)[-1].lower() in record.error.lower()  # PTB capitalises
    report = h.last_text(ORGANISER)
    assert report.startswith("⚠️ Publiseringa gjekk ikkje.\n\n" + advice)
    assert report.endswith("Ingenting vart lagt ut. Forsøket er registrert som versjon 1 (feila).")
    assert h.tg.to(CHANNEL, "sendDocument") == []


async def test_a_failure_after_the_first_message_leaves_it_on_record(h: Harness) -> None:
    await seed_answers(h, long_answers(8))
    await h.command(ORGANISER, "publiser")
    total = len(h.replies(ORGANISER)[1:-1])
    h.tg.fail("sendMessage", 403, "Forbidden: bot is not a member of the channel chat", after=1)
    await h.press(ORGANISER, "✅")
    [record] = await h.storage.summaries.publications(await consultation_id(h))
    assert (record.status, record.message_ids) == ("failed", (1,))
    assert h.last_text(ORGANISER).endswith(
        f"1 av {total} meldingar vart lagde ut før feilen; dei er registrerte som versjon 1 "
        "(feila). Slett dei frå kanalen om du ikkje vil ha dei der; ei ny publisering legg ut "
        "heile samanstillinga som ein ny versjon."
    )
    await h.command(ORGANISER, "publiser")  # the channel saw part of version 1: mark as updated
    assert "Innlegget vert merkt som oppdatert versjon 2." in h.last_text(ORGANISER)
    await h.press(ORGANISER, "✅")
    failed, posted = await h.storage.summaries.publications(await consultation_id(h))
    assert (failed.status, failed.message_ids) == ("failed", (1,))
    assert (posted.version, posted.status) == (2, "posted")
    assert len(posted.message_ids) == total


async def test_a_long_post_failing_midway_records_what_was_posted(h: Harness) -> None:
    await seed_answers(h, long_answers(8))
    await h.command(ORGANISER, "publiser")
    chunks = h.replies(ORGANISER)[1:-1]
    assert len(chunks) >= 3
    assert all(0 < len(trim(parse_html(c)).text) <= 4096 for c in chunks)  # as Telegram parses
    h.tg.fail("sendMessage", after=2, exception=TimedOut())
    await h.press(ORGANISER, "✅")
    [record] = await h.storage.summaries.publications(await consultation_id(h))
    assert (record.status, record.message_ids) == ("failed", (1, 2))
    assert record.error.startswith("TimedOut")
    assert [c.text for c in channel_calls(h)] == chunks[:3]  # the third was sent, no answer
    report = h.last_text(ORGANISER)
    assert "Telegram svara ikkje i tide, så den siste meldinga kan ha kome fram" in report
    assert f"2 av {len(chunks)} meldingar vart lagde ut før feilen" in report


async def test_the_record_is_written_before_anything_is_posted(h: Harness) -> None:
    await seed_answers(h, long_answers(8))
    await h.command(ORGANISER, "publiser")
    seen: list[tuple[str, str, list[int]]] = []
    original = h.tg.answer

    def spy(name: str, params: dict[str, Any]) -> Any:
        """Look into the database (committed state) as each post reaches Telegram."""
        if params.get("chat_id") == CHANNEL:
            with sqlite3.connect(h.config.database) as db:
                status, ids = db.execute("SELECT status, message_ids FROM publication").fetchone()
            seen.append((name, status, json.loads(ids)))
        return original(name, params)

    h.tg.answer = spy  # type: ignore[method-assign]
    await h.press(ORGANISER, "✅")
    assert seen[:3] == [
        ("sendMessage", "posting", []),
        ("sendMessage", "posting", [1]),
        ("sendMessage", "posting", [1, 2]),
    ]
