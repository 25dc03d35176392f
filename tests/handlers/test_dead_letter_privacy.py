"""Unreadable updates kept as dead letters go with /slett and with the daily retention purge."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram.ext import CallbackContext

from bot.domain.retention import DEAD_LETTER_DAYS
from bot.i18n.translator import translator
from bot.jobs.purge import purge_job
from bot.transport.polling import keep_dead_letter
from tests.support.harness import Harness

nn = translator("nn")


def unreadable(update_id: int, sender: int, secret: str) -> dict[str, Any]:
    """A button press the library cannot read (no chat_instance), its data a secret."""
    person = {"id": sender, "is_bot": False, "first_name": f"Namn{sender}"}
    return {"update_id": update_id, "callback_query": {"id": "q", "from": person, "data": secret}}


async def kept(h: Harness) -> list[tuple[int, int | None]]:
    """The dead letters as (update id, sender)."""
    return [(d.update_id, d.telegram_id) for d in await h.storage.deadletters.all()]


async def test_slett_erases_the_persons_dead_letters_and_no_one_elses(h: Harness) -> None:
    await h.join(5)
    await h.text(5, "Svar ein")
    error = KeyError("chat_instance")
    await keep_dead_letter(h.app, 9001, unreadable(9001, 5, "Karis løyndom"), error)
    await keep_dead_letter(h.app, 9002, unreadable(9002, 6, "Olas løyndom"), error)
    await h.command(5, "slett")
    await h.press(5, nn("Yes, delete everything"))
    assert await kept(h) == [(9002, 6)]
    assert await h.storage.privacy.personal_data(5) == {}
    raw = await h.storage.db.fetchall("SELECT raw FROM dead_letter")
    assert not any("Karis" in r[0] for r in raw)


async def test_slett_offers_to_erase_a_dead_letter_of_someone_who_never_joined(
    h: Harness,
) -> None:
    await keep_dead_letter(h.app, 9001, unreadable(9001, 7, "x"), KeyError("chat_instance"))
    await h.command(7, "slett")
    await h.press(7, nn("Yes, delete everything"))
    assert await kept(h) == []


async def test_the_daily_purge_deletes_dead_letters_past_their_retention(h: Harness) -> None:
    error = KeyError("chat_instance")
    await keep_dead_letter(h.app, 1, unreadable(1, 5, "gamal"), error)
    h.clock.advance(days=10)
    await keep_dead_letter(h.app, 2, unreadable(2, 5, "nyare"), error)
    context = CallbackContext(h.app)
    h.clock.advance(days=DEAD_LETTER_DAYS - 10, seconds=-1)
    await purge_job(context)
    assert await kept(h) == [(1, 5), (2, 5)]
    h.clock.advance(seconds=2)
    await purge_job(context)
    assert await kept(h) == [(2, 5)]
    h.clock.now += timedelta(days=10)
    await purge_job(context)
    assert await kept(h) == []
