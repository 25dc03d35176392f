"""The emulator's driver and chat rules: groups, privacy mode, migration, polls, commands."""

from __future__ import annotations

import pytest
from telegram import ChatFullInfo, ChatMember, Message, Poll, Update

from tests.emulator import DriverError, Emulator
from tests.emulator.fixtures import emu_fixture  # noqa: F401  (the ``emu`` fixture)


def test_privacy_mode_decides_what_the_bot_sees_in_groups(emu: Emulator) -> None:
    ann, bo = emu.user(1, "Ann"), emu.user(2, "Bo")
    group = emu.group_chat(-100, "Gruppe A", [ann, bo])
    assert ann.send_text("prat", chat=group) is None
    assert ann.send_command("/status", chat=group) is not None
    assert ann.send_text("/status@other_bot", chat=group) is None
    assert ann.send_command("status", chat=group, mention=True) is not None
    emu.api("sendMessage", {"chat_id": group.id, "text": "Kva meiner de?"})
    assert bo.reply_to(group.messages[-1], "Vi meiner ja") is not None
    group.set_bot_status("administrator", by=ann)
    assert ann.send_text("prat", chat=group) is not None
    with pytest.raises(DriverError):
        emu.user(3, "Cy").send_text("eg er ikkje med", chat=group)


def test_bot_added_removed_and_group_migrated(emu: Emulator) -> None:
    ann = emu.user(1, "Ann")
    group = emu.group_chat(-200, "Gruppe B", [ann], bot_status="left")
    assert emu.api("sendMessage", {"chat_id": group.id, "text": "x"})[1]["description"] == (
        "Forbidden: bot is not a member of the group chat"
    )
    added = group.add_bot(by=ann)
    status, body = emu.api("getUpdates")
    kinds = [next(k for k in u if k != "update_id") for u in body["result"]]
    assert kinds == ["my_chat_member", "message"]
    assert body["result"][0]["update_id"] == added
    assert body["result"][1]["message"]["new_chat_members"][0]["id"] == emu.bot.id

    supergroup = group.migrate_to_supergroup()
    assert supergroup.id == -100200
    status, body = emu.api("sendMessage", {"chat_id": group.id, "text": "x"})
    assert (status, body["parameters"]) == (400, {"migrate_to_chat_id": -100200})
    assert emu.api("sendMessage", {"chat_id": supergroup.id, "text": "x"})[0] == 200

    supergroup.remove_bot(by=ann)
    status, body = emu.api("sendMessage", {"chat_id": supergroup.id, "text": "x"})
    assert (status, body["description"]) == (
        403,
        "Forbidden: bot was kicked from the supergroup chat",
    )


def test_blocked_user_and_unknown_chats(emu: Emulator) -> None:
    ann = emu.user(1, "Ann")
    assert emu.api("sendMessage", {"chat_id": 1, "text": "x"})[0] == 403  # never wrote to the bot
    ann.send_command("/start")
    assert emu.api("sendMessage", {"chat_id": 1, "text": "x"})[0] == 200
    ann.block_bot()
    assert emu.api("sendMessage", {"chat_id": 1, "text": "x"})[1]["description"] == (
        "Forbidden: bot was blocked by the user"
    )
    assert emu.api("sendMessage", {"chat_id": 424242, "text": "x"})[1]["description"] == (
        "Bad Request: chat not found"
    )


def test_polls_votes_and_stopping(emu: Emulator) -> None:
    ann = emu.user(1, "Ann")
    group = emu.group_chat(-300, "Gruppe C", [ann])
    params = {"chat_id": group.id, "question": "Kva er viktigast?", "is_anonymous": False}
    status, _ = emu.api("sendPoll", {**params, "options": ["Skule", "Veg", "Helse"]})
    assert status == 200
    poll_message = group.messages[-1]
    emu.api("getUpdates", {"offset": -1})
    answer = ann.vote_poll(poll_message, [1])
    updates = emu.api("getUpdates", {"offset": -2})[1]["result"]
    assert updates[0]["update_id"] == answer
    assert updates[0]["poll_answer"]["option_ids"] == [1]
    assert updates[1]["poll"]["options"][1]["voter_count"] == 1
    with pytest.raises(DriverError, match="one answer"):
        ann.vote_poll(poll_message, [0, 2])

    stop = {"chat_id": group.id, "message_id": poll_message.message_id}
    assert emu.api("stopPoll", stop)[1]["result"]["is_closed"] is True
    assert (
        emu.api("stopPoll", stop)[1]["description"] == "Bad Request: poll has already been closed"
    )
    with pytest.raises(DriverError, match="no open poll"):
        ann.vote_poll(poll_message, [0])


