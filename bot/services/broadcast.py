"""Sending one slot's messages to many participants: each claimed just before it is sent.

A recipient's row is claimed (committed) right before their message is sent, and only the run
that claimed it sends, so a slot reaches each participant at most once however often it runs;
a run that stops half-way leaves the rest unclaimed for the next run. At most `concurrency`
messages are claimed and not yet recorded at any moment, and when the run is cancelled (the bot
stops) those are still sent and recorded before it ends: only a hard stop (power loss) leaves
them 'claimed', never to be sent again. Messages go out concurrently and the bot's rate limiter
spaces them (about 30 a second): a plain loop would wait for every round trip in turn. One
recipient's failure never stops the others: `Forbidden` (they blocked the bot) marks the
participant inactive, anything else is recorded with its error.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import Forbidden, TelegramError

from bot.context import Deps
from bot.transport.priority import bulk_sends

log = logging.getLogger(__name__)
CONCURRENCY = 100


@dataclass(frozen=True)
class Outgoing:
    """One message for one participant."""

    participant_id: int
    chat_id: int
    text: str
    markup: InlineKeyboardMarkup | None = None


@dataclass(frozen=True)
class BroadcastReport:
    """How a broadcast went: sent, skipped (already had it, or excluded) and failed."""

    sent: int = 0
    skipped: int = 0
    failed: int = 0


async def broadcast(
    deps: Deps,
    bot: Bot,
    consultation_id: int,
    slot_key: str,
    messages: Sequence[Outgoing],
    skipped: Mapping[int, str] | None = None,
    concurrency: int = CONCURRENCY,
) -> BroadcastReport:
    """Claim, send and record the slot's messages; `skipped` (participant → why) is recorded."""
    excluded = dict(skipped or {})
    reminders = deps.storage.reminders
    if excluded:
        await reminders.claim_reminders(consultation_id, slot_key, (), excluded, deps.clock())
    pending = iter(messages)
    inflight: set[asyncio.Task[bool | None]] = set()
    results: list[bool | None] = []  # None: another run had claimed it

    async def deliver(message: Outgoing) -> bool | None:
        claimed = await reminders.claim_reminders(
            consultation_id, slot_key, (message.participant_id,), {}, deps.clock()
        )
        if not claimed:
            return None
        error = await _send(bot, message)
        if isinstance(error, Forbidden):
            await deps.storage.participants.set_active(message.participant_id, False)
        status = "sent" if error is None else "failed"
        await reminders.finish_reminder(
            consultation_id,
            slot_key,
            message.participant_id,
            status,
            deps.clock(),
            "" if error is None else _describe(error),
        )
        return error is None

    async def worker() -> None:
        for message in pending:
            task = asyncio.create_task(deliver(message))
            inflight.add(task)
            task.add_done_callback(inflight.discard)
            # Shielded: once claimed, a message is sent and recorded even if the run is stopped.
            results.append(await asyncio.shield(task))

    with bulk_sends():  # after every reply: a person who just wrote never waits for this
        try:
            await asyncio.gather(
                *(worker() for _ in range(max(1, min(concurrency, len(messages)))))
            )
        except asyncio.CancelledError:
            if inflight:
                await asyncio.wait(set(inflight))
            log.info("slot %s stopped after %d message(s)", slot_key, len(results))
            raise
    report = BroadcastReport(
        sent=results.count(True),
        skipped=results.count(None) + len(excluded),
        failed=results.count(False),
    )
    log.info(
        "slot %s: %d sent, %d skipped, %d failed",
        slot_key,
        report.sent,
        report.skipped,
        report.failed,
    )
    return report


async def _send(bot: Bot, message: Outgoing) -> Exception | None:
    """Send one message; the error instead of raising it, so the others go on."""
    try:
        await bot.send_message(message.chat_id, message.text, reply_markup=message.markup)
    except TelegramError as exc:
        log.warning("reminder to participant %s failed: %s", message.participant_id, exc)
        return exc
    except Exception as exc:  # one broken send must not stop the broadcast
        log.exception("reminder to participant %s failed", message.participant_id)
        return exc
    return None


def _describe(error: Exception) -> str:
    """The error as recorded: its kind and Telegram's description."""
    kind, text = type(error).__name__, str(error)
    return text if text.startswith(kind) else f"{kind}: {text}"
