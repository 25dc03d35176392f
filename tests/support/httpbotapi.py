"""The in-process Bot API served over local HTTP, for running the unchanged `tingbot` process.

It answers like `FakeTelegram` (getUpdates returns no updates after a short long-poll), records
the method names it was called with, and can reject the token as Telegram does.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from tests.support.botapi import FakeTelegram

LONG_POLL = 0.2


class BotApiServer(ThreadingHTTPServer):
    """A local Bot API: `base_url` goes into `telegram.api_base_url`."""

    daemon_threads = True
    request_queue_size = 128  # the bot opens several connections at once (5 drops some)

    def __init__(self, reject_token: bool = False) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = FakeTelegram()
        self.reject_token = reject_token
        self.methods: list[str] = []
        self.closing = threading.Event()
        self.polled = threading.Event()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up during a long poll (the bot stopping) is not an error."""

    @property
    def base_url(self) -> str:
        """The Bot API prefix the bot appends its token and the method to."""
        return f"http://127.0.0.1:{self.server_address[1]}/bot"


class _Handler(BaseHTTPRequestHandler):
    server: BotApiServer

    def do_POST(self) -> None:
        """Answer one Bot API call."""
        method = self.path.rsplit("/", 1)[-1]
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode())
        params: dict[str, Any] = {k: _value(v[0]) for k, v in form.items()}
        self.server.methods.append(method)
        if self.server.reject_token:
            self._send(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        if method == "getUpdates":
            self.server.polled.set()
            # A long poll that ends early when the test server shuts down.
            self.server.closing.wait(LONG_POLL)
            self._send(200, {"ok": True, "result": []})
            return
        self._send(200, {"ok": True, "result": self.server.fake.answer(method, params)})

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test asserts on `methods` instead."""


def _value(raw: str) -> Any:
    """A form value as PTB sends it: JSON for structured values, else the string."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw


@contextmanager
def bot_api_server(reject_token: bool = False) -> Iterator[BotApiServer]:
    """A running local Bot API for the duration of the block."""
    server = BotApiServer(reject_token)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.closing.set()
        server.shutdown()
        server.server_close()