def test_commands_are_kept_per_scope_and_language(emu: Emulator) -> None:
    default = [{"command": "start", "description": "Start"}]
    nn = [{"command": "svar", "description": "Svar på spørsmåla"}]
    private = {"type": "all_private_chats"}
    assert emu.api("setMyCommands", {"commands": default})[0] == 200
    assert (
        emu.api("setMyCommands", {"commands": nn, "scope": private, "language_code": "nn"})[0]
        == 200
    )
    assert emu.commands() == default
    assert emu.commands(private, "nn") == nn
    assert emu.api("getMyCommands", {"scope": private, "language_code": "nn"})[1]["result"] == nn
    bad = [{"command": "Svar-Nå", "description": "x"}]
    assert emu.api("setMyCommands", {"commands": bad})[1]["description"] == (
        "Bad Request: BOT_COMMAND_INVALID"
    )


def test_edits_deletes_and_callback_answers_follow_telegram(emu: Emulator) -> None:
    ann = emu.user(1, "Ann")
    first = ann.send_text("svar")
    assert first is not None
    keyboard = {"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]}
    sent = emu.api("sendMessage", {"chat_id": 1, "text": "Lagra", "reply_markup": keyboard})[1]
    message_id = sent["result"]["message_id"]
    assert message_id == 2  # the user's message was 1: ids are per chat, shared by both sides
    same = {"chat_id": 1, "message_id": message_id, "reply_markup": keyboard}
    assert "not modified" in emu.api("editMessageReplyMarkup", same)[1]["description"]
    user_message = {"chat_id": 1, "message_id": 1, "text": "endra"}
    assert emu.api("editMessageText", user_message)[1]["description"] == (
        "Bad Request: message can't be edited"
    )

    click = ann.click(ann.messages[-1], "ok")
    answer = {"callback_query_id": click.query_id, "text": "Takk"}
    assert emu.api("answerCallbackQuery", answer)[0] == 200
    assert emu.api("answerCallbackQuery", answer)[0] == 400

    delete = {"chat_id": 1, "message_id": message_id}
    assert emu.api("deleteMessage", delete)[1]["result"] is True
    assert emu.api("deleteMessage", delete)[1]["description"] == (
        "Bad Request: message to delete not found"
    )
    with pytest.raises(DriverError):
        ann.click(emu.sent_to(1, include_deleted=True)[-1], "ok")
    assert ann.edit_message(1, "nytt svar") is not None


def test_everything_emitted_parses_in_python_telegram_bot(emu: Emulator) -> None:
    ann, bo = emu.user(1, "Ann", username="ann"), emu.user(2, "Bo", language_code=None)
    group = emu.group_chat(-400, "Gruppe D", [ann], bot_status="left")
    channel = emu.channel(-1009, "Rådet", username="raadet")
    group.add_bot(by=ann, as_admin=True)
    group.add_member(bo)
    ann.send_command("/start", "KODE")
    ann.send_sticker()
    ann.send_photo(caption="bilete")
    ann.send_document("svar.txt", b"mine svar")
    bo.send_text("hei", chat=group)
    kinds = "message edited_message channel_post callback_query poll poll_answer my_chat_member"
    emu.api("getUpdates", {"allowed_updates": [*kinds.split(), "chat_member"]})
    keyboard = {"inline_keyboard": [[{"text": "Ja", "callback_data": "y"}]]}
    poll = {"chat_id": group.id, "question": "Q?", "options": [{"text": "a"}, {"text": "b"}]}
    results = [
        emu.api(
            "sendMessage",
            {"chat_id": 1, "text": "<i>x</i>", "parse_mode": "HTML", "reply_markup": keyboard},
        )[1]["result"],
        emu.api("sendPoll", {**poll, "is_anonymous": False})[1]["result"],
        emu.api("sendMessage", {"chat_id": "@raadet", "text": "Samandrag"})[1]["result"],
    ]
    ann.click(ann.messages[-1], "Ja")
    ann.vote_poll(group.messages[-1], [0])
    group.remove_member(bo)
    ann.edit_message(1, "/start KODE2")
    channel.post("Møte i kveld")
    ann.block_bot()
    for result in results:
        assert Message.de_json(result, None).message_id > 0
    updates = emu.api("getUpdates", {"offset": 0})[1]["result"]
    for update in updates:
        parsed = Update.de_json(update, None)
        assert parsed is not None and parsed.update_id == update["update_id"], update
    emitted = {next(k for k in u if k != "update_id") for u in updates}
    assert emitted == {*kinds.split(), "chat_member"}
    chat = emu.api("getChat", {"chat_id": group.id})[1]["result"]
    assert ChatFullInfo.de_json(chat, None).title == "Gruppe D"
    member = emu.api("getChatMember", {"chat_id": group.id, "user_id": emu.bot.id})[1]["result"]
    assert ChatMember.de_json(member, None).status == "administrator"
    admins = emu.api("getChatAdministrators", {"chat_id": group.id})[1]["result"]
    assert [ChatMember.de_json(a, None).user.id for a in admins] == [emu.bot.id]
    closed = emu.api("stopPoll", {"chat_id": group.id, "message_id": results[1]["message_id"]})
    assert Poll.de_json(closed[1]["result"], None).is_closed
