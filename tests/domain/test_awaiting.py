"""AwaitedInputs: one store for what a user's next text is input for, by kind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.domain.awaiting import AwaitedInputs

NOW = datetime(2026, 4, 20, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Draft:
    step: str


@dataclass(frozen=True)
class Rename:
    ref: str


def test_each_kind_is_awaited_on_its_own() -> None:
    store = AwaitedInputs()
    assert not store.awaits(1)
    store.begin(1, Draft("start"))
    store.begin(1, Rename("41.0"), NOW + timedelta(minutes=10))
    assert store.awaits(1) and not store.awaits(2)
    assert store.active(1, Draft, NOW) == Draft("start")
    assert store.active(1, Rename, NOW) == Rename("41.0")
    assert store.end(1, Draft) == Draft("start")
    assert store.active(1, Draft, NOW) is None
    assert store.active(1, Rename, NOW) == Rename("41.0")


def test_a_new_input_of_a_kind_replaces_the_earlier_one() -> None:
    store = AwaitedInputs()
    store.begin(1, Draft("start"))
    store.begin(1, Draft("place"))
    assert store.active(1, Draft, NOW) == Draft("place")


def test_an_expired_input_is_gone_and_the_user_awaits_nothing() -> None:
    store = AwaitedInputs()
    store.begin(1, Rename("41.0"), NOW + timedelta(minutes=10))
    assert store.active(1, Rename, NOW + timedelta(minutes=9)) == Rename("41.0")
    assert store.active(1, Rename, NOW + timedelta(minutes=10)) is None
    assert not store.awaits(1)


def test_ending_what_is_not_awaited_changes_nothing() -> None:
    store = AwaitedInputs()
    assert store.end(1, Rename) is None
    store.begin(1, Draft("start"))
    assert store.end(1, Rename) is None
    assert store.awaits(1)
    store.end(1, Draft)
    assert not store.awaits(1)
