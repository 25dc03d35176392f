"""`tingbot console` (the organisers' console alone, without Telegram polling, for work after
the ting) and `tingbot console-link` (a one-time login link for an organiser)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.cli_config import load_or_report
from bot.config.model import Config
from bot.startup import EXIT_CONFIG, StartupError, lock_database, open_storage

COMMANDS = ("console", "console-link")
OFFLINE_TOKEN = "0:offline"  # never sent: an offline console gets no bot
log = logging.getLogger(__name__)


def add_commands(commands: Any) -> None:
    """Declare both commands on the `tingbot` subcommand parser."""
    console = commands.add_parser("console", help="serve the organisers' console alone")
    console.add_argument("--config", default="config.toml", type=Path)
    console.add_argument("--port", default=None, type=int)
    link = commands.add_parser("console-link", help="print a one-time login link (10 minutes)")
    link.add_argument("--config", default="config.toml", type=Path)
    link.add_argument("--organiser", required=True, type=int, help="the organiser's Telegram id")
    link.add_argument("--base", default=None, help="the console's address (default: [console])")
    link.add_argument("--consultation", default=None, help="its key (default: the first)")


def run(args: argparse.Namespace) -> int:
    """Run one of the two commands."""
    config = load_or_report(args.config, require_token=False)
    if config is None:
        return EXIT_CONFIG
    if args.command == "console-link":
        return asyncio.run(_link(config, args.organiser, args.base, args.consultation))
    if args.port is not None:
        config = replace(config, console=replace(config.console, port=args.port))
    from bot import logs

    logs.configure("info", [config.telegram.token])
    return asyncio.run(_serve(config))


async def _link(config: Config, organiser: int, base: str | None, key: str | None) -> int:
    """Print the link; exit 2 when the id organises no such consultation."""
    from bot.context import Deps, system_clock
    from bot.services.catalog import sync_catalogs
    from bot.services.console_login import login_link

    consultation = config.consultation(key) if key else next(iter(config.consultations), None)
    if consultation is None or organiser not in consultation.organisers:
        print(f"tingbot: {organiser} is not an organiser of that consultation", file=sys.stderr)
        return EXIT_CONFIG
    try:
        storage = await open_storage(config.database, config.durability)
    except StartupError as exc:
        print(exc.line, file=sys.stderr)
        return exc.status
    try:
        catalogs = await sync_catalogs(storage, config, system_clock())
        deps = Deps(config=config, storage=storage, catalogs=catalogs)
        print(await login_link(deps, consultation, organiser, base or config.console.url))
    finally:
        await storage.close()
    return 0


async def _serve(config: Config) -> int:
    """Hold the database's lock and serve the console until SIGINT or SIGTERM."""
    try:
        lock = lock_database(config.database)
        storage = await open_storage(config.database, config.durability)
    except StartupError as exc:
        print(exc.line, file=sys.stderr)
        return exc.status
    try:
        from telegram.error import TelegramError

        from bot.app import build_application
        from bot.console.server import ConsoleServer
        from bot.services.catalog import sync_catalogs

        offline = not config.telegram.token
        if offline:  # PTB's Bot wants a token; without one the console is given no bot at all
            config = replace(config, telegram=replace(config.telegram, token=OFFLINE_TOKEN))
        app = build_application(config, storage)
        deps = app.bot_data.deps
        deps.catalogs = await sync_catalogs(storage, config, deps.clock())
        bot = None if offline else app.bot
        if bot is not None:
            try:
                await bot.initialize()
            except TelegramError as exc:  # the console still works; posting will report it
                log.warning("console: cannot reach Telegram (%s)", type(exc).__name__)
        server = ConsoleServer(deps, bot, config.console)
        await server.start()
        print(f"console at {server.url}", flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        await server.stop()
        if bot is not None:
            with contextlib.suppress(TelegramError, RuntimeError):
                await bot.shutdown()
    finally:
        await storage.close()
        lock.release()
    return 0
