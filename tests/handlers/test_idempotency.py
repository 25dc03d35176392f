"""Redelivered updates, failures after and during the commit, and the error handler."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from types import SimpleNamespace
from typing import Any

import pytest
from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.handlers.shared.errors import on_error
from tests.support.flow import KARI, answers, cursor
from tests.support.harness import Harness

APOLOGY = "Noko gjekk gale hjå meg. Alt eg har stadfesta som lagra, er trygt; prøv gjerne igjen."


def sent_texts(h: Harness) -> list[str]:
    return [c.text for c in h.tg.to(KARI, "sendMessage")]


async def test_the_same_update_twice_stores_one_answer(h: Harness) -> None:
    await h.join(KARI)
    message = h.message(KARI, text="Eit felles næringsselskap")
    await h.feed({"update_id": 9001, "message": message})
    await h.feed({"update_id": 9001, "message": message})
    assert answers(h) == [("organisering", "Eit felles næringsselskap", "active")]
    # Only the first delivery is acknowledged: the second finds that recorded.
    saved = [r for r in h.replies(KARI) if r.startswith("✅ Lagra")]
    assert saved == ["✅ Lagra (punkt 1 til spørsmål 1). Skriv meir, eller gå vidare."]


async def test_a_redelivered_answer_after_moving_on_stays_where_it_was(h: Harness) -> None:
    await h.join(KARI)
    message = h.message(KARI, text="Eit felles næringsselskap")
    await h.feed({"update_id": 9001, "message": message})
    await h.press(KARI, "Neste")
    await h.feed({"update_id": 9001, "message": message})
    assert answers(h) == [("organisering", "Eit felles næringsselskap", "active")]
    assert cursor(h) == "tiltak"


async def test_the_same_edit_twice_makes_one_revision_and_no_new_answer(h: Harness) -> None:
    await h.join(KARI)
    await h.text(KARI, "Gamal tekst")
    await h.command(KARI, "mine")
    await h.press(KARI, "Endre 1")
    message = h.message(KARI, text="Ny tekst")
    await h.feed({"update_id": 9002, "message": message})
    await h.feed({"update_id": 9002, "message": message})
    assert answers(h) == [("organisering", "Ny tekst", "active")]
    assert h.rows("SELECT text FROM answer_revision") == [("Gamal tekst",)]
    assert h.last_text(KARI).startswith("✅ Svaret ditt er oppdatert.")


async def test_the_same_button_press_twice_moves_once(h: Harness) -> None:
    await h.join(KARI)
    question = h.tg.last(KARI)
    data = next(d for label, d in question.buttons if "Hopp over" in label)
    update = await h.click(KARI, data, question)
    await h.feed(update.to_dict())
    assert cursor(h) == "tiltak"


@pytest.mark.parametrize(
    ("code", "description"),
    [
        (400, "Bad Request: message is too long"),
        (403, "Forbidden: bot was blocked by the user"),
        (502, "Bad Gateway"),
    ],
)
async def test_a_failing_reply_after_the_commit_leaves_the_answer_stored(
    h: Harness, code: int, description: str
) -> None:
    await h.join(KARI)
    h.tg.fail("sendMessage", code, description)
    message = h.message(KARI, text="Eit felles næringsselskap")
    await h.feed({"update_id": 9003, "message": message})
    assert answers(h) == [("organisering", "Eit felles næringsselskap", "active")]
    # Telegram delivers the update again (the bot did not confirm it): still one answer.
    await h.feed({"update_id": 9003, "message": message})
    assert answers(h) == [("organisering", "Eit felles næringsselskap", "active")]
    assert h.last_text(KARI).startswith("✅ Lagra (punkt 1 til spørsmål 1).")


def break_answer_writes(h: Harness, how: str) -> None:
    """Make storing an answer fail inside the write, or at its COMMIT (as a full disk would)."""
    with sqlite3.connect(h.config.database) as conn:
        if how == "write":
            conn.execute(
                "CREATE TRIGGER fail_answer BEFORE INSERT ON answer "
                "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
            )
        else:
            # A deferred foreign key is only checked at COMMIT: the COMMIT itself fails.
            conn.executescript(
                "CREATE TABLE nowhere (id INTEGER PRIMARY KEY);"
                "CREATE TABLE answer_audit (ref INTEGER REFERENCES nowhere(id) "
                "DEFERRABLE INITIALLY DEFERRED);"
                "CREATE TRIGGER audit_answer AFTER INSERT ON answer "
                "BEGIN INSERT INTO answer_audit VALUES (NEW.id); END;"
            )


@pytest.mark.parametrize("how", ["write", "commit"])
async def test_a_failing_commit_sends_no_saved(
    h: Harness, how: str, caplog: pytest.LogCaptureFixture
) -> None:
    await h.join(KARI)
    break_answer_writes(h, how)
    before = len(sent_texts(h))
    with caplog.at_level(logging.ERROR, logger="tingbot.errors"):
        await h.text(KARI, "Eit felles næringsselskap")
    new = sent_texts(h)[before:]
    assert not any("Lagra" in text for text in new)
    assert new == [APOLOGY]
    assert h.rows("SELECT count(*) FROM answer") == [(0,)]
    (record,) = [r for r in caplog.records if r.name == "tingbot.errors"]
    assert record.exc_info is not None and isinstance(record.exc_info[1], sqlite3.Error)
    # The bot carries on: once the disk is fine again, answers are stored.
    with sqlite3.connect(h.config.database) as conn:
        conn.execute("DROP TRIGGER IF EXISTS fail_answer")
        conn.execute("DROP TRIGGER IF EXISTS audit_answer")
    await h.text(KARI, "Eit felles næringsselskap")
    assert h.last_text(KARI).startswith("✅ Lagra (punkt 1 til spørsmål 1).")


async def test_the_apology_speaks_the_participants_language(h: Harness) -> None:
    await h.join(KARI, language="en")
    break_answer_writes(h, "write")
    await h.text(KARI, "A joint business company", language="en")
    assert h.last_text(KARI) == (
        "Something went wrong on my side. Everything I confirmed as saved is safe; "
        "please try again."
    )


async def test_an_exception_in_a_handler_does_not_escape(
    h: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    await h.join(KARI)

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(h.storage.answers, "answers_of", broken)
    with caplog.at_level(logging.ERROR, logger="tingbot.errors"):
        await h.command(KARI, "mine")
    assert h.last_text(KARI) == APOLOGY
    (record,) = [r for r in caplog.records if r.name == "tingbot.errors"]
    assert record.exc_info is not None and isinstance(record.exc_info[1], RuntimeError)


async def test_even_the_apology_failing_does_not_escape(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await h.join(KARI)
    h.tg.fail("sendMessage", 400, "Bad Request: chat not found", times=2)
    with caplog.at_level(logging.WARNING):
        await h.text(KARI, "Eit felles næringsselskap")
    assert answers(h) == [("organisering", "Eit felles næringsselskap", "active")]
    warnings = [
        r for r in caplog.records if r.name == "tingbot.errors" and r.levelname == "WARNING"
    ]
    assert [r.getMessage() for r in warnings] == ["could not tell the chat about the error"]
    assert getattr(warnings[0], "update", None) is not None


async def test_the_error_handler_never_raises(h: Harness) -> None:
    """Errors without an update (jobs), in group chats, or with a broken Telegram connection.

    The only exception it raises is ApplicationHandlerStop, for an update: no later group may
    take an update whose handler failed.
    """
    h.tg.fail("sendMessage", 500, "Internal Server Error", times=10)
    private = Update.de_json({"update_id": 1, "message": h.message(KARI, text="x")}, h.app.bot)
    group = Update.de_json(
        {"update_id": 2, "message": h.message(KARI, chat_id=-100777, text="x")}, h.app.bot
    )
    calls = len(h.tg.calls)
    boom = RuntimeError("boom")
    cases = [(None, boom), ("not an update", boom), (private, boom), (group, boom), (private, None)]
    for update, error in cases:
        context = SimpleNamespace(error=error, bot=h.app.bot, bot_data=h.app.bot_data)
        if isinstance(update, Update):
            with pytest.raises(ApplicationHandlerStop):
                await on_error(update, context)  # type: ignore[arg-type]
        else:
            await on_error(update, context)  # type: ignore[arg-type]
    # Only the private chat is told (twice here), never the group.
    assert [c.params["chat_id"] for c in h.tg.calls[calls:]] == [KARI, KARI]


async def test_one_chat_is_processed_in_order_when_updates_run_concurrently(h: Harness) -> None:
    await h.join(KARI)
    updates = [
        Update.de_json(
            {"update_id": 100 + i, "message": h.message(KARI, text=f"punkt {i}")}, h.app.bot
        )
        for i in range(20)
    ]
    processor = h.app.update_processor
    await asyncio.gather(*(processor.process_update(u, h.app.process_update(u)) for u in updates))
    assert [text for _, text, _ in answers(h)] == [f"punkt {i}" for i in range(20)]
    acks = [t for t in h.replies(KARI) if t.startswith("✅ Lagra")]
    assert acks == [
        f"✅ Lagra (punkt {i} til spørsmål 1). Skriv meir, eller gå vidare." for i in range(1, 21)
    ]
