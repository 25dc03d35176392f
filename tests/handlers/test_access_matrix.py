"""Every command and button × every role, through the real Application (see access_table.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.handlers.answering import NOT_JOINED
from bot.handlers.common import signed
from bot.i18n import translator
from tests.handlers.access_table import IGNORED, NO, ROLES, TABLE, YES, Row, markdown
from tests.support.harness import CODE_1, ROOT, Harness, start_harness, stop_harness
from tests.support.roles import GROUP_CHAT, PARTICIPANT, two_consultations
from tests.support.roles import ROLES as ROLE_USERS

nn = translator("nn")
REFUSALS = {
    nn(NOT_JOINED),
    nn("Only the organisers of the consultation can do this."),
    nn("This button is no longer valid."),
}
PEOPLE_TABLES = ("telegram_user", "participant", "answer", "answer_revision")


@pytest.fixture
async def seated(tmp_path: Path) -> AsyncIterator[Harness]:
    """Two consultations; the participant has joined group 1 and given one answer."""
    h = await start_harness(tmp_path, config=two_consultations(tmp_path / "a.sqlite3"))
    await h.join(PARTICIPANT, CODE_1)
    await h.text(PARTICIPANT, "Eit svar frå deltakaren")
    yield h
    await stop_harness(h)


def registered(h: Harness) -> set[str]:
    """Every command ("/name") and button pattern ("*" for the catch-all) the app registers."""
    keys = set()
    for handlers in h.app.handlers.values():
        for handler in handlers:
            if isinstance(handler, CommandHandler):
                keys |= {f"/{c}" for c in handler.commands}
            elif isinstance(handler, CallbackQueryHandler):
                pattern = handler.pattern
                keys.add(pattern.pattern if hasattr(pattern, "pattern") else str(pattern or "*"))
    return keys


async def people(h: Harness) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables about people."""
    return {
        t: [tuple(r) for r in await h.storage.db.fetchall(f"SELECT * FROM {t} ORDER BY rowid")]
        for t in PEOPLE_TABLES
    }


async def act(h: Harness, row: Row, role: str) -> None:
    """The role uses the command or presses the button."""
    user = ROLE_USERS[role]
    chat = GROUP_CHAT if role == "group chat" else user
    d = h.app.bot_data.deps
    participant = (await h.storage.participations(PARTICIPANT))[0]
    answer = (await h.storage.answers_of(participant.id))[0]
    group = d.catalogs["hallingting-2026"].groups[0].id
    minute = int(d.clock().timestamp()) // 60
    values = {
        "code": CODE_1,
        "group": group,
        "question": participant.question_id,
        "answer": answer.id,
        "minute": minute,
        "join": signed(d, "join", user, group),
        "erase": signed(d, "erase", user, minute),
    }
    action = row.action.format(**values)
    if row.key.startswith("/"):
        await h.command(user, row.key[1:], *action.split(), chat_id=chat)
    else:
        await h.click(user, action, chat_id=chat)


def outcome(calls: list[Any]) -> str:
    """yes, no (a refusal) or — (no answer at all), from what the bot sent."""
    said = [
        str(c.params.get("text") or c.params.get("caption") or "")
        for c in calls
        if c.method in ("sendMessage", "sendDocument", "answerCallbackQuery")
    ]
    if not said:
        return IGNORED
    return NO if any(text in REFUSALS for text in said) else YES


def test_every_registered_command_and_button_has_a_row(seated: Harness) -> None:
    rows = {row.key for row in TABLE}
    missing = registered(seated) - rows
    assert not missing, f"add rows to tests/handlers/access_table.py for: {sorted(missing)}"
    assert rows - registered(seated) == set(), "the table has rows for nothing registered"


def test_docs_show_the_same_table() -> None:
    docs = (ROOT / "docs" / "access.md").read_text(encoding="utf-8")
    assert markdown() in docs, "update docs/access.md with:\n" + markdown()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", TABLE, ids=[row.key for row in TABLE])
async def test_access(seated: Harness, row: Row, role: str) -> None:
    h = seated
    before = await people(h)
    mark = len(h.tg.calls)
    await act(h, row, role)
    got = outcome(h.tg.calls[mark:])
    assert got == row.expect[ROLES.index(role)], [c.text for c in h.tg.calls[mark:]]
    if got != YES:
        assert await people(h) == before, "a refused or ignored action changed something"
