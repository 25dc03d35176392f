"""What the council decided: /vedtak's use cases (a browser console can call the same).

A decision is read from what the organiser wrote (`domain.decision`), shown as a draft with the
channel post it makes, and recorded on confirmation: as version n+1 'posting' before anything
is sent, then posted to the channel (a bulk send), then 'posted' or 'failed'. Then a job
(services.notices) sends each participant a short notice (same filters as the publication
notice: not with reminders off, not when unreachable; claimed once per participant in the
decision's own slot 'decision:<version>') with the decision and the points of the latest
published summary their answers were part of.

Between the preview and ✅ the draft is kept per organiser in memory (`Deps.awaiting`, as a kind
of its own): it is short-lived, and after a restart the organiser sends /vedtak again.
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass
from datetime import timedelta

from telegram import Bot

from bot.config.model import Consultation
from bot.context import Deps
from bot.domain.decision import NO_LINK, DecisionInput, Problem, check_decision, read_decision
from bot.i18n.translator import translator
from bot.model.outcome import DecisionView
from bot.render.outcome import decision_notice, decision_post
from bot.services.broadcast import BroadcastReport, Outgoing, broadcast
from bot.services.outcome import (
    NOTICE_CONCURRENCY,
    decision_slot,
    latest_posted,
    point_outcome,
    reachable,
)
from bot.services.publishing import ChannelSender, publishing_lock
from storage.models import Decision, Publication

PENDING_FOR = timedelta(minutes=30)
TOKEN_LENGTH = 12  # hex digits of the draft's hash in the ✅ button


@dataclass(frozen=True)
class DecisionDraft:
    """A decision ready to record: its version, the summary it answers and its channel post."""

    consultation_key: str
    consultation_id: int
    version: int
    given: DecisionInput
    publication: Publication | None
    post: str

    @property
    def view(self) -> DecisionView:
        """The decision as the texts show it."""
        return DecisionView(
            self.version, self.given.text, self.given.meeting, self.given.minutes_url
        )

    @property
    def token(self) -> str:
        """A short hash of everything the draft records and posts: the ✅ button names it."""
        given = self.given
        fields = (self.consultation_key, str(self.version), given.meeting, given.minutes_url)
        content = "\x00".join((*fields, given.text, self.post))
        return hashlib.sha256(content.encode()).hexdigest()[:TOKEN_LENGTH]


class DecisionFailed(Exception):
    """Posting the decision stopped; `decision` is what is on record, `cause` why."""

    def __init__(self, decision: Decision, cause: Exception) -> None:
        super().__init__(str(cause))
        self.decision = decision
        self.cause = cause


async def draft_decision(
    deps: Deps, consultation: Consultation, written: str
) -> DecisionDraft | Problem:
    """The draft of the decision in `written`, or what is wrong with it (nothing is stored)."""
    given = read_decision(written)
    if isinstance(given, str):
        return given
    return await _draft(deps, consultation, given)


async def draft_decision_parts(
    deps: Deps, consultation: Consultation, meeting: str, minutes_url: str, text: str
) -> DecisionDraft | Problem:
    """The same draft from the three parts given apart (the console's form; an empty link is
    "no minutes yet"), or what is wrong with them (nothing is stored)."""
    given = check_decision(meeting, minutes_url.strip() or NO_LINK, text)
    if isinstance(given, str):
        return given
    return await _draft(deps, consultation, given)


async def recorded_decisions(deps: Deps, consultation: Consultation) -> list[Decision]:
    """Every version recorded for the consultation, oldest first (failed ones too)."""
    return await deps.storage.outcomes.decisions(deps.catalogs[consultation.key].consultation_id)


async def _draft(deps: Deps, consultation: Consultation, given: DecisionInput) -> DecisionDraft:
    """The draft of `given`: the next version, the summary it answers, its channel post."""
    consultation_id = deps.catalogs[consultation.key].consultation_id
    earlier = await deps.storage.outcomes.decisions(consultation_id)
    version = max((d.version for d in earlier), default=0) + 1
    publication = await latest_posted(deps, consultation_id)
    view = DecisionView(version, given.text, given.meeting, given.minutes_url)
    post = decision_post(
        translator(consultation.language),
        consultation.title.get(consultation.language),
        view,
        publication.version if publication else None,
    )
    return DecisionDraft(consultation.key, consultation_id, version, given, publication, post)


def decision_lock(consultation_key: str) -> asyncio.Lock:
    """The one lock around recording a consultation's decision (the chat's ✅ and the
    console's confirmation alike), so two organisers cannot both record version n+1."""
    return publishing_lock("decision:" + consultation_key)


