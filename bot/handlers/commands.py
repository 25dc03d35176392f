"""The command menu (registered in nn, nb and en) and /hjelp."""

from __future__ import annotations

import asyncio

from telegram import BotCommand, BotCommandScopeAllPrivateChats, Update
from telegram.ext import ExtBot

from bot.context import Context
from bot.handlers.common import reply, speak
from bot.i18n import LANGUAGES, N_, translator

PARTICIPANT_COMMANDS: tuple[tuple[str, str], ...] = (
    ("svar", N_("Answer the questions (continue where you left off)")),
    ("mine", N_("See, edit or withdraw your answers")),
    ("sprak", N_("Choose language: Nynorsk, Bokmål or English")),
    ("mine_data", N_("Everything stored about you")),
    ("slett", N_("Delete everything stored about you")),
    ("hjelp", N_("How tingbot works")),
)
ORGANISER_COMMANDS: tuple[tuple[str, str], ...] = ()


def menu(language: str) -> list[BotCommand]:
    """The command menu in `language`."""
    _ = translator(language)
    return [BotCommand(name, _(description)) for name, description in PARTICIPANT_COMMANDS]


async def register_menus(bot: ExtBot[None]) -> None:
    """Register the menu for private chats: Nynorsk by default, and per language."""
    scope = BotCommandScopeAllPrivateChats()
    # Independent calls: made at once, start-up waits for one round trip instead of five.
    await asyncio.gather(
        bot.set_my_commands(menu("nn"), scope=scope),
        *(
            bot.set_my_commands(menu(language), scope=scope, language_code=language)
            for language in LANGUAGES
        ),
        bot.set_my_commands(menu("nb"), scope=scope, language_code="no"),
    )


async def help_command(update: Update, context: Context) -> None:
    """/hjelp: what tingbot is and its commands."""
    d, _ = await speak(update, context)
    lines = [
        _(
            "<b>tingbot</b> collects your group's answers to the consultation's questions and compiles them for the council."
        ),
        "",
        _(
            "Join with the link for your group. Then answer each question with one or more messages; every message is a point."
        ),
        "",
    ]
    lines += [f"/{name} – {_(description)}" for name, description in PARTICIPANT_COMMANDS]
    user = update.effective_user
    if user and any(user.id in c.organisers for c in d.config.consultations) and ORGANISER_COMMANDS:
        lines += ["", _("<b>For organisers</b>")]
        lines += [f"/{name} – {_(description)}" for name, description in ORGANISER_COMMANDS]
    await reply(update, "\n".join(lines))
