"""Translated texts (gettext catalogues read with Babel) and localised dates.

Message ids are English source texts with `{named}` placeholders. Every catalogue under
`bot/locales/<language>/*.po` is read at start-up; Nynorsk is the default and the fallback.
Placeholder values are HTML-escaped, because every message is sent with parse mode HTML;
pass `Html(...)` for a value that is already safe HTML.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo

from babel.dates import format_datetime, format_timedelta
from babel.messages.pofile import read_po

DEFAULT_LANGUAGE = "nn"
LANGUAGES = ("nn", "nb", "en")
LANGUAGE_NAMES = {"nn": "Nynorsk", "nb": "Bokmål", "en": "English"}
Translate = Callable[..., str]


class Html(str):
    """A string that is already HTML and must not be escaped again."""

    __slots__ = ()


def esc(value: object) -> str:
    """`value` as text that is safe inside HTML."""
    return html.escape(str(value), quote=False)


def N_(message: str) -> str:
    """Mark `message` for the catalogues without translating it here."""
    return message


@cache
def catalogue(language: str) -> dict[str, str]:
    """Message id → translation for `language`, merged from all its .po files."""
    messages: dict[str, str] = {}
    folder = resources.files("bot.locales").joinpath(language)
    if not folder.is_dir():
        return messages
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".po"):
            continue
        with entry.open("rb") as handle:
            for message in read_po(handle, locale=language):
                msgid, text = message.id, message.string
                if msgid and isinstance(msgid, str) and isinstance(text, str) and text:
                    messages[msgid] = text
    return messages


def gettext(language: str, message: str) -> str:
    """The translation of `message`, falling back to Nynorsk and then to the id itself."""
    found = catalogue(language).get(message)
    if found is None and language != DEFAULT_LANGUAGE:
        found = catalogue(DEFAULT_LANGUAGE).get(message)
    return found if found is not None else message


@cache
def translator(language: str) -> Translate:
    """A `_(message, **values)` function for `language` that escapes the values (one per language)."""

    def _(message: str, **values: object) -> str:
        text = gettext(language, message)
        if not values:
            return text
        safe = {
            k: v if isinstance(v, Html) else html.escape(str(v), quote=False)
            for k, v in values.items()
        }
        return text.format(**safe)

    return _


def resolve_language(stored: str | None, telegram_code: str | None, default: str) -> str:
    """The user's stored choice, else Telegram's language code, else the consultation's default."""
    if stored in LANGUAGES:
        return stored
    code = (telegram_code or "").lower().split("-")[0]
    if code == "nn":
        return "nn"
    if code in ("nb", "no"):
        return "nb"
    if code == "en":
        return "en"
    return default if default in LANGUAGES else DEFAULT_LANGUAGE


def format_moment(moment: datetime, zone: str, language: str, style: str = "full") -> str:
    """A moment as local date and time in `zone`, in the user's language."""
    local = moment.astimezone(ZoneInfo(zone))
    pattern = {"full": "EEEE d. MMMM y 'kl.' HH:mm", "short": "d. MMM y HH:mm"}[style]
    if language == "en":
        pattern = {"full": "EEEE d MMMM y, HH:mm", "short": "d MMM y HH:mm"}[style]
    return format_datetime(local, pattern, locale=language)


def format_duration(seconds: float, language: str) -> str:
    """A duration like "3 dagar" or "5 timar" in the user's language."""
    return format_timedelta(timedelta(seconds=seconds), threshold=1.0, locale=language)
