"""Small helpers every handler uses: who is talking, in which language, and replying."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update, User
from telegram.constants import ChatType
from telegram.error import BadRequest

from bot.context import Context, Deps, deps
from bot.domain.signing import button_key, sign, verify
from bot.handlers.shared.callbacks import Callback
from bot.i18n.translator import Translate, translator
from bot.services.participation import Participation, current, language_of

log = logging.getLogger(__name__)
Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]


def sender(update: Update) -> User:
    """The user behind an update that handlers accept (filters guarantee one)."""
    user = update.effective_user
    assert user is not None
    return user


async def speak(update: Update, context: Context) -> tuple[Deps, Translate]:
    """The dependencies and a translator in the sender's language."""
    d = deps(context)
    user = update.effective_user
    if user is None:
        return d, translator("nn")
    return d, translator(await language_of(d, user.id, user.language_code))


async def participation(
    update: Update, context: Context
) -> tuple[Deps, Participation | None, Translate]:
    """The sender's current participation (if any) and a translator."""
    d = deps(context)
    user = sender(update)
    who = await current(d, user.id, user.language_code)
    language = who.language if who else await language_of(d, user.id, user.language_code)
    return d, who, translator(language)


async def reply(
    update: Update, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Answer in the chat the update came from (also under a button on an inaccessible message)."""
    message = update.effective_message
    if message is not None:
        return await message.reply_text(text, reply_markup=markup, do_quote=False)
    query = update.callback_query
    if query is not None and query.message is not None:
        return await update.get_bot().send_message(query.message.chat.id, text, reply_markup=markup)
    return None


async def remove_buttons(query: CallbackQuery) -> None:
    """Take the buttons off the message a button was pressed on, when it is still accessible.

    A press delivered twice (pressed twice, or again after a restart) finds them gone already:
    Telegram answers "message is not modified", and that is what was wanted.
    """
    if isinstance(query.message, Message):
        try:
            await query.edit_message_reply_markup(None)
        except BadRequest as exc:
            if not not_modified(exc):
                raise
            log.info("buttons already removed")


def not_modified(error: BaseException | None) -> bool:
    """Whether Telegram refused an edit because the message already is as asked."""
    return isinstance(error, BadRequest) and "message is not modified" in str(error).lower()


async def acknowledge(query: CallbackQuery, text: str | None = None, alert: bool = False) -> None:
    """Answer a button press (Telegram shows a spinner until this is sent).

    A press delivered again after a restart may already be answered, or too old to answer:
    that is not an error worth bothering the user with.
    """
    try:
        await query.answer(text, show_alert=alert)
    except BadRequest as exc:
        if "query" not in str(exc).lower():
            raise
        log.info("button press not answered", extra={"reason": str(exc)})


def callback_parts(update: Update, callback: Callback) -> list[str]:
    """The fields of the pressed button's data after `callback`'s prefix (none if not its)."""
    query = update.callback_query
    return (callback.parse(query.data) if query is not None else None) or []


def int_or_none(value: str) -> int | None:
    """`value` as an int, or None when it is not one (forged button data).

    Numbers beyond SQLite's 64-bit integers are not ids either: looking one up would fail.
    """
    try:
        number = int(value)
    except ValueError:
        return None
    return number if -(2**63) <= number < 2**63 else None


def signed(d: Deps, *fields: object) -> str:
    """A signature for button data that only this bot can make."""
    return sign(button_key(d.config.telegram.token), *fields)


def signature_ok(d: Deps, signature: str, *fields: object) -> bool:
    """Whether button data carries this bot's signature over `fields`."""
    return verify(button_key(d.config.telegram.token), signature, *fields)


def private_button(handler: Handler) -> Handler:
    """Participant buttons exist only in private chats: a press from anywhere else is refused."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: Context) -> None:
        query = update.callback_query
        if query is None:
            return
        chat = query.message.chat if query.message is not None else None
        if chat is None or chat.type != ChatType.PRIVATE or chat.id != query.from_user.id:
            _d, _ = await speak(update, context)
            await acknowledge(query, _("This button is no longer valid."), alert=True)
            return
        await handler(update, context)

    return guarded
