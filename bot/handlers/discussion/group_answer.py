"""The group's joint answer in its chat: /punkt shows the group's points for a question and
opens polls to weigh them; /gruppesvar chooses (checkboxes) and confirms the joint answer.
Only organisers and the group's referent lead this."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import Context, Deps
from bot.domain.shortening import shorten
from bot.handlers.discussion.group_common import (
    NOT_LEADER,
    answer_member,
    chat_table,
    chat_translator,
    edit_in_place,
    not_linked,
)
from bot.handlers.discussion.leading import LeaderPress, leading
from bot.handlers.shared import callbacks as cb
from bot.handlers.shared.common import (
    acknowledge,
    int_or_none,
    reply,
    sender,
    speak,
)
from bot.handlers.shared.keyboards import button
from bot.render.groupchat import confirmed_text, points_text
from bot.services import group_answers as svc
from bot.services.groupchat import ChatTable
from bot.services.referents import may_lead

if TYPE_CHECKING:
    from bot.domain.summary import Point

log = logging.getLogger(__name__)
PAGE = 8


def question_number(table: ChatTable, question_id: int) -> int:
    """The question's number among the active questions (0 when it is not asked)."""
    order = [q.id for q in table.target.catalog.active_questions]
    return order.index(question_id) + 1 if question_id in order else 0


def question_text(table: ChatTable, question_id: int) -> str:
    """The question's text in the chat's language."""
    record = table.target.catalog.question(question_id)
    question = table.target.consultation.question(record.key) if record else None
    return question.text.get(table.language) if question else ""


async def points_command(update: Update, context: Context) -> None:
    """/punkt [number]: the group's points for a question (a question list without a number)."""
    await _command(update, context, cb.POINTS)


async def joint_answer_command(update: Update, context: Context) -> None:
    """/gruppesvar [number]: choose and confirm the group's joint answer to a question."""
    await _command(update, context, cb.SELECTION)


async def _command(update: Update, context: Context, action: cb.Callback) -> None:
    """Shared by /punkt and /gruppesvar: check who asks, then a question or the list."""
    d, table = await chat_table(update, context)
    if table is None:
        await not_linked(update, context)
        return
    _d, _ = await speak(update, context)
    if not await may_lead(d, table, sender(update).id):
        await answer_member(update, _(NOT_LEADER))
        return
    records = table.target.catalog.active_questions
    number = int_or_none(context.args[0]) if context.args else None
    if number is not None and 1 <= number <= len(records):
        question_id = records[number - 1].id
        if action == cb.POINTS:
            await send_points(update, d, table, question_id)
        else:
            await send_selection(update, d, table, question_id, fresh=True)
        return
    _ = chat_translator(table)
    rows = [
        [button(f"{n}. {shorten(question_text(table, r.id), 48)}", action.build(r.id))]
        for n, r in enumerate(records, start=1)
    ]
    await reply(update, _("Which question?"), InlineKeyboardMarkup(rows))


async def send_points(update: Update, d: Deps, table: ChatTable, question_id: int) -> None:
    """Post the group's points for a question with buttons to weigh them and to choose."""
    _ = chat_translator(table)
    points = await svc.group_points(d, table, question_id)
    weights = svc.weights(await svc.tallies(d, table.group_id, question_id))
    text = points_text(
        _,
        table.target.group.name,
        question_number(table, question_id),
        question_text(table, question_id),
        points,
        weights,
    )
    rows = []
    if len(points) >= 2:
        rows.append([button("📊 " + _("Weigh them in a poll"), cb.POLL.build(question_id))])
    if points:
        rows.append([button("☑️ " + _("Choose the joint answer"), cb.SELECTION.build(question_id))])
    await reply(update, text, InlineKeyboardMarkup(rows) if rows else None)


