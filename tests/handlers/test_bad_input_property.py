"""Random but validly shaped updates through the real Application (hypothesis).

Whatever arrives — any message kind, edits, channel posts, forged buttons, odd commands, long,
right-to-left or zero-width text, unknown users and chats, group chats — no exception escapes a
handler, nothing is stored that should not be, the bot writes only to the sender's private chat
(valid Telegram HTML within the limits), and every button press is answered exactly once.
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
from tests.support.figures import report_figures
from tests.support.harness import CODE_1, CODE_2, Harness, start_harness, stop_harness
from tests.support.roles import (
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


async def snapshot(h: Harness) -> Tables:
    """Every row of the tables about people."""
    tables = {}
    for table in ("telegram_user", "participant", "answer", "answer_revision"):
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


def check_storage(before: Tables, after: Tables, update: dict[str, Any]) -> None:
    """Only the sender's own rows may change, and an answer appears only for a valid answer."""
    user = sender_of(update)
    mine = {r[2]: r[0] for r in before["participant"]}.get(user)
    message = update.get("message") or update.get("edited_message") or {}
    private = message.get("chat", {}).get("type") == "private"
    text = message.get("text")
    takes_answer = (
        "message" in update
        and private
        and mine is not None
        and isinstance(text, str)
        and not text.startswith("/")
        and text_problem(text) is None
    )
    # Nobody joins or leaves: join and erase buttons carry signatures that cannot be guessed.
    assert [r[:4] for r in after["participant"]] == [r[:4] for r in before["participant"]]
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


def check_replies(made: list[Any], update: dict[str, Any]) -> None:
    """Only to the sender's private chat, valid for Telegram, few; every button press answered."""
    user = sender_of(update)
    message = update.get("message") or update.get("edited_message") or {}
    private = message.get("chat", {}).get("type") == "private"
    sends = [c for c in made if c.method.startswith("send")]
    for call in made:
        if call.method in ("sendMessage", "sendDocument", "editMessageReplyMarkup"):
            assert user is not None and str(call.params.get("chat_id")) == str(user), call
        if call.method == "sendMessage":
            message_text(Params(call.params, {}))
            reply_markup(call.params.get("reply_markup"))
        if call.method == "sendDocument":
            caption(Params(call.params, {}))
    answered = [c for c in made if c.method == "answerCallbackQuery"]
    assert len(answered) == (1 if "callback_query" in update else 0)
    if private:
        least = 0 if "new_chat_members" in message else 1  # a service message needs no answer
        assert least <= len(sends) <= 3, "a private message gets a short answer"
    elif "callback_query" not in update:
        assert not made, "the bot answered outside a private chat"


async def check(h: Harness, update: dict[str, Any]) -> None:
    """Feed one update and check every invariant."""
    before = await snapshot(h)
    calls = len(h.tg.calls)
    await h.feed(update)
    check_storage(before, await snapshot(h), update)
    check_replies(h.tg.calls[calls:], update)


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
        runner.run(h.text(OTHER_PARTICIPANT, "Eit anna svar"))

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
