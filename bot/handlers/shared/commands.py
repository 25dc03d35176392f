"""The command menu (registered in nn, nb and en) and /hjelp."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from datetime import timedelta

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    Update,
)
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import ExtBot

from bot import logs
from bot.context import Context, TingApplication
from bot.handlers.shared.common import reply, speak
from bot.i18n.translator import LANGUAGES, N_, Translate, esc, translator

PARTICIPANT_COMMANDS: tuple[tuple[str, str], ...] = (
    ("svar", N_("Answer the questions (continue where you left off)")),
    ("mine", N_("See, edit or withdraw your answers")),
    ("runde", N_("Agree or disagree with the other groups' points")),
    ("sprak", N_("Choose language: Nynorsk, Bokmål or English")),
    ("kalender", N_("Upcoming meetings, with a calendar file")),
    ("paminningar", N_("Turn reminders on or off")),
    ("mine_data", N_("Everything stored about you")),
    ("slett", N_("Delete everything stored about you")),
    ("hjelp", N_("How tingbot works")),
)
ORGANISER_COMMANDS: tuple[tuple[str, str], ...] = (
    ("status", N_("Progress per group and question")),
    ("lenkjer", N_("Join links and QR codes for the groups")),
    ("oppsummering", N_("Preview and curate the summary")),
    ("publiser", N_("Publish the summary in the council's channel")),
    ("eksport", N_("Export the report (DOCX, Markdown) and the raw data (CSV, JSON)")),
    ("vedtak", N_("Record what the council decided, post it and tell the participants")),
    ("paminn", N_("Send a reminder now")),
    ("kontroll", N_("Send each group how its answers were captured, and see what came back")),
    ("konsoll", N_("A login link to the organisers' console in a browser")),
)
# Participants' commands that organisers use for more. They stay out of ORGANISER_COMMANDS:
# Telegram rejects a menu that names a command twice; /hjelp tells organisers about them.
ORGANISER_USES: tuple[tuple[str, str], ...] = (
    ("runde", N_("Open or close the cross-group round: /runde opne, /runde steng")),
    ("kalender", N_("Meetings: add, change or cancel")),
)
# Commands of a group's Telegram group chat (a group's "table").
GROUP_COMMANDS: tuple[tuple[str, str], ...] = (
    ("sporsmal", N_("Post the questions here (organisers and the referent)")),
    ("referent", N_("Offer to be the group's referent, or see who it is")),
    ("punkt", N_("Show the group's points for a question and weigh them in a poll")),
    ("gruppesvar", N_("Confirm the group's joint answer to a question (the referent)")),
    ("kopla", N_("Link this chat to a group: /kopla <join code> (organisers)")),
    ("frakopla", N_("Unlink this chat from its group (organisers)")),
    ("hjelp", N_("How tingbot works in a group chat")),
)
log = logging.getLogger(__name__)
MENU_RETRY_FIRST = 1.0  # seconds before the menus are tried again; doubled each time
MENU_RETRY_MAX = 300.0
Sleep = Callable[[float], Awaitable[None]]


def menu(
    language: str, commands: tuple[tuple[str, str], ...] = PARTICIPANT_COMMANDS
) -> list[BotCommand]:
    """The command menu in `language`."""
    _ = translator(language)
    return [BotCommand(name, _(description)) for name, description in commands]


async def register_menus(bot: ExtBot[None], organisers: Iterable[int] = ()) -> None:
    """Register the menus of private and group chats: Nynorsk by default, and per language.

    Organisers get their own menu in their private chat (a chat scope wins over the
    all-private-chats scope); Telegram refuses that for someone who has never started the
    bot, which is logged and skipped.
    """
    # Independent calls, made at once: a few round trips, not dozens.
    await _all(
        _set_menus(bot, BotCommandScopeAllPrivateChats(), PARTICIPANT_COMMANDS),
        _set_menus(bot, BotCommandScopeAllGroupChats(), GROUP_COMMANDS),
        *(_organiser_menu(bot, organiser) for organiser in organisers),
    )


async def set_menus(app: TingApplication, sleep: Sleep = asyncio.sleep) -> None:
    """Register every menu, trying again with growing waits while Telegram cannot be reached.

    The bot runs `set_menus` once it polls: the menus are no part of answering updates, and
    Telegram keeps the ones set before meanwhile. A refusal (a bad request, a revoked token) is
    logged once, as trying again would not change it.
    """
    organisers = sorted({o for c in app.bot_data.deps.config.consultations for o in c.organisers})
    wait = MENU_RETRY_FIRST
    while True:
        try:
            await register_menus(app.bot, organisers)
        except TelegramError as error:
            if not _passing(error):
                log.error("command menus refused", extra={"error": _described(error)})
                return
            if isinstance(error, RetryAfter):
                told = error.retry_after
                wait = max(wait, told.total_seconds() if isinstance(told, timedelta) else told)
            log.warning(
                "command menus not set, trying again",
                extra={"error": _described(error), "wait": wait},
            )
            await sleep(wait)
            wait = min(wait * 2, MENU_RETRY_MAX)
            continue
        log.info("command menus set", extra={"organisers": len(organisers)})
        return


def _passing(error: TelegramError) -> bool:
    """A failure that trying again may cure: the network, a timeout, a server error, a flood wait."""
    return isinstance(error, RetryAfter) or (
        isinstance(error, NetworkError) and not isinstance(error, BadRequest)
    )


def _described(error: TelegramError) -> str:
    """The error's kind and Telegram's words."""
    return f"{error.__class__.__name__}: {error.message}"


async def _organiser_menu(bot: ExtBot[None], organiser: int) -> None:
    """The organiser's own menu; Telegram refuses it until they have started the bot."""
    try:
        await _set_menus(
            bot, BotCommandScopeChat(organiser), PARTICIPANT_COMMANDS + ORGANISER_COMMANDS
        )
    except TelegramError as error:
        if _passing(error):
            raise  # not a refusal: the menus are tried again
        log.warning("no organiser menu for user %s: %s", logs.person(organiser), error)


async def _set_menus(
    bot: ExtBot[None],
    scope: BotCommandScopeAllPrivateChats | BotCommandScopeAllGroupChats | BotCommandScopeChat,
    commands: tuple[tuple[str, str], ...],
) -> None:
    """One menu in Nynorsk (the default), each language, and Bokmål for "no"."""
    await _all(
        bot.set_my_commands(menu("nn", commands), scope=scope),
        *(
            bot.set_my_commands(menu(language, commands), scope=scope, language_code=language)
            for language in LANGUAGES
        ),
        bot.set_my_commands(menu("nb", commands), scope=scope, language_code="no"),
    )


async def _all(*calls: Awaitable[object]) -> None:
    """Make the calls at once and let every one finish; then raise the first failure, if any.

    (A plain gather raises at the first failure while the other calls go on unwatched, and a
    second attempt would overlap them.)
    """
    for outcome in await asyncio.gather(*calls, return_exceptions=True):
        if isinstance(outcome, BaseException):
            raise outcome


def help_lines(_: Translate, commands: tuple[tuple[str, str], ...]) -> list[str]:
    """One line per command for /hjelp; descriptions are plain text (menus), so escaped here."""
    return [f"/{name} – {esc(_(description))}" for name, description in commands]


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
    lines += help_lines(_, PARTICIPANT_COMMANDS)
    user = update.effective_user
    if user and any(user.id in c.organisers for c in d.config.consultations) and ORGANISER_COMMANDS:
        lines += ["", _("<b>For organisers</b>")]
        lines += help_lines(_, ORGANISER_COMMANDS + ORGANISER_USES)
    await reply(update, "\n".join(lines))
