"""The `tingbot` command: run, check-config, backup, export, purge, summarise, import-answers."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import faulthandler
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from bot import cli_console, cli_offline, cli_summarise, logs
from bot.cli_config import load_or_report
from bot.config.model import Config, Consultation
from bot.domain.retention import purge_due
from bot.startup import EXIT_CONFIG, EXIT_RUNTIME, StartupError, open_storage
from storage.maintenance import backup


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
        "export",
        help="write the report (md, docx) or the raw data (csv, json) to a file, or what "
        "/publiser would post (channel) as HTML files into a folder",
    )
    export.add_argument("--config", default="config.toml", type=Path)
    export.add_argument("--format", required=True, choices=("md", "docx", "csv", "json", "channel"))
    export.add_argument("--out", required=True, type=Path, help="a file (a folder for channel)")
    export.add_argument("--consultation", default=None, help="its key (default: the first)")
    export.add_argument(
        "--include-withdrawn",
        action="store_true",
        help="keep the points of withdrawn answers in the raw data (csv, json)",
    )
    purge = commands.add_parser(
        "purge", help="delete raw answers whose retention period after the deadline has ended"
    )
    purge.add_argument("--config", default="config.toml", type=Path)
    cli_summarise.add_command(commands)
    cli_offline.add_command(commands)
    cli_console.add_commands(commands)
    args = parser.parse_args(argv)
    if args.command == "check-config":
        return check_config(args.path)
    if args.command == "summarise":
        return cli_summarise.run(args)
    if args.command in cli_console.COMMANDS:
        return cli_console.run(args)
    # Only running the bot talks to Telegram: the offline commands need no token.
    config = load_or_report(args.config, require_token=args.command == "run")
    if config is None:
        return EXIT_CONFIG
    if args.command == "backup":
        return asyncio.run(_backup(config, args.destination))
    if args.command in ("export", "import-answers"):
        consultation = _consultation(config, args.consultation)
        if consultation is None:
            return EXIT_CONFIG
        if args.command == "import-answers":
            return cli_offline.run_import(args, config, consultation)
        if args.format == "channel":
            return cli_offline.write_channel(config, consultation, args.out)
        return export_file(config, args.format, args.out, consultation, args.include_withdrawn)
    if args.command == "purge":
        return asyncio.run(_purge(config))
    webhook = config.telegram.webhook
    secrets = [config.telegram.token, webhook.secret_token if webhook else ""]
    logs.configure(args.log_level, secrets)
    # A fatal signal (SIGBUS when the WAL index file stops being writable, docs/operations.md)
    # at least leaves "Fatal Python error: Bus error" and the stack instead of nothing.
    with contextlib.suppress(OSError, ValueError):  # stderr is no file (captured in tests)
        faulthandler.enable()
    from bot.run import serve

    return asyncio.run(serve(config))


def check_config(path: Path) -> int:
    """Validate `path` and print what it found."""
    config = load_or_report(path, require_token=False)
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
        _print_case(c)
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


def _print_case(consultation: Consultation) -> None:
    """The case frame's lines of `check-config`, if the consultation has one."""
    case = consultation.case
    if case.number or case.committee or case.meeting_date or case.officer:
        meeting = case.meeting_date.isoformat() if case.meeting_date else "no meeting date"
        print(
            f"  case {case.number or '(no number)'}: {case.committee or '(no committee)'}, "
            f"{meeting}, {case.officer or 'no officer'}"
        )
    if case.title is not None:
        print(f"  case title: {case.title.nn}")
    if case.template is not None:
        print(f"  case template: {case.template}")


async def _backup(config: Config, destination: Path) -> int:
    """Copy the database with SQLite's online backup API."""
    if not config.database.exists():
        print(f"tingbot: no database at {config.database}", file=sys.stderr)
        return EXIT_RUNTIME
    try:
        storage = await open_storage(config.database, config.durability)
    except StartupError as exc:
        print(exc.line, file=sys.stderr)
        return exc.status
    try:
        await backup(storage.db, destination)
    finally:
        await storage.close()
    print(f"backup written to {destination}")
    return 0


def _consultation(config: Config, key: str | None) -> Consultation | None:
    """The consultation with `key` (the first without one), or None after saying so."""
    consultation = config.consultation(key) if key else next(iter(config.consultations), None)
    if consultation is None:
        print(f"tingbot: the config has no consultation {key or ''}", file=sys.stderr)
    return consultation


def export_file(
    config: Config,
    fmt: str,
    out: Path,
    consultation: Consultation,
    include_withdrawn: bool = False,
) -> int:
    """Compile and write one export without starting the bot (withdrawn answers in the raw data
    only with `include_withdrawn`)."""
    try:
        data = asyncio.run(_export_bytes(config, consultation.key, fmt, include_withdrawn))
    except StartupError as exc:
        print(exc.line, file=sys.stderr)
        return exc.status
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(f"{fmt} export of {consultation.key} written to {out}")
    if fmt in ("csv", "json"):
        kept = "included" if include_withdrawn else "left out (--include-withdrawn keeps them)"
        print(f"withdrawn answers {kept}")
    return 0


async def _export_bytes(config: Config, key: str, fmt: str, include_withdrawn: bool) -> bytes:
    """Open the storage, sync the catalogues, compile and render; always close the storage."""
    from bot.render.exports import export_bytes
    from bot.services.reports import gather

    async with cli_offline.offline_deps(config) as deps:
        return export_bytes(await gather(deps, deps.consultation(key)), fmt, include_withdrawn)


async def _purge(config: Config) -> int:
    """Delete raw answers past their retention period now (the bot also does it daily)."""
    from bot.services.privacy import purge_expired

    try:
        storage = await open_storage(config.database, config.durability)
    except StartupError as exc:
        print(exc.line, file=sys.stderr)
        return exc.status
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
