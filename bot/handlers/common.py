"""Small helpers every handler uses: who is talking, in which language, and replying."""

from __future__ import annotations

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update, User

from bot.context import Context, Deps, deps
from bot.i18n import Translate, translator
from bot.services.participation import Participation, current, language_of


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
    """Answer in the chat the update came from."""
    message = update.effective_message
    if message is None:
        return None
    return await message.reply_text(text, reply_markup=markup, do_quote=False)


async def acknowledge(query: CallbackQuery, text: str | None = None, alert: bool = False) -> None:
    """Answer a button press (Telegram shows a spinner until this is sent)."""
    await query.answer(text, show_alert=alert)


def callback_parts(update: Update, prefix: str) -> list[str]:
    """The fields of callback data `prefix:a:b` (without the prefix)."""
    query = update.callback_query
    data = query.data if query and isinstance(query.data, str) else ""
    return data.split(":")[1:] if data.startswith(prefix + ":") else []


def int_or_none(value: str) -> int | None:
    """`value` as an int, or None when it is not one (forged button data)."""
    try:
        return int(value)
    except ValueError:
        return None
