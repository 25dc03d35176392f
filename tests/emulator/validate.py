"""Telegram's checks on what a bot sends: text and caption length, entities, keyboards."""

from __future__ import annotations

import re
from typing import Any

from .errors import ApiError, bad_request
from .html_text import EntityParseError, FormattedText, parse_html, trim
from .params import Params

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
CALLBACK_ANSWER_LIMIT = 200
_BUTTON_ACTIONS = frozenset(
    [
        "callback_data",
        "url",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "callback_game",
        "pay",
        "web_app",
        "copy_text",
    ]
)
_URL = re.compile(r"(https?|tg)://\S+", re.IGNORECASE)


def formatted(text: str, parse_mode: str | None, entities: Any) -> FormattedText:
    """Apply the parse mode (HTML, or explicit entities) and Telegram's whitespace trimming.

    Lengths are counted in Unicode code points after parsing, as Telegram counts "characters".
    """
    if not parse_mode:
        if entities is not None and not _valid_entities(entities):
            raise bad_request("can't parse entities: entities must be a list of MessageEntity")
        return trim(FormattedText(text, tuple(entities or ())))
    if parse_mode.lower() == "html":
        try:
            return trim(parse_html(text))
        except EntityParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from exc
    if parse_mode.lower() in ("markdown", "markdownv2"):
        # Failing loudly beats pretending: the emulator cannot check Markdown as Telegram would.
        raise ApiError(400, f"Bad Request: the emulator does not parse {parse_mode}; use HTML")
    raise bad_request("unsupported parse_mode")


def _valid_entities(entities: Any) -> bool:
    return isinstance(entities, list) and all(
        isinstance(e, dict) and {"type", "offset", "length"} <= e.keys() for e in entities
    )


def message_text(params: Params) -> FormattedText:
    """The ``text`` of sendMessage/editMessageText, checked as Telegram does."""
    raw = params.required_text("text", "message text is empty")
    text = formatted(raw, params.text("parse_mode"), params.json("entities"))
    if not text.text:
        raise bad_request("message text is empty")
    if len(text.text) > TEXT_LIMIT:
        raise bad_request("message is too long")
    return text


def caption(params: Params) -> FormattedText | None:
    """The optional ``caption`` of a media message, checked as Telegram does."""
    raw = params.text("caption")
    if raw is None:
        return None
    text = formatted(raw, params.text("parse_mode"), params.json("caption_entities"))
    if len(text.text) > CAPTION_LIMIT:
        raise bad_request("message caption is too long")
    return text if text.text else None


def reply_markup(value: Any) -> dict[str, Any] | None:
    """A reply_markup object; inline keyboards are checked button by button."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in value:
        if not {"keyboard", "remove_keyboard", "force_reply"} & value.keys():
            raise bad_request("can't parse reply keyboard markup JSON object")
        return value
    rows = value["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('can\'t parse inline keyboard: field "inline_keyboard" must be an Array')
    for row in rows:
        for button in row:
            _check_button(button)
    return value


def _check_button(button: Any) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request(
            'can\'t parse inline keyboard button: Field "text" must be of type String'
        )
    actions = _BUTTON_ACTIONS & button.keys()
    if len(actions) != 1:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        size = len(data.encode("utf-8")) if isinstance(data, str) else 0
        if not 1 <= size <= CALLBACK_DATA_LIMIT:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button and not _URL.fullmatch(str(button["url"])):
        raise bad_request(
            f"inline keyboard button URL '{button['url']}' is invalid: Wrong HTTP URL"
        )
