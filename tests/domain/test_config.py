"""Loading the TOML config: the example, paths, Bot API URLs and the token."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from bot.config.load import ConfigError, load
from tests.support.harness import ROOT, TOKEN

EXAMPLE = (ROOT / "config.example.toml").read_text(encoding="utf-8")
ENV = {"TINGBOT_TOKEN": TOKEN}


def variant(*edits: tuple[str, str]) -> str:
    """The example config with each `old` text (which must occur exactly once) replaced."""
    text = EXAMPLE
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in the example"
        text = text.replace(old, new)
    return text


def problems(tmp_path: Path, text: str, env: dict[str, str] | None = None) -> list[str]:
    """The problems ConfigError reports for a config file with `text`."""
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(path, ENV if env is None else env)
    assert str(caught.value) == "\n".join(caught.value.problems)
    return caught.value.problems


def test_example_config_loads_the_hallingting(tmp_path: Path) -> None:
    config = load(ROOT / "config.example.toml", ENV)
    (c,) = config.consultations
    assert c.key == "hallingting-2026"
    assert [t.key for t in c.themes] == [
        "naeringsutvikling",
        "helsesamarbeid",
        "regionalt-samarbeid",
    ]
    assert c.questions[0].text.nn.startswith("Korleis kan kommunane i Hallingdal organisere")
    assert c.questions[1].text.nn == "Kva tiltak kan vera aktuelle?"
    assert c.questions[1].text.get("nb") == "Hvilke tiltak kan være aktuelle?"
    assert c.questions[1].text.get("en") == "Which measures could be relevant?"
    assert len(c.groups) == 8
    assert len({g.code for g in c.groups}) == 8
    assert c.language == "nn"
    assert c.timezone == "Europe/Oslo"
    # Local time in the consultation's zone: 23:59 in Oslo is 22:59 UTC in winter.
    assert c.deadline.astimezone(UTC) == datetime(2027, 1, 14, 22, 59, tzinfo=UTC)
    june = next(m for m in c.meetings if m.key == "regionradet-juni")
    assert june.start.astimezone(UTC) == datetime(2026, 6, 11, 8, 0, tzinfo=UTC)
    assert c.channel == "@hallingdal_regionrad"
    assert c.organisers == (111111111,)
    assert c.reminders.quiet_start == time(22, 0)
    assert config.telegram.api_base_url is None
    assert config.database == ROOT / "data" / "tingbot.sqlite3"


def test_database_path_is_relative_to_the_config_file(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "config.toml"
    path.parent.mkdir()
    path.write_text(variant(('path = "data/tingbot.sqlite3"', 'path = "db/ting.sqlite3"')))
    assert load(path, ENV).database == tmp_path / "conf" / "db" / "ting.sqlite3"


def test_database_path_defaults_under_data(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(variant(('path = "data/tingbot.sqlite3"\n', "")))
    assert load(path, ENV).database == tmp_path / "data" / "tingbot.sqlite3"


def test_self_hosted_bot_api_urls(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        variant(
            ('# api_base_url = "http://127.0.0.1:8081/bot"', 'api_base_url = "http://h:1/bot"'),
            ('# file_base_url = "http://127.0.0.1:8081/file/bot"', 'file_base_url = "http://h/f"'),
        )
    )
    telegram = load(path, ENV).telegram
    assert (telegram.api_base_url, telegram.file_base_url) == ("http://h:1/bot", "http://h/f")


def test_tingbot_token_wins_over_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    # At the start of a line: the webhook's commented-out `secret_token = ""` is not the token.
    path.write_text(variant(('\ntoken = ""', '\ntoken = "42:file-token-abcdefghijklmnopqrst"')))
    assert load(path, {}).telegram.token == "42:file-token-abcdefghijklmnopqrst"
    assert load(path, ENV).telegram.token == TOKEN


def test_token_is_never_in_the_repr() -> None:
    config = load(ROOT / "config.example.toml", ENV)
    assert TOKEN not in repr(config)
    assert TOKEN.split(":")[1] not in repr(config.telegram)


def test_missing_token(tmp_path: Path) -> None:
    assert problems(tmp_path, EXAMPLE, env={}) == [
        "telegram.token: missing (set it here or in the TINGBOT_TOKEN variable)"
    ]


def test_malformed_token(tmp_path: Path) -> None:
    assert problems(tmp_path, EXAMPLE, env={"TINGBOT_TOKEN": "not-a-token"}) == [
        "telegram.token: does not look like a bot token from BotFather"
    ]
