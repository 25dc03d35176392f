"""Config keys of privacy and operations: retention_days and [telegram.webhook]."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config.load import ConfigError, load
from tests.support.harness import ROOT, TOKEN

SECRET = "s3cret-webhook-token_0123456789"


def config_with(tmp_path: Path, telegram_extra: str = "", consultation_extra: str = "") -> Path:
    """The example config with lines added to [telegram] and the first [[consultation]]."""
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    text = text.replace("[telegram]\n", "[telegram]\n" + telegram_extra + "\n", 1)
    marker = 'key = "hallingting-2026"\n'
    text = text.replace(marker, marker + consultation_extra + "\n", 1)
    text = text.replace("retention_days = 180\n", "", 1) if consultation_extra else text
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path, env: dict[str, str] | None = None) -> list[str]:
    """The problems the loader reports."""
    with pytest.raises(ConfigError) as caught:
        load(path, {"TINGBOT_TOKEN": TOKEN, **(env or {})})
    return caught.value.problems


def test_retention_defaults_to_180_days_and_is_validated(tmp_path: Path) -> None:
    config = load(ROOT / "config.example.toml", {"TINGBOT_TOKEN": TOKEN})
    assert config.consultations[0].retention_days == 180
    assert (
        load(
            config_with(tmp_path, consultation_extra="retention_days = 30"),
            {"TINGBOT_TOKEN": TOKEN},
        )
        .consultations[0]
        .retention_days
        == 30
    )
    for bad in ("0", "3651", "-5"):
        path = config_with(tmp_path, consultation_extra=f"retention_days = {bad}")
        assert problems(path) == ["consultation[0].retention_days: must be between 1 and 3650 days"]
    path = config_with(tmp_path, consultation_extra='retention_days = "lenge"')
    assert problems(path) == ["consultation[0].retention_days: expected an integer, got a string"]


def test_webhook_is_optional_and_read_with_defaults(tmp_path: Path) -> None:
    assert load(ROOT / "config.example.toml", {"TINGBOT_TOKEN": TOKEN}).telegram.webhook is None
    table = (
        '[telegram.webhook]\nurl = "https://bot.example.org/hook/tingbot"\n'
        f'secret_token = "{SECRET}"\n'
    )
    path = config_with(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("[storage]", table + "[storage]"))
    webhook = load(path, {"TINGBOT_TOKEN": TOKEN}).telegram.webhook
    assert webhook is not None
    assert (webhook.listen, webhook.port, webhook.path) == ("127.0.0.1", 8443, "hook/tingbot")
    assert SECRET not in repr(webhook)
    from_env = load(path, {"TINGBOT_TOKEN": TOKEN, "TINGBOT_WEBHOOK_SECRET": "x" * 20})
    assert from_env.telegram.webhook is not None
    assert from_env.telegram.webhook.secret_token == "x" * 20


def test_webhook_errors_name_their_keys(tmp_path: Path) -> None:
    table = (
        '[telegram.webhook]\nurl = "http://bot.example.org/hook"\nport = 70000\n'
        'secret_token = "short"\nwhat = 1\n'
    )
    path = config_with(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("[storage]", table + "[storage]"))
    assert problems(path) == [
        "telegram.webhook.what: unknown key",
        'telegram.webhook.url: expected a public https:// URL, got "http://bot.example.org/hook"',
        'telegram.webhook.secret_token: 16-256 of A-Z, a-z, 0-9, "_" and "-"',
        "telegram.webhook.port: expected a TCP port (1-65535), got 70000",
    ]
    path.write_text(path.read_text(encoding="utf-8").replace('secret_token = "short"\n', ""))
    assert (
        "telegram.webhook.secret_token: missing (set it here or in the TINGBOT_WEBHOOK_SECRET "
        "variable)"
    ) in problems(path)


def test_check_config_shows_retention_and_webhook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.cli import main

    monkeypatch.setenv("TINGBOT_TOKEN", TOKEN)
    table = f'[telegram.webhook]\nurl = "https://bot.example.org/hook"\nsecret_token = "{SECRET}"\n'
    path = config_with(tmp_path, consultation_extra="retention_days = 30")
    path.write_text(path.read_text(encoding="utf-8").replace("[storage]", table + "[storage]"))
    assert main(["check-config", str(path)]) == 0
    out = capsys.readouterr().out
    assert "webhook: https://bot.example.org/hook (listening on 127.0.0.1:8443)" in out
    assert "raw answers kept 30 days after the deadline, until 2027-02-13T23:59:00+01:00" in out
    assert SECRET not in out
