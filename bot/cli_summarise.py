"""`tingbot summarise ANSWERS`: compile answers from a CSV or JSON Lines file without Telegram.

The same engine as /oppsummering and /publiser. `--format text` prints what the channel would
show; `--format json` prints the points with their groups and the records they came from. A bad
record is one error line naming it, and exit status 2.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.config.load import ConfigError, load
from bot.i18n.translator import LANGUAGES

if TYPE_CHECKING:
    from bot.config.model import Consultation
    from bot.services.answer_file import AnswerRecord

EXIT_INPUT = 2


def add_command(commands: Any) -> None:
    """Declare the command and its options on the `tingbot` subcommand parser."""
    summarise = commands.add_parser(
        "summarise", help="compile answers from a CSV or JSON Lines file and print the summary"
    )
    summarise.add_argument("answers", type=Path, help="CSV (header row) or JSON Lines")
    summarise.add_argument("--format", default="text", choices=("text", "json"))
    summarise.add_argument(
        "--input",
        default=None,
        choices=("csv", "jsonl"),
        dest="input_format",
        help="the file's format (default: from its name or content)",
    )
    summarise.add_argument(
        "--config",
        default=None,
        type=Path,
        help="take questions, groups, rule and language from this config",
    )
    summarise.add_argument("--consultation", default=None, help="its key (default: the first)")
    summarise.add_argument(
        "--language",
        default="nn",
        choices=LANGUAGES,
        help="the summary's language without --config",
    )


def run(args: argparse.Namespace) -> int:
    """Read, compile and print; every problem is one line on stderr and exit status 2."""
    from bot.domain.clustering import DEFAULT_THRESHOLD
    from bot.services.answer_file import AnswerFileError, read_answers
    from bot.services.summarise import as_json, summarise

    try:
        records = read_answers(args.answers, args.input_format)
        consultation = _consultation(args, records)
        if isinstance(consultation, str):
            return _fail(consultation)
        threshold = consultation.summary.threshold or DEFAULT_THRESHOLD
        result = summarise(records, consultation, threshold)
    except AnswerFileError as exc:
        return _fail(f"{args.answers}: {exc}")
    if args.format == "json":
        print(json.dumps(as_json(result), ensure_ascii=False, indent=2))
    else:
        print(channel_text(result.digest))
    return 0


def _consultation(args: argparse.Namespace, records: Sequence[AnswerRecord]) -> Consultation | str:
    """The consultation to compile for: from --config, or made of the file; or what is wrong."""
    from bot.services.summarise import file_consultation

    if args.config is None:
        return file_consultation(records, args.answers.stem, args.language)
    try:
        config = load(args.config, require_token=False)
    except ConfigError as exc:
        return f"{args.config}: " + "; ".join(str(p) for p in exc.problems)
    key = args.consultation
    found = config.consultation(key) if key else next(iter(config.consultations), None)
    return found or f"{args.config} has no consultation {key or ''}".rstrip()


def channel_text(digest: Any) -> str:
    """The channel post as plain text: the channel renderer's HTML without its tags."""
    from bot.model.report import ReportSource
    from bot.render.channel import channel_post
    from bot.services.summarise import EPOCH

    post = channel_post(ReportSource(digest, (), EPOCH))
    blocks = (html.unescape(re.sub(r"<[^>]+>", "", block)) for block in post.split("\n\n"))
    return "\n\n".join(block for block in blocks if block.strip())


def _fail(message: str) -> int:
    """Print one error line and return the input-error exit status."""
    print(f"tingbot: {message}", file=sys.stderr)
    return EXIT_INPUT
