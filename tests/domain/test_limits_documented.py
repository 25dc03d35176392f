"""docs/operations.md states the send limits the code uses, and no others (issue 15, point 11).

The limits live in one place, `bot/transport/ratelimit.py` (Telegram's) and
`bot/transport/sendgate.py` (the margins); the operations guide names them and quotes their
values. tests/e2e/test_e2e_faults.py shows the bot process keeping to them against the emulator.
"""

from __future__ import annotations

import re
from pathlib import Path

from bot.transport.ratelimit import TELEGRAM_GROUP_PER_MINUTE, TELEGRAM_PER_SECOND
from bot.transport.sendgate import DEPARTURE_SAFETY, SAFETY

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "operations.md"


def section(title: str) -> str:
    """The text of one `## title` section of the guide."""
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else None]


def test_the_guide_quotes_the_limits_of_the_code() -> None:
    limits = section("Telegram's limits")
    assert f"{TELEGRAM_PER_SECOND} per second overall" in limits
    assert f"{TELEGRAM_GROUP_PER_MINUTE} per minute to one group" in limits
    assert "`TELEGRAM_PER_SECOND`" in limits and "`TELEGRAM_GROUP_PER_MINUTE`" in limits
    assert f"stretched by {round((SAFETY - 1) * 100)}%" in limits
    assert f"({TELEGRAM_PER_SECOND / SAFETY:.1f} per second)" in limits
    assert f"stretched by {(DEPARTURE_SAFETY - 1) * 100:.1f}%" in limits


def rates(text: str) -> list[tuple[float, str]]:
    """Every "N per second", "N a minute", "N sends/s", "N/min" … of a text: (N, unit)."""
    found = re.findall(
        r"(\d[\d,]*(?:\.\d+)?)\s*(?:(?:sends|messages)\s*)?(?:per |a |/)\s?(second|s\b|minute|min\b)",
        text,
    )
    return [(float(n.replace(",", "")), "s" if u[0] == "s" else "min") for n, u in found]


def test_rates_are_read_in_every_spelling() -> None:
    said = "25 sends/s, 18/min, 1,000 a second and 20 per minute"
    assert rates(said) == [(25, "s"), (18, "min"), (1000, "s"), (20, "min")]


def test_the_guide_names_no_other_rate() -> None:
    allowed = {
        (float(TELEGRAM_PER_SECOND), "s"),
        (round(TELEGRAM_PER_SECOND / SAFETY, 1), "s"),
        (float(TELEGRAM_GROUP_PER_MINUTE), "min"),
    }
    found = set(rates(GUIDE.read_text(encoding="utf-8")))
    assert found <= allowed, found - allowed
