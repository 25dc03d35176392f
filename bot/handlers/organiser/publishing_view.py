"""What /publiser shows around the post: the channel by its title, and the choice of questions.

A channel configured by its numeric id ("-1001987654321") is named by its title, asked once
with getChat and kept for the life of the process (a title rarely changes; a failed look-up
keeps the id and is asked again next time).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from telegram import Bot, InlineKeyboardButton
from telegram.error import TelegramError

from bot.config.model import Consultation
from bot.context import Deps
from bot.domain.shortening import shorten
from bot.handlers.shared import callbacks as cb
from bot.handlers.shared.keyboards import button

log = logging.getLogger(__name__)
BUTTON_LIMIT = 48  # characters of a question's or theme's label on a toggle button
IN, OUT = "☑️", "⬜"


def numeric(channel: str) -> bool:
    """Whether the channel is configured by its id rather than its @name."""
    return channel.lstrip("-").isdigit()


async def channel_title(deps: Deps, bot: Bot, channel: str) -> str:
    """The channel as organisers know it: its @name, or the title of a channel given by id."""
    if not numeric(channel):
        return channel
    known = deps.channel_titles.get(channel)
    if known is not None:
        return known
    try:
        chat = await bot.get_chat(int(channel))
    except TelegramError as exc:
        log.info("could not look up the channel's title: %s", type(exc).__name__)
        return channel
    title = chat.title or (f"@{chat.username}" if chat.username else channel)
    deps.channel_titles[channel] = title
    return title


def post_link(channel: str, message_id: int) -> str:
    """A link to a posted message: t.me/<name>/<id>, or t.me/c/<id>/<id> for a channel by id."""
    if channel.startswith("@"):
        return f"https://t.me/{channel[1:]}/{message_id}"
    if channel.startswith("-100") and channel[4:].isdigit():
        return f"https://t.me/c/{channel[4:]}/{message_id}"
    return channel


def theme_keys(consultation: Consultation, number: int) -> list[str]:
    """The question keys of the consultation's theme `number` (0-based), [] if there is none."""
    if not 0 <= number < len(consultation.themes):
        return []
    return [q.key for q in consultation.themes[number].questions]


def choice_rows(
    consultation: Consultation, ids: Mapping[str, int], left_out: frozenset[str]
) -> list[list[InlineKeyboardButton]]:
    """A toggle per theme and per question asked (`ids`: key → question id): ☑️ posted, ⬜ left
    out of the channel post."""
    language = consultation.language
    rows = []
    number = 0
    for theme_number, theme in enumerate(consultation.themes):
        keys = [q.key for q in theme.questions]
        whole = OUT if all(k in left_out for k in keys) else IN
        label = shorten(f"{whole} {theme.title.get(language)}", BUTTON_LIMIT)
        rows.append([button(label, cb.PUBLISH_CHOICE.build("t", theme_number))])
        for question in theme.questions:
            number += 1
            question_id = ids.get(question.key)
            if question_id is None:
                continue
            mark = OUT if question.key in left_out else IN
            text = shorten(f"{mark} {number}. {question.text.get(language)}", BUTTON_LIMIT)
            rows.append([button(text, cb.PUBLISH_CHOICE.build("q", question_id))])
    return rows
