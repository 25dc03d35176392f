"""Bot API methods that send, edit and delete messages and polls."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from . import validate
from .errors import ApiError, bad_request
from .model import CHANNEL, GROUP, PRIVATE, SUPERGROUP, Chat, Message, Poll, StoredFile
from .params import Params
from .world import World

Method = Callable[[World, Params], Any]
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a content and reply markup of the current message"
)
FILE_LIMIT = 50 * 1024 * 1024
POLL_OPTIONS = (1, 12)
_URL = re.compile(r"https?://", re.IGNORECASE)
# What a plain member needs to send each kind of message in a group, and Telegram's refusal.
SEND_RIGHTS = {
    "text": ("can_send_messages", "not enough rights to send text messages to the chat"),
    "document": ("can_send_documents", "not enough rights to send documents to the chat"),
    "photo": ("can_send_photos", "not enough rights to send photos to the chat"),
    "poll": ("can_send_polls", "not enough rights to send polls to the chat"),
}


def _may_send(world: World, chat: Chat, kind: str) -> Chat:
    """Refuse a send the chat's permissions do not allow the bot (a plain group member)."""
    if chat.type in (GROUP, SUPERGROUP):
        right, refusal = SEND_RIGHTS[kind]
        if not chat.member_may(world.bot.id, right):
            raise bad_request(refusal)
    return chat


def _reply_target(world: World, chat: Chat, params: Params) -> Message | None:
    reply = params.json("reply_parameters")
    message_id = params.integer("reply_to_message_id")
    allow = params.flag("allow_sending_without_reply")
    if isinstance(reply, dict):
        message_id = reply.get("message_id")
        allow = bool(reply.get("allow_sending_without_reply", allow))
    if message_id is None:
        return None
    target = world.find_message(chat.id, int(message_id))
    if target is None and not allow:
        raise bad_request("message to be replied not found")
    return target


def _post(world: World, chat: Chat, params: Params, **fields: Any) -> Message:
    markup = validate.reply_markup(params.json("reply_markup"))
    reply_to = _reply_target(world, chat, params)
    return world.add_message(
        chat, world.bot, True, reply_markup=markup, reply_to=reply_to, **fields
    )


def send_message(world: World, params: Params) -> Any:
    """sendMessage."""
    chat = _may_send(world, world.bot_chat(params.chat_ref()), "text")
    text = validate.message_text(params)
    message = _post(
        world,
        chat,
        params,
        text=text.text,
        entities=text.entities,
        source=params.text("text"),
        parse_mode=params.text("parse_mode"),
    )
    return message.to_dict()


def _editable(world: World, params: Params) -> Message:
    if params.has("inline_message_id"):
        raise ApiError(400, "Bad Request: the emulator does not support inline messages")
    chat = world.bot_chat(params.chat_ref())
    message_id = params.required_integer("message_id", "message identifier is not specified")
    message = world.find_message(chat.id, message_id)
    if message is None:
        raise bad_request("message to edit not found")
    if not message.by_bot:
        raise bad_request("message can't be edited")
    return message


def _inline(markup: dict[str, Any] | None) -> Any:
    return (markup or {}).get("inline_keyboard")


def _inline_markup(params: Params) -> dict[str, Any] | None:
    markup = validate.reply_markup(params.json("reply_markup"))
    if markup is not None and "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    return markup


def edit_message_text(world: World, params: Params) -> Any:
    """editMessageText (without reply_markup the inline keyboard is removed, as on Telegram)."""
    message = _editable(world, params)
    if message.text is None:
        raise bad_request("there is no text in the message to edit")
    text = validate.message_text(params)
    markup = _inline_markup(params)
    same_text = (text.text, text.entities) == (message.text, message.entities)
    if same_text and _inline(markup) == _inline(message.reply_markup):
        raise bad_request(NOT_MODIFIED)
    message.text, message.entities = text.text, text.entities
    message.source, message.parse_mode = params.text("text"), params.text("parse_mode")
    message.reply_markup = markup
    message.edit_date = world.now()
    return message.to_dict()


def edit_message_reply_markup(world: World, params: Params) -> Any:
    """editMessageReplyMarkup."""
    message = _editable(world, params)
    markup = _inline_markup(params)
    if _inline(markup) == _inline(message.reply_markup):
        raise bad_request(NOT_MODIFIED)
    message.reply_markup = markup
    message.edit_date = world.now()
    return message.to_dict()


def delete_message(world: World, params: Params) -> Any:
    """deleteMessage."""
    chat = world.bot_chat(params.chat_ref())
    message = world.find_message(chat.id, params.required_integer("message_id"))
    if message is None:
        raise bad_request("message to delete not found")
    bot_is_admin = chat.status_of(world.bot.id) in ("administrator", "creator")
    if not message.by_bot and chat.type != PRIVATE and not bot_is_admin:
        raise bad_request("message can't be deleted")
    message.deleted = True
    return True


