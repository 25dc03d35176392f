"""The console's routes, and serving them on the running event loop (aiohttp's AppRunner and
TCPSite): `tingbot run` starts it beside the bot, `tingbot console` alone."""

from __future__ import annotations

import logging

from aiohttp import web
from telegram import Bot

from bot.config.model import ConsoleSettings
from bot.console import decision, draft, exports, login, meetings, progress, publish, review
from bot.console.web import HERE, STATE, ConsoleState, guard, security_headers
from bot.context import Deps

log = logging.getLogger(__name__)


async def _stylesheet(_request: web.Request) -> web.FileResponse:
    return web.FileResponse(HERE / "static" / "console.css")


def build_console(state: ConsoleState) -> web.Application:
    """The console's aiohttp application."""
    app = web.Application(middlewares=[security_headers, guard], client_max_size=1024**2)
    app[STATE] = state
    c = "/c/{key}"
    q = c + "/q/{question}"
    app.add_routes(
        [
            web.get("/", login.home),
            web.get("/static/console.css", _stylesheet),
            web.get("/login/{token}", login.show),
            web.post("/login/{token}", login.enter),
            web.post(c + "/language", login.language),
            web.post(c + "/logout", login.logout),
            web.get(c + "/", progress.page),
            web.get(c + "/q/", draft.first),
            web.get(q, draft.page),
            web.post(q, draft.act),
            web.get(q + "/review", review.page),
            web.post(q + "/review", review.answer),
            web.get(c + "/publish", publish.page),
            web.post(c + "/publish", publish.publish),
            web.get(c + "/decision", decision.page),
            web.post(c + "/decision", decision.preview),
            web.post(c + "/decision/post", decision.confirm),
            web.get(c + "/exports", exports.page),
            web.get(c + "/export/{format}", exports.download),
            web.get(c + "/meetings", meetings.page),
            web.post(c + "/remind", meetings.send),
        ]
    )
    return app


class ConsoleServer:
    """The console listening on `settings.host`:`port` on this event loop."""

    def __init__(self, deps: Deps, bot: Bot | None, settings: ConsoleSettings) -> None:
        self.settings = settings
        self.state = ConsoleState(deps, bot, settings.url, settings.behind_proxy)
        self.runner = web.AppRunner(build_console(self.state), access_log=None)

    @property
    def url(self) -> str:
        """Where organisers open the console."""
        return self.settings.url

    async def start(self, port: int | None = None) -> None:
        """Listen (on `port` instead of the configured one, if given)."""
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.settings.host, port or self.settings.port)
        await site.start()
        log.info("console listening", extra={"host": self.settings.host, "url": self.url})

    @property
    def port(self) -> int:
        """The port it listens on (useful when started on port 0)."""
        for address in self.runner.addresses:
            return int(address[1])
        return self.settings.port

    async def stop(self) -> None:
        """Stop listening and end every open request."""
        await self.runner.cleanup()
