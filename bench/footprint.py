"""Footprint: start-up time to the first getUpdates and idle memory, tingbot against bare PTB.

Both bots run as processes exactly as deployed: `python -m bot run --config FILE` (the example
consultation, its database in a temporary folder) and `python -m bench.baseline_bot URL` (a bare
PTB echo bot with `run_polling`), each against its own local Bot API (`tests.support.botapi_http`).
Start-up is the time from starting the process to the stub receiving its first getUpdates; the
idle memory is the process's resident set (VmRSS) shortly after, while it long-polls. A warm-up
start of each bot comes first (bytecode compiled, files cached, the database created), then the
rounds alternate which bot starts first. Bytecode is cached, as in any installed deployment,
even where the environment says PYTHONDONTWRITEBYTECODE: in PYCACHE, outside the repository.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.stats import Row, paired_row
from tests.support.botapi_http import bot_api_server

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456:BENCH-token-abcdefghijklmnopqrstuvwxyz"
SETTLE = 0.5  # seconds of idling before the resident set is read (by default)
PYCACHE = Path(tempfile.gettempdir()) / "tingbot-bench-pycache"


@dataclass(frozen=True)
class Start:
    """One start of a bot: seconds to the first getUpdates, resident memory when idle."""

    seconds: float
    rss_bytes: int


def write_config(folder: Path, base_url: str) -> Path:
    """The example config with its database in `folder` and the stub as Bot API."""
    text = (
        (ROOT / "config.example.toml")
        .read_text(encoding="utf-8")
        .replace('path = "data/tingbot.sqlite3"', f'path = "{folder / "tingbot.sqlite3"}"')
        .replace('# api_base_url = "http://127.0.0.1:8081/bot"', f'api_base_url = "{base_url}"')
    )
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def rss_bytes(pid: int) -> int:
    """The resident set size of a running process (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def start(bot: str, folder: Path, settle: float = SETTLE, timeout: float = 60.0) -> Start:
    """Start `bot` ("tingbot" or "baseline"), measure, and stop it with SIGTERM."""
    unset = ("TINGBOT_TOKEN", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env |= {"TINGBOT_TOKEN": TOKEN, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    with bot_api_server(long_poll=None) as stub:
        if bot == "tingbot":
            command = ["-m", "bot", "run", "--config", str(write_config(folder, stub.base_url))]
        else:
            command = ["-m", "bench.baseline_bot", stub.base_url]
        began = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, *command],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            if not stub.polled.wait(timeout):
                raise RuntimeError(f"{bot} did not poll: {_output(process)}")
            assert stub.first_poll is not None
            seconds = stub.first_poll - began
            time.sleep(settle)
            rss = rss_bytes(process.pid)
            process.send_signal(signal.SIGTERM)
            if process.wait(timeout) != 0:
                raise RuntimeError(f"{bot} failed: {_output(process)}")
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    return Start(seconds, rss)


def _output(process: subprocess.Popen[bytes]) -> str:
    """What a failed bot wrote to stderr."""
    if process.poll() is None:
        process.kill()
    _, err = process.communicate()
    return err.decode(errors="replace")[-2000:]


def measure(
    rounds: int = 3, warm_up: bool = True, settle: float = SETTLE
) -> tuple[list[Row], dict[str, Any]]:
    """A warm-up start of each bot, then `rounds` alternating rounds; table rows."""
    starts: dict[str, list[Start]] = {"tingbot": [], "baseline": []}
    with tempfile.TemporaryDirectory(prefix="tingbot-bench-") as name:
        folder = Path(name)
        for bot in starts if warm_up else ():
            start(bot, folder, settle)
        for round_number in range(rounds):
            order = ["tingbot", "baseline"][:: -1 if round_number % 2 else 1]
            for bot in order:
                starts[bot].append(start(bot, folder, settle))
    ting, bare = starts["tingbot"], starts["baseline"]
    rows = [
        paired_row(
            "footprint",
            "start-up to first getUpdates",
            "s",
            [s.seconds for s in ting],
            "bare PTB polling bot",
            [s.seconds for s in bare],
            "≤ 1.5× bare PTB",
            ratio_at_most=1.5,
        ),
        paired_row(
            "footprint",
            "idle resident memory",
            "MB",
            [s.rss_bytes / 1e6 for s in ting],
            "bare PTB polling bot",
            [s.rss_bytes / 1e6 for s in bare],
            "≤ 1.5× bare PTB",
            ratio_at_most=1.5,
        ),
    ]
    return rows, {"rounds": rounds, "warm_up": warm_up, "settle_seconds": settle}


if __name__ == "__main__":
    found, info = measure()
    for row in found:
        print(row)
    print(info)
