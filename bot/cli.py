"""The `tingbot` command: run, check-config, backup, export, purge."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from telegram.error import InvalidToken, NetworkError

from bot import logs
from bot.config.load import ConfigError, load
from bot.config.model import Config, Webhook
from bot.domain.retention import purge_due
from storage import SchemaTooNewError, Storage

if TYPE_CHECKING:
    from bot.context import TingApplication

EXIT_CONFIG = 2
EXIT_RUNTIME = 1


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run one command; returns the exit status."""
    parser = argparse.ArgumentParser(prog="tingbot", description="Run a ting on Telegram.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the bot (long polling, or a webhook if configured)")
    run.add_argument("--config", default="config.toml", type=Path)
    run.add_argument("--log-level", default="info", choices=sorted(logs.LEVELS))
    check = commands.add_parser(
        "check-config", help="validate a config file and show what it holds"
    )
    check.add_argument("path", type=Path)
    backup = commands.add_parser("backup", help="copy the live database safely")
    backup.add_argument("destination", type=Path)
    backup.add_argument("--config", default="config.toml", type=Path)
    export = commands.add_parser(
        "export", help="write the report (md, docx) or the raw data (csv, json) to a file"
    )
    export.add_argument("--config", default="config.toml", type=Path)
    export.add_argument("--format", required=True, choices=("md", "docx", "csv", "json"))
    export.add_argument("--out", required=True, type=Path)
    export.add_argument("--consultation", default=None, help="its key (default: the first)")
    purge = commands.add_parser(
        "purge", help="delete raw answers whose retention period after the deadline has ended"
    )
    purge.add_argument("--config", default="config.toml", type=Path)
    args = parser.parse_args(argv)
    if args.command == "check-config":
        return check_config(args.path)
    config = _load_or_report(args.config)
    if config is None:
        return EXIT_CONFIG
    if args.command == "backup":
        return asyncio.run(_backup(config, args.destination))
    if args.command == "export":
        return export_file(config, args.format, args.out, args.consultation)
    if args.command == "purge":
        return asyncio.run(_purge(config))
    webhook = config.telegram.webhook
    secrets = [config.telegram.token, webhook.secret_token if webhook else ""]
    logs.configure(args.log_level, secrets)
    return asyncio.run(serve(config))


