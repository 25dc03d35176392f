"""The organisers' console served on loopback beside a harness's real Application."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace

from aiohttp import ClientSession

from bot.config.model import ConsoleSettings
from bot.console.server import ConsoleServer
from bot.services.console_login import login_link
from tests.support.harness import ORGANISER, Harness

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@asynccontextmanager
async def serving(h: Harness) -> AsyncIterator[ConsoleServer]:
    """The console on a free loopback port, on the harness's Deps and bot."""
    deps = h.app.bot_data.deps
    server = ConsoleServer(deps, h.app.bot, ConsoleSettings(enabled=True, port=0))
    await server.start()
    server.state.base_url = f"http://127.0.0.1:{server.port}"
    server.settings = replace(server.settings, base_url=server.state.base_url)
    try:
        yield server
    finally:
        await server.stop()


async def link(h: Harness, server: ConsoleServer, organiser: int = ORGANISER, key: str = "") -> str:
    """A fresh one-time login link."""
    deps = h.app.bot_data.deps
    consultation = deps.consultation(key) if key else deps.config.consultations[0]
    return await login_link(deps, consultation, organiser, server.url)


async def logged_in(h: Harness, server: ConsoleServer, http: ClientSession) -> str:
    """Log `http` in through a link; the path of the console's first page."""
    async with http.post(await link(h, server)) as response:
        assert response.status == 200, await response.text()
        return response.url.path


def csrf_of(html: str) -> str:
    """The first CSRF token on a page."""
    found = CSRF.search(html)
    assert found is not None, "no form with a CSRF token"
    return found.group(1)
