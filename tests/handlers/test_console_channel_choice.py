"""The console publishes what /publiser would: the questions left out of the channel stay out."""

from __future__ import annotations

import re

from aiohttp import ClientSession, CookieJar

from tests.support.channel import CHANNEL, consultation_id
from tests.support.console import csrf_of, logged_in, serving
from tests.support.harness import Harness
from tests.support.seeding import seed_answers


def form_value(html: str, name: str) -> str:
    """The value of a hidden input on a page."""
    found = re.search(f'name="{name}" value="([^"]+)"', html)
    assert found is not None, name
    return found.group(1)


async def publish(h: Harness) -> None:
    """Open the console's publish page and confirm what it previews."""
    async with serving(h) as server, ClientSession(cookie_jar=CookieJar(unsafe=True)) as http:
        await logged_in(h, server, http)
        url = f"{server.url}/c/hallingting-2026/publish"
        async with http.get(url) as page:
            html = await page.text()
        form = {
            "csrf": csrf_of(html),
            "confirm": "yes",
            "version": form_value(html, "version"),
            "hash": form_value(html, "hash"),
        }
        async with http.post(url, data=form) as response:
            assert response.status == 200


async def test_a_question_left_out_in_the_chat_is_left_out_by_the_console(h: Harness) -> None:
    await seed_answers(h)
    cid = await consultation_id(h)
    await h.storage.summaries.set_left_out_of_channel(cid, ["tiltak"], True, h.clock())
    await publish(h)
    [posted] = h.tg.to(CHANNEL, "sendMessage")
    assert "Regional traineeordning" not in posted.text and "1. Korleis kan" in posted.text


async def test_the_console_posts_nothing_when_every_question_is_left_out(h: Harness) -> None:
    await seed_answers(h)
    cid = await consultation_id(h)
    keys = ["organisering", "tiltak", "helse-fungerer", "helse-nye-oppgaver", "samarbeid-omrade"]
    await h.storage.summaries.set_left_out_of_channel(cid, keys, True, h.clock())
    await publish(h)
    assert h.tg.to(CHANNEL, "sendMessage") == []
    assert await h.storage.summaries.publications(cid) == []
