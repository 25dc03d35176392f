"""Answering in private chat: the question prompt, text answers, navigation and /svar."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Update

from bot.context import Context
from bot.domain.answering import LOOSE_TEXT_KEPT, LooseText, Move
from bot.domain.shortening import shorten
from bot.handlers.shared import callbacks as cb
from bot.handlers.shared.common import (
    acknowledge,
    callback_parts,
    int_or_none,
    participation,
    remove_buttons,
    reply,
    sender,
)
from bot.handlers.shared.keyboards import (
    button,
    prepared_question_keyboard,
    question_keyboard,
    questions_keyboard,
)
from bot.i18n.translator import N_, Translate, translator
from bot.render.prompts import question_prompt
from bot.services import answers as svc
from bot.services.answers import Outcome
from bot.services.participation import Participation

log = logging.getLogger(__name__)
BUTTON_LIMIT = 48  # characters of a question's button: cut at a word, with "…"
CLOSED = N_(
    "The deadline for answers has passed, so nothing was stored. Thank you for taking part!"
)
NOT_JOINED = N_(
    "You have not joined a group yet. Open the link for your group that the organisers shared."
)


async def send_question(
    update: Update, context: Context, who: Participation, question_id: int | None
) -> None:
    """Pose a question with progress and navigation; when done, say so and offer a choice."""
    _ = translator(who.language)
    found = who.question(question_id)
    if found is None:
        await send_done(update, who, _)
        return
    record, question = found
    order = who.order
    answers = [
        a
        for a in await svc.answers_of(context.bot_data.deps, who)
        if a.active and a.question_id == record.id
    ]
    theme = who.consultation.theme_of(question.key)
    text = question_prompt(
        _, theme, question, order.index(record.id) + 1, len(order), who.language, len(answers)
    )
    await reply(
        update, text, question_keyboard(_, record.id, order.index(record.id) == 0, bool(answers))
    )


def question_buttons(who: Participation) -> list[tuple[int, str]]:
    """(question id, "3. Kva tiltak …") for every question asked, cut at a word for a button."""
    entries = []
    for number, qid in enumerate(who.order, start=1):
        found = who.question(qid)
        if found:
            label = shorten(f"{number}. {found[1].text.get(who.language)}", BUTTON_LIMIT)
            entries.append((qid, label))
    return entries


async def send_done(update: Update, who: Participation, _: Translate) -> None:
    """The end of the questions: thanks, and buttons to go back to any question."""
    text = _(
        "Thank you! You have been through all the questions. /mine shows your answers; pick a question below to add more."
    )
    await reply(update, text, questions_keyboard(question_buttons(who)))


async def offer_loose_text(update: Update, context: Context, who: Participation) -> None:
    """A text after the last question: say it was not stored, and offer to add it to one."""
    d, _ = context.bot_data.deps, translator(who.language)
    message = update.effective_message
    assert message is not None and message.text is not None
    loose = LooseText(message.text, message.chat_id, message.message_id)
    d.awaiting.begin(sender(update).id, loose, d.clock() + LOOSE_TEXT_KEPT)
    rows = [
        [button("➕ " + label, cb.LOOSE_TEXT.build(qid, loose.message_id))]
        for qid, label in question_buttons(who)
    ]
    text = _(
        "That text was not stored: you have already been through all the questions. Which question should it be added to?"
    )
    await reply(update, text, InlineKeyboardMarkup(rows))


async def add_loose_text(update: Update, context: Context) -> None:
    """➕ under a text sent after the last question: store it as an answer to that question."""
    d, who, _ = await participation(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, cb.LOOSE_TEXT)
    question_id = int_or_none(parts[0]) if len(parts) == 2 else None
    message_id = int_or_none(parts[1]) if len(parts) == 2 else None
    if who is None or question_id not in who.order or message_id is None:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    user = sender(update)
    loose = d.awaiting.active(user.id, LooseText, d.clock())
    if loose is None or loose.message_id != message_id:
        await acknowledge(
            query,
            _("That text is no longer held. Pick a question with /svar and send it again."),
            alert=True,
        )
        return
    d.awaiting.end(user.id, LooseText)
    await acknowledge(query)
    await remove_buttons(query)
    taken = await svc.add_loose_text(d, who, loose, question_id)
    if taken is not None and taken.outcome is Outcome.SAVED and taken.answer is not None:
        await _saved(context, who, taken, _)
    elif taken is not None and taken.outcome is Outcome.CLOSED:
        await reply(update, _(CLOSED))
    else:
        await send_question(update, context, who, question_id)


async def _saved(context: Context, who: Participation, taken: svc.Taken, _: Translate) -> None:
    """ "✅ Saved (point 2 for question 1)" with the question's buttons; its sending recorded."""
    assert taken.answer is not None
    order = who.order
    qid = taken.answer.question_id
    text = _(
        "✅ Saved (point {count} for question {number}). Write more, or go on.",
        count=taken.count,
        number=order.index(qid) + 1 if qid in order else "?",
    )
    keyboard = prepared_question_keyboard(_, qid, order[:1] == (qid,), True)
    await context.bot.send_prepared(taken.answer.source_chat_id, text, keyboard)
    svc.acknowledged(context.bot_data.deps, taken.answer.id)


