"""The `tingbot` command: check-config, backup and run (against a local Bot API)."""

from __future__ import annotations

import asyncio
import os
import re
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.config.load import load
from storage import Storage
from tests.support.harness import ROOT, TOKEN

EXAMPLE = ROOT / "config.example.toml"
CODES = [
    "ht26-g1-Kx7p",
    "ht26-g2-Qm4d",
    "ht26-g3-Wv9s",
    "ht26-g4-Hb2n",
    "ht26-g5-Zr8t",
    "ht26-g6-Lc5y",
    "ht26-g7-Pj3e",
    "ht26-g8-Nf6u",
]
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def write_config(tmp_path: Path, api_base_url: str | None = None, broken: bool = False) -> Path:
    """The example config with its database under tmp_path (optionally a local Bot API)."""
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'path = "data/tingbot.sqlite3"', f'path = "{tmp_path / "db" / "tingbot.sqlite3"}"'
    )
    if api_base_url:
        text = text.replace(
            '# api_base_url = "http://127.0.0.1:8081/bot"', f'api_base_url = "{api_base_url}"'
        )
    if broken:
        text = text.replace('language = "nn"', 'language = "sv"').replace(
            'key = "gruppe-2"', 'key = "gruppe-1"'
        )
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def environment(token: str | None = TOKEN) -> dict[str, str]:
    """The environment for a tingbot subprocess (local addresses never go through a proxy)."""
    env = {k: v for k, v in os.environ.items() if k != "TINGBOT_TOKEN"}
    env |= {"NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}
    if token:
        env["TINGBOT_TOKEN"] = token
    return env


def tingbot(*args: str, token: str | None = TOKEN) -> subprocess.CompletedProcess[str]:
    """Run `python -m bot ARGS` in the repository, as an organiser would run `tingbot`."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT,
        env=environment(token),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_config_lists_groups_and_codes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TINGBOT_TOKEN", raising=False)
    assert main(["check-config", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    listed = re.findall(r"^    (gruppe-\d): Gruppe \d — join code (\S+)$", out, re.MULTILINE)
    assert listed == [(f"gruppe-{i}", code) for i, code in enumerate(CODES, start=1)]
    assert "consultation hallingting-2026" in out
    assert out.count("    question ") == 5
    assert "question tiltak: Kva tiltak kan vera aktuelle?" in out
    assert "theme helsesamarbeid" in out
    assert "meeting regionradet-juni: 2026-06-11T10:00:00+02:00 at Ål kulturhus" in out
    assert "no bot token yet" in out


def test_check_config_never_prints_the_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TINGBOT_TOKEN", TOKEN)
    assert main(["check-config", str(EXAMPLE)]) == 0
    captured = capsys.readouterr()
    assert TOKEN.split(":")[1] not in captured.out + captured.err
    assert "no bot token yet" not in captured.out


def test_check_config_as_a_process_on_a_fresh_machine() -> None:
    done = tingbot("check-config", "config.example.toml", token=None)
    assert done.returncode == 0, done.stderr
    for code in CODES:
        assert f"join code {code}" in done.stdout
    assert done.stderr == ""


def test_broken_config_exits_2_listing_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_config(tmp_path, broken=True)
    assert main(["check-config", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"tingbot: {path} has 2 problems:",
        '  consultation[0].language: unknown language "sv" (use nn, nb or en)',
        '  consultation[0].groups[1].key: duplicate key "gruppe-1"',
    ]


def test_broken_config_as_a_process_has_no_traceback(tmp_path: Path) -> None:
    path = write_config(tmp_path, broken=True)
    for args in (["check-config", str(path)], ["run", "--config", str(path)]):
        done = tingbot(*args)
        assert done.returncode == 2
        assert "Traceback" not in done.stderr
        assert 'consultation[0].language: unknown language "sv"' in done.stderr


def test_run_without_token_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TINGBOT_TOKEN", raising=False)
    assert main(["run", "--config", str(write_config(tmp_path))]) == 2
    assert "telegram.token: missing" in capsys.readouterr().err
    assert not (tmp_path / "db").exists()


def test_missing_config_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-config", str(tmp_path / "none.toml")]) == 2
    assert f"{tmp_path / 'none.toml'}: file not found" in capsys.readouterr().err


async def _populate(storage: Storage, answers: int) -> int:
    """Sync the example, join one participant and store `answers` answers; the participant id."""
    from bot.services.catalog import sync_catalogs

    config = load(EXAMPLE, {"TINGBOT_TOKEN": TOKEN})
    catalog = (await sync_catalogs(storage, config, NOW))["hallingting-2026"]
    first = catalog.active_questions[0].id
    participant = await storage.participants.join(
        catalog.consultation_id, 5001, "Kari", catalog.groups[0].id, first, NOW
    )
    for i in range(answers):
        await storage.answers.add_answer(participant.id, first, f"svar {i}", 5001, 1000 + i, NOW)
    return participant.id


def _count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


async def test_backup_command_copies_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TINGBOT_TOKEN", TOKEN)
    config = write_config(tmp_path)
    storage = await Storage.open(tmp_path / "db" / "tingbot.sqlite3")
    await _populate(storage, 3)
    await storage.close()
    destination = tmp_path / "backups" / "copy.sqlite3"
    args = ["backup", str(destination), "--config", str(config)]
    assert await asyncio.to_thread(main, args) == 0
    assert _count(destination, "answer") == 3
    assert _count(destination, "participant") == 1


async def test_backup_command_while_the_bot_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TINGBOT_TOKEN", TOKEN)
    config = write_config(tmp_path)
    database = tmp_path / "db" / "tingbot.sqlite3"
    running = await Storage.open(database)
    participant = await _populate(running, 0)
    question = (await running.consultations.catalog("hallingting-2026")).active_questions[0].id

    async def keep_writing() -> None:
        for i in range(300):
            await running.answers.add_answer(participant, question, f"punkt {i}", 5001, i + 1, NOW)

    writer = asyncio.create_task(keep_writing())
    before = _count(database, "answer")
    destination = tmp_path / "copy.sqlite3"
    status = await asyncio.to_thread(main, ["backup", str(destination), "--config", str(config)])
    await writer
    await running.close()
    assert status == 0
    copied = _count(destination, "answer")
    assert before <= copied <= 300
    with sqlite3.connect(destination) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1
        texts = [r[0] for r in conn.execute("SELECT text FROM answer ORDER BY id")]
    assert texts == [f"punkt {i}" for i in range(copied)]


def test_backup_of_a_missing_database_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TINGBOT_TOKEN", TOKEN)
    config = write_config(tmp_path)
    assert main(["backup", str(tmp_path / "copy.sqlite3"), "--config", str(config)]) == 1
    assert "no database" in capsys.readouterr().err
    assert not (tmp_path / "db" / "tingbot.sqlite3").exists()
    assert not (tmp_path / "copy.sqlite3").exists()


@pytest.mark.parametrize("command", ["run", "backup"])
def test_database_newer_than_the_code_is_a_clear_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    monkeypatch.setenv("TINGBOT_TOKEN", TOKEN)
    config = write_config(tmp_path)
    database = tmp_path / "db" / "tingbot.sqlite3"
    database.parent.mkdir()
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA user_version = 99")
    backup = ["backup", str(tmp_path / "copy.sqlite3")]
    assert main([*(backup if command == "backup" else ["run"]), "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "schema version 99" in err
    assert "upgrade tingbot" in err
    assert "Traceback" not in err


def test_one_problem_is_counted_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        (ROOT / "config.example.toml")
        .read_text(encoding="utf-8")
        .replace('language = "nn"', 'language = "sv"', 1),
        encoding="utf-8",
    )
    assert main(["check-config", str(path)]) == 2
    assert capsys.readouterr().err.splitlines()[0] == f"tingbot: {path} has 1 problem:"
