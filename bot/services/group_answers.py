"""A group's joint answer: its members' points, polls that weigh them, and the confirmation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.config.model import Consultation
from bot.context import Deps
from bot.domain.group_answer import PollTally, preselect, toggled
from bot.services.groupchat import ChatTable
from bot.services.participation import membership_in
from storage.models import GroupPoll as GroupPoll

if TYPE_CHECKING:
    from bot.domain.summary import Point


async def group_points(deps: Deps, table: ChatTable, question_id: int) -> list[Point]:
    """The points of the group's active answers to a question, in the order written."""
    # The summary's domain is imported when first used, not when the bot starts.
    from bot.domain.summary import answer_points

    rows = await deps.storage.answers.answers_in(table.target.catalog.consultation_id)
    key = table.target.group.key
    return [
        point
        for row in rows
        if row.group_id == table.group_id and row.question_id == question_id
        for point in answer_points(row.answer_id, key, row.participant_id, row.text)
    ]


async def record_poll(deps: Deps, poll: GroupPoll, opened_by: int) -> None:
    """Remember a poll the bot sent (before anyone can vote in it)."""
    await deps.storage.discussion.add_poll(poll, opened_by, deps.clock())


async def record_poll_answer(
    deps: Deps, poll_id: str, telegram_id: int, options: list[int]
) -> bool:
    """Store a participant's choice in a group's poll (replacing the earlier one).

    Votes of people who are not participants of the poll's group are not stored (they never
    consented); False when nothing was stored.
    """
    poll = await deps.storage.discussion.poll(poll_id)
    if poll is None:
        return False
    catalog = next((c for c in deps.catalogs.values() if c.group(poll.group_id)), None)
    if catalog is None:
        return False
    participant = await membership_in(deps, telegram_id, catalog.consultation_id)
    if participant is None or participant.group_id != poll.group_id:
        return False
    valid = [o for o in options if 0 <= o < len(poll.refs)]
    await deps.storage.discussion.record_poll_vote(poll_id, telegram_id, valid, deps.clock())
    return True


async def record_poll_result(deps: Deps, poll_id: str, counts: list[int], voters: int) -> bool:
    """Store a poll's counts from a Poll update; False for polls the bot does not know."""
    return await deps.storage.discussion.record_poll_counts(poll_id, counts, voters)


async def tallies(deps: Deps, group_id: int, question_id: int) -> list[PollTally]:
    """The results of a group's polls for a question.

    Non-anonymous polls count the stored votes of the group's participants; anonymous ones
    the counts Telegram reported.
    """
    result = []
    for poll in await deps.storage.discussion.polls_for(group_id, question_id):
        if poll.anonymous:
            counts = tuple(
                poll.counts[i] if i < len(poll.counts) else 0 for i in range(len(poll.refs))
            )
            result.append(PollTally(poll.refs, counts, poll.voters))
            continue
        votes = await deps.storage.discussion.poll_votes(poll.poll_id)
        chosen = [sum(i in options for options in votes.values()) for i in range(len(poll.refs))]
        result.append(PollTally(poll.refs, tuple(chosen), len(votes)))
    return result


def weights(polls: list[PollTally]) -> dict[str, tuple[int, int]]:
    """Ref → (how many chose it, how many voted in its poll), from the latest poll of each ref."""
    found: dict[str, tuple[int, int]] = {}
    for poll in polls:
        for ref, count in zip(poll.refs, poll.counts, strict=False):
            found[ref] = (count, poll.voters)
    return found


async def start_selection(
    deps: Deps, table: ChatTable, question_id: int, points: list[Point]
) -> frozenset[str]:
    """Begin choosing the joint answer: the confirmed points, else those the polls favour."""
    refs = [p.ref for p in points]
    existing = await deps.storage.discussion.group_answer(table.group_id, question_id)
    if existing is not None and existing.confirmed is not None:
        selection = frozenset(r for r in existing.confirmed if r in refs)
    else:
        selection = preselect(refs, await tallies(deps, table.group_id, question_id))
    await deps.storage.discussion.set_selection(table.group_id, question_id, selection)
    return selection


async def selection(deps: Deps, table: ChatTable, question_id: int) -> frozenset[str]:
    """The points chosen so far."""
    found = await deps.storage.discussion.group_answer(table.group_id, question_id)
    return frozenset() if found is None else found.selected


async def is_confirmed(deps: Deps, table: ChatTable, question_id: int) -> bool:
    """Whether the group has confirmed a joint answer to the question."""
    found = await deps.storage.discussion.group_answer(table.group_id, question_id)
    return found is not None and found.confirmed is not None


async def toggle(
    deps: Deps, table: ChatTable, question_id: int, ref: str, points: list[Point]
) -> frozenset[str] | None:
    """Check or uncheck one of the group's points; None if `ref` is not one of them."""
    if ref not in {p.ref for p in points}:
        return None
    chosen = toggled(await selection(deps, table, question_id), ref)
    await deps.storage.discussion.set_selection(table.group_id, question_id, chosen)
    return chosen


async def confirm(
    deps: Deps, table: ChatTable, question_id: int, by: int, points: list[Point]
) -> frozenset[str]:
    """Confirm the checked points (that still exist) as the group's answer; empty: nothing."""
    refs = {p.ref for p in points}
    chosen = frozenset(r for r in await selection(deps, table, question_id) if r in refs)
    if chosen:
        await deps.storage.discussion.confirm_group_answer(
            table.group_id, question_id, chosen, by, deps.clock()
        )
    return chosen


async def withdraw(deps: Deps, table: ChatTable, question_id: int) -> None:
    """Drop the group's confirmed answer: its members' points count again."""
    await deps.storage.discussion.withdraw_group_answer(table.group_id, question_id)


async def confirmed_answers(
    deps: Deps, consultation: Consultation
) -> dict[int, dict[str, frozenset[str]]]:
    """Question id → group key → the confirmed point refs, for the summary."""
    catalog = deps.catalogs[consultation.key]
    result: dict[int, dict[str, frozenset[str]]] = {}
    for answer in await deps.storage.discussion.confirmed_group_answers(catalog.consultation_id):
        group = catalog.group(answer.group_id)
        if group is not None and answer.confirmed:
            result.setdefault(answer.question_id, {})[group.key] = answer.confirmed
    return result


async def confirmed_questions(deps: Deps, consultation: Consultation) -> dict[str, tuple[str, ...]]:
    """For /status: group key → keys of the questions its joint answer is confirmed for.

    Every active group of the consultation is present (with () when it confirmed none); the
    question keys are in question order.
    """
    from bot.domain.summary import natural_key

    catalog = deps.catalogs[consultation.key]
    confirmed = await confirmed_answers(deps, consultation)
    result: dict[str, tuple[str, ...]] = {}
    for group in sorted(
        (g for g in catalog.groups if not g.retired), key=lambda g: natural_key(g.key)
    ):
        result[group.key] = tuple(
            q.key for q in catalog.active_questions if group.key in confirmed.get(q.id, {})
        )
    return result