async def on_text(update: Update, context: Context) -> None:
    """A text message in private chat: an answer to the current question (or an edit)."""
    d, who, _ = await participation(update, context)
    message = update.effective_message
    assert message is not None and message.text is not None
    if who is None:
        await reply(update, _(NOT_JOINED))
        return
    taken = await svc.take_text(d, who, message.text, message.chat_id, message.message_id)
    if taken.outcome is Outcome.SAVED and taken.acknowledged:
        assert taken.answer is not None  # delivered again after a restart, answered before
        log.info("answer acknowledged before", extra={"answer": taken.answer.id})
    elif taken.outcome is Outcome.SAVED:
        assert taken.answer is not None
        log.info(
            "answer saved", extra={"answer": taken.answer.id, "participant": who.participant.id}
        )
        await _saved(context, who, taken, _)
    elif taken.outcome is Outcome.REVISED:
        await reply(
            update,
            _(
                "✅ Your answer is updated. The earlier text is kept as a revision. /mine shows your answers."
            ),
        )
    elif taken.outcome is Outcome.CLOSED:
        await reply(update, _(CLOSED))
    elif taken.outcome is Outcome.TOO_LONG:
        await reply(
            update,
            _(
                "That message is too long (more than 4,096 characters), so it was not stored. Please split it into several messages."
            ),
        )
    elif taken.outcome is Outcome.EMPTY:
        await reply(update, _("That message has no words in it, so it was not stored."))
    else:
        await offer_loose_text(update, context, who)


async def navigate(update: Update, context: Context) -> None:
    """Next, previous, skip and done buttons under a question."""
    d, who, _ = await participation(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, cb.NAVIGATE)
    moves = {m.value: m for m in Move}
    question_id = int_or_none(parts[1]) if len(parts) == 2 else None
    if who is None or question_id not in who.order or parts[0] not in moves:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    await acknowledge(query)
    target = await svc.move(d, who, moves[parts[0]], question_id)
    await send_question(update, context, who, target)


async def go_to(update: Update, context: Context) -> None:
    """A question picked from the list after the last one."""
    d, who, _ = await participation(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, cb.GO_TO)
    question_id = int_or_none(parts[0]) if len(parts) == 1 else None
    if who is None or question_id is None or not await svc.go_to(d, who, question_id):
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    await acknowledge(query)
    await send_question(update, context, who, question_id)


async def resume(update: Update, context: Context) -> None:
    """/svar: continue where the participant left off."""
    d, who, _ = await participation(update, context)
    if who is None:
        await reply(update, _(NOT_JOINED))
        return
    await send_question(update, context, who, await svc.resume_point(d, who))
