"""Translated texts (gettext catalogues) and localised dates (Babel).

Message ids are English source texts with `{named}` placeholders. Every catalogue under
`bot/i18n/locales/<language>/*.po` is read at start-up (by `bot.i18n.catalogue`, or by Babel for what that
reader leaves to it); Nynorsk is the default and the fallback.
Placeholder values are HTML-escaped, because every message is sent with parse mode HTML;
pass `Html(...)` for a value that is already safe HTML.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.i18n.catalogue import read_messages

DEFAULT_LANGUAGE = "nn"
LANGUAGES = ("nn", "nb", "en")
LANGUAGE_NAMES = {"nn": "Nynorsk", "nb": "Bokmål", "en": "English"}
Translate = Callable[..., str]
LOCALES = Path(__file__).resolve().with_name("locales")


class Html(str):
    """A string that is already HTML and must not be escaped again."""

    __slots__ = ()


def esc(value: object) -> str:
    """`value` as text that is safe inside HTML."""
    return html.escape(str(value), quote=False)


def N_(message: str) -> str:
    """Mark `message` for the catalogues without translating it here."""
    return message


def P_(singular: str, plural: str) -> str:
    """A message with a singular and a plural form, for `_(P_(…), count=n)`.

    The two ids are joined by NUL, as a compiled .mo file keys them; the translator picks the
    form for `count` (Nynorsk, Bokmål and English: the first form for 1, the second otherwise).
    """
    return f"{singular}{PLURAL_SEPARATOR}{plural}"


PLURAL_SEPARATOR = "\x00"


def plural_form(text: str, count: object) -> str:
    """The form of a plural message (or translation) `text` that goes with `count`."""
    forms = text.split(PLURAL_SEPARATOR)
    if len(forms) == 1:
        return text
    return forms[0] if count == 1 else forms[-1]


@cache
def catalogue(language: str) -> dict[str, str]:
    """Message id → translation for `language`, merged from all its .po files."""
    # The package's own folder: importlib.resources would import its readers at start-up.
    return read_catalogue(LOCALES / language, language)


def read_catalogue(folder: Path, language: str) -> dict[str, str]:
    """Message id → translation from the .po files in `folder`, later files winning."""
    messages: dict[str, str] = {}
    if not folder.is_dir():
        return messages
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".po"):
            continue
        data = entry.read_bytes()
        found = read_messages(data)
        for msgid, text in found.items() if found is not None else _read_po(data, language):
            if msgid and text:
                messages[msgid] = text
    return messages


def _read_po(data: bytes, language: str) -> Iterable[tuple[str, str]]:
    """The messages of a .po file that `read_messages` leaves to Babel (imported only then)."""
    from babel.messages.pofile import read_po

    for message in read_po(io.BytesIO(data), locale=language):
        msgid, text = message.id, message.string
        if isinstance(msgid, tuple) and isinstance(text, tuple):
            msgid, text = PLURAL_SEPARATOR.join(msgid), PLURAL_SEPARATOR.join(text)
        if isinstance(msgid, str) and isinstance(text, str):
            yield msgid, text


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
        if PLURAL_SEPARATOR in text:
            text = plural_form(text, values.get("count"))
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


NORWEGIAN_CODES = ("nn", "nb", "no")


def participant_language(stored: str | None, telegram_code: str | None, default: str) -> str:
    """A participant's language: their stored choice, else the consultation's language (the
    council writes Nynorsk), unless Telegram reports a language that is not Norwegian: then
    English. Telegram set to Bokmål still gets the consultation's language; /sprak or the
    buttons under the join offer switch at once."""
    if stored in LANGUAGES:
        return stored
    code = (telegram_code or "").lower().split("-")[0]
    if code and code not in NORWEGIAN_CODES:
        return "en"
    return default if default in LANGUAGES else DEFAULT_LANGUAGE


def format_moment(moment: datetime, zone: str, language: str, style: str = "full") -> str:
    """A moment as local date and time in `zone`, in the user's language."""
    from babel.dates import format_datetime  # imported on first use: it is slow to import

    local = moment.astimezone(ZoneInfo(zone))
    pattern = {"full": "EEEE d. MMMM y 'kl.' HH:mm", "short": "d. MMM y HH:mm"}[style]
    if language == "en":
        pattern = {"full": "EEEE d MMMM y, HH:mm", "short": "d MMM y HH:mm"}[style]
    return format_datetime(local, pattern, locale=language)


def format_duration(seconds: float, language: str) -> str:
    """A duration like "3 dagar" or "5 timar" in the user's language."""
    from babel.dates import format_timedelta

    return format_timedelta(timedelta(seconds=seconds), threshold=1.0, locale=language)
