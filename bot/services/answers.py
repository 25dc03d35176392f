"""Taking, editing and withdrawing answers; everything is committed before it is acknowledged."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bot.context import Deps
from bot.domain.answering import (
    LooseText,
    Move,
    first_unanswered,
    is_open,
    step,
    text_problem,
)
from bot.domain.control_chars import neutralise
from bot.services.participation import Participation
from storage.models import Answer as Answer


class Outcome(Enum):
    """What became of a text a participant sent."""

    SAVED = "saved"
    REVISED = "revised"
    CLOSED = "closed"
    EMPTY = "empty"
    TOO_LONG = "too_long"
    NO_QUESTION = "no_question"


@dataclass(frozen=True)
class Taken:
    """The outcome of a text, with the answer it touched and how many the question now has."""

    outcome: Outcome
    answer: Answer | None = None
    count: int = 0
    acknowledged: bool = False  # delivered again: its "saved" reply was sent before


async def take_text(
    deps: Deps, who: Participation, text: str, chat_id: int, message_id: int
) -> Taken:
    """Store `text` as an answer to the current question (or as an edit), if it may be."""
    editing = who.participant.editing_answer_id
    if editing is None:  # the usual case: `take_answer_to` checks the text
        return await take_answer_to(
            deps, who, who.participant.question_id, text, chat_id, message_id
        )
    if not is_open(who.consultation.deadline, deps.clock()):
        return Taken(Outcome.CLOSED)
    text = neutralise(text)
    problem = text_problem(text)
    if problem is not None:
        return Taken(Outcome(problem))
    text = text.strip()
    existing = await deps.storage.answers.answer(editing)
    if existing is not None and existing.participant_id == who.participant.id:
        answer, _ = await deps.storage.answers.revise_answer(
            editing, text, message_id, deps.clock()
        )
        await deps.storage.participants.set_editing(who.participant.id, None)
        return Taken(Outcome.REVISED, answer)
    return await take_answer_to(deps, who, who.participant.question_id, text, chat_id, message_id)


async def take_answer_to(
    deps: Deps,
    who: Participation,
    question_id: int | None,
    text: str,
    chat_id: int,
    message_id: int,
) -> Taken:
    """Store `text` as an answer to `question_id`, once per (chat, message), if it may be.

    Private answers go to the current question; a reply in a group chat to the question it
    replies to. Both are committed before this returns. Control characters and bidi overrides
    are replaced by visible stand-ins first (bot.domain.control_chars).
    """
    if not is_open(who.consultation.deadline, deps.clock()):
        return Taken(Outcome.CLOSED)
    text = neutralise(text)
    problem = text_problem(text)
    if problem is not None:
        return Taken(Outcome(problem))
    if question_id is None or who.question(question_id) is None:
        revised = await deps.storage.answers.revised_by(chat_id, message_id)
        if revised is not None:  # a redelivered edit, already applied: not a new answer
            return Taken(Outcome.REVISED, revised)
        return Taken(Outcome.NO_QUESTION)
    # One write: the redelivered-edit check, the answer and the question's count.
    stored = await deps.storage.answers.take_answer(
        who.participant.id, question_id, text.strip(), chat_id, message_id, deps.clock()
    )
    if stored.revision:
        return Taken(Outcome.REVISED, stored.answer)
    return Taken(Outcome.SAVED, stored.answer, stored.count, stored.acknowledged)


def acknowledged(deps: Deps, answer_id: int) -> None:
    """Record that the "saved" reply to an answer went out (queued: the update does not wait)."""
    deps.storage.answers.mark_acknowledged(answer_id, deps.clock())


async def move(deps: Deps, who: Participation, move: Move, from_question: int | None) -> int | None:
    """Move the cursor from `from_question` and return the new question id (None: done)."""
    target = step(who.order, from_question, move)
    await deps.storage.participants.set_cursor(who.participant.id, target)
    return target


async def resume_point(deps: Deps, who: Participation) -> int | None:
    """Where /svar continues: the cursor, else the first unanswered question."""
    if who.question(who.participant.question_id) is not None:
        return who.participant.question_id
    return await _to_first_unanswered(deps, who)


async def continue_point(deps: Deps, who: Participation) -> int | None:
    """Where a reminder's button continues: the first unanswered question, else as /svar."""
    # A reminder is about what is still missing, so the cursor comes second here.
    target = await _to_first_unanswered(deps, who)
    return target if target is not None else await resume_point(deps, who)


async def _to_first_unanswered(deps: Deps, who: Participation) -> int | None:
    """Put the cursor on the first question without an active answer; None: all answered."""
    answered = {a.question_id for a in await answers_of(deps, who) if a.active}
    target = first_unanswered(who.order, answered)
    if target is not None:
        await deps.storage.participants.set_cursor(who.participant.id, target)
    return target


async def answers_of(deps: Deps, who: Participation) -> list[Answer]:
    """The participant's answers (withdrawn ones too), oldest first."""
    return await deps.storage.answers.answers_of(who.participant.id)


async def go_to(deps: Deps, who: Participation, question_id: int) -> bool:
    """Put the cursor on a question the participant picked; False if it is not asked."""
    if question_id not in who.order:
        return False
    await deps.storage.participants.set_cursor(who.participant.id, question_id)
    return True


async def add_loose_text(
    deps: Deps, who: Participation, loose: LooseText, question_id: int
) -> Taken | None:
    """Store a text sent after the last question as an answer to `question_id` and put the
    cursor there; None if the question is not asked."""
    if not await go_to(deps, who, question_id):
        return None
    return await take_answer_to(deps, who, question_id, loose.text, loose.chat_id, loose.message_id)


async def stop_editing(deps: Deps, who: Participation) -> None:
    """Stop awaiting new text for an answer; the answer stays as it is."""
    await deps.storage.participants.set_editing(who.participant.id, None)


async def own_answer(deps: Deps, who: Participation, answer_id: int) -> Answer | None:
    """The answer if it belongs to this participant (button data can be forged)."""
    answer = await deps.storage.answers.answer(answer_id)
    return answer if answer is not None and answer.participant_id == who.participant.id else None


async def start_edit(deps: Deps, who: Participation, answer_id: int) -> Answer | None:
    """Await new text for one of the participant's answers."""
    answer = await own_answer(deps, who, answer_id)
    if answer is None or not is_open(who.consultation.deadline, deps.clock()):
        return None
    await deps.storage.participants.set_editing(who.participant.id, answer.id)
    return answer


async def set_withdrawn(
    deps: Deps, who: Participation, answer_id: int, withdrawn: bool
) -> Answer | None:
    """Withdraw an answer from summaries, or restore it."""
    answer = await own_answer(deps, who, answer_id)
    if answer is None or not is_open(who.consultation.deadline, deps.clock()):
        return None
    await deps.storage.answers.set_answer_status(
        answer.id, "withdrawn" if withdrawn else "active", deps.clock()
    )
    return await deps.storage.answers.answer(answer.id)
