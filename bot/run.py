"""`tingbot run`: take the database's lock, open it, start the bot and serve until stopped."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sqlite3
import sys
from typing import TYPE_CHECKING

from telegram.error import InvalidToken, NetworkError

from bot import logs
from bot.config.model import Config
from bot.context import TingApplication
from bot.startup import (
    EXIT_DATABASE,
    EXIT_RUNTIME,
    StartupError,
    describe,
    lock_database,
    open_storage,
)
from storage import Storage

if TYPE_CHECKING:
    from bot.console.server import ConsoleServer


async def _set_menus_once(app: TingApplication, polling: asyncio.Event | None) -> None:
    """The command menus, set once Telegram has answered the first poll (for a webhook: now)."""
    from bot.handlers.shared.commands import set_menus

    if polling is not None:
        await polling.wait()
    try:
        await set_menus(app)
    except Exception:  # a bug, not Telegram: set_menus handles those; the bot runs on
        logging.getLogger(__name__).exception("command menus failed")


async def _start_console(app: TingApplication, config: Config) -> ConsoleServer | None:
    """The organisers' console on this loop, beside the bot, when [console] enables it."""
    if not config.console.enabled:
        return None
    from bot.console.server import ConsoleServer

    console = ConsoleServer(app.bot_data.deps, app.bot, config.console)
    await console.start()
    return console


async def serve(config: Config) -> int:
    """Hold the database's lock and serve; a start-up failure is one line and its status."""
    try:
        lock = lock_database(config.database)
    except StartupError as exc:
        print(exc.line, file=sys.stderr)
        return exc.status
    try:
        storage = await open_storage(config.database, config.durability)
        try:
            return await _serve(config, storage)
        finally:
            await storage.close()
    except StartupError as exc:
        print(exc.line, file=sys.stderr)
        return exc.status
    finally:
        lock.release()


async def _serve(config: Config, storage: Storage) -> int:
    """Run until SIGINT or SIGTERM (or polling fails), then shut down cleanly."""
    from bot.app import build_application, start_up
    from bot.transport.polling import UPDATE_KINDS, ConfirmingPoller

    app = build_application(config, storage)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await app.initialize()
    except InvalidToken:
        print("tingbot: Telegram rejected the bot token (check TINGBOT_TOKEN)", file=sys.stderr)
        return EXIT_RUNTIME
    except NetworkError as exc:
        reason = logs.KeyValueFormatter([config.telegram.token]).redact(str(exc))
        print(f"tingbot: cannot reach Telegram ({reason})", file=sys.stderr)
        return EXIT_RUNTIME
    try:
        await start_up(app)
    except sqlite3.Error as exc:
        raise StartupError(describe(config.database, exc), EXIT_DATABASE) from None
    await app.start()
    poller = hook = None
    if config.telegram.webhook is None:
        poller = ConfirmingPoller(app, UPDATE_KINDS, on_fatal=stop.set)
        await poller.start()
    else:
        from bot.transport.webhook import ConfirmingWebhook

        hook = ConfirmingWebhook(app, config.telegram.webhook, list(UPDATE_KINDS))
        await hook.start()
    console = await _start_console(app, config)
    # After the first poll: setting the menus does not hold up answering updates.
    polling = poller.polling if poller is not None else None
    menus = asyncio.create_task(_set_menus_once(app, polling), name="tingbot-menus")
    await stop.wait()
    menus.cancel()  # the next start sets them again
    with contextlib.suppress(asyncio.CancelledError):
        await menus
    if poller is not None:
        await poller.stop()
    if hook is not None:
        await hook.stop()
    if console is not None:
        await console.stop()
    await app.stop()
    await app.shutdown()
    if poller is not None and poller.failed:
        print(
            "tingbot: polling stopped (see the log above); exiting to be restarted", file=sys.stderr
        )
        return EXIT_RUNTIME
    return 0