def selection_keyboard(
    table: ChatTable,
    question_id: int,
    points: list[Point],
    chosen: frozenset[str],
    page: int,
    confirmed: bool,
) -> InlineKeyboardMarkup:
    """Checkboxes for one page of points, page buttons, confirm (and withdraw)."""
    _ = chat_translator(table)
    pages = max(1, -(-len(points) // PAGE))
    page = min(max(page, 0), pages - 1)
    rows: list[list[InlineKeyboardButton]] = []
    for index in range(page * PAGE, min(len(points), (page + 1) * PAGE)):
        point = points[index]
        mark = "☑️" if point.ref in chosen else "⬜"
        label = f"{mark} {index + 1}. {shorten(point.text, 40)}"
        rows.append([button(label, cb.TOGGLE.build(question_id, page, point.ref))])
    if pages > 1:
        nav = []
        if page > 0:
            nav.append(button("◀", cb.PAGE.build(question_id, page - 1)))
        nav.append(button(f"{page + 1}/{pages}", cb.PAGE.build(question_id, page)))
        if page + 1 < pages:
            nav.append(button("▶", cb.PAGE.build(question_id, page + 1)))
        rows.append(nav)
    rows.append(
        [button("✅ " + _("Confirm the joint answer"), cb.CONFIRM_JOINT.build(question_id))]
    )
    if confirmed:
        rows.append(
            [button("↩️ " + _("Withdraw the joint answer"), cb.WITHDRAW_JOINT.build(question_id))]
        )
    return InlineKeyboardMarkup(rows)


async def selection_view(
    d: Deps, table: ChatTable, question_id: int, page: int, fresh: bool
) -> tuple[str, InlineKeyboardMarkup]:
    """The text and keyboard of the choice of the joint answer."""
    _ = chat_translator(table)
    points = await svc.group_points(d, table, question_id)
    if fresh:
        chosen = await svc.start_selection(d, table, question_id, points)
    else:
        chosen = await svc.selection(d, table, question_id)
    tallies = await svc.tallies(d, table.group_id, question_id)
    confirmed = await svc.is_confirmed(d, table, question_id)
    text = points_text(
        _,
        table.target.group.name,
        question_number(table, question_id),
        question_text(table, question_id),
        points,
        svc.weights(tallies),
        selected=chosen,
    )
    text += "\n\n" + _("Check the points that make up the group's joint answer, then confirm.")
    return text, selection_keyboard(table, question_id, points, chosen, page, confirmed)


async def send_selection(
    update: Update, d: Deps, table: ChatTable, question_id: int, fresh: bool
) -> None:
    """Post the choice of the joint answer (pre-checked by the polls, or as confirmed)."""
    if not await svc.group_points(d, table, question_id):
        _ = chat_translator(table)
        await reply(update, _("No one in the group has answered this question yet."))
        return
    text, markup = await selection_view(d, table, question_id, 0, fresh)
    await reply(update, text, markup)


@leading(cb.POINTS, 1)
async def points_button(press: LeaderPress) -> None:
    """A question picked for /punkt."""
    await acknowledge(press.query)
    await send_points(press.update, press.deps, press.table, press.question_id)


@leading(cb.SELECTION, 1)
async def selection_button(press: LeaderPress) -> None:
    """A question picked for /gruppesvar, or "choose the joint answer" under the points."""
    await acknowledge(press.query)
    await send_selection(press.update, press.deps, press.table, press.question_id, fresh=True)


@leading(cb.TOGGLE, 3)
async def toggle_button(press: LeaderPress) -> None:
    """☑️/⬜: check or uncheck a point of the joint answer."""
    d, table, query, parts = press.deps, press.table, press.query, press.parts
    question_id, page = press.question_id, int_or_none(parts[1]) or 0
    points = await svc.group_points(d, table, question_id)
    if await svc.toggle(d, table, question_id, parts[2], points) is None:
        await acknowledge(
            query, chat_translator(table)("This button is no longer valid."), alert=True
        )
        return
    await acknowledge(query)
    text, markup = await selection_view(d, table, question_id, page, fresh=False)
    await edit_in_place(query, text, markup)


@leading(cb.PAGE, 2)
async def page_button(press: LeaderPress) -> None:
    """◀ ▶: another page of the points."""
    await acknowledge(press.query)
    page = int_or_none(press.parts[1]) or 0
    text, markup = await selection_view(press.deps, press.table, press.question_id, page, False)
    await edit_in_place(press.query, text, markup)


@leading(cb.CONFIRM_JOINT, 1)
async def confirm_button(press: LeaderPress) -> None:
    """✅: confirm the checked points as the group's joint answer."""
    d, table, query, question_id = press.deps, press.table, press.query, press.question_id
    _ = chat_translator(table)
    points = await svc.group_points(d, table, question_id)
    chosen = await svc.confirm(d, table, question_id, sender(press.update).id, points)
    if not chosen:
        await acknowledge(query, _("Check at least one point first."), alert=True)
        return
    await acknowledge(query)
    log.info("joint answer of group %s confirmed", table.target.group.key)
    text = confirmed_text(
        _, table.target.group.name, question_number(table, question_id), points, chosen
    )
    await query.edit_message_text(text)


@leading(cb.WITHDRAW_JOINT, 1)
async def withdraw_button(press: LeaderPress) -> None:
    """↩️: withdraw the confirmed joint answer; the members' points count again."""
    d, table, query = press.deps, press.table, press.query
    await svc.withdraw(d, table, press.question_id)
    await acknowledge(query)
    _ = chat_translator(table)
    await query.edit_message_text(
        _(
            "The joint answer of {group} to question {number} is withdrawn: the members' points count again.",
            group=table.target.group.name,
            number=question_number(table, press.question_id),
        )
    )
