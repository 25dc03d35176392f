"""The in-process Bot API served over local HTTP, for running an unchanged bot process.

A thin front on `FakeTelegram`: each POST is recorded and answered by it (`respond`), so the
process gets the same answers as an in-process test. getUpdates returns no updates after
holding the long poll (`long_poll` seconds, or the bot's own `timeout` when None), and notes
the moment of the first one (`first_poll`, on `time.perf_counter`: the start-up benchmark's
finish line). It can reject the token as Telegram does.
"""

from __future__ import annotations

import json
import threading
import time
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
    # The bot opens several connections at once (menus are registered concurrently); the
    # default listen backlog of 5 would drop connections, and TCP retries them after 1 s.
    request_queue_size = 128

    def __init__(self, reject_token: bool = False, long_poll: float | None = LONG_POLL) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = FakeTelegram()
        self.reject_token = reject_token
        self.long_poll = long_poll
        self.first_poll: float | None = None
        self.lock = threading.Lock()  # one call at a time into the (single-threaded) double
        self.closing = threading.Event()
        self.polled = threading.Event()

    @property
    def methods(self) -> list[str]:
        """The methods called, in order."""
        return [call.method for call in self.fake.calls]

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up during a long poll (the bot stopping) is not an error."""

    @property
    def base_url(self) -> str:
        """The Bot API prefix the bot appends its token and the method to."""
        return f"http://127.0.0.1:{self.server_address[1]}/bot"


class _Handler(BaseHTTPRequestHandler):
    server: BotApiServer
    # Answer without Nagle's delay (about 40 ms per call on a kept-alive connection), as a real
    # Bot API server does; otherwise start-up would be measured in delayed acknowledgements.
    disable_nagle_algorithm = True

    def do_POST(self) -> None:
        """Answer one Bot API call."""
        method = self.path.rsplit("/", 1)[-1]
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode(errors="replace"))
        params: dict[str, Any] = {k: _value(v[0]) for k, v in form.items()}
        server = self.server
        with server.lock:
            status, body = server.fake.respond(method, params)
        if server.reject_token:
            self._send(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        if method == "getUpdates":
            if server.first_poll is None:
                server.first_poll = time.perf_counter()
            server.polled.set()
            # A long poll that ends early when the test server shuts down.
            hold = server.long_poll
            server.closing.wait(float(params.get("timeout", 0)) if hold is None else hold)
            status, body = 200, {"ok": True, "result": []}
        self._send(status, body)

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
def bot_api_server(
    reject_token: bool = False, long_poll: float | None = LONG_POLL
) -> Iterator[BotApiServer]:
    """A running local Bot API for the duration of the block."""
    server = BotApiServer(reject_token, long_poll)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.closing.set()
        server.shutdown()
        server.server_close()
