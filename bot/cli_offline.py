"""`tingbot import-answers` and `tingbot export --format channel`: work on the database
without starting the bot.

`import-answers --config PATH FILE` stores answers typed in from paper (services.paper_answers):
every bad record is one line on stderr with its number, nothing of the file is stored, and the
exit status is 2. `export --format channel --out DIR` writes what /publiser would post now,
drawn by the same function (services.publishing.draft): each message as an HTML file, so an
organiser can proof the post before the bot sends it.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from bot.config.model import Config, Consultation
from bot.context import Deps

EXIT_INPUT = 2
# A message file: the post's HTML verbatim between these lines, in a page a browser shows with
# its line breaks (Telegram keeps them; HTML would not).
PAGE_HEAD = (
    '<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
    "<title>{title}</title>\n<style>.message {{ white-space: pre-wrap; font-family: sans-serif; "
    "max-width: 40em; }}</style>\n</head>\n<body>\n<p>{note}</p>\n"
    '<div class="message">\n'
)
PAGE_TAIL = "\n</div>\n</body>\n</html>\n"


def add_command(commands: Any) -> None:
    """Declare `import-answers` on the `tingbot` subcommand parser."""
    command = commands.add_parser(
        "import-answers", help="store answers typed in from paper (CSV with a header, or JSONL)"
    )
    command.add_argument("answers", type=Path, help="CSV (header row) or JSON Lines")
    command.add_argument("--config", default="config.toml", type=Path)
    command.add_argument("--consultation", default=None, help="its key (default: the first)")
    command.add_argument("--input", default=None, choices=("csv", "jsonl"), dest="input_format")


@contextlib.asynccontextmanager
async def offline_deps(config: Config) -> AsyncIterator[Deps]:
    """The storage opened and the catalogues synced, as the bot has them; closed after."""
    from bot.context import system_clock
    from bot.services.catalog import sync_catalogs
    from bot.startup import open_storage

    storage = await open_storage(config.database, config.durability)
    try:
        catalogs = await sync_catalogs(storage, config, system_clock())
        yield Deps(config=config, storage=storage, catalogs=catalogs, clock=system_clock)
    finally:
        await storage.close()


async def import_answers(config: Config, consultation: Consultation, args: Any) -> int:
    """Check and store the file's answers; print what was stored or every problem."""
    from bot.services.answer_file import AnswerFileError
    from bot.services.paper_answers import import_answers as store

    async with offline_deps(config) as deps:
        try:
            outcome = await store(deps, consultation, args.answers, args.input_format)
        except AnswerFileError as exc:
            print(f"tingbot: {args.answers}: {exc}", file=sys.stderr)
            return EXIT_INPUT
    if outcome.stored is None:
        bad = len(outcome.problems)
        print(
            f"tingbot: {args.answers}: {bad} bad record(s) of {outcome.records}; "
            "nothing was stored",
            file=sys.stderr,
        )
        for problem in outcome.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_INPUT
    stored = outcome.stored
    print(
        f"{consultation.key}: {stored.added} answer(s) from paper stored, "
        f"{stored.already} already stored before"
    )
    return 0


async def channel_files(config: Config, consultation: Consultation) -> list[tuple[str, str]]:
    """(file name, content) of every message /publiser would post now, in order."""
    from bot.i18n.translator import translator
    from bot.services.publishing import draft

    async with offline_deps(config) as deps:
        plan = await draft(deps, consultation)
    language = consultation.language
    _ = translator(language)
    files = []
    for number, chunk in enumerate(plan.chunks, start=1):
        note = _(
            "Message {number} of {total} that /publiser would post in {channel} now.",
            number=number,
            total=len(plan.chunks),
            channel=consultation.channel,
        )
        head = PAGE_HEAD.format(
            lang=language, title=html.escape(consultation.title.get(language)), note=note
        )
        files.append((f"message-{number:02d}.html", head + chunk + PAGE_TAIL))
    return files


def message_of(page: str) -> str:
    """The post's HTML in a message file written by `channel_files`."""
    start = page.index('<div class="message">\n') + len('<div class="message">\n')
    return page[start : page.rindex(PAGE_TAIL)]


def write_channel(config: Config, consultation: Consultation, out: Path) -> int:
    """Write the channel messages into the folder `out` (made if missing)."""
    import asyncio

    from bot.startup import StartupError

    try:
        files = asyncio.run(channel_files(config, consultation))
    except StartupError as exc:
        print(exc.line, file=sys.stderr)
        return exc.status
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("message-*.html"):
        stale.unlink()  # an earlier, longer post must not leave a message behind
    for name, content in files:
        (out / name).write_text(content, encoding="utf-8")
    print(f"channel post of {consultation.key}: {len(files)} message(s) written to {out}")
    return 0


def run_import(args: argparse.Namespace, config: Config, consultation: Consultation) -> int:
    """`tingbot import-answers` once the config is loaded."""
    import asyncio

    from bot.startup import StartupError

    try:
        return asyncio.run(import_answers(config, consultation, args))
    except StartupError as exc:
        print(exc.line, file=sys.stderr)
        return exc.status
