"""What the scale benchmark (bench/scale.py) feeds the Application, and how it reads the process."""

from __future__ import annotations

import resource
import sys
from pathlib import Path
from typing import Any

from bench.fixture import NOW
from bot.context import Deps
from bot.handlers.shared.common import signed


def message(update_id: int, user: int, message_id: int, text: str) -> dict[str, Any]:
    """A private text message from `user`, a command if it starts with "/"."""
    sent: dict[str, Any] = {
        "message_id": message_id,
        "date": int(NOW.timestamp()),
        "chat": {"id": user, "type": "private", "first_name": f"U{user}"},
        "from": {"id": user, "is_bot": False, "first_name": f"U{user}", "language_code": "nn"},
        "text": text,
    }
    if text.startswith("/"):
        sent["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": sent}


def consent(deps: Deps, update_id: int, user: int, group_id: int) -> dict[str, Any]:
    """The press on the join offer's ✅ (its data signed as the bot signs it)."""
    person = {"id": user, "is_bot": False, "first_name": f"U{user}", "language_code": "nn"}
    offer = {
        "message_id": 1,
        "date": int(NOW.timestamp()),
        "chat": {"id": user, "type": "private", "first_name": f"U{user}"},
        "text": "…",
    }
    data = f"j:{group_id}:{signed(deps, 'join', user, group_id)}"
    query = {"id": str(update_id), "from": person, "chat_instance": "1", "data": data}
    return {"update_id": update_id, "callback_query": {**query, "message": offer}}


def progress(key: str, value: float) -> None:
    """A figure as soon as it is measured, on stderr (a long run can be followed)."""
    print(f"{key} {value:.3f}", file=sys.stderr, flush=True)


def peak_rss_mb() -> float:
    """The process's highest resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    """The process's resident memory now, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
