"""Logs never hold answer texts at INFO or above, nor the token at any level."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from telegram.ext import CallbackContext

from bot.jobs.purge import purge_job
from bot.logs import KeyValueFormatter
from tests.support.harness import TOKEN, Harness

MARKERS = ("Svar-Alfa-7731", "Svar-Beta-1902", "Endra-Gamma-5530")


async def test_no_answer_text_in_logs_at_info_or_above(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await h.join(5)
    await h.text(5, f"{MARKERS[0]} om næring")
    await h.text(5, f"{MARKERS[1]} om helse")
    await h.command(5, "mine")
    await h.press(5, "✏️")
    await h.text(5, f"{MARKERS[2]} endra")
    await h.command(5, "mine")
    await h.press(5, "🗑")
    await h.press(5, "↩️")
    h.tg.fail("sendMessage", code=500, description="Internal Server Error")
    await h.text(5, f"{MARKERS[1]} på nytt")  # the reply fails: the error path logs
    h.tg.fail("sendMessage", code=400, description="Bad Request: can't parse entities")
    await h.text(5, f"{MARKERS[0]} igjen")
    await h.command(5, "mine_data")
    await h.command(5, "slett")
    await h.press(5, "🗑")
    h.clock.now = h.config.consultations[0].deadline + timedelta(days=400)
    await purge_job(CallbackContext(h.app))

    formatter = KeyValueFormatter()
    lines = [(r.levelno, formatter.format(r)) for r in caplog.records]
    loud = [line for level, line in lines if level >= logging.INFO]
    assert loud, "the flows log at INFO"
    assert [line for line in loud if any(m in line for m in MARKERS)] == []
    quiet = [line for level, line in lines if level < logging.INFO]
    assert any(MARKERS[0] in line for line in quiet), "debug logs do show texts: the check works"
    assert [line for _, line in lines if TOKEN in line or TOKEN.split(":")[1] in line] == []
    assert any("update failed" in line for line in loud)
