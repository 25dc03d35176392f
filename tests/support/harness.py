"""A real PTB Application on a real SQLite file, driven with real `Update` objects."""

from __future__ import annotations

import itertools
import sqlite3
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from telegram import Update

from bot.app import build_application, start_up
from bot.config.load import load
from bot.config.model import Config
from bot.context import TingApplication
from bot.handlers.shared.commands import set_menus
from storage import Storage
from tests.support.botapi import Call, FakeTelegram, chat, user

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz"
ORGANISER = 111111111
CODE_1 = "ht26-g1-Kx7p"
CODE_2 = "ht26-g2-Qm4d"


class FakeClock:
    """An injected clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        """The current fake moment."""
        return self.now

    def advance(self, **delta: float) -> None:
        """Move the clock forward."""
        self.now += timedelta(**delta)


def example_config(database: Path, **consultation_changes: Any) -> Config:
    """The example config with a test token, a database under tmp_path and optional changes."""
    config = load(ROOT / "config.example.toml", {"TINGBOT_TOKEN": TOKEN})
    consultations = tuple(replace(c, **consultation_changes) for c in config.consultations)
    return replace(config, database=database, consultations=consultations)


@dataclass
class Harness:
    """The application under test, its fake Telegram, clock and storage."""

    app: TingApplication
    tg: FakeTelegram
    clock: FakeClock
    storage: Storage
    config: Config
    languages: dict[int, str | None] = field(default_factory=dict)

    _updates = itertools.count(1)

    async def feed(self, data: dict[str, Any]) -> Update:
        """Process one update (as JSON) through the application, and what it queued to write."""
        data = {"update_id": next(self._updates), **data}
        update = Update.de_json(data, self.app.bot)
        await self.app.process_update(update)
        await self.storage.db.flush()
        return update

    def message(
        self, user_id: int, chat_id: int | None = None, language: str | None = "nn", **fields: Any
    ) -> dict[str, Any]:
        """A user's message object in a chat (their private chat by default)."""
        chat_id = user_id if chat_id is None else chat_id
        self.languages[user_id] = language
        return {
            "message_id": next(self.tg.message_ids[chat_id]),
            "date": int(time.time()),
            "chat": chat(chat_id),
            "from": user(user_id, f"User{user_id}", language),
            **fields,
        }

    async def text(self, user_id: int, text: str, **kw: Any) -> Update:
        """The user sends a text message."""
        return await self.feed({"message": self.message(user_id, text=text, **kw)})

    async def command(self, user_id: int, name: str, *args: str, **kw: Any) -> Update:
        """The user sends /name with arguments."""
        text = " ".join([f"/{name}", *args])
        entity = {"type": "bot_command", "offset": 0, "length": len(name) + 1}
        return await self.feed(
            {"message": self.message(user_id, text=text, entities=[entity], **kw)}
        )

    async def click(
        self, user_id: int, data: str, message: Call | None = None, chat_id: int | None = None
    ) -> Update:
        """The user presses a button with callback `data` (on `message`, else the latest one).

        In a chat without messages from the bot, the button sits on a made-up message (forged).
        """
        chat_id = user_id if chat_id is None else chat_id
        if message is None and self.tg.to(chat_id, "sendMessage"):
            message = self.tg.last(chat_id)
        text = message.text if message else "?"
        stored = next(
            (
                m
                for (c, _), m in reversed(list(self.tg.sent.items()))
                if c == chat_id and m.get("text") == text
            ),
            {"message_id": 1, "date": int(time.time()), "chat": chat(chat_id), "text": text},
        )
        query = {
            "id": str(next(self._updates)),
            "from": user(user_id, f"User{user_id}", self.languages.get(user_id, "nn")),
            "chat_instance": str(chat_id),
            "data": data,
            "message": {k: v for k, v in stored.items() if k != "reply_markup"},
        }
        return await self.feed({"callback_query": query})

    async def press(self, user_id: int, label: str, chat_id: int | None = None) -> Update:
        """The user presses the newest button whose label contains `label`."""
        chat_id = user_id if chat_id is None else chat_id
        for call in reversed(self.tg.to(chat_id)):
            for text, data in call.buttons:
                if label in text:
                    return await self.click(user_id, data, call, chat_id)
        raise AssertionError(f"no button {label!r} in chat {chat_id}")

    def query_answer(self, update: Update) -> Call:
        """The bot's answerCallbackQuery for a button press (exactly one is expected)."""
        assert update.callback_query is not None
        found = [
            c
            for c in self.tg.calls
            if c.method == "answerCallbackQuery"
            and c.params.get("callback_query_id") == update.callback_query.id
        ]
        assert len(found) == 1, f"{len(found)} answers to callback query {update.callback_query.id}"
        return found[0]

    def replies(self, chat_id: int) -> list[str]:
        """Every text the bot sent to a chat."""
        return self.tg.texts(chat_id)

    def last_text(self, chat_id: int) -> str:
        """The latest text the bot sent to a chat."""
        return self.tg.last(chat_id).text

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows of a query on a separate connection: only what is committed is seen."""
        with sqlite3.connect(self.config.database) as conn:
            return [tuple(r) for r in conn.execute(sql, params)]

    def snapshot(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table, to show that something changed nothing."""
        tables = self.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        return {name: self.rows(f"SELECT * FROM {name} ORDER BY rowid") for (name,) in tables}

    async def join(self, user_id: int, code: str = CODE_1, language: str = "nn") -> None:
        """Open the deep link and accept."""
        await self.command(user_id, "start", code, language=language)
        await self.press(user_id, "✅")


async def start_harness(
    tmp_path: Path,
    now: datetime | None = None,
    tg: FakeTelegram | None = None,
    config: Config | None = None,
    **changes: Any,
) -> Harness:
    """Build, initialise and start up an application on the database under `tmp_path` (or for
    `config`).

    Pass the `tg` of a stopped harness to restart the bot against the same Telegram (which keeps
    counting message ids, as the real one does).
    """
    config = config or example_config(tmp_path / "tingbot.sqlite3", **changes)
    storage = await Storage.open(config.database)
    clock = FakeClock(now or datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    tg = tg or FakeTelegram()
    app = build_application(config, storage, clock=clock, request=tg, rate_limiter=False)
    await app.initialize()
    await start_up(app)
    await set_menus(app)  # what `tingbot run` does once it polls
    return Harness(app, tg, clock, storage, config)


async def stop_harness(h: Harness) -> None:
    """Shut the application down and close the database."""
    await h.app.shutdown()
    await h.storage.close()
