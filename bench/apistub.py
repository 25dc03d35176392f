"""A tiny Bot API over local HTTP for start-up measurements: it notes the first getUpdates.

It answers getMe with a bot, getUpdates with no updates after holding the long poll, and every
other method with `true`; `first_poll` is the `time.perf_counter()` of the first getUpdates.
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

ME = {"id": 7000000001, "is_bot": True, "first_name": "tingbot", "username": "tingbot_bench_bot"}


class ApiStub(ThreadingHTTPServer):
    """A local Bot API: `base_url` goes into the bot's configuration."""

    daemon_threads = True
    # The bot opens several connections at once (menus are registered concurrently); the
    # default listen backlog of 5 would drop connections, and TCP retries them after 1 s.
    request_queue_size = 128

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.first_poll: float | None = None
        self.polled = threading.Event()
        self.closing = threading.Event()

    @property
    def base_url(self) -> str:
        """The Bot API prefix the bot appends its token and the method to."""
        return f"http://127.0.0.1:{self.server_address[1]}/bot"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A bot that hangs up during a long poll (it is stopping) is not an error."""


class _Handler(BaseHTTPRequestHandler):
    server: ApiStub
    # Answer without Nagle's delay (about 40 ms per call on a kept-alive connection), as a real
    # Bot API server does; otherwise start-up would be measured in delayed acknowledgements.
    disable_nagle_algorithm = True

    def do_POST(self) -> None:
        """Answer one Bot API call."""
        method = self.path.rsplit("/", 1)[-1]
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode(errors="replace"))
        result: Any = True
        if method == "getMe":
            result = ME
        elif method == "getUpdates":
            if self.server.first_poll is None:
                self.server.first_poll = time.perf_counter()
                self.server.polled.set()
            self.server.closing.wait(float(form.get("timeout", ["0"])[0]))
            result = []
        body = json.dumps({"ok": True, "result": result}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@contextmanager
def api_stub() -> Iterator[ApiStub]:
    """A running stub for the duration of the block."""
    server = ApiStub()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.closing.set()
        server.shutdown()
        server.server_close()
