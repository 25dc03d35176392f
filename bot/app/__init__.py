"""The composition root: build_application wires config, storage, the bot, every handler
(bot/app/routes.py, the one table of handlers), the error handler and the jobs."""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

import httpx
from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import ApplicationBuilder, ContextTypes, Defaults
from telegram.request import BaseRequest, HTTPXRequest

from bot import logs
from bot.app.routes import register
from bot.config.model import Config
from bot.context import BotData, Clock, Deps, TingApplication, system_clock
from bot.handlers.discussion import group_chat
from bot.handlers.shared.errors import on_error
from bot.jobs import schedule_jobs
from bot.jobs.notices import plan_notices
from bot.jobs.reminders import schedule_reminders
from bot.services.catalog import sync_catalogs
from bot.services.meetings import sync_meetings
from bot.transport.bot import TingBot
from bot.transport.ratelimit import SmoothRateLimiter
from bot.transport.retry import RetryingRequest
from bot.transport.updates import PerChatOrderedProcessor
from storage import Storage

log = logging.getLogger(__name__)


def build_application(
    config: Config,
    storage: Storage,
    clock: Clock = system_clock,
    request: BaseRequest | None = None,
    rate_limiter: bool = True,
) -> TingApplication:
    """A ready-to-run Application for `config` on `storage` (polling is the caller's choice)."""
    zone = ZoneInfo(config.consultations[0].timezone) if config.consultations else None
    if request is None:
        # One TLS context for both connection pools: loading the CA store is costly (start-up).
        tls = {"verify": httpx.create_ssl_context()}
        calls: BaseRequest = RetryingRequest(connection_pool_size=256, httpx_kwargs=tls)
        polls: BaseRequest = HTTPXRequest(connection_pool_size=1, httpx_kwargs=tls)
    else:
        calls = polls = request
    paid = config.telegram.paid_broadcast
    limiter = SmoothRateLimiter(max_retries=3, paid_rate=paid) if rate_limiter else None
    bot = TingBot(
        config.telegram.token,
        base_url=config.telegram.api_base_url or "https://api.telegram.org/bot",
        base_file_url=config.telegram.file_base_url or "https://api.telegram.org/file/bot",
        request=calls,
        get_updates_request=polls,
        defaults=Defaults(
            parse_mode=ParseMode.HTML,
            tzinfo=zone or ZoneInfo("Europe/Oslo"),
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
        # Its per-call arguments are never used, so the bot's type does not carry them.
        rate_limiter=limiter,  # type: ignore[arg-type]
    )
    builder = (
        ApplicationBuilder()
        .bot(bot)
        .context_types(ContextTypes(bot_data=BotData))
        .concurrent_updates(PerChatOrderedProcessor(64))
    )
    app: TingApplication = builder.build()  # type: ignore[assignment]
    app.bot_data.deps = Deps(config=config, storage=storage, clock=clock)
    app.bot_data.deps.reschedule = lambda consultation: schedule_reminders(app, consultation)
    app.bot_data.deps.plan_notices = lambda key, slot: plan_notices(app, key, slot)
    register(app)
    app.add_error_handler(on_error)
    return app


async def start_up(app: TingApplication) -> None:
    """After `initialize`: sync the config into the database, learn the username, plan the jobs.

    The command menus are not set here but once the bot polls (`commands.set_menus`).
    """
    d = app.bot_data.deps
    logs.set_pseudonym_key(await d.storage.summaries.secret("pseudonym"))
    d.catalogs = await sync_catalogs(d.storage, d.config, d.clock())
    # Meetings from the config, then every job derived from the database and the config.
    await sync_meetings(d)
    me = app.bot.bot  # fetched by `initialize` (getMe): no second round trip
    d.bot_username = me.username or ""
    await schedule_jobs(app, group_chat.post_if_due, at_start_up=True)
    log.info(
        "tingbot ready",
        extra={
            "bot": f"@{me.username}",
            "consultations": ",".join(c.key for c in d.config.consultations),
            "database": str(d.storage.db.path),
            "schema": d.storage.db.schema_version,
        },
    )
