"""The [telegram] paid-broadcast option and the [storage] durability in the config file."""

from __future__ import annotations

from pathlib import Path

from bot.config.load import load
from tests.domain.test_config import ENV, problems, variant

TELEGRAM = "[telegram]\n"
STORAGE_PATH = 'path = "data/tingbot.sqlite3"'


def loaded(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load(path, ENV)


def test_defaults_change_nothing(tmp_path: Path) -> None:
    config = loaded(tmp_path, variant())
    assert config.telegram.paid_broadcast is None and config.durability == "normal"


def test_paid_broadcast_with_and_without_a_ceiling(tmp_path: Path) -> None:
    on = loaded(tmp_path, variant((TELEGRAM, TELEGRAM + "paid_broadcast = true\n")))
    assert on.telegram.paid_broadcast == 1000
    text = variant((TELEGRAM, TELEGRAM + "paid_broadcast = true\npaid_broadcast_rate = 300\n"))
    assert loaded(tmp_path, text).telegram.paid_broadcast == 300
    off = variant((TELEGRAM, TELEGRAM + "paid_broadcast = false\npaid_broadcast_rate = 300\n"))
    assert loaded(tmp_path, off).telegram.paid_broadcast is None


def test_a_wrong_ceiling_names_its_key(tmp_path: Path) -> None:
    for rate in (30, 1001):
        text = variant(
            (TELEGRAM, TELEGRAM + f"paid_broadcast = true\npaid_broadcast_rate = {rate}\n")
        )
        assert problems(tmp_path, text) == [
            "telegram.paid_broadcast_rate: expected messages a second above 30 and at most 1000,"
            f" got {rate}"
        ]
    text = variant((TELEGRAM, TELEGRAM + 'paid_broadcast = "yes"\n'))
    assert problems(tmp_path, text) == [
        "telegram.paid_broadcast: expected true or false, got a string"
    ]


def test_durability(tmp_path: Path) -> None:
    full = variant((STORAGE_PATH, STORAGE_PATH + '\ndurability = "full"'))
    assert loaded(tmp_path, full).durability == "full"
    wrong = variant((STORAGE_PATH, STORAGE_PATH + '\ndurability = "extra"'))
    assert problems(tmp_path, wrong) == [
        'storage.durability: expected "normal" or "full", got "extra"'
    ]
