"""The prelude every button that leads a group's joint answer shares, written once.

Such a button names a question of the group (and sometimes more fields); only the group's
referent or an organiser may press it. `leading(callback, fields)` turns a function of the
checked press into a button handler: forged or stale data and presses by others get an alert
and change nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram import CallbackQuery, Update

from bot.context import Context, Deps
from bot.handlers.discussion.group_common import NOT_LEADER, chat_table
from bot.handlers.shared.callbacks import Callback
from bot.handlers.shared.common import (
    Handler,
    acknowledge,
    callback_parts,
    int_or_none,
    sender,
    speak,
)
from bot.services.groupchat import ChatTable
from bot.services.referents import may_lead


@dataclass(frozen=True)
class LeaderPress:
    """A checked press: the group chat's table, the question and the data's other fields."""

    update: Update
    context: Context
    deps: Deps
    table: ChatTable
    query: CallbackQuery
    question_id: int
    parts: list[str]


LeaderHandler = Callable[[LeaderPress], Coroutine[Any, Any, None]]


def leading(callback: Callback, fields: int) -> Callable[[LeaderHandler], Handler]:
    """A handler for `callback`'s buttons (`fields` parts, the first a question id)."""

    def wrap(handler: LeaderHandler) -> Handler:
        @functools.wraps(handler)
        async def checked(update: Update, context: Context) -> None:
            d, table = await chat_table(update, context)
            _d, _ = await speak(update, context)
            query = update.callback_query
            assert query is not None
            parts = callback_parts(update, callback)
            question_id = int_or_none(parts[0]) if len(parts) == fields else None
            if (
                table is None
                or question_id is None
                or question_id not in [q.id for q in table.target.catalog.active_questions]
            ):
                await acknowledge(query, _("This button is no longer valid."), alert=True)
                return
            if not await may_lead(d, table, sender(update).id):
                await acknowledge(query, _(NOT_LEADER), alert=True)
                return
            await handler(LeaderPress(update, context, d, table, query, question_id, parts))

        return checked

    return wrap