def _load_or_report(path: Path, require_token: bool = True) -> Config | None:
    """The config, or None after printing every problem to stderr."""
    try:
        return load(path, require_token=require_token)
    except ConfigError as exc:
        print(f"tingbot: {path} has {len(exc.problems)} problem(s):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return None


def check_config(path: Path) -> int:
    """Validate `path` and print what it found."""
    config = _load_or_report(path, require_token=False)
    if config is None:
        return EXIT_CONFIG
    print(f"{path}: OK — database {config.database}")
    if not config.telegram.token:
        print("  no bot token yet: set TINGBOT_TOKEN (or telegram.token) before `tingbot run`")
    webhook = config.telegram.webhook
    if webhook is not None:
        print(f"webhook: {webhook.url} (listening on {webhook.listen}:{webhook.port})")
    for c in config.consultations:
        print(f"consultation {c.key}: {c.title.nn}")
        print(
            f"  language {c.language}, time zone {c.timezone}, deadline {c.deadline.isoformat()}, channel {c.channel}"
        )
        print(f"  organisers: {', '.join(str(o) for o in c.organisers)}")
        kept = purge_due(c.deadline, c.retention_days).isoformat()
        print(f"  raw answers kept {c.retention_days} days after the deadline, until {kept}")
        for theme in c.themes:
            print(f"  theme {theme.key}: {theme.title.nn}")
            for q in theme.questions:
                print(f"    question {q.key}: {q.text.nn}")
        print(f"  groups ({len(c.groups)}):")
        for g in c.groups:
            print(f"    {g.key}: {g.name} — join code {g.code}")
        for m in c.meetings:
            print(f"  meeting {m.key}: {m.start.isoformat()} at {m.place}")
    return 0


async def _backup(config: Config, destination: Path) -> int:
    """Copy the database with SQLite's online backup API."""
    if not config.database.exists():
        print(f"tingbot: no database at {config.database}", file=sys.stderr)
        return EXIT_RUNTIME
    try:
        storage = await Storage.open(config.database, config.durability)
    except SchemaTooNewError as exc:
        print(f"tingbot: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        await storage.db.backup(destination)
    finally:
        await storage.close()
    print(f"backup written to {destination}")
    return 0


def export_file(config: Config, fmt: str, out: Path, key: str | None) -> int:
    """Compile and write one export without starting the bot."""
    consultation = config.consultation(key) if key else next(iter(config.consultations), None)
    if consultation is None:
        print(f"tingbot: the config has no consultation {key or ''}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        data = asyncio.run(_export_bytes(config, consultation.key, fmt))
    except SchemaTooNewError as exc:
        print(f"tingbot: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(f"{fmt} export of {consultation.key} written to {out}")
    return 0


async def _export_bytes(config: Config, key: str, fmt: str) -> bytes:
    """Open the storage, sync the catalogues, compile and render; always close the storage."""
    from bot.context import Deps, system_clock
    from bot.render.exports import export_bytes
    from bot.services.catalog import sync_catalogs
    from bot.services.reports import gather

    storage = await Storage.open(config.database, config.durability)
    try:
        catalogs = await sync_catalogs(storage, config, system_clock())
        deps = Deps(config=config, storage=storage, catalogs=catalogs, clock=system_clock)
        return export_bytes(await gather(deps, deps.consultation(key)), fmt)
    finally:
        await storage.close()


async def _purge(config: Config) -> int:
    """Delete raw answers past their retention period now (the bot also does it daily)."""
    from bot.services.privacy import purge_expired

    storage = await Storage.open(config.database, config.durability)
    try:
        results = await purge_expired(storage, config, datetime.now(UTC))
    finally:
        await storage.close()
    for result in results:
        if result.purge is None:
            print(f"{result.consultation.key}: kept until {result.due.isoformat()}")
        else:
            print(
                f"{result.consultation.key}: deleted {result.purge.answers} answer(s) and "
                f"{result.purge.revisions} earlier version(s)"
            )
    return 0


async def _start_webhook(app: TingApplication, webhook: Webhook) -> None:
    """PTB's webhook server; Telegram must send the secret token with every update."""
    from bot.transport.polling import UPDATE_KINDS

    assert app.updater is not None
    await app.updater.start_webhook(
        listen=webhook.listen,
        port=webhook.port,
        url_path=webhook.path,
        webhook_url=webhook.url,
        secret_token=webhook.secret_token,
        allowed_updates=list(UPDATE_KINDS),
    )


async def _set_menus_once(app: TingApplication, polling: asyncio.Event | None) -> None:
    """The command menus, set once Telegram has answered the first poll (for a webhook: now)."""
    from bot.handlers.shared.commands import set_menus

    if polling is not None:
        await polling.wait()
    try:
        await set_menus(app)
    except Exception:  # a bug, not Telegram: set_menus handles those; the bot runs on
        logging.getLogger(__name__).exception("command menus failed")


async def serve(config: Config) -> int:
    """Run until SIGINT or SIGTERM, then shut down cleanly and close the database."""
    from bot.app import build_application, start_up
    from bot.transport.polling import UPDATE_KINDS, ConfirmingPoller

    try:
        storage = await Storage.open(config.database, config.durability)
    except SchemaTooNewError as exc:
        print(f"tingbot: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    app = build_application(config, storage)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        try:
            await app.initialize()
        except InvalidToken:
            print("tingbot: Telegram rejected the bot token (check TINGBOT_TOKEN)", file=sys.stderr)
            return EXIT_RUNTIME
        except NetworkError as exc:
            reason = logs.KeyValueFormatter([config.telegram.token]).redact(str(exc))
            print(f"tingbot: cannot reach Telegram ({reason})", file=sys.stderr)
            return EXIT_RUNTIME
        await start_up(app)
        await app.start()
        poller = None
        if config.telegram.webhook is None:
            poller = ConfirmingPoller(app, UPDATE_KINDS, on_fatal=stop.set)
            await poller.start()
        else:
            await _start_webhook(app, config.telegram.webhook)
        # After the first poll: setting the menus does not hold up answering updates.
        polling = poller.polling if poller is not None else None
        menus = asyncio.create_task(_set_menus_once(app, polling), name="tingbot-menus")
        await stop.wait()
        menus.cancel()  # the next start sets them again
        with contextlib.suppress(asyncio.CancelledError):
            await menus
        if poller is not None:
            await poller.stop()
        elif app.updater is not None:
            await app.updater.stop()
        await app.stop()
        await app.shutdown()
    finally:
        await storage.close()
    return EXIT_RUNTIME if poller is not None and poller.failed else 0
