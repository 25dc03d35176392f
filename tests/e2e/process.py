"""The bot as users run it: `python -m bot run --config PATH` in its own process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.emulator import Emulator
from tests.support.harness import ROOT

START_TIMEOUT = 30.0
STOP_TIMEOUT = 30.0


class BotProcess:
    """One run of the bot: started, then stopped with SIGTERM or killed with SIGKILL."""

    def __init__(self, config: Path, token: str, log: Path, *extra_args: str) -> None:
        self.config = config
        self.log = log
        self.args = [sys.executable, "-m", "bot", "run", "--config", str(config), *extra_args]
        self.env = {**os.environ, "TINGBOT_TOKEN": token, "PYTHONUNBUFFERED": "1"}
        self.env.pop("TINGBOT_WEBHOOK_SECRET", None)
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, emu: Emulator, ready: Callable[[], bool] | None = None) -> BotProcess:
        """Start the process and wait until `ready()` (default: its first getUpdates arrived)."""
        polls = emu.polls_started
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                self.args, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT
            )
        try:
            emu.wait_until(ready or (lambda: emu.polls_started > polls), START_TIMEOUT)
        except AssertionError:
            self.kill()
            raise AssertionError(f"the bot did not start:\n{self.output}") from None
        return self

    @property
    def running(self) -> bool:
        """Whether the process is alive."""
        return self.process is not None and self.process.poll() is None

    def stop(self) -> int:
        """SIGTERM and wait for the exit status."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(STOP_TIMEOUT)

    def kill(self) -> None:
        """SIGKILL: no shutdown, no cleanup, exactly like a crash."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(STOP_TIMEOUT)

    @property
    def output(self) -> str:
        """Everything the process wrote to stdout and stderr."""
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""


def run_command(*args: str, token: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
    """Another `tingbot` command (backup, purge, check-config) as a process."""
    env = {**os.environ, "TINGBOT_TOKEN": token}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
