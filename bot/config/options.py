"""Two operating choices: paid broadcasts ([telegram]) and how hard a commit holds ([storage])."""

from __future__ import annotations

from bot.config.reader import Node

FREE_RATE = 30  # messages a second Telegram allows a bot's broadcasts without charge
PAID_CEILING = 1000  # messages a second Telegram allows with allow_paid_broadcast
PAID_KEYS = {"paid_broadcast", "paid_broadcast_rate"}
DURABILITIES = ("normal", "full")


def paid_broadcast(node: Node) -> int | None:
    """The paid broadcast rate (messages a second) if `paid_broadcast = true`, else None."""
    enabled = node.typed("paid_broadcast", bool, False)
    rate = node.typed("paid_broadcast_rate", int, PAID_CEILING)
    if not FREE_RATE < rate <= PAID_CEILING:
        node.errors.add(
            node.at("paid_broadcast_rate"),
            f"expected messages a second above {FREE_RATE} and at most {PAID_CEILING}, got {rate}",
        )
        return None
    return rate if enabled else None


def durability(node: Node) -> str:
    """The [storage] durability: "normal" (the default) or "full"."""
    value = node.typed("durability", str, "normal")
    if value not in DURABILITIES:
        node.errors.add(node.at("durability"), f'expected "normal" or "full", got "{value}"')
        return "normal"
    return value
