"""Webhook mode: setWebhook goes to the emulator, and the secret token is checked on every POST."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from typing import Any

from bot.transport.polling import UPDATE_KINDS
from tests.e2e.scenario import Tingbot, pattern, text_of

SECRET = "e2e-webhook-secret_0123456789"
URL = "https://tingbot.example.org/hook"
OFFER = pattern("Answers are taken until {deadline}.")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def listening(port: int) -> bool:
    """Whether something accepts connections on the port."""
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def post(port: int, update: dict[str, Any], secret: str | None) -> int:
    """POST an update to the bot's webhook as Telegram would; the HTTP status."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/hook", json.dumps(update).encode(), headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as refused:
        return int(refused.code)


def test_webhook_checks_the_secret_on_every_request(tingbot: Tingbot) -> None:
    emu = tingbot.emu
    port = free_port()
    tingbot.configure(webhook={"url": URL, "port": port, "secret_token": SECRET})
    bot = tingbot.start(ready=lambda: emu.webhook is not None and listening(port))
    assert emu.webhook == {
        "url": URL,
        "secret_token": SECRET,
        "allowed_updates": list(UPDATE_KINDS),
        "max_connections": 40,
    }
    kari = tingbot.person(6001, "Kari")
    kari.handle.send_command("start", "ht26-g1-Kx7p")
    (update,) = emu.take_webhook_updates()
    mark = emu.mark()
    assert post(port, update, None) == 403
    assert post(port, update, "wrong-secret-0123456789") == 403
    assert post(port, update, SECRET) == 200
    offer = kari.wait_reply(mark, OFFER)
    assert "Gruppe 1" in text_of(offer)
    assert len(kari.replies(mark)) == 1, "a refused request must not be processed"
    assert bot.stop() == 0
    assert not emu.calls_to("getUpdates"), "no polling in webhook mode"
    assert SECRET not in tingbot.output
