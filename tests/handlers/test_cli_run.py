"""`tingbot run` as a process against a local Bot API: the health line, a clean shutdown, and a
rejected token told in one line."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

from bot.config.load import load
from bot.i18n.translator import LANGUAGES
from storage.schema import migrations
from tests.handlers.test_cli import _count, environment, tingbot, write_config
from tests.support.botapi_http import bot_api_server
from tests.support.harness import ROOT, TOKEN


def _read_lines(stream: object, into: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.put(line)
    into.put("")


def test_run_polls_prints_one_health_line_and_shuts_down_cleanly(tmp_path: Path) -> None:
    with bot_api_server() as server:
        config = write_config(tmp_path, api_base_url=server.base_url)
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--config", str(config)],
            cwd=ROOT,
            env=environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        lines: queue.Queue[str] = queue.Queue()
        reader = threading.Thread(target=_read_lines, args=(process.stderr, lines), daemon=True)
        reader.start()
        seen: list[str] = []
        try:
            # The menus are set once the bot polls, after the health line.
            while not any("command menus set" in line for line in seen):
                line = lines.get(timeout=30)
                assert line, f"tingbot stopped early: {''.join(seen)}"
                seen.append(line)
            assert server.polled.is_set(), "menus set before polling"
            process.send_signal(signal.SIGTERM)
            status = process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
        reader.join(timeout=10)
        while not lines.empty():
            seen.append(lines.get())
    output = "".join(seen)
    assert status == 0, output
    (health,) = [line for line in seen if "tingbot ready" in line]
    assert seen.index(health) < next(i for i, line in enumerate(seen) if "menus set" in line)
    database = tmp_path / "db" / "tingbot.sqlite3"
    assert "@tingbot_test_bot" in health
    assert 'msg="tingbot ready"' in health
    assert "consultations=hallingting-2026" in health
    assert f"database={database}" in health
    assert f"schema={migrations()[-1][0]}" in health
    assert "Traceback" not in output
    assert TOKEN.split(":")[1] not in output
    assert "getMe" in server.methods
    # default, each language and "no": for private chats, group chats and each organiser
    organisers = load(config, environment()).consultations[0].organisers
    per_scope = len(LANGUAGES) + 2
    assert server.methods.count("setMyCommands") == per_scope * (2 + len(organisers))
    # A clean close checkpoints the WAL and removes it.
    assert not Path(f"{database}-wal").exists()
    assert _count(database, "discussion_group") == 8


def test_rejected_token_is_a_clear_one_line_error(tmp_path: Path) -> None:
    with bot_api_server(reject_token=True) as server:
        config = write_config(tmp_path, api_base_url=server.base_url)
        done = tingbot("run", "--config", str(config))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert TOKEN.split(":")[1] not in done.stderr
    problems = [line for line in done.stderr.splitlines() if line.startswith("tingbot:")]
    assert problems == ["tingbot: Telegram rejected the bot token (check TINGBOT_TOKEN)"]
