"""The group's joint answer in its chat: /punkt shows the group's points for a question and
opens polls to weigh them; /gruppesvar chooses (checkboxes) and confirms the joint answer.
Only organisers and the group's referent lead this."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import Context, Deps
from bot.domain.group_answer import shorten
from bot.handlers.discussion.group_common import (
    NOT_LEADER,
    answer_member,
    chat_table,
    chat_translator,
    edit_in_place,
    not_linked,
)
from bot.handlers.shared.common import (
    acknowledge,
    callback_parts,
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
    await _command(update, context, "cp")


async def joint_answer_command(update: Update, context: Context) -> None:
    """/gruppesvar [number]: choose and confirm the group's joint answer to a question."""
    await _command(update, context, "cs")


async def _command(update: Update, context: Context, action: str) -> None:
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
        if action == "cp":
            await send_points(update, d, table, question_id)
        else:
            await send_selection(update, d, table, question_id, fresh=True)
        return
    _ = chat_translator(table)
    rows = [
        [button(f"{n}. {shorten(question_text(table, r.id), 48)}", f"{action}:{r.id}")]
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
        rows.append([button("📊 " + _("Weigh them in a poll"), f"cv:{question_id}")])
    if points:
        rows.append([button("☑️ " + _("Choose the joint answer"), f"cs:{question_id}")])
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
        rows.append([button(label, f"ct:{question_id}:{page}:{point.ref}")])
    if pages > 1:
        nav = []
        if page > 0:
            nav.append(button("◀", f"cg:{question_id}:{page - 1}"))
        nav.append(button(f"{page + 1}/{pages}", f"cg:{question_id}:{page}"))
        if page + 1 < pages:
            nav.append(button("▶", f"cg:{question_id}:{page + 1}"))
        rows.append(nav)
    rows.append([button("✅ " + _("Confirm the joint answer"), f"co:{question_id}")])
    if confirmed:
        rows.append([button("↩️ " + _("Withdraw the joint answer"), f"cx:{question_id}")])
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


async def leader_button(
    update: Update, context: Context, prefix: str, fields: int
) -> tuple[Deps, ChatTable, list[str]] | None:
    """For a leading button: the table and the data fields, or None (after an alert)."""
    d, table = await chat_table(update, context)
    _d, _ = await speak(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, prefix)
    question_id = int_or_none(parts[0]) if len(parts) == fields else None
    valid = table is not None and question_id in [
        q.id for q in table.target.catalog.active_questions
    ]
    if not valid or table is None:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return None
    if not await may_lead(d, table, sender(update).id):
        await acknowledge(query, _(NOT_LEADER), alert=True)
        return None
    return d, table, parts


async def points_button(update: Update, context: Context) -> None:
    """A question picked for /punkt."""
    found = await leader_button(update, context, "cp", 1)
    if found is None:
        return
    d, table, parts = found
    assert update.callback_query is not None
    await acknowledge(update.callback_query)
    await send_points(update, d, table, int(parts[0]))


async def selection_button(update: Update, context: Context) -> None:
    """A question picked for /gruppesvar, or "choose the joint answer" under the points."""
    found = await leader_button(update, context, "cs", 1)
    if found is None:
        return
    d, table, parts = found
    assert update.callback_query is not None
    await acknowledge(update.callback_query)
    await send_selection(update, d, table, int(parts[0]), fresh=True)


async def toggle_button(update: Update, context: Context) -> None:
    """☑️/⬜: check or uncheck a point of the joint answer."""
    found = await leader_button(update, context, "ct", 3)
    if found is None:
        return
    d, table, parts = found
    query = update.callback_query
    assert query is not None
    question_id, page = int(parts[0]), int_or_none(parts[1]) or 0
    points = await svc.group_points(d, table, question_id)
    if await svc.toggle(d, table, question_id, parts[2], points) is None:
        await acknowledge(
            query, chat_translator(table)("This button is no longer valid."), alert=True
        )
        return
    await acknowledge(query)
    text, markup = await selection_view(d, table, question_id, page, fresh=False)
    await edit_in_place(query, text, markup)


async def page_button(update: Update, context: Context) -> None:
    """◀ ▶: another page of the points."""
    found = await leader_button(update, context, "cg", 2)
    if found is None:
        return
    d, table, parts = found
    query = update.callback_query
    assert query is not None
    await acknowledge(query)
    text, markup = await selection_view(d, table, int(parts[0]), int_or_none(parts[1]) or 0, False)
    await edit_in_place(query, text, markup)


async def confirm_button(update: Update, context: Context) -> None:
    """✅: confirm the checked points as the group's joint answer."""
    found = await leader_button(update, context, "co", 1)
    if found is None:
        return
    d, table, parts = found
    query = update.callback_query
    assert query is not None
    question_id = int(parts[0])
    _ = chat_translator(table)
    points = await svc.group_points(d, table, question_id)
    chosen = await svc.confirm(d, table, question_id, sender(update).id, points)
    if not chosen:
        await acknowledge(query, _("Check at least one point first."), alert=True)
        return
    await acknowledge(query)
    log.info("joint answer of group %s confirmed", table.target.group.key)
    text = confirmed_text(
        _, table.target.group.name, question_number(table, question_id), points, chosen
    )
    await query.edit_message_text(text)


async def withdraw_button(update: Update, context: Context) -> None:
    """↩️: withdraw the confirmed joint answer; the members' points count again."""
    found = await leader_button(update, context, "cx", 1)
    if found is None:
        return
    d, table, parts = found
    query = update.callback_query
    assert query is not None
    await svc.withdraw(d, table, int(parts[0]))
    await acknowledge(query)
    _ = chat_translator(table)
    await query.edit_message_text(
        _(
            "The joint answer of {group} to question {number} is withdrawn: the members' points count again.",
            group=table.target.group.name,
            number=question_number(table, int(parts[0])),
        )
    )