def answer_callback_query(world: World, params: Params) -> Any:
    """answerCallbackQuery: each query can be answered once."""
    query = world.callback_queries.get(params.required_text("callback_query_id"))
    if query is None or query.answer is not None:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    text = params.text("text")
    if text is not None and len(text) > validate.CALLBACK_ANSWER_LIMIT:
        raise bad_request("MESSAGE_TOO_LONG")
    query.answer = {
        "text": text,
        "show_alert": params.flag("show_alert"),
        "url": params.text("url"),
    }
    return True


def _upload(world: World, params: Params, name: str, prefix: str) -> StoredFile:
    upload = params.upload(name)
    if upload is None or upload == "":
        raise bad_request(f"there is no {name} in the request")
    if isinstance(upload, str):
        if upload in world.files:
            return world.files[upload]
        if _URL.match(upload):
            raise ApiError(400, "Bad Request: the emulator does not fetch files from URLs")
        raise bad_request("wrong file identifier/HTTP URL specified")
    if not upload.data:
        raise bad_request("file must be non-empty")
    if len(upload.data) > FILE_LIMIT:
        raise ApiError(413, "Request Entity Too Large")
    return world.store_file(upload.filename, upload.content_type, upload.data, prefix)


def _send_media(world: World, params: Params, name: str, prefix: str) -> Any:
    chat = _may_send(world, world.bot_chat(params.chat_ref()), name)
    stored = _upload(world, params, name, prefix)
    caption = validate.caption(params)
    message = _post(
        world,
        chat,
        params,
        caption=caption.text if caption else None,
        caption_entities=caption.entities if caption else (),
        source=params.text("caption"),
        parse_mode=params.text("parse_mode"),
        **{name: stored},
    )
    return message.to_dict()


def send_document(world: World, params: Params) -> Any:
    """sendDocument (multipart upload or a known file_id)."""
    return _send_media(world, params, "document", "BQAC")


def send_photo(world: World, params: Params) -> Any:
    """sendPhoto (multipart upload or a known file_id)."""
    return _send_media(world, params, "photo", "AgAC")


def send_poll(world: World, params: Params) -> Any:
    """sendPoll."""
    chat = _may_send(world, world.bot_chat(params.chat_ref()), "poll")
    question = params.required_text("question", "poll question must be non-empty")
    if not 1 <= len(question.strip()) <= 300:
        raise bad_request("POLL_QUESTION_INVALID")
    options = params.json("options")
    if not isinstance(options, list):
        raise bad_request("poll options must be an Array")
    texts = [o if isinstance(o, str) else (o or {}).get("text") for o in options]
    low, high = POLL_OPTIONS
    if len(texts) < low:
        raise bad_request(f"poll must have at least {low} option")
    if len(texts) > high:
        raise bad_request(f"poll can't have more than {high} options")
    if not all(isinstance(t, str) and 1 <= len(t) <= 100 for t in texts):
        raise bad_request("POLL_OPTION_INVALID")
    anonymous = params.flag("is_anonymous", True)
    if chat.type == CHANNEL and not anonymous:
        raise bad_request("non-anonymous polls can't be sent to channel chats")
    poll_type = params.text("type") or "regular"
    multiple = params.flag("allows_multiple_answers")
    poll = Poll(
        world.new_id("5"), question, [str(t) for t in texts], anonymous, poll_type, multiple
    )
    message = _post(world, chat, params, poll=poll)
    world.polls[poll.id] = (poll, message)
    return message.to_dict()


def stop_poll(world: World, params: Params) -> Any:
    """stopPoll."""
    chat = world.bot_chat(params.chat_ref())
    message = world.find_message(chat.id, params.required_integer("message_id"))
    if message is None or message.poll is None:
        raise bad_request("message with poll to stop not found")
    if not message.by_bot:
        raise bad_request("poll can't be stopped")
    if message.poll.is_closed:
        raise bad_request("poll has already been closed")
    message.poll.is_closed = True
    if params.has("reply_markup"):
        message.reply_markup = _inline_markup(params)
    return message.poll.to_dict()


def send_chat_action(world: World, params: Params) -> Any:
    """sendChatAction."""
    world.bot_chat(params.chat_ref())
    params.required_text("action", "action is empty")
    return True


MESSAGE_METHODS: dict[str, Method] = {
    "sendMessage": send_message,
    "editMessageText": edit_message_text,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "answerCallbackQuery": answer_callback_query,
    "sendDocument": send_document,
    "sendPhoto": send_photo,
    "sendPoll": send_poll,
    "stopPoll": stop_poll,
    "sendChatAction": send_chat_action,
}
