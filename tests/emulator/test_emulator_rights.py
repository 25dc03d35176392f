"""The emulator's rules on rights in chats: permissions, pinning, reactions, faults per chat."""

from __future__ import annotations

from telegram import ChatFullInfo
from telegram.constants import ReactionEmoji

from tests.emulator import Emulator
from tests.emulator.fixtures import emu_fixture  # noqa: F401  (the ``emu`` fixture)
from tests.emulator.methods_marks import PIN_RIGHTS, allowed_reaction


def test_group_permissions_limit_what_a_member_bot_may_send(emu: Emulator) -> None:
    ann = emu.user(1, "Ann")
    group = emu.group_chat(-100, "Gruppe A", [ann], permissions={"can_send_polls": False})
    info = emu.api("getChat", {"chat_id": group.id})[1]["result"]
    permissions = ChatFullInfo.de_json(info, None).permissions
    assert permissions is not None
    assert permissions.can_send_messages and not permissions.can_send_polls
    assert not permissions.can_pin_messages
    poll = {"chat_id": group.id, "question": "Q?", "options": ["a", "b"]}
    assert emu.api("sendPoll", poll)[1]["description"] == (
        "Bad Request: not enough rights to send polls to the chat"
    )
    group.set_permissions(can_send_messages=False)
    assert emu.api("sendMessage", {"chat_id": group.id, "text": "x"})[1]["description"] == (
        "Bad Request: not enough rights to send text messages to the chat"
    )
    group.set_bot_status("administrator", by=ann)  # admins are not bound by member permissions
    assert emu.api("sendMessage", {"chat_id": group.id, "text": "x"})[0] == 200
    assert emu.api("sendPoll", poll)[0] == 200
    channel = emu.channel(-1001, "Rådet")
    assert "permissions" not in emu.api("getChat", {"chat_id": channel.id})[1]["result"]


def test_pinning_needs_the_right_to_pin(emu: Emulator) -> None:
    ann = emu.user(1, "Ann")
    ann.send_command("/start")
    group = emu.group_chat(-200, "Gruppe B", [ann])
    sent = emu.api("sendMessage", {"chat_id": group.id, "text": "Spørsmåla"})[1]["result"]
    pin = {"chat_id": group.id, "message_id": sent["message_id"], "disable_notification": True}
    assert emu.api("pinChatMessage", pin)[1]["description"] == f"Bad Request: {PIN_RIGHTS}"
    assert group.pinned == []
    group.set_permissions(can_pin_messages=True)
    assert emu.api("pinChatMessage", pin)[1]["result"] is True
    assert group.pinned == [sent["message_id"]]
    info = ChatFullInfo.de_json(emu.api("getChat", {"chat_id": group.id})[1]["result"], None)
    assert info.pinned_message is not None and info.pinned_message.text == "Spørsmåla"
    missing = {"chat_id": group.id, "message_id": 999}
    assert emu.api("pinChatMessage", missing)[1]["description"] == (
        "Bad Request: message to pin not found"
    )
    assert emu.api("unpinChatMessage", {"chat_id": group.id})[1]["result"] is True
    assert emu.api("unpinChatMessage", {"chat_id": group.id})[1]["description"] == (
        "Bad Request: there is no pinned message to unpin"
    )
    private = emu.api("sendMessage", {"chat_id": 1, "text": "Hei"})[1]["result"]
    assert emu.api("pinChatMessage", {"chat_id": 1, "message_id": private["message_id"]})[0] == 200
    channel = emu.channel(-1002, "Rådet", bot_status="member")
    assert emu.api("pinChatMessage", {"chat_id": channel.id, "message_id": 1})[0] == 400


def test_reactions_are_telegrams_emoji_one_at_a_time(emu: Emulator) -> None:
    ann = emu.user(1, "Ann")
    group = emu.group_chat(-300, "Gruppe C", [ann])
    emu.api("sendMessage", {"chat_id": group.id, "text": "Spørsmål 1"})
    ann.reply_to(group.messages[-1], "Svaret vårt")
    target = {"chat_id": group.id, "message_id": 2}

    def react(*emoji: str) -> tuple[int, dict[str, object]]:
        return emu.api(
            "setMessageReaction",
            {**target, "reaction": [{"type": "emoji", "emoji": e} for e in emoji]},
        )

    assert react("✍")[0] == 200
    assert react("✅")[1]["description"] == "Bad Request: REACTION_INVALID"
    assert react("👍", "✍")[1]["description"] == "Bad Request: REACTIONS_TOO_MANY"
    assert react()[0] == 200  # an empty list takes the reaction away
    assert all(allowed_reaction(e.value) for e in ReactionEmoji)
    assert not allowed_reaction("✅") and not allowed_reaction("")


def test_faults_can_be_limited_to_one_chat(emu: Emulator) -> None:
    ann = emu.user(1, "Ann")
    ann.send_command("/start")
    channel = emu.channel(-1003, "Rådet", username="raadet")
    emu.inject("sendMessage", ["500", "429"], chat=channel.id, retry_after=2)
    assert emu.api("sendMessage", {"chat_id": 1, "text": "til Ann"})[0] == 200
    assert emu.api("sendMessage", {"chat_id": "@raadet", "text": "a"})[0] == 500
    status, body = emu.api("sendMessage", {"chat_id": channel.id, "text": "a"})
    assert (status, body["parameters"]) == (429, {"retry_after": 2})
    assert emu.api("sendMessage", {"chat_id": "@Raadet", "text": "a"})[0] == 200
    assert [(f.method, f.kind) for f in emu.faults] == [
        ("sendMessage", "500"),
        ("sendMessage", "429"),
    ]
    assert [m.text for m in channel.messages] == ["a"]
