"""build_application: the ONE place that registers handlers, jobs and the error handler."""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.config_model import Config
from bot.context import BotData, Clock, Deps, TingApplication, system_clock
from bot.handlers import answering, commands, fallback, join, my_answers, settings
from bot.handlers.errors import on_error
from bot.ratelimit import SmoothRateLimiter
from bot.services.catalog import sync_catalogs
from bot.updates import PerChatOrderedProcessor
from storage import Storage

log = logging.getLogger(__name__)
PRIVATE = filters.ChatType.PRIVATE


def build_application(
    config: Config,
    storage: Storage,
    clock: Clock = system_clock,
    request: BaseRequest | None = None,
    rate_limiter: bool = True,
) -> TingApplication:
    """A ready-to-run Application for `config` on `storage` (polling is the caller's choice)."""
    zone = ZoneInfo(config.consultations[0].timezone) if config.consultations else None
    builder = (
        ApplicationBuilder()
        .token(config.telegram.token)
        .context_types(ContextTypes(bot_data=BotData))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                tzinfo=zone or ZoneInfo("Europe/Oslo"),
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .concurrent_updates(PerChatOrderedProcessor(64))
    )
    if config.telegram.api_base_url:
        builder = builder.base_url(config.telegram.api_base_url)
    if config.telegram.file_base_url:
        builder = builder.base_file_url(config.telegram.file_base_url)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    if rate_limiter:
        builder = builder.rate_limiter(SmoothRateLimiter(max_retries=3))  # type: ignore[arg-type]
    app: TingApplication = builder.build()  # type: ignore[assignment]
    app.bot_data.deps = Deps(config=config, storage=storage, clock=clock)
    _register(app)
    return app


def _register(app: TingApplication) -> None:
    """Every handler, in priority order."""
    private_commands = [
        ("start", join.start),
        ("svar", answering.resume),
        ("mine", my_answers.show),
        ("avbryt", my_answers.cancel_edit),
        ("sprak", settings.choose_language),
        ("hjelp", commands.help_command),
        ("help", commands.help_command),
    ]
    for name, callback in private_commands:
        app.add_handler(
            CommandHandler(name, callback, filters=PRIVATE & filters.UpdateType.MESSAGE)
        )
    buttons = [
        (r"^j:", join.accept),
        (r"^jx$", join.cancel),
        (r"^n:", answering.navigate),
        (r"^g:", answering.go_to),
        (r"^e:", my_answers.edit),
        (r"^[wr]:", my_answers.withdraw),
        (r"^l:", settings.set_language),
    ]
    for pattern, callback in buttons:
        app.add_handler(CallbackQueryHandler(callback, pattern=pattern))
    app.add_handler(CallbackQueryHandler(fallback.unknown_button))
    app.add_handler(MessageHandler(PRIVATE & filters.UpdateType.EDITED_MESSAGE, fallback.edited))
    app.add_handler(MessageHandler(PRIVATE & filters.COMMAND, fallback.unknown_command))
    app.add_handler(
        MessageHandler(PRIVATE & filters.TEXT & filters.UpdateType.MESSAGE, answering.on_text)
    )
    app.add_handler(MessageHandler(PRIVATE & filters.UpdateType.MESSAGE, fallback.not_text))
    app.add_error_handler(on_error)


async def start_up(app: TingApplication) -> None:
    """After `initialize`: sync the config into the database, learn the username, set menus."""
    d = app.bot_data.deps
    d.catalogs = await sync_catalogs(d.storage, d.config, d.clock())
    me = app.bot.bot  # fetched by `initialize` (getMe): no second round trip
    d.bot_username = me.username or ""
    await commands.register_menus(app.bot)
    log.info(
        "tingbot ready: @%s, consultations %s, database %s (schema %s)",
        me.username,
        ", ".join(c.key for c in d.config.consultations),
        d.storage.db.path,
        d.storage.db.schema_version,
    )
