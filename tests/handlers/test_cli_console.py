"""`tingbot console-link` prints a link that the console accepts once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cli import main
from bot.services.console_login import check_login
from tests.support.harness import ORGANISER, ROOT, example_config, start_harness, stop_harness


def config_file(tmp_path: Path) -> Path:
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    text = text.replace('path = "data/tingbot.sqlite3"', f'path = "{tmp_path / "t.sqlite3"}"')
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_console_link_prints_a_valid_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config_file(tmp_path)
    args = ["console-link", "--config", str(path), "--base", "https://k.example.org"]
    assert main([*args, "--organiser", str(ORGANISER)]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed.startswith("https://k.example.org/login/")
    assert main([*args, "--organiser", "42"]) == 2
    assert "not an organiser" in capsys.readouterr().err

    async def status() -> str:
        h = await start_harness(tmp_path, config=example_config(tmp_path / "t.sqlite3"))
        try:
            return (await check_login(h.app.bot_data.deps, printed.rsplit("/", 1)[1])).status
        finally:
            await stop_harness(h)

    assert asyncio.run(status()) == "ok"


def test_the_console_serves_alone_without_a_token(tmp_path: Path) -> None:
    """After the ting, `tingbot console` runs with no Telegram token: it serves, then stops."""
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "TINGBOT_TOKEN"}
    args = [sys.executable, "-m", "bot", "console", "--config", str(config_file(tmp_path))]
    process = subprocess.Popen(
        [*args, "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/x") as page:
                    status = page.status
            except urllib.error.HTTPError as refused:
                status = refused.code
            except OSError:
                assert process.poll() is None, process.communicate()[0].decode()
                assert time.monotonic() < deadline, "the console did not start"
                time.sleep(0.2)
                continue
            break
        assert status == 403  # a forged link is refused with its page, not a crash
    finally:
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=30)[0].decode()
    assert process.returncode == 0, output
    assert "Traceback" not in output
