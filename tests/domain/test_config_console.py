"""The optional [console] table."""

from pathlib import Path

import pytest

from bot.config.load import ConfigError, load

ROOT = Path(__file__).resolve().parents[2]


def with_console(tmp_path: Path, table: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text((ROOT / "config.example.toml").read_text(encoding="utf-8") + table)
    return path


def test_the_console_is_off_and_on_loopback_by_default(tmp_path: Path) -> None:
    config = load(with_console(tmp_path, ""), require_token=False)
    assert not config.console.enabled and config.console.host == "127.0.0.1"
    assert config.console.url == "http://127.0.0.1:8480"


def test_a_console_table_is_read(tmp_path: Path) -> None:
    table = '\n[console]\nenabled = true\nport = 9000\nbase_url = "https://k.example.org/"\n'
    config = load(with_console(tmp_path, table), require_token=False)
    assert config.console.enabled and config.console.port == 9000
    assert config.console.url == "https://k.example.org"
    assert not config.console.behind_proxy
    behind = load(with_console(tmp_path, table + "behind_proxy = true\n"), require_token=False)
    assert behind.console.behind_proxy


def test_bad_console_values_name_their_keys(tmp_path: Path) -> None:
    table = '\n[console]\nport = 70000\nbase_url = "ftp://x"\ncolour = "red"\n'
    with pytest.raises(ConfigError) as caught:
        load(with_console(tmp_path, table), require_token=False)
    text = "\n".join(caught.value.problems)
    assert "console.port" in text and "console.base_url" in text and "console.colour" in text
