"""After the ting: which answer is in which published point, /mine's view of it, and the one
notice that tells participants it is there.

The points of a version are stored when it is published (before anything is posted), with the
answers each is made of, so what a participant is told about a version never changes with later
curation; a newer posted version replaces it. Notices are sent by a job (services.notices)
through `broadcast` (bulk priority, the rate limiter, claimed once per participant and slot
'outcome:<version>'): never to a participant who turned reminders off or who blocked the bot,
and an erased participant has no row left to send to.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from telegram import Bot

from bot.config.model import Consultation
from bot.context import Deps
from bot.i18n.translator import format_moment, resolve_language, translator
from bot.model.checkback import CheckBackState
from bot.model.outcome import DecisionView, MyOutcome, PointOutcome
from bot.render.outcome import publication_notice
from bot.services.broadcast import BroadcastReport, Outgoing, broadcast
from bot.services.participation import Participation
from storage.models import (
    Answer,
    CheckBack,
    Decision,
    Publication,
    PublishedPoint,
    PublishedPointSpec,
)

if TYPE_CHECKING:
    from bot.model.report import ReportSource

PUBLICATION = "outcome"
DECISION = "decision"
# Notices in flight at once: enough for 30 a second with round trips up to a second, and all a
# hard stop (power loss) can leave claimed but unrecorded (see services.broadcast).
NOTICE_CONCURRENCY = 30
ANSWERED = ("confirmed", "corrected")  # a group's answers to a check-back


def publication_slot(version: int) -> str:
    """The slot of a published version's notices (each participant's reminder_sent row)."""
    return f"{PUBLICATION}:{version}"


def decision_slot(version: int) -> str:
    """The slot of a decision version's notices: its own, apart from the publications'."""
    return f"{DECISION}:{version}"


def published_points(source: ReportSource) -> list[PublishedPointSpec]:
    """Every point a channel post of `source` shows, with the answers it is made of."""
    digest = source.digest
    found = []
    for question in digest.questions:
        summary = question.summary
        answering = len(summary.groups_answering)
        for headline, points in ((True, summary.headline), (False, summary.others)):
            for point in points:
                support = source.support_of(point)
                answers = {digest.points[r].answer_id for r in point.refs if r in digest.points}
                found.append(
                    PublishedPointSpec(
                        question.question.key,
                        point.key,
                        point.label,
                        headline,
                        len(point.groups),
                        answering,
                        support.agree if support else 0,
                        support.votes if support else 0,
                        bool(support and support.common_ground),
                        tuple(sorted(answers)),
                    )
                )
    return found


async def record_points(deps: Deps, publication_id: int, source: ReportSource) -> None:
    """Store what a publication shows, answer by answer (before it is posted)."""
    await deps.storage.outcomes.record_published_points(publication_id, published_points(source))


async def latest_posted(deps: Deps, consultation_id: int) -> Publication | None:
    """The newest publication that reached the channel in full."""
    posted = [
        p
        for p in await deps.storage.summaries.publications(consultation_id)
        if p.status == "posted"
    ]
    return posted[-1] if posted else None


async def latest_decision(deps: Deps, consultation_id: int) -> Decision | None:
    """The newest decision that reached the channel in full."""
    posted = [
        d for d in await deps.storage.outcomes.decisions(consultation_id) if d.status == "posted"
    ]
    return posted[-1] if posted else None


def point_outcome(point: PublishedPoint) -> PointOutcome:
    """A stored published point as /mine and the notices show it."""
    return PointOutcome(
        point.label,
        point.headline,
        point.groups,
        point.groups_answering,
        point.agree,
        point.votes,
        point.common_ground,
    )


def decision_view(decision: Decision) -> DecisionView:
    """A stored decision as the texts show it."""
    return DecisionView(decision.version, decision.text, decision.meeting, decision.minutes_url)


async def my_outcome(deps: Deps, who: Participation, answers: Sequence[Answer]) -> MyOutcome:
    """What became of the participant's answers (an empty view before anything was published)."""
    consultation_id = who.catalog.consultation_id
    publication = await latest_posted(deps, consultation_id)
    decision = await latest_decision(deps, consultation_id)
    shown_decision = decision_view(decision) if decision else None
    if publication is None:
        return MyOutcome(None, decision=shown_decision)
    stored = await deps.storage.outcomes.points_of_answers(publication.id, [a.id for a in answers])
    points: dict[int, tuple[PointOutcome, ...]] = {}
    for point in stored:
        points[point.answer_id] = (*points.get(point.answer_id, ()), point_outcome(point))
    later = frozenset(a.id for a in answers if a.created_at > publication.created_at)
    checkbacks = await deps.storage.checkbacks.group_checkbacks(who.group.id)
    checkback, after = checkback_then_and_since(checkbacks, publication.created_at)
    consultation = who.consultation
    when = format_moment(
        publication.finished_at or publication.created_at,
        consultation.timezone,
        who.language,
        "short",
    )
    return MyOutcome(
        publication.version,
        when,
        publication.channel,
        points,
        later - set(points),
        checkback,
        shown_decision,
        after,
    )


