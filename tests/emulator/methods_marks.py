"""Bot API methods that mark messages: reactions and pinning, with the rights they need."""

from __future__ import annotations

from typing import Any

from .errors import bad_request
from .methods_messages import Method
from .model import CHANNEL, PRIVATE, Chat, Message
from .params import Params
from .world import World

# The emoji a bot may react with (Bot API ReactionTypeEmoji); ZWJ sequences spelled out.
_PLAIN_EMOJI = (
    "👍 👎 ❤ 🔥 🥰 👏 😁 🤔 🤯 😱 🤬 😢 🎉 🤩 🤮 💩 🙏 👌 🕊 🤡 🥱 🥴 😍 🐳 🌚 🌭 💯 🤣 ⚡ 🍌 "
    "🏆 💔 🤨 😐 🍓 🍾 💋 🖕 😈 😴 😭 🤓 👻 👀 🎃 🙈 😇 😨 🤝 ✍ 🤗 🫡 🎅 🎄 ☃ 💅 🤪 🗿 🆒 💘 🙉 "
    "🦄 😘 💊 🙊 😎 👾 🤷 😡"
)
_ZWJ_EMOJI: tuple[str, ...] = ("\u2764\u200d\U0001f525", "\U0001f468\u200d\U0001f4bb")
_ZWJ_EMOJI += ("\U0001f937\u200d\u2642", "\U0001f937\u200d\u2640")
REACTION_EMOJI = frozenset(_PLAIN_EMOJI.split()) | frozenset(_ZWJ_EMOJI)
_VARIATION = "\ufe0f"  # clients add the emoji presentation selector; Telegram ignores it


def allowed_reaction(emoji: object) -> bool:
    """Whether a bot may react with ``emoji`` (with or without variation selectors)."""
    return isinstance(emoji, str) and emoji.replace(_VARIATION, "") in REACTION_EMOJI


PIN_RIGHTS = "not enough rights to manage pinned messages in the chat"


def set_message_reaction(world: World, params: Params) -> Any:
    """setMessageReaction."""
    chat = world.known_chat(params.chat_ref())
    message = world.find_message(chat.id, params.required_integer("message_id"))
    if message is None:
        raise bad_request("message to react not found")
    reaction = params.json("reaction") or []
    kinds = ("emoji", "custom_emoji", "paid")
    if not isinstance(reaction, list) or not all(
        isinstance(r, dict) and r.get("type") in kinds for r in reaction
    ):
        raise bad_request("REACTION_INVALID")
    if any(r["type"] == "emoji" and not allowed_reaction(r.get("emoji")) for r in reaction):
        raise bad_request("REACTION_INVALID")
    if len(reaction) > 1:  # bots are not premium users: one reaction per message
        raise bad_request("REACTIONS_TOO_MANY")
    message.reactions = reaction
    return True


def _pinnable(world: World, params: Params) -> tuple[Chat, Message | None]:
    """The chat (the bot must be allowed to pin there) and the message named, if any."""
    chat = world.bot_chat(params.chat_ref())
    if chat.type == CHANNEL:
        allowed = chat.status_of(world.bot.id) == "administrator"
    else:
        allowed = chat.type == PRIVATE or chat.member_may(world.bot.id, "can_pin_messages")
    if not allowed:
        raise bad_request(PIN_RIGHTS)
    message_id = params.integer("message_id")
    message = world.find_message(chat.id, message_id) if message_id is not None else None
    return chat, message


def pin_chat_message(world: World, params: Params) -> Any:
    """pinChatMessage: private chats, or groups and channels where the bot has the right."""
    params.required_integer("message_id", "message identifier is not specified")
    chat, message = _pinnable(world, params)
    if message is None:
        raise bad_request("message to pin not found")
    if message.message_id in chat.pinned:
        chat.pinned.remove(message.message_id)
    chat.pinned.append(message.message_id)
    return True


def unpin_chat_message(world: World, params: Params) -> Any:
    """unpinChatMessage: the message named, or the most recently pinned one."""
    chat, message = _pinnable(world, params)
    if params.has("message_id") and (message is None or message.message_id not in chat.pinned):
        raise bad_request("message to unpin not found")
    if not chat.pinned:
        raise bad_request("there is no pinned message to unpin")
    chat.pinned.remove(message.message_id if message is not None else chat.pinned[-1])
    return True


MARK_METHODS: dict[str, Method] = {
    "setMessageReaction": set_message_reaction,
    "pinChatMessage": pin_chat_message,
    "unpinChatMessage": unpin_chat_message,
}
