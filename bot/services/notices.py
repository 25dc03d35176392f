"""The participants' notices after a publication or a decision, sent by a job, not by the ✅.

The organiser's ✅ posts to the channel and only plans the notices (through `Deps.plan_notices`,
which the composition root points at the job queue), so their chat never waits for a thousand
sends. The job sends the slot ('outcome:<version>' or 'decision:<version>') through `broadcast`,
which claims each participant's row just before their notice, and then records that the slot's
notices are finished. At start-up the newest posted publication and decision of each
consultation whose notices are not recorded as finished are planned again: a run cut off by a
restart sends the rest, nobody twice. An older version that never finished is not resumed: the
newer one's notice has told everyone already.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Bot

from bot.context import Deps
from bot.services.decisions import notify_decision
from bot.services.outcome import (
    DECISION,
    PUBLICATION,
    decision_slot,
    latest_decision,
    latest_posted,
    notify_publication,
    publication_slot,
)
from bot.services.participation import language_of


@dataclass(frozen=True)
class NoticesDone:
    """The counts of a slot's notices over every run, for the organiser who pressed ✅.

    `failed` includes participants claimed by a run that stopped hard before recording them:
    whether they got it is unknown, and they are never sent it again."""

    organiser_id: int
    language: str
    sent: int
    skipped: int
    failed: int


@dataclass(frozen=True)
class UnfinishedNotices:
    """A slot whose notices must be (re)sent."""

    consultation_key: str
    slot_key: str


async def send_notices(
    deps: Deps, bot: Bot, consultation_key: str, slot_key: str
) -> NoticesDone | None:
    """Send the slot's notices not sent yet and record the slot as finished; None when there
    is nothing posted for it (an unknown slot, or a version that never reached the channel)."""
    consultation = deps.consultation(consultation_key)
    consultation_id = deps.catalogs[consultation_key].consultation_id
    kind, _, number = slot_key.partition(":")
    version = int(number) if number.isdigit() else None
    if kind == PUBLICATION:
        publications = await deps.storage.summaries.publications(consultation_id)
        publication = next((p for p in publications if p.version == version), None)
        if publication is None or publication.status != "posted":
            return None
        organiser_id = publication.organiser_id
        await notify_publication(deps, bot, consultation, publication)
    elif kind == DECISION:
        decisions = await deps.storage.outcomes.decisions(consultation_id)
        decision = next((d for d in decisions if d.version == version), None)
        if decision is None or decision.status != "posted":
            return None
        organiser_id = decision.organiser_id
        await notify_decision(deps, bot, consultation, decision)
    else:
        return None
    await deps.storage.outcomes.finish_notices(consultation_id, slot_key, deps.clock())
    counts = await deps.storage.reminders.slot_counts(consultation_id, slot_key)
    return NoticesDone(
        organiser_id,
        await language_of(deps, organiser_id, None),
        counts.get("sent", 0),
        counts.get("skipped", 0),
        counts.get("failed", 0) + counts.get("claimed", 0),
    )


async def unfinished_notices(deps: Deps) -> list[UnfinishedNotices]:
    """The newest posted publication and decision of each consultation whose notices did not
    finish (the bot stopped while sending them, or before it began)."""
    found = []
    for consultation in deps.config.consultations:
        consultation_id = deps.catalogs[consultation.key].consultation_id
        finished = await deps.storage.outcomes.finished_notices(consultation_id)
        publication = await latest_posted(deps, consultation_id)
        decision = await latest_decision(deps, consultation_id)
        slots = [
            publication_slot(publication.version) if publication else None,
            decision_slot(decision.version) if decision else None,
        ]
        for slot in slots:
            if slot is not None and slot not in finished:
                found.append(UnfinishedNotices(consultation.key, slot))
    return found
