"""Structured log lines (`key=value`, one line per event) with secrets redacted.

Handlers log an event name as the message and the details as `extra` fields, for example
`log.info("answer saved", extra={"answer": 12, "participant": 3})` becomes
`time=… level=INFO logger=bot.handlers.participant.answering msg="answer saved" answer=12 participant=3`.
Answer texts are never logged at INFO or above, nor Telegram ids: `person(telegram_id)` is the
keyed pseudonym to log instead (the installation's secret, as the exports use). Every configured
secret (the bot token, the
webhook secret) is replaced by `<redacted>` wherever it would appear, tracebacks included.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

REDACTED = "<redacted>"
STANDARD_FIELDS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}
QUIET_LOGGERS = ("httpx", "httpcore", "apscheduler", "telegram.ext.Updater", "tornado.access")
LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}
_pseudonym_key = {"key": b""}  # set at start-up from the database (instance_secret)


def set_pseudonym_key(key: bytes) -> None:
    """Key the pseudonyms of `person` with the installation's secret."""
    _pseudonym_key["key"] = key


def person(telegram_id: int | None) -> str:
    """A Telegram user as the logs name them: stable per installation, not reversible."""
    if telegram_id is None:
        return "-"
    message = f"telegram:{telegram_id}".encode()
    return "u-" + hmac.new(_pseudonym_key["key"], message, hashlib.sha256).hexdigest()[:12]


def value_text(value: object) -> str:
    """A value as it appears after `key=`: bare when simple, JSON-quoted otherwise."""
    text = str(value)
    if text and all(c.isalnum() or c in "-_.:/@+,<>" for c in text):
        return text
    return json.dumps(text, ensure_ascii=False)


def secret_variants(secrets: Iterable[str]) -> list[str]:
    """The secrets to hide, with the part after ":" of a bot token on its own; longest first."""
    found: set[str] = set()
    for secret in secrets:
        if secret:
            found.add(secret)
            tail = secret.partition(":")[2]
            if len(tail) >= 16:
                found.add(tail)
    return sorted(found, key=len, reverse=True)


class KeyValueFormatter(logging.Formatter):
    """`time level logger msg` and the record's extra fields as key=value, secrets redacted."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = secret_variants(secrets)

    def format(self, record: logging.LogRecord) -> str:
        """One line for one record."""
        moment = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
        fields: dict[str, Any] = {
            "time": moment,
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in STANDARD_FIELDS and not key.startswith("_") and key not in fields:
                fields[key] = value
        if record.exc_info:
            fields["exc"] = self.formatException(record.exc_info)
        elif record.exc_text:
            fields["exc"] = record.exc_text
        line = " ".join(f"{key}={value_text(value)}" for key, value in fields.items())
        return self.redact(line)

    def redact(self, text: str) -> str:
        """`text` with every secret replaced."""
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text


def configure(level: str = "info", secrets: Iterable[str] = ()) -> None:
    """Log to stderr in key=value lines; HTTP client chatter only at debug (redacted even then)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(KeyValueFormatter(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(LEVELS[level])
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG if level == "debug" else logging.WARNING)
