"""Every command and button × every role, through the real Application (see access_table.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.handlers.discussion.group_common import NOT_LEADER, NOT_LINKED
from bot.handlers.organiser.publishing import HASH_PREFIX
from bot.handlers.participant.answering import NOT_JOINED
from bot.handlers.shared.common import signed
from bot.i18n.translator import translator
from bot.services import decisions, group_answers, publishing
from bot.services import round as round_service
from bot.services.groupchat import table_of
from bot.services.participation import current
from tests.handlers.access_table import IGNORED, NO, ROLES, TABLE, YES, Row, markdown
from tests.support.harness import (
    CODE_1,
    CODE_2,
    ORGANISER,
    ROOT,
    Harness,
    start_harness,
    stop_harness,
)
from tests.support.roles import GROUP_CHAT, OTHER_PARTICIPANT, PARTICIPANT, two_consultations
from tests.support.roles import ROLES as ROLE_USERS

nn = translator("nn")
GROUP = "Gruppe 1"
REFUSALS = {
    nn(NOT_JOINED),
    nn(NOT_LINKED),
    nn(NOT_LEADER),
    nn("Only the organisers of the consultation can do this."),
    nn("This button is no longer valid."),
    nn("That command works in a group's Telegram group chat, not here."),
    nn("This meeting can no longer be changed."),
    nn("Take part in {group} first.", group=GROUP),
    nn("Someone else in the group, or an organiser, confirms your offer."),
    nn("Only the group's referent can answer this check-back."),
    nn(
        "The answers or the curation changed after the preview, so nothing was posted. Here is the new preview."
    ),
}


@pytest.fixture
async def seated(tmp_path: Path) -> AsyncIterator[Harness]:
    """Two consultations. The participant has joined group 1 and given one answer, someone in
    group 2 too; the organiser has linked group 1's chat, opened the cross-group round and sent
    the check-back (to group 1's chat: it has no referent)."""
    h = await start_harness(tmp_path, config=two_consultations(tmp_path / "a.sqlite3"))
    await h.join(PARTICIPANT, CODE_1)
    await h.text(PARTICIPANT, "Eit svar frå deltakaren")
    await h.join(OTHER_PARTICIPANT, CODE_2)
    await h.text(OTHER_PARTICIPANT, "Betre bussruter mellom kommunane om kvelden")
    await h.command(ORGANISER, "kopla", CODE_1, chat_id=GROUP_CHAT)
    await h.command(ORGANISER, "runde", "opne")
    await h.command(ORGANISER, "kontroll")
    await h.click(ORGANISER, "ks")
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


async def values(h: Harness, user: int) -> dict[str, object]:
    """What the placeholders of a row's action stand for."""
    d = h.app.bot_data.deps
    catalog = d.catalogs["hallingting-2026"]
    consultation = d.config.consultations[0]
    who = await current(d, PARTICIPANT, "nn")
    assert who is not None
    answer = (await h.storage.answers.answers_of(who.participant.id))[0]
    group = catalog.groups[0].id
    minute = int(d.clock().timestamp()) // 60
    meeting = next(
        m
        for m in await h.storage.meetings.of_consultation(catalog.consultation_id)
        if m.start_utc > d.clock()
    )
    ballot = await round_service.ballot_of(d, who)
    table = await table_of(d, GROUP_CHAT)
    assert table is not None
    group_points = await group_answers.group_points(d, table, answer.question_id)
    checkback = await h.storage.db.fetchone(
        "SELECT id FROM checkback WHERE chat_id = ?", (GROUP_CHAT,)
    )
    assert checkback is not None
    plan = await publishing.draft(d, consultation)
    decision = decisions.pending(d, user)
    return {
        "code": CODE_1,
        "group": group,
        "question": answer.question_id,
        "answer": answer.id,
        "minute": minute,
        "join": signed(d, "join", user, group),
        "erase": signed(d, "erase", user, minute),
        "consultation": catalog.consultation_id,
        "meeting": meeting.id,
        "point": ballot.items[0].point.key,
        "group_point": group_points[0].ref,
        "checkback": checkback[0],
        "member": PARTICIPANT,
        "version": plan.version,
        "hash": plan.content_hash[:HASH_PREFIX],
        "stamp": int(d.clock().timestamp()),
        "decision": decision.token if decision else "0" * decisions.TOKEN_LENGTH,
    }


async def perform(h: Harness, role: str, step: str) -> None:
    """The role sends the command ("/name args") or presses the button (data), as formatted."""
    user, chat = ROLE_USERS[role]
    if step.startswith("/"):
        name, *args = step[1:].split()
        await h.command(user, name, *args, chat_id=chat)
    else:
        await h.click(user, step, chat_id=chat)


async def formatted(h: Harness, role: str, step: str) -> str:
    """The step with its placeholders filled in for the role's user."""
    return step.format(**await values(h, ROLE_USERS[role][0]))


def outcome(calls: list[Any]) -> str:
    """yes, no (a refusal) or — (no answer at all), from what the bot sent."""
    said = [
        str(c.params.get("text") or c.params.get("caption") or c.params.get("question") or "")
        for c in calls
        if c.method in ("sendMessage", "sendDocument", "sendPoll", "answerCallbackQuery")
        or c.method.startswith("edit")
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
    for who, step in row.setup:
        who = role if who == "self" else who
        await perform(h, who, await formatted(h, who, step))
    step = await formatted(h, role, f"{row.key} {row.action}" if row.key[0] == "/" else row.action)
    before = h.snapshot()
    mark = len(h.tg.calls)
    await perform(h, role, step)
    got = outcome(h.tg.calls[mark:])
    assert got == row.expect[ROLES.index(role)], [c.text for c in h.tg.calls[mark:]]
    if got != YES:
        assert h.snapshot() == before, "a refused or ignored action changed something"
