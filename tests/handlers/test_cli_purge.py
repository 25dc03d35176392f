"""`tingbot purge`: deletes raw answers whose retention ended, and says what it did."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.services.catalog import spec
from storage import Storage
from tests.support.harness import ROOT, TOKEN


def write_config(tmp_path: Path, deadline: str, retention: int) -> Path:
    """The example config with a database under tmp_path, a deadline and a retention period."""
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    text = text.replace('path = "data/tingbot.sqlite3"', 'path = "db.sqlite3"')
    text = text.replace("deadline = 2027-01-14T23:59:00", f"deadline = {deadline}")
    text = text.replace("retention_days = 180", f"retention_days = {retention}")
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


async def seed(database: Path, config_path: Path) -> None:
    """One participant with one answer."""
    from bot.config.load import load

    config = load(config_path, {"TINGBOT_TOKEN": TOKEN})
    storage = await Storage.open(database)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    try:
        catalogs = await storage.consultations.sync_consultations(
            [spec(c) for c in config.consultations], now
        )
        catalog = catalogs["hallingting-2026"]
        question = catalog.active_questions[0].id
        who = await storage.participants.join(
            catalog.consultation_id, 5, "Kari", catalog.groups[0].id, question, now
        )
        await storage.answers.add_answer(who.id, question, "Eit svar", 5, 1, now)
    finally:
        await storage.close()


def answers_in(database: Path) -> int:
    """The number of stored answers."""
    import sqlite3

    with sqlite3.connect(database) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM answer").fetchone()[0])


def test_purge_deletes_only_after_the_retention_period(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TINGBOT_TOKEN", TOKEN)
    recent = (datetime.now() - timedelta(days=5)).replace(microsecond=0).isoformat()
    path = write_config(tmp_path, recent, 30)
    asyncio.run(seed(tmp_path / "db.sqlite3", path))
    assert main(["purge", "--config", str(path)]) == 0
    assert "hallingting-2026: kept until" in capsys.readouterr().out
    assert answers_in(tmp_path / "db.sqlite3") == 1

    old = (datetime.now() - timedelta(days=31)).replace(microsecond=0).isoformat()
    path = write_config(tmp_path, old, 30)
    assert main(["purge", "--config", str(path)]) == 0
    assert (
        "hallingting-2026: deleted 1 answer(s) and 0 earlier version(s)" in capsys.readouterr().out
    )
    assert answers_in(tmp_path / "db.sqlite3") == 0
    assert main(["purge", "--config", str(path)]) == 0
    assert "deleted 0 answer(s)" in capsys.readouterr().out


def test_purge_with_a_broken_config_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[telegram\n", encoding="utf-8")
    assert main(["purge", "--config", str(path)]) == 2
    assert "not valid TOML" in capsys.readouterr().err