def checkback_then_and_since(
    checkbacks: Sequence[CheckBack], published_at: datetime
) -> tuple[CheckBackState | None, CheckBackState | None]:
    """The group's check-back answer as it stood when the version was published, and a newer
    answer given since (each None when there is none).

    /mine shows a version's points as they were published, so the check-back beside them is
    the one that version could take into account: the group's last answer (confirmed, or
    corrected with its correction) given before it was published. An answer given after it is
    shown apart, as coming after this version, so a participant never reads a correction as
    part of points that were drawn before it was written; the next version takes it in.
    """
    answered = [c for c in checkbacks if c.status in ANSWERED and c.answered_at is not None]
    then = [c for c in answered if c.answered_at is not None and c.answered_at <= published_at]
    since = [c for c in answered if c.answered_at is not None and c.answered_at > published_at]
    return (
        CheckBackState(then[-1].status, then[-1].correction) if then else None,
        CheckBackState(since[-1].status, since[-1].correction) if since else None,
    )


async def reachable(
    deps: Deps, consultation: Consultation, only: Iterable[int] | None = None
) -> tuple[list[tuple[int, int, str]], dict[int, str]]:
    """(participant id, chat, language) of those a notice goes to, and who is skipped and why:
    reminders off, or unreachable (blocked the bot). `only` limits it to those participants."""
    catalog = deps.catalogs[consultation.key]
    wanted = None if only is None else set(only)
    to: list[tuple[int, int, str]] = []
    skipped: dict[int, str] = {}
    for r in await deps.storage.reminders.recipients(catalog.consultation_id):
        if wanted is not None and r.participant_id not in wanted:
            continue
        if not r.reminders:
            skipped[r.participant_id] = "reminders off"
        elif not r.active:
            skipped[r.participant_id] = "inactive"
        else:
            language = resolve_language(r.language, None, consultation.language)
            to.append((r.participant_id, r.telegram_id, language))
    return to, skipped


async def notify_publication(
    deps: Deps, bot: Bot, consultation: Consultation, publication: Publication
) -> BroadcastReport:
    """Tell every participant with answers that the summary is out (once per version)."""
    catalog = deps.catalogs[consultation.key]
    rows = await deps.storage.answers.answers_in(catalog.consultation_id, include_withdrawn=True)
    to, skipped = await reachable(deps, consultation, {r.participant_id for r in rows})
    messages = []
    for participant_id, chat_id, language in to:
        text = publication_notice(
            translator(language), consultation.title.get(language), publication.channel
        )
        messages.append(Outgoing(participant_id, chat_id, text))
    slot = publication_slot(publication.version)
    return await broadcast(
        deps, bot, catalog.consultation_id, slot, messages, skipped, NOTICE_CONCURRENCY
    )
