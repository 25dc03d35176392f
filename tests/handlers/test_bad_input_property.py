"""Random but validly shaped updates through the real Application (hypothesis).

Whatever arrives — any message kind, edits, channel posts, forged buttons, odd commands, long,
right-to-left or zero-width text, unknown users and chats, group chats linked or not, replies to
the bot's questions — no exception escapes a handler, nothing is stored that should not be, the
bot writes only where the update allows (the sender's private chat; a group chat for a command,
a reply to the bot or a button there; organisers also to their participants and linked chats)
in valid Telegram HTML within the limits, and every button press is answered exactly once.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from bot.domain.answering import text_problem
from tests.emulator.errors import ApiError
from tests.emulator.params import Params
from tests.emulator.validate import caption, message_text, reply_markup
from tests.handlers.update_strategies import updates
from tests.support.botapi import BOT_ID
from tests.support.figures import report_figures
from tests.support.harness import CODE_1, CODE_2, ORGANISER, Harness, start_harness, stop_harness
from tests.support.roles import (
    GROUP_CHAT,
    OTHER_ORGANISER,
    OTHER_PARTICIPANT,
    PARTICIPANT,
    two_consultations,
)

EXAMPLES = 1000


class ErrorRecords(logging.Handler):
    """Collects every record at ERROR or above (the error handler logs there when a handler fails)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the record."""
        self.records.append(record)


Tables = dict[str, list[tuple[Any, ...]]]
PEOPLE = ("telegram_user", "participant", "answer", "answer_revision")
DISCUSSION = ("poll_vote", "referent_offer", "referent", "round_vote", "group_chat")
ORGANISERS = {ORGANISER, OTHER_ORGANISER}


async def snapshot(h: Harness) -> Tables:
    """Every row of the tables about people and of the group-chat features."""
    tables = {}
    for table in PEOPLE + DISCUSSION:
        rows = await h.storage.db.fetchall(f"SELECT * FROM {table} ORDER BY rowid")
        tables[table] = [tuple(r) for r in rows]
    return tables


def sender_of(update: dict[str, Any]) -> int | None:
    """The user behind an update."""
    for value in update.values():
        if isinstance(value, dict):
            who = value.get("from") or value.get("user")
            if who:
                return int(who["id"])
    return None


def origin(update: dict[str, Any]) -> dict[str, Any]:
    """The chat an update comes from ({} when none: inline buttons, poll answers)."""
    message = update.get("message") or update.get("edited_message") or {}
    query = update.get("callback_query") or {}
    member = update.get("my_chat_member") or {}
    return dict(
        message.get("chat") or (query.get("message") or {}).get("chat") or member.get("chat") or {}
    )


def replies_to_bot(message: dict[str, Any]) -> bool:
    """Whether a message replies to one of the bot's messages."""
    return (message.get("reply_to_message") or {}).get("from", {}).get("id") == BOT_ID


def is_command(message: dict[str, Any]) -> bool:
    """Whether Telegram marked the message as a command (a bot_command entity at its start)."""
    entities = message.get("entities") or []
    return any(e.get("type") == "bot_command" and e.get("offset") == 0 for e in entities)


def data_of(update: dict[str, Any]) -> str:
    """The callback data of a button press ('' for other updates)."""
    return str((update.get("callback_query") or {}).get("data") or "")


def check_storage(before: Tables, after: Tables, update: dict[str, Any]) -> None:
    """Only the sender's own rows may change, and an answer appears only for a valid answer."""
    user = sender_of(update)
    mine = {r[2]: r[0] for r in before["participant"]}.get(user)
    message = update.get("message") or update.get("edited_message") or {}
    chat = origin(update)
    private = chat.get("type") == "private"
    text = message.get("text")
    valid_text = isinstance(text, str) and not is_command(message) and text_problem(text) is None
    in_chat = "message" in update and not private and replies_to_bot(message)
    takes_answer = "message" in update and mine is not None and valid_text and (private or in_chat)
    # Nobody leaves and nobody moves; only a tap on "take part" in a group chat lets the one who
    # tapped join (join and erase buttons in private carry signatures that cannot be guessed).
    old = {r[0]: r[:4] for r in before["participant"]}
    assert {r[0]: r[:4] for r in after["participant"] if r[0] in old} == old
    joined = [r for r in after["participant"] if r[0] not in old]
    taps_take_part = data_of(update).startswith("cj:") and chat.get("type") != "private"
    assert all(r[2] == user for r in joined) and (not joined or taps_take_part), joined
    assert [r for r in after["participant"] if r[2] != user] == [
        r for r in before["participant"] if r[2] != user
    ]
    known = {r[0] for r in before["answer"]}
    new_answers = [r for r in after["answer"] if r[0] not in known]
    assert len(new_answers) <= (1 if takes_answer else 0)
    changed = [r for r in before["answer"] if r not in after["answer"]]
    assert all(r[1] == mine for r in new_answers + changed), "someone else's answers changed"
    assert len(after["answer_revision"]) - len(before["answer_revision"]) <= (1 if private else 0)
    new_users = {r[0] for r in after["telegram_user"]} - {r[0] for r in before["telegram_user"]}
    assert new_users <= {user}
    # Poll choices, referent offers and round votes are only ever the sender's own.
    for table, who in (("poll_vote", 1), ("referent_offer", 1), ("round_vote", 0)):
        touched = set(after[table]) ^ set(before[table])
        owner = user if table != "round_vote" else mine
        assert all(r[who] == owner for r in touched), (table, touched)
    participants = {r[2] for r in before["participant"]}
    if after["referent"] != before["referent"]:
        assert user in ORGANISERS | participants, "a stranger changed a group's referent"
    if after["group_chat"] != before["group_chat"]:
        assert user in ORGANISERS or "my_chat_member" in update, "only organisers link chats"


