"""The notices after publishing and after a decision are bulk sends under the rate limiter: never
over 30 a second, and a reply to someone's own action goes before the rest of them (virtual
time; a real SQLite file, a real ExtBot with the bot's limiter and the recording Bot API)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from telegram.ext import ExtBot

from bot.context import Deps
from bot.services.catalog import sync_catalogs
from bot.services.decisions import notify_decision
from bot.services.outcome import notify_publication
from bot.transport.ratelimit import SmoothRateLimiter
from storage import Storage
from tests.support.botapi import FakeTelegram
from tests.support.harness import TOKEN, example_config
from tests.support.sends import busiest_window
from tests.support.virtual_time import VirtualTimeLoop, run_virtual

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
ASKER = 42  # someone who writes to the bot while the notices go out
RECIPIENTS = 150


def run_notices(tmp_path: Path) -> tuple[list[float], list[float], float, int, int]:
    """Publish to 150 participants with answers, send both notices while one person gets a
    reply; the notice moments, the reply's wait and moment, and how many of each were sent."""

    async def main(loop: VirtualTimeLoop) -> tuple[list[float], list[float], float, int, int]:
        config = example_config(tmp_path / "tingbot.sqlite3")
        storage = await Storage.open(config.database)
        try:
            deps = Deps(config, storage, clock=lambda: NOW)
            deps.catalogs = await sync_catalogs(storage, config, NOW)
            consultation = config.consultations[0]
            catalog = deps.catalogs[consultation.key]
            question = catalog.active_questions[0].id
            for n in range(RECIPIENTS):
                who = await storage.participants.join(
                    catalog.consultation_id, 10_000 + n, "P", catalog.groups[0].id, None, NOW
                )
                await storage.answers.add_answer(
                    who.id, question, f"Svar {n}", who.telegram_id, 1, NOW
                )
            record = await storage.summaries.start_publication(
                catalog.consultation_id, 1, "h", consultation.channel, "…", NOW
            )
            await storage.summaries.finish_publication(record.id, "posted", NOW)
            publication = await storage.summaries.publication(record.id)
            assert publication is not None
            decision = await storage.outcomes.start_decision(
                catalog.consultation_id, 1, record.id, "Vedteke.", "Møtet", "", NOW
            )
            telegram = FakeTelegram(loop.time, 0.05)
            bot: ExtBot[None] = ExtBot(
                TOKEN, request=telegram, rate_limiter=SmoothRateLimiter(clock=loop.time)
            )
            await bot.initialize()

            async def reply_meanwhile() -> float:
                await asyncio.sleep(2.0)
                start = loop.time()
                await bot.send_message(ASKER, "✅ Lagra")
                return loop.time() - start

            first, waited, second = await asyncio.gather(
                notify_publication(deps, bot, consultation, publication),
                reply_meanwhile(),
                notify_decision(deps, bot, consultation, decision),
            )
            await bot.shutdown()
            sends = [c for c in telegram.calls if c.method == "sendMessage"]
            notices = [c.at for c in sends if c.params["chat_id"] != ASKER]
            [reply] = [c.at for c in sends if c.params["chat_id"] == ASKER]
            return notices, [reply], waited, first.sent, second.sent
        finally:
            await storage.close()

    return run_virtual(main)


def test_notices_keep_to_30_a_second_and_replies_go_first(tmp_path: Path) -> None:
    notices, [reply], waited, published, decided = run_notices(tmp_path)
    assert (published, decided) == (RECIPIENTS, RECIPIENTS)
    assert len(notices) == 2 * RECIPIENTS
    assert busiest_window(notices) <= 30
    # The reply waited at most about one spacing behind the broadcast, not for its 300 sends
    # (about ten seconds); most notices went after it.
    assert waited < 0.2
    assert sum(1 for t in notices if t > reply) > RECIPIENTS
