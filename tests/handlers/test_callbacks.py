"""Callback data: every button handler's pattern and every button's data come from one table."""

from __future__ import annotations

import re

import pytest
from telegram.ext import CallbackQueryHandler

from bot.domain.signing import SIGNATURE_LENGTH
from bot.handlers.shared import callbacks as cb
from tests.support.harness import Harness

BIG = 2**63 - 1  # the largest id SQLite (and so any button) can carry
# Preview data names ids of up to a billion rows; more would not fit in 64 bytes.
REF = "999999999.999"


def _sample(callback: cb.Callback) -> str:
    """Data a button of this kind could carry."""
    return callback.build() if callback.exact else callback.build("1")


def test_every_button_handler_takes_its_pattern_from_the_table(h: Harness) -> None:
    declared = {c.pattern for c in cb.ALL}
    special = {cb.EMPTY_PATTERN, cb.other_than(cb.PREVIEW)}
    registered: list[str] = []
    for handlers in h.app.handlers.values():
        for handler in handlers:
            if isinstance(handler, CallbackQueryHandler) and handler.pattern is not None:
                pattern = handler.pattern
                assert isinstance(pattern, re.Pattern)
                registered.append(pattern.pattern)
    assert set(registered) - special <= declared
    assert declared <= set(registered), "a declared button has no handler"
    assert len(registered) == len(set(registered)), "two handlers for one button"


def test_no_prefix_overlaps_another() -> None:
    for a in cb.ALL:
        for b in cb.ALL:
            if a is not b:
                assert not re.match(a.pattern, _sample(b)), (a.prefix, b.prefix)
    assert len({c.prefix for c in cb.ALL}) == len(cb.ALL)


def test_parse_reads_back_what_build_wrote_and_refuses_the_rest() -> None:
    assert cb.REMIND_SEND.parse(cb.REMIND_SEND.build("g12", 1700000000)) == ["g12", "1700000000"]
    assert cb.ROUND_START.parse("rs:new") == []
    assert cb.ROUND_CONTINUE.parse("rs:new") is None
    assert cb.REMIND_SEND.parse("pn:p:all") is None
    assert cb.JOIN.parse(None) is None
    assert cb.JOIN.parse("jx") is None
    with pytest.raises(ValueError, match="no parts"):
        cb.JOIN_CANCEL.build("x")


def test_the_longest_buttons_stay_within_telegrams_64_bytes() -> None:
    signature = "x" * SIGNATURE_LENGTH
    longest = [
        cb.JOIN.build(BIG, signature),
        cb.ERASE.build("yes", BIG, signature),
        cb.REFERENT_CONFIRM.build(BIG, BIG),
        cb.PUBLISH.build(BIG, "f" * 16),
        cb.TOGGLE.build(BIG, 999, REF),
        cb.PREVIEW.build(999999999, 999999999, 999, "mb", REF, REF),
    ]
    assert all(len(data.encode()) <= cb.MAX_DATA for data in longest)
    with pytest.raises(ValueError, match="too long"):
        cb.PREVIEW.build(BIG, BIG, BIG, "mb", REF, REF)
