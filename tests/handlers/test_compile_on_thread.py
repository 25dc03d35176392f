"""The summary compiled on a worker thread is the summary compiled on the event loop."""

from __future__ import annotations

import asyncio

from bot.domain.compile_memo import CompileMemo
from bot.services.summary import compile_summary
from tests.support.harness import Harness
from tests.support.seeding import seed_answers


async def test_the_same_digest_on_a_thread_and_on_the_loop_at_once(h: Harness) -> None:
    await seed_answers(h)
    d = h.app.bot_data.deps
    consultation = d.config.consultations[0]
    on_loop = await compile_summary(d, consultation)
    d.compiled = CompileMemo()  # nothing remembered: both compile, one of them on a thread
    threaded, again = await asyncio.gather(
        compile_summary(d, consultation, on_thread=True), compile_summary(d, consultation)
    )
    for digest in (threaded, again):
        assert [q.summary for q in digest.questions] == [q.summary for q in on_loop.questions]
        assert digest.answers == on_loop.answers and digest.points == on_loop.points
    assert len(d.compiled) == len(on_loop.questions)
