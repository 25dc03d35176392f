"""The HTTP side: a ThreadingHTTPServer on 127.0.0.1 in a background thread."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from .dispatch import Dispatcher


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the bot opens several connections at once (5 drops some)
    dispatcher: Dispatcher
    closing: threading.Event

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up (timeouts, cancelled long polls) are normal here."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects
    # Headers and body go out in two writes; with Nagle's algorithm the body would wait for
    # the client's delayed ACK (about 40 ms on Linux) on every call of a kept-alive connection.
    disable_nagle_algorithm = True
    server: _Server

    def do_POST(self) -> None:
        """Bot API calls (and file downloads via GET)."""
        parts = urlsplit(self.path)
        body = self._read_body()
        reply = self.server.dispatcher.handle(
            unquote(parts.path), self.headers.get("Content-Type", ""), body, parts.query
        )
        if reply.drop:
            self.server.closing.wait(reply.hold)
            self.close_connection = True
            return
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except OSError:  # the client gave up (e.g. a long poll it cancelled)
            self.close_connection = True

    do_GET = do_POST

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while (size := int(self.rfile.readline().split(b";")[0], 16)) > 0:
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            self.rfile.readline()
            return b"".join(chunks)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def log_message(self, format: str, *args: Any) -> None:
        """Silence per-request logging; calls are recorded in the journal instead."""


class HttpServer:
    """Serves a dispatcher on an ephemeral loopback port until closed."""

    def __init__(self, dispatcher: Dispatcher, closing: threading.Event) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.dispatcher = dispatcher
        self._server.closing = closing
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"bot-api-emulator:{self.port}",
            daemon=True,
        )

    def start(self) -> None:
        """Start serving in the background."""
        self._thread.start()

    def close(self) -> None:
        """Stop serving and release the port."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
