"""A group's Telegram group chat as its table: /kopla, /sporsmal, consent, answers by reply.

The emulator runs the group with Telegram's privacy mode on, so the bot sees only commands,
replies to its own messages and service messages — exactly what the group-chat design relies on.
"""

from __future__ import annotations

from tests.e2e.scenario import Tingbot, pattern, shown, text_of, wait_sent
from tests.emulator import Call, Message

CODE_1 = "ht26-g1-Kx7p"
GROUP_CHAT = -1001500100
LINKED = "✅ This chat is now the table of <b>{group}</b>."
QUESTION_POST = "Question {number} of {total}"
JOINED = "✅ You take part in {group}. Answer a question by replying to its message."
CONSENT_FIRST = (
    "To answer here, take part in {group} first: tap the button, then reply to the question again."
)
CONSENT = "<b>Take part in {group}</b>\nTap the button to answer the questions here as a member of {group}. Nothing is stored about you before you tap."
PRIVACY_ON = "Privacy mode is on (the default): I only see commands and replies to my own messages. Answer by replying to a question message; other chatter never reaches me."
NO_PIN = "I cannot pin messages here. Make me an admin with the right to pin messages if the questions should be pinned."
GROUP_LINE = "{group}: {participants}, {answers} ({answered}/{questions} questions)"
INTRO = "<b>The questions for {group}</b>\nAnswer a question by replying to its message (swipe left on it, or tap Reply). Each reply is stored as your answer; each line in it is a point. Other messages in this chat are not stored.\nNot taking part yet? Tap the button below first."
ANSWER = "Kommunane bør dele på ein felles helsekoordinator"


def test_group_chat_linked_questions_posted_answer_by_reply(tingbot: Tingbot) -> None:
    emu = tingbot.emu
    bot = tingbot.start()
    organiser = tingbot.organiser()
    organiser.command("start")  # organisers write to the bot first, like everyone
    gunhild = tingbot.person(5301, "Gunhild")
    halvor = tingbot.person(5302, "Halvor")
    chat = emu.group_chat(
        GROUP_CHAT,
        "Gruppe 1 – bordet",
        [organiser.handle, gunhild.handle, halvor.handle],
        bot_status="left",
        permissions={"can_pin_messages": True},  # members may pin: the intro gets pinned
    )
    mark = emu.mark()
    chat.add_bot(by=organiser.handle)
    greeting = shown(
        "Hello! I am tingbot. An organiser makes this chat a group's table with /kopla followed by the group's join code."
    )
    assert greeting in text_of(next_in_chat(tingbot, mark))

    mark = emu.mark()
    linked = organiser.command_in(chat, "kopla", CODE_1, expect=shown(LINKED, group="Gruppe 1"))
    assert shown(PRIVACY_ON) in text_of(linked) and shown(NO_PIN) not in text_of(linked)
    offer = wait_sent(emu, chat.id, mark, shown(CONSENT, group="Gruppe 1"))
    consent = next(m for m in chat.messages if m.message_id == offer.result["message_id"])
    assert consent.buttons[0].text == "✅ " + shown("Take part in {group}", group="Gruppe 1")

    mark = emu.mark()
    chat_said = organiser.handle.send_command("sporsmal", chat=chat)
    assert chat_said is not None  # a command reaches the bot despite privacy mode
    emu.wait_until(lambda: len(question_posts(tingbot, mark)) == 5)
    intro = next(m for m in chat.messages if m.text == shown(INTRO, group="Gruppe 1"))
    assert chat.pinned == [intro.message_id]
    assert gunhild.handle.send_text("Kva tid er pausen?", chat=chat) is None  # chatter: unseen

    answered = gunhild.press("cj:", chat=chat)
    alert = emu.callback_answer(answered.params["callback_query_id"])
    assert alert is not None and alert["text"] == shown(JOINED, group="Gruppe 1")
    assert alert["show_alert"] is True

    second = question_posts(tingbot, mark)[1]
    mark = emu.mark()
    reply_id = gunhild.handle.reply_to(second, ANSWER)
    assert reply_id is not None
    reaction = emu.wait_for(lambda c: c.method == "setMessageReaction", after=mark)
    assert reaction.ok and reaction.params["reaction"] == [{"type": "emoji", "emoji": "✍"}]

    mark = emu.mark()
    halvor.handle.reply_to(second, "Eg meiner noko anna")  # has not tapped the button
    refused = next_in_chat(tingbot, mark)
    assert shown(CONSENT_FIRST, group="Gruppe 1") in text_of(refused)

    status = text_of(organiser.command("status", expect="Gruppe 1"))
    group_line = pattern(GROUP_LINE)
    lines = [group_line.fullmatch(line) for line in status.splitlines()]
    first = next(m for m in lines if m is not None and m["group"] == "Gruppe 1")
    assert first["participants"].startswith("1 ") and first["answers"].startswith("1 ")
    assert (first["answered"], first["questions"]) == ("1", "5")

    assert bot.stop() == 0
    rows = tingbot.query(
        "SELECT a.text, q.key, g.key, a.source_chat_id, p.telegram_id FROM answer a "
        "JOIN question q ON q.id = a.question_id JOIN participant p ON p.id = a.participant_id "
        "JOIN discussion_group g ON g.id = p.group_id"
    )
    assert rows == [(ANSWER, "tiltak", "gruppe-1", GROUP_CHAT, 5301)]
    assert tingbot.query("SELECT COUNT(*) FROM participant WHERE telegram_id = 5302") == [(0,)]


def question_posts(tingbot: Tingbot, after: int) -> list[Message]:
    """The question messages the bot posted in the group chat after journal position `after`."""
    marker = pattern(QUESTION_POST)
    posted = [
        c.result["message_id"]
        for c in tingbot.emu.calls[after:]
        if c.ok
        and c.method == "sendMessage"
        and c.params.get("chat_id") == GROUP_CHAT
        and marker.search(text_of(c))
    ]
    return [m for m in tingbot.emu.sent_to(GROUP_CHAT) if m.message_id in posted]


def next_in_chat(tingbot: Tingbot, after: int) -> Call:
    """The bot's next message in the group chat."""
    return tingbot.emu.wait_for(
        lambda c: c.ok and c.method == "sendMessage" and c.params.get("chat_id") == GROUP_CHAT,
        after=after,
    )
