"""The paid-broadcast option through the Application: the limiter it builds, /paminn's preview."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.app import build_application
from bot.transport.ratelimit import SmoothRateLimiter
from storage import Storage
from tests.support.flow import KARI, OLA
from tests.support.harness import CODE_2, ORGANISER, example_config, start_harness, stop_harness


def paid_config(tmp_path: Path, rate: int | None) -> object:
    config = example_config(tmp_path / "tingbot.sqlite3")
    return replace(config, telegram=replace(config.telegram, paid_broadcast=rate))


async def test_the_option_sets_the_limiters_paid_rate(tmp_path: Path) -> None:
    for rate in (None, 500):
        config = paid_config(tmp_path, rate)
        storage = await Storage.open(config.database)  # type: ignore[attr-defined]
        try:
            app = build_application(config, storage)  # type: ignore[arg-type]
            limiter = app.bot.rate_limiter
            assert isinstance(limiter, SmoothRateLimiter)
            assert limiter.gate.paid is (rate is not None)
            window = limiter.gate.total
            assert (window.moments.maxlen if window else None) == rate
        finally:
            await storage.close()


async def test_the_preview_shows_time_and_cost_only_with_the_option(tmp_path: Path) -> None:
    for rate, shown in ((None, False), (1000, True)):
        folder = tmp_path / str(rate)
        folder.mkdir()
        h = await start_harness(folder, config=paid_config(folder, rate))  # type: ignore[arg-type]
        try:
            await h.join(KARI)
            await h.join(OLA, CODE_2)
            await h.command(ORGANISER, "paminn")
            await h.press(ORGANISER, "Alle")
            preview = h.last_text(ORGANISER)
            assert preview.startswith("<b>Førehandsvising</b>: 2 deltakarar")
            line = (
                "💫 Betalt masseutsending (opptil 1000 i sekundet): tek om lag 1 s i staden for"
                " 1 s, og kostar om lag 0 Stars frå saldoen til boten."
            )
            assert (line in preview) is shown
        finally:
            await stop_harness(h)
