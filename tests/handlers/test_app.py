"""build_application: defaults from the consultation, rate limiter, self-hosted Bot API."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from telegram.constants import ParseMode

from bot.app import build_application
from bot.config.model import Telegram
from bot.transport.ratelimit import SmoothRateLimiter
from storage import Storage
from tests.support.harness import TOKEN, Harness, example_config


async def test_defaults_come_from_the_consultation(tmp_path: Path) -> None:
    config = example_config(tmp_path / "db.sqlite3", timezone="America/New_York")
    storage = await Storage.open(config.database)
    try:
        app = build_application(config, storage)
        defaults = app.bot.defaults
        assert defaults is not None
        assert defaults.tzinfo == ZoneInfo("America/New_York")
        assert defaults.parse_mode == ParseMode.HTML
        assert isinstance(app.bot.rate_limiter, SmoothRateLimiter)
        assert app.bot.base_url == f"https://api.telegram.org/bot{TOKEN}"
    finally:
        await storage.close()


async def test_a_self_hosted_bot_api(tmp_path: Path) -> None:
    config = example_config(tmp_path / "db.sqlite3")
    telegram = Telegram(TOKEN, "http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/file/bot")
    storage = await Storage.open(config.database)
    try:
        app = build_application(replace(config, telegram=telegram), storage)
        assert app.bot.base_url == f"http://127.0.0.1:8081/bot{TOKEN}"
        assert app.bot.base_file_url == f"http://127.0.0.1:8081/file/bot{TOKEN}"
    finally:
        await storage.close()


async def test_start_up_syncs_the_config_and_learns_the_username(h: Harness) -> None:
    deps = h.app.bot_data.deps
    assert deps.bot_username == "tingbot_test_bot"
    catalog = deps.catalogs["hallingting-2026"]
    assert len(catalog.active_questions) == 5
    assert len(catalog.groups) == 8
    assert h.rows("SELECT count(*) FROM discussion_group WHERE retired = 0") == [(8,)]
