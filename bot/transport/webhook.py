"""Webhook mode as safe as polling: Telegram gets 200 only after the update is processed.

PTB's webhook server answers 200 as soon as an update is queued, so a crash loses every update
it had taken but not yet handled: Telegram never sends those again. This server processes the
update inside the request (through the same per-chat ordered update processor as polling) and
answers only then. A process killed mid-update leaves Telegram without an answer, so Telegram
delivers the update again, and the idempotent handlers do the rest, exactly as for polling.

A request without the right secret token is refused with 403 before it is read. A body that is
not an update the library can read is kept as a dead letter and answered 200, so Telegram does
not send it again and again. tornado is what PTB's own webhook server runs on (the `webhooks`
extra); only the request handler is ours.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any

from telegram import Update
from tornado.httpserver import HTTPServer
from tornado.web import Application, RequestHandler

from bot.config.model import Webhook
from bot.context import TingApplication
from bot.transport.polling import keep_dead_letter

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_CONNECTIONS = 40  # what Telegram may open at once (its default; PTB's too)


class _UpdateHandler(RequestHandler):
    """POST /<path>: one update, answered once it is processed."""

    def initialize(self, hook: ConfirmingWebhook) -> None:  # tornado's per-request set-up
        """Keep the server this handler belongs to."""
        self.hook = hook

    async def post(self) -> None:
        """Check the secret, parse, process, and only then answer 200."""
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.hook.secret.encode()):
            self.set_status(403)
            return
        try:
            raw = json.loads(self.request.body)
            update_id = int(raw["update_id"])
        except (ValueError, TypeError, KeyError):
            self.set_status(400)
            return
        await self.hook.process(update_id, raw)
        self.set_status(200)

    def log_exception(self, *args: Any) -> None:
        """Errors are the application's to log (without the request body)."""
        log.warning("webhook request failed")


class ConfirmingWebhook:
    """The HTTP server Telegram posts updates to; `start` also calls setWebhook."""

    def __init__(self, app: TingApplication, webhook: Webhook, allowed_updates: list[str]):
        self.app = app
        self.webhook = webhook
        self.secret = webhook.secret_token
        self.allowed_updates = allowed_updates
        self.in_progress: set[asyncio.Task[None]] = set()
        self._server: HTTPServer | None = None

    async def start(self) -> None:
        """Listen, then tell Telegram where to post."""
        path = "/" + self.webhook.path.strip("/")
        web = Application([(path, _UpdateHandler, {"hook": self})], log_function=_quiet)
        self._server = HTTPServer(web, xheaders=True)
        self._server.listen(self.webhook.port, self.webhook.listen)
        await self.app.bot.set_webhook(
            url=self.webhook.url,
            secret_token=self.secret,
            allowed_updates=self.allowed_updates,
            max_connections=MAX_CONNECTIONS,
        )

    async def process(self, update_id: int, raw: dict[str, Any]) -> None:
        """Process one update as polling does; a task, so that a closed connection cannot
        cancel it half-way (the answer is then lost, the update is done)."""
        task = asyncio.create_task(self._process(update_id, raw), name=f"update-{update_id}")
        self.in_progress.add(task)
        task.add_done_callback(self.in_progress.discard)
        await asyncio.shield(task)

    async def _process(self, update_id: int, raw: dict[str, Any]) -> None:
        """Parse and run the handlers; keep what cannot be parsed as a dead letter."""
        try:
            update = Update.de_json(raw, self.app.bot)
        except Exception as exc:  # whatever the library raises on JSON it cannot read
            await keep_dead_letter(self.app, update_id, raw, exc)
            return
        await self.app.update_processor.process_update(update, self.app.process_update(update))

    async def stop(self, grace: float = 20.0) -> None:
        """Stop taking requests and let the running updates finish (their requests answer)."""
        if self._server is not None:
            self._server.stop()
        if self.in_progress:
            await asyncio.wait(list(self.in_progress), timeout=grace)
        if self._server is not None:
            await self._server.close_all_connections()


def _quiet(_handler: RequestHandler) -> None:
    """No access log line per request (tornado's default would log every update)."""
