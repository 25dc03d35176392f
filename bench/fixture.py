"""What the ingest and broadcast benchmarks start from: the example consultation, joined
participants and their answers as Telegram updates."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.config.load import load
from bot.config.model import Config
from bot.context import TingApplication
from storage import Storage
from tests.support.botapi import Call, FakeTelegram, chat, user

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456:BENCH-token-abcdefghijklmnopqrstuvwxyz"
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
FIRST_USER = 500_000_000


def bot_api() -> FakeTelegram:
    """The in-process Bot API, stamping each call on the real monotonic clock."""
    return FakeTelegram(clock=time.perf_counter)


def is_send(call: Call) -> bool:
    """Whether `call` sent a message (sendMessage, sendDocument, ...)."""
    return call.method.startswith("send") and "chat_id" in call.params


def sends(api: FakeTelegram) -> list[Call]:
    """The messages the bot sent, in order."""
    return [call for call in api.calls if is_send(call)]


def bench_config(database: Path) -> Config:
    """The example consultation with a benchmark token and `database`."""
    config = load(ROOT / "config.example.toml", {"TINGBOT_TOKEN": TOKEN})
    return replace(config, database=database)


def answer_texts() -> list[str]:
    """Real answer texts: every line of the labelled Hallingting fixture."""
    data = json.loads((ROOT / "tests/fixtures/hallingting_points.json").read_text("utf-8"))
    return [line for a in data["answers"] for line in a["text"].splitlines() if line.strip()]


def update_data(updates: int, participants: int) -> list[dict[str, Any]]:
    """`updates` private text messages, the participants taking turns; each text is unique."""
    texts = answer_texts()
    message_ids = [0] * participants
    data = []
    for index in range(updates):
        who = index % participants
        message_ids[who] += 1
        uid = FIRST_USER + who
        data.append(
            {
                "update_id": index + 1,
                "message": {
                    "message_id": message_ids[who],
                    "date": int(NOW.timestamp()),
                    "chat": chat(uid),
                    "from": user(uid, f"User{uid}", "nn"),
                    "text": f"{texts[index % len(texts)]} #{index}",
                },
            }
        )
    return data


async def join_participants(app: TingApplication, storage: Storage, participants: int) -> None:
    """Users FIRST_USER, FIRST_USER + 1, ... join the groups in turn, cursor on question one."""
    d = app.bot_data.deps
    catalog = d.catalogs[d.config.consultations[0].key]
    groups = catalog.groups
    first = catalog.active_questions[0].id
    await asyncio.gather(
        *(
            storage.participants.join(
                catalog.consultation_id,
                FIRST_USER + i,
                f"User{i}",
                groups[i % len(groups)].id,
                first,
                NOW,
            )
            for i in range(participants)
        )
    )
