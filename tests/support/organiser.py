"""Helpers for organiser tests: seed answers straight into storage and read the latest view."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from storage.models import Answer
from tests.support.botapi import Call
from tests.support.harness import Harness

CONSULTATION = "hallingting-2026"
_messages = itertools.count(10_000)


async def seed(h: Harness, rows: Sequence[tuple[str, int, str, str]]) -> list[Answer]:
    """Store answers given as (group key, Telegram id, question key, text), joining as needed."""
    catalog = h.app.bot_data.deps.catalogs[CONSULTATION]
    first = catalog.active_questions[0].id
    stored = []
    for group_key, telegram_id, question_key, text in rows:
        group = catalog.group_by_key(group_key)
        question = catalog.question_by_key(question_key)
        assert group is not None and question is not None
        participant = await h.storage.participants.join(
            catalog.consultation_id, telegram_id, f"Person{telegram_id}", group.id, first, h.clock()
        )
        answer, _ = await h.storage.answers.add_answer(
            participant.id, question.id, text, telegram_id, next(_messages), h.clock()
        )
        stored.append(answer)
    return stored


def view(h: Harness, chat_id: int) -> Call:
    """The latest message with buttons the bot sent or edited in a chat (the current view)."""
    calls = [
        c for c in h.tg.to(chat_id) if c.method in ("sendMessage", "editMessageText") and c.buttons
    ]
    assert calls, f"nothing shown in chat {chat_id}"
    return calls[-1]


def data_of(call: Call, label: str) -> str:
    """The callback data of the first button of `call` whose label contains `label`."""
    found = [data for text, data in call.buttons if label in text]
    assert found, f"no button {label!r} in {[text for text, _ in call.buttons]}"
    return found[0]


def consultation_id(h: Harness) -> int:
    """The database id of the example consultation."""
    return h.app.bot_data.deps.catalogs[CONSULTATION].consultation_id


def question_id(h: Harness, key: str) -> int:
    """The database id of a question of the example consultation."""
    found = h.app.bot_data.deps.catalogs[CONSULTATION].question_by_key(key)
    assert found is not None
    return found.id


TEXTS = {
    "sats": "Sats på Hallingdal 2.0",
    "fond": "Regionalt næringsfond",
    "trainee": "Traineeordning for unge",
    "mobil": "Betre mobildekning og breiband",
}
# Answers to "tiltak" from seven of the eight groups: five raise "sats" (the only headline),
# two "fond", one each "trainee" and "mobil". Identical wordings cluster whatever the threshold.
TILTAK = [
    ("gruppe-1", "sats"),
    ("gruppe-2", "sats"),
    ("gruppe-3", "sats"),
    ("gruppe-4", "sats"),
    ("gruppe-5", "sats"),
    ("gruppe-1", "fond"),
    ("gruppe-6", "fond"),
    ("gruppe-2", "trainee"),
    ("gruppe-7", "mobil"),
]
FIRST_PARTICIPANT = 500


async def seed_tiltak(h: Harness) -> dict[str, list[str]]:
    """Seed TILTAK (one participant per answer); return the point refs of each topic."""
    rows = [
        (group, FIRST_PARTICIPANT + index, "tiltak", TEXTS[topic])
        for index, (group, topic) in enumerate(TILTAK)
    ]
    answers = await seed(h, rows)
    refs: dict[str, list[str]] = {}
    for (_group, topic), answer in zip(TILTAK, answers, strict=True):
        refs.setdefault(topic, []).append(f"{answer.id}.0")
    return refs


async def open_tiltak(h: Harness, user_id: int) -> Call:
    """Open the preview and go to the second question ("tiltak"); return the view."""
    await h.command(user_id, "oppsummering")
    await h.press(user_id, "Spørsmål 2 ▶")
    return view(h, user_id)


def last_sent_id(h: Harness, chat_id: int) -> int:
    """The message id of the latest message the bot sent to a chat."""
    ids = [message_id for (chat, message_id) in h.tg.sent if chat == chat_id]
    assert ids, f"nothing sent to {chat_id}"
    return max(ids)


def point_lines(text: str) -> list[str]:
    """The numbered point lines of a preview text."""
    return [line.removesuffix("</blockquote>") for line in re.findall(r"^\d+\. .*$", text, re.M)]


async def curation_rows(h: Harness) -> list[tuple[str, str, str, str, int]]:
    """The curation log as (kind, ref, target_ref, label, organiser id)."""
    log = await h.storage.summaries.curation_log(consultation_id(h))
    return [(r.kind, r.ref, r.target_ref, r.label, r.organiser_id) for r in log]
