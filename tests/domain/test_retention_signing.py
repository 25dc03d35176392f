"""Retention dates and button signatures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.retention import is_purge_due, purge_due
from bot.domain.signing import SIGNATURE_LENGTH, button_key, sign, verify

DEADLINE = datetime(2027, 1, 14, 22, 59, tzinfo=UTC)


def test_answers_are_due_for_purging_retention_days_after_the_deadline() -> None:
    assert purge_due(DEADLINE, 180) == DEADLINE + timedelta(days=180)
    assert not is_purge_due(DEADLINE, 1, DEADLINE + timedelta(hours=23, minutes=59))
    assert is_purge_due(DEADLINE, 1, DEADLINE + timedelta(days=1))


def test_a_signature_binds_all_fields_and_the_key() -> None:
    key = button_key("123:token-a")
    signature = sign(key, "join", 5, 3)
    assert len(signature) == SIGNATURE_LENGTH
    assert all(c.isalnum() or c in "-_" for c in signature)
    assert verify(key, signature, "join", 5, 3)
    assert not verify(key, signature, "join", 6, 3)
    assert not verify(key, signature, "join", 5, 4)
    assert not verify(key, signature, "join", "5", "3", "")
    assert not verify(button_key("123:token-b"), signature, "join", 5, 3)
    assert not verify(key, signature.swapcase(), "join", 5, 3)
    assert button_key("123:token-a") != b"123:token-a"