def destinations(before: Tables, update: dict[str, Any]) -> set[str]:
    """The chats the bot may write to for this update.

    The sender's private chat; a group chat for a command or a reply to the bot there, or for a
    button pressed in it (and the bot's own membership changing there); organisers reach the
    participants, the linked chats and the channels.
    """
    user = sender_of(update)
    chat = origin(update)
    message = update.get("message") or update.get("edited_message") or {}
    allowed = {str(user)}
    if chat and (
        "callback_query" in update
        or "my_chat_member" in update
        or is_command(message)
        or replies_to_bot(message)
    ):
        allowed.add(str(chat["id"]))
    linked = {str(r[1]) for r in before["group_chat"]}
    if user in ORGANISERS:
        allowed |= linked | {str(r[2]) for r in before["participant"]}
        allowed |= {"@hallingtinget_kanal", "@anna_ting_kanal", "-1001234567890"}
    return allowed


def check_replies(made: list[Any], update: dict[str, Any], before: Tables) -> None:
    """Only where the update allows, valid for Telegram, few; every button press answered."""
    user = sender_of(update)
    chat = origin(update)
    private = chat.get("type") == "private"
    allowed = destinations(before, update)
    sends = [c for c in made if c.method.startswith("send")]
    for call in made:
        inline = "inline_message_id" in call.params  # the message the button was on
        if call.method.startswith(("send", "edit", "pin", "setMessageReaction")) and not inline:
            assert str(call.params.get("chat_id")) in allowed, (call, allowed)
        if call.method == "sendMessage":
            message_text(Params(call.params, {}))
            reply_markup(call.params.get("reply_markup"))
        if call.method == "sendDocument":
            caption(Params(call.params, {}))
    answered = [c for c in made if c.method == "answerCallbackQuery"]
    assert len(answered) == (1 if "callback_query" in update else 0)
    message = update.get("message") or update.get("edited_message") or {}
    organiser = user in ORGANISERS
    if private and message:
        least = 0 if "new_chat_members" in message else 1  # a service message needs no answer
        assert least <= len(sends), "a private message gets an answer"
    if not organiser:
        # Organisers' tools may send more (links, exports, a round's invitations, questions
        # posted in a chat); everyone else gets a short answer or none.
        assert len(sends) <= 3, "a short answer"
    chatter = not is_command(message) and not replies_to_bot(message)
    if "message" in update and chat and not private and chatter:
        assert not made, "the bot answered chatter in a group chat"


async def check(h: Harness, update: dict[str, Any]) -> None:
    """Feed one update and check every invariant."""
    before = await snapshot(h)
    calls = len(h.tg.calls)
    await h.feed(update)
    check_storage(before, await snapshot(h), update)
    check_replies(h.tg.calls[calls:], update, before)


def test_random_updates_never_break_the_bot(tmp_path: Path) -> None:
    errors = ErrorRecords()
    logging.getLogger().addHandler(errors)
    seen, escaped = [0], [0]
    with asyncio.Runner() as runner:
        h = runner.run(start_harness(tmp_path, config=two_consultations(tmp_path / "t.sqlite3")))
        runner.run(h.join(PARTICIPANT, CODE_1))
        runner.run(h.text(PARTICIPANT, "Eit første svar"))
        for word in ("lang ", "lengre "):  # /mine then needs more than one message
            runner.run(h.text(PARTICIPANT, (word * 800)[:3950]))
        runner.run(h.join(OTHER_PARTICIPANT, CODE_2))
        runner.run(h.text(OTHER_PARTICIPANT, "Betre bussruter mellom kommunane om kvelden"))
        # Group 1's chat is linked with its questions posted, the round is open and the
        # check-back sent: random updates reach the group-chat, round and check-back handlers.
        runner.run(h.command(ORGANISER, "kopla", CODE_1, chat_id=GROUP_CHAT))
        runner.run(h.command(ORGANISER, "sporsmal", chat_id=GROUP_CHAT))
        runner.run(h.command(ORGANISER, "runde", "opne"))
        runner.run(h.click(ORGANISER, "ks"))

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(updates())
        def feed(update: dict[str, Any]) -> None:
            seen[0] += 1
            try:
                runner.run(check(h, update))
                assert not errors.records, [r.getMessage() for r in errors.records]
            except ApiError as invalid:
                raise AssertionError(
                    f"Telegram would refuse what the bot sent: {invalid}"
                ) from None
            finally:
                escaped[0] += len(errors.records)
                errors.records.clear()

        try:
            feed()
        finally:
            logging.getLogger().removeHandler(errors)
            runner.run(stop_harness(h))
    figures = {"examples_run": seen[0], "exceptions_escaped": escaped[0]}
    report_figures("hypothesis bad input", figures)
    assert seen[0] >= EXAMPLES and escaped[0] == 0
