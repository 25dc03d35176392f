"""Structured log lines and redaction of secrets."""

from __future__ import annotations

import logging

from bot.logs import REDACTED, KeyValueFormatter, configure, value_text

TOKEN = "123456:AAE-secret-part-of-the-token-xyz"


def record(msg: str, *args: object, **extra: object) -> logging.LogRecord:
    """A log record as a logger would make it."""
    made = logging.makeLogRecord({"name": "tingbot.test", "levelno": 20, "levelname": "INFO"})
    made.msg, made.args = msg, args
    made.__dict__.update(extra)
    return made


def test_a_record_becomes_one_key_value_line() -> None:
    line = KeyValueFormatter().format(record("answer saved", answer=12, participant=3))
    assert "\n" not in line
    assert line.startswith("time=")
    assert line.endswith(
        'level=INFO logger=tingbot.test msg="answer saved" answer=12 participant=3'
    )


def test_values_with_spaces_quotes_or_equals_are_quoted() -> None:
    assert value_text("gruppe-1") == "gruppe-1"
    assert value_text('a "b" c') == '"a \\"b\\" c"'
    assert value_text("k=v") == '"k=v"'
    assert value_text("") == '""'
    assert value_text("linje\nto") == '"linje\\nto"'


def test_the_token_is_redacted_everywhere_even_in_tracebacks() -> None:
    formatter = KeyValueFormatter([TOKEN, ""])
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{TOKEN}/getMe failed")
    except RuntimeError:
        import sys

        failing = record("request to %s", f"/bot{TOKEN}/x", url=TOKEN)
        failing.exc_info = sys.exc_info()
        line = formatter.format(failing)
    tail = TOKEN.partition(":")[2]
    assert TOKEN not in line and tail not in line
    assert line.count(REDACTED) == 3
    alone = formatter.format(record("the secret half %s", tail))
    assert tail not in alone and REDACTED in alone


def test_configure_quiets_http_chatter_except_at_debug() -> None:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    try:
        configure("info", [TOKEN])
        assert logging.getLogger("httpx").level == logging.WARNING
        assert isinstance(root.handlers[0].formatter, KeyValueFormatter)
        configure("debug", [TOKEN])
        assert logging.getLogger("httpx").level == logging.DEBUG
        assert root.level == logging.DEBUG
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        for name in ("httpx", "httpcore", "apscheduler", "telegram.ext.Updater", "tornado.access"):
            logging.getLogger(name).setLevel(logging.NOTSET)
