"""Updates delivered twice (Telegram redelivers what was not confirmed before a crash)."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from tests.support.harness import Harness


async def twice(h: Harness, payload: dict[str, Any]) -> None:
    """Feed the same update (same message or query) two times."""
    await h.feed(payload)
    await h.feed(payload)


async def test_a_redelivered_answer_is_stored_once(h: Harness) -> None:
    await h.join(5)
    await twice(h, {"message": h.message(5, text="Betre kollektivtilbod")})
    rows = await h.storage.db.fetchall("SELECT text FROM answer")
    assert [r[0] for r in rows] == ["Betre kollektivtilbod"]
    # Acknowledged once: the second delivery finds its acknowledgement recorded.
    saved = [r for r in h.replies(5) if r.startswith("✅ Lagra")]
    assert saved == ["✅ Lagra (punkt 1 til spørsmål 1). Skriv meir, eller gå vidare."]
    (acked,) = await h.storage.db.fetchall("SELECT acknowledged_at IS NOT NULL FROM answer")
    assert acked[0] == 1


async def test_a_redelivered_edit_is_one_revision_and_no_new_answer(h: Harness) -> None:
    await h.join(5)
    await h.text(5, "Fyrste tekst")
    await h.command(5, "mine")
    await h.press(5, "✏️")
    await twice(h, {"message": h.message(5, text="Andre tekst")})
    answers = await h.storage.db.fetchall("SELECT text FROM answer")
    revisions = await h.storage.db.fetchall("SELECT text FROM answer_revision")
    assert [r[0] for r in answers] == ["Andre tekst"]
    assert [r[0] for r in revisions] == ["Fyrste tekst"]


async def test_a_button_press_that_can_no_longer_be_answered_is_no_error(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await h.join(5)
    h.tg.fail(
        "answerCallbackQuery",
        description="Bad Request: query is too old and response timeout expired or query ID is invalid",
    )
    with caplog.at_level(logging.INFO):
        await h.press(5, "▶")
    assert not [r for r in caplog.records if r.name == "tingbot.errors"]
    assert "Spørsmål 2 av 5" in h.last_text(5)
