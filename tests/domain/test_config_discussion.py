"""The [consultation.groupchat] and [consultation.round] tables."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config.load import ConfigError, load
from bot.config.model import GroupChatSettings, RoundSettings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / "config.example.toml").read_text(encoding="utf-8")
ENV = {"TINGBOT_TOKEN": "123456:TEST-token-abcdefghijklmnopqrstuvwxyz"}
ROUND = "[consultation.round]\n"
GROUPCHAT = "[consultation.groupchat]\n"


def _load(tmp_path: Path, text: str) -> list[str] | None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    try:
        load(path, ENV)
    except ConfigError as error:
        return error.problems
    return None


def _with(table: str, lines: str) -> str:
    assert EXAMPLE.count(table) == 1
    return EXAMPLE.replace(table, table + lines)


def test_example_has_the_defaults(tmp_path: Path) -> None:
    (c,) = load(ROOT / "config.example.toml", ENV).consultations
    assert c.groupchat == GroupChatSettings()
    assert c.round == RoundSettings()
    assert c.round.common_groups_agreeing == pytest.approx(2 / 3)


def test_times_are_local_to_the_consultation(tmp_path: Path) -> None:
    text = _with(GROUPCHAT, "post_questions_at = 2026-04-23T10:00:00\n")
    text = text.replace(
        ROUND, ROUND + "opens_at = 2027-01-15T09:00:00\ncloses_at = 2027-01-20T12:00:00\n"
    )
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    (c,) = load(path, ENV).consultations
    assert c.groupchat.post_questions_at is not None
    assert c.groupchat.post_questions_at.astimezone(UTC) == datetime(2026, 4, 23, 8, 0, tzinfo=UTC)
    assert c.round.opens_at is not None and c.round.closes_at is not None
    assert c.round.opens_at.astimezone(UTC) == datetime(2027, 1, 15, 8, 0, tzinfo=UTC)


def test_bad_values_name_their_key_path(tmp_path: Path) -> None:
    text = _with(
        ROUND,
        "opens_at = 2027-01-20T09:00:00\ncloses_at = 2027-01-15T12:00:00\n"
        "common_groups_agreeing = 2.0\nown_groups = true\n",
    )
    text = text.replace("common_min_votes = 3", "common_min_votes = 0")
    text = text.replace("common_share = 0.7", "common_share = 70")
    text = text.replace("poll_anonymous = false", 'poll_anonymous = "no"')
    assert _load(tmp_path, text) == [
        "consultation[0].groupchat.poll_anonymous: expected true or false, got a string",
        "consultation[0].round.own_groups: unknown key",
        "consultation[0].round.common_share: must be between 0 and 1",
        "consultation[0].round.common_groups_agreeing: must be between 0 and 1",
        "consultation[0].round.common_min_votes: must be 1 or more",
        "consultation[0].round.closes_at: must be after opens_at",
    ]
