"""Bot API methods about the bot itself, updates, commands, chats, members and files."""

from __future__ import annotations

import json
import re
from typing import Any

from .errors import ApiError, bad_request
from .methods_messages import Method
from .model import CHANNEL, GROUP, PRIVATE, SUPERGROUP, member_dict
from .params import Params
from .world import ALL_UPDATE_KINDS, World

_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_LANGUAGE = re.compile(r"[a-z]{2}")
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


def get_me(world: World, params: Params) -> Any:
    """getMe."""
    return {
        **world.bot.to_dict(),
        "can_join_groups": True,
        "can_read_all_group_messages": not world.privacy_mode,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def get_updates(world: World, params: Params) -> Any:
    """getUpdates: long polling with offset confirmation, limit and allowed_updates."""
    if world.webhook is not None:
        raise ApiError(409, WEBHOOK_CONFLICT)
    limit = min(max(params.integer("limit", 100) or 100, 1), 100)
    try:
        timeout = max(float(params.values.get("timeout", 0)), 0.0)
    except (TypeError, ValueError) as exc:
        raise bad_request('parameter "timeout" must be a Number') from exc
    allowed = params.json("allowed_updates")
    if allowed is not None and (
        not isinstance(allowed, list) or not set(allowed) <= ALL_UPDATE_KINDS
    ):
        raise bad_request("can't parse allowed_updates")
    return world.take_updates(params.integer("offset"), limit, timeout, allowed)


def _commands_key(params: Params) -> tuple[str, str]:
    scope = params.json("scope") or {"type": "default"}
    if not isinstance(scope, dict) or "type" not in scope:
        raise bad_request("can't parse BotCommandScope JSON object")
    language = params.text("language_code") or ""
    if language and not _LANGUAGE.fullmatch(language):
        raise bad_request("invalid language code specified")
    return json.dumps(scope, sort_keys=True), language


def set_my_commands(world: World, params: Params) -> Any:
    """setMyCommands, stored per scope and language."""
    commands = params.json("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse commands JSON array")
    for command in commands:
        if not isinstance(command, dict):
            raise bad_request("can't parse BotCommand JSON object")
        if not _COMMAND.fullmatch(str(command.get("command", "")).removeprefix("/")):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    world.commands[_commands_key(params)] = [
        {"command": str(c["command"]).removeprefix("/"), "description": c["description"]}
        for c in commands
    ]
    return True


def get_my_commands(world: World, params: Params) -> Any:
    """getMyCommands."""
    return world.commands.get(_commands_key(params), [])


def delete_my_commands(world: World, params: Params) -> Any:
    """deleteMyCommands."""
    world.commands.pop(_commands_key(params), None)
    return True


def get_chat(world: World, params: Params) -> Any:
    """getChat → ChatFullInfo."""
    chat = world.known_chat(params.chat_ref())
    if chat.migrated_to is not None:
        raise bad_request(
            "group chat was upgraded to a supergroup chat",
            {"migrate_to_chat_id": chat.migrated_to},
        )
    extra: dict[str, Any] = {}
    if chat.type in (GROUP, SUPERGROUP):
        extra["permissions"] = dict(chat.permissions)
    pinned = world.find_message(chat.id, chat.pinned[-1]) if chat.pinned else None
    if pinned is not None:
        extra["pinned_message"] = pinned.to_dict(with_reply=False)
    return {
        **chat.to_dict(),
        **extra,
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": dict.fromkeys(
            [
                "unlimited_gifts",
                "limited_gifts",
                "unique_gifts",
                "premium_subscription",
                "gifts_from_channels",
            ],
            False,
        ),
    }


def get_chat_member(world: World, params: Params) -> Any:
    """getChatMember."""
    chat = world.known_chat(params.chat_ref())
    user_id = params.required_integer("user_id")
    if chat.type == CHANNEL and chat.status_of(world.bot.id) != "administrator":
        raise bad_request("member list is inaccessible")
    user = world.bot if user_id == world.bot.id else world.users.get(user_id)
    if user is None:
        raise bad_request("user not found")
    return member_dict(user, chat.status_of(user_id))


def get_chat_administrators(world: World, params: Params) -> Any:
    """getChatAdministrators."""
    chat = world.known_chat(params.chat_ref())
    if chat.type == PRIVATE:
        raise bad_request("there are no administrators in the private chat")
    people = {world.bot.id: world.bot, **world.users}
    return [
        member_dict(people[user_id], status)
        for user_id, status in chat.members.items()
        if status in ("creator", "administrator") and user_id in people
    ]


def get_file(world: World, params: Params) -> Any:
    """getFile: a file_path under the emulator's file URL."""
    stored = world.files.get(params.required_text("file_id"))
    if stored is None:
        raise bad_request("invalid file_id")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
        "file_path": f"documents/{stored.file_id}",
    }


CHAT_METHODS: dict[str, Method] = {
    "getMe": get_me,
    "getUpdates": get_updates,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "getChatAdministrators": get_chat_administrators,
    "getFile": get_file,
}
