"""The optional [console] table: the organisers' console in a browser (docs/operations.md)."""

from __future__ import annotations

from urllib.parse import urlsplit

from bot.config.model import ConsoleSettings
from bot.config.reader import Node


def console_settings(node: Node) -> ConsoleSettings:
    """[console]: enabled, host (loopback by default), port, the public base_url and whether
    a reverse proxy in front is believed about HTTPS (behind_proxy)."""
    node.unknown_keys({"enabled", "host", "port", "base_url", "behind_proxy"})
    default = ConsoleSettings()
    enabled = node.typed("enabled", bool, default.enabled)
    host = node.typed("host", str, default.host).strip() or default.host
    port = node.typed("port", int, default.port)
    if not 1 <= port <= 65535:
        node.errors.add(node.at("port"), f"expected a TCP port (1-65535), got {port}")
        port = default.port
    base_url = node.typed("base_url", str, "").strip().rstrip("/")
    parts = urlsplit(base_url)
    if base_url and (parts.scheme not in ("http", "https") or not parts.hostname):
        node.errors.add(node.at("base_url"), f'expected an http(s):// address, got "{base_url}"')
        base_url = ""
    behind_proxy = node.typed("behind_proxy", bool, default.behind_proxy)
    return ConsoleSettings(enabled, host, port, base_url, behind_proxy)