def keep_pending(deps: Deps, organiser_id: int, draft: DecisionDraft) -> None:
    """Keep the draft until the organiser confirms it (a newer draft replaces it)."""
    deps.awaiting.begin(organiser_id, draft, deps.clock() + PENDING_FOR)


def pending(deps: Deps, organiser_id: int) -> DecisionDraft | None:
    """The organiser's draft awaiting ✅, if it has not expired."""
    return deps.awaiting.active(organiser_id, DecisionDraft, deps.clock())


def drop_pending(deps: Deps, organiser_id: int) -> DecisionDraft | None:
    """Forget the organiser's draft; return it."""
    return deps.awaiting.end(organiser_id, DecisionDraft)


async def still_current(deps: Deps, draft: DecisionDraft) -> bool:
    """Whether the draft's version is still the next one (no one recorded another meanwhile)."""
    earlier = await deps.storage.outcomes.decisions(draft.consultation_id)
    return max((d.version for d in earlier), default=0) + 1 == draft.version


async def record_decision(
    deps: Deps, draft: DecisionDraft, organiser_id: int, sender: ChannelSender
) -> Decision:
    """Record the decision and post it to the channel; raise DecisionFailed (recorded)."""
    given = draft.given
    record = await deps.storage.outcomes.start_decision(
        draft.consultation_id,
        organiser_id,
        draft.publication.id if draft.publication else None,
        given.text,
        given.meeting,
        given.minutes_url,
        deps.clock(),
    )
    try:
        if record.version != draft.version:
            raise RuntimeError(f"expected version {draft.version}, the record is {record.version}")
        message_id = await sender.text(draft.post)
        await deps.storage.outcomes.record_decision_message(record.id, message_id)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
        await deps.storage.outcomes.finish_decision(record.id, "failed", deps.clock(), error)
        raise DecisionFailed(await _reread(deps, record.id), exc) from exc
    await deps.storage.outcomes.finish_decision(record.id, "posted", deps.clock())
    return await _reread(deps, record.id)


async def notify_decision(
    deps: Deps, bot: Bot, consultation: Consultation, decision: Decision
) -> BroadcastReport:
    """Send each reachable participant the decision with the points their answers were in."""
    points = (
        await deps.storage.outcomes.points_by_participant(decision.publication_id)
        if decision.publication_id is not None
        else {}
    )
    to, skipped = await reachable(deps, consultation)
    view = DecisionView(decision.version, decision.text, decision.meeting, decision.minutes_url)
    messages = []
    for participant_id, chat_id, language in to:
        theirs = [point_outcome(p) for p in points.get(participant_id, [])]
        text = decision_notice(translator(language), consultation.title.get(language), view, theirs)
        messages.append(Outgoing(participant_id, chat_id, text))
    slot = decision_slot(decision.version)
    return await broadcast(
        deps, bot, decision.consultation_id, slot, messages, skipped, NOTICE_CONCURRENCY
    )


async def _reread(deps: Deps, decision_id: int) -> Decision:
    """A decision as stored now."""
    found = await deps.storage.outcomes.decision(decision_id)
    assert found is not None
    return found
