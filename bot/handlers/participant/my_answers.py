"""/mine: a participant's answers per question, with edit, withdraw and restore buttons."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.context import Context
from bot.domain.answering import is_open
from bot.domain.shortening import shorten
from bot.handlers.participant.answering import NOT_JOINED
from bot.handlers.shared import callbacks as cb
from bot.handlers.shared.common import (
    acknowledge,
    callback_parts,
    int_or_none,
    participation,
    reply,
)
from bot.handlers.shared.keyboards import answer_keyboard, undo_keyboard
from bot.i18n.translator import esc
from bot.render.listing import ITEM_LIMIT, pack
from bot.render.outcome import answer_outcome, decision_block, outcome_blocks
from bot.services import answers as svc
from bot.services.outcome import my_outcome


async def show(update: Update, context: Context) -> None:
    """List the participant's answers per question with buttons."""
    d, who, _ = await participation(update, context)
    if who is None:
        await reply(update, _(NOT_JOINED))
        return
    answers = await svc.answers_of(d, who)
    outcome = await my_outcome(d, who, answers)
    if not answers:
        lines = [_("You have no answers yet. /svar starts answering.")]
        if outcome.decision is not None:  # what the council decided concerns everyone
            lines.append(decision_block(_, outcome.decision))
        await reply(update, "\n\n".join(lines))
        return
    lines = [_("<b>Your answers</b> in {group}", group=who.group.name)]
    rows = []
    number = 0
    for position, qid in enumerate(who.order, start=1):
        found = who.question(qid)
        mine = [a for a in answers if a.question_id == qid]
        if not found or not mine:
            continue
        lines.append(
            f"\n<b>{position}. {esc(shorten(found[1].text.get(who.language), ITEM_LIMIT, one_line=False))}</b>"
        )
        for answer in mine:
            number += 1
            mark = "" if answer.active else " " + _("(withdrawn)")
            line = f"{number}. {esc(shorten(answer.text, ITEM_LIMIT, one_line=False))}{mark}"
            became = answer_outcome(_, outcome, answer.id)
            lines.append(f"{line}\n{became}" if became else line)
            rows.append(answer_keyboard(_, answer, number))
    if not is_open(who.consultation.deadline, d.clock()):
        rows = []
        lines.append("\n" + _("The deadline has passed; answers can no longer be changed."))
    lines += outcome_blocks(_, outcome)
    messages = pack(lines)
    for i, text in enumerate(messages, start=1):
        last = i == len(messages)
        await reply(update, text, InlineKeyboardMarkup(rows) if rows and last else None)


async def edit(update: Update, context: Context) -> None:
    """The edit button: the next text message becomes the answer's new text."""
    d, who, _ = await participation(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, cb.EDIT)
    answer_id = int_or_none(parts[0]) if len(parts) == 1 else None
    answer = await svc.start_edit(d, who, answer_id) if who and answer_id is not None else None
    if answer is None:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    await acknowledge(query)
    await reply(
        update,
        _(
            "Send the new text for this answer (or /avbryt to keep it):\n\n<i>{text}</i>",
            text=answer.text,
        ),
    )


async def withdraw(update: Update, context: Context) -> None:
    """Withdraw (prefix w) or restore (prefix r) an answer."""
    d, who, _ = await participation(update, context)
    query = update.callback_query
    assert query is not None and isinstance(query.data, str)
    prefix = query.data[:1]
    parts = callback_parts(update, cb.WITHDRAW if prefix == "w" else cb.RESTORE)
    answer_id = int_or_none(parts[0]) if len(parts) == 1 else None
    answer = (
        await svc.set_withdrawn(d, who, answer_id, withdrawn=prefix == "w")
        if who and answer_id is not None
        else None
    )
    if answer is None:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    await acknowledge(query)
    if prefix == "w":
        await reply(
            update,
            _("🗑 Withdrawn: it will not be part of the summary. <i>{text}</i>", text=answer.text),
            undo_keyboard(_, answer.id),
        )
    else:
        await reply(update, _("↩️ Restored: <i>{text}</i>", text=answer.text))


async def cancel_edit(update: Update, context: Context) -> None:
    """/avbryt: stop waiting for an edited text."""
    d, who, _ = await participation(update, context)
    if who is not None and who.participant.editing_answer_id is not None:
        await svc.stop_editing(d, who)
        await reply(update, _("Cancelled; your answer is unchanged."))
    else:
        await reply(update, _("There is nothing to cancel."))
