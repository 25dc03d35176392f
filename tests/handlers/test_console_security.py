"""The console's guard over HTTP: sessions, consultations, CSRF, one-time links, headers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import ClientSession, CookieJar

from tests.support.console import csrf_of, link, logged_in, serving
from tests.support.harness import ORGANISER, Harness, start_harness, stop_harness
from tests.support.organiser import curation_rows, seed_tiltak
from tests.support.roles import OTHER_ORGANISER, two_consultations

PAGES = ["", "q/tiltak", "q/tiltak/review", "publish", "exports", "export/docx", "meetings"]
ACTIONS = ["q/tiltak", "q/tiltak/review", "publish", "remind", "language", "logout"]


@pytest.fixture
async def h(tmp_path: Path) -> AsyncIterator[Harness]:
    harness = await start_harness(tmp_path, config=two_consultations(tmp_path / "c.sqlite3"))
    await seed_tiltak(harness)
    yield harness
    await stop_harness(harness)


def browser() -> ClientSession:
    """A client that keeps cookies for 127.0.0.1, as a browser does."""
    return ClientSession(cookie_jar=CookieJar(unsafe=True))


async def test_no_page_or_action_without_a_session(h: Harness) -> None:
    async with serving(h) as server, browser() as http:
        base = f"{server.url}/c/hallingting-2026/"
        for path in PAGES:
            async with http.get(base + path, allow_redirects=False) as response:
                assert response.status == 403, path
                assert "/konsoll" in await response.text()
        before = h.snapshot()
        for path in ACTIONS:
            async with http.post(base + path, data={"op": "undo"}, allow_redirects=False) as r:
                assert r.status == 403, path
        assert h.snapshot() == before


async def test_a_session_of_one_consultation_cannot_touch_another(h: Harness) -> None:
    async with serving(h) as server, browser() as http:
        await logged_in(h, server, http)
        async with http.get(f"{server.url}/c/hallingting-2026/q/tiltak") as page:
            token = csrf_of(await page.text())
        other = f"{server.url}/c/anna-ting/"
        for path in ["", "q/q", "publish", "export/json"]:
            async with http.get(other + path, allow_redirects=False) as response:
                assert response.status == 403, path
        async with http.post(other + "q/q", data={"csrf": token, "op": "undo"}) as response:
            assert response.status == 403
        # The other consultation's organiser cannot get a link to this one.
        with pytest.raises(ValueError):
            await link(h, server, OTHER_ORGANISER)


async def test_a_forged_or_replayed_csrf_token_is_refused(h: Harness) -> None:
    async with serving(h) as server, browser() as http:
        await logged_in(h, server, http)
        url = f"{server.url}/c/hallingting-2026/q/tiltak"
        async with http.get(url) as page:
            html = await page.text()
        point = html.split('name="point" value="')[1].split('"')[0]
        token = csrf_of(html)
        forged = token.split(".")[0] + "." + "0" * 32
        async with http.post(url, data={"csrf": forged, "op": f"hide:{point}"}) as response:
            assert response.status == 403
        assert (await curation_rows(h)) == []
        async with http.post(url, data={"csrf": token, "op": f"hide:{point}"}) as response:
            assert response.status == 200
        assert [row[0] for row in (await curation_rows(h))] == ["hide"]
        async with http.post(url, data={"csrf": token, "op": f"unhide:{point}"}) as response:
            assert response.status == 403  # the same token again
        assert [row[0] for row in (await curation_rows(h))] == ["hide"]


async def test_a_login_link_works_once_and_not_after_ten_minutes(h: Harness) -> None:
    async with serving(h) as server:
        once = await link(h, server)
        async with browser() as http:
            async with http.get(once) as response:
                assert response.status == 200  # showing the button does not use it
            async with http.post(once) as response:
                assert response.status == 200 and response.url.path == "/c/hallingting-2026/"
        async with browser() as http:
            for method in (http.get, http.post):
                async with method(once) as response:
                    assert response.status == 403
                    assert "alt brukt" in await response.text()
            late = await link(h, server)
            h.clock.advance(minutes=10, seconds=1)
            async with http.post(late) as response:
                assert response.status == 403 and "gjeld ikkje lenger" in await response.text()
            h.clock.advance(seconds=-2)
            tampered = late[:-1] + ("0" if late[-1] != "0" else "1")
            async with http.post(tampered) as response:
                assert response.status == 403 and "inga gyldig" in await response.text()


async def test_every_response_carries_the_security_headers(h: Harness) -> None:
    async with serving(h) as server, browser() as http:
        once = await link(h, server)
        async with http.post(once, allow_redirects=False) as response:
            cookie = response.headers["Set-Cookie"]
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
            assert "Secure" not in cookie  # plain HTTP on loopback; Secure behind HTTPS
        for path in ["/", "/c/hallingting-2026/", "/c/anna-ting/", "/static/console.css"]:
            async with http.get(server.url + path) as response:
                headers = response.headers
                assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
                assert "script-src" not in headers["Content-Security-Policy"]
                assert headers["X-Frame-Options"] == "DENY"
                assert headers["X-Content-Type-Options"] == "nosniff"
                assert headers["Referrer-Policy"] == "no-referrer"


async def test_the_cookie_is_secure_when_served_over_https(h: Harness) -> None:
    async with serving(h) as server, browser() as http:
        server.state.base_url = "https://konsoll.example.org"
        async with http.post(await link(h, server), allow_redirects=False) as response:
            assert "Secure" in response.headers["Set-Cookie"]
            assert response.headers["Strict-Transport-Security"].startswith("max-age=")


async def test_a_proxys_https_header_counts_only_when_configured(h: Harness) -> None:
    proxied = {"X-Forwarded-Proto": "https"}
    async with serving(h) as server, browser() as http:
        async with http.post(await link(h, server), headers=proxied, allow_redirects=False) as r:
            assert "Secure" not in r.headers["Set-Cookie"]  # anyone can send the header
            assert "Strict-Transport-Security" not in r.headers
        server.state.behind_proxy = True  # [console] behind_proxy = true
        async with http.post(await link(h, server), allow_redirects=False) as response:
            assert "Secure" not in response.headers["Set-Cookie"]  # plain HTTP, no header
        async with http.post(await link(h, server), headers=proxied, allow_redirects=False) as r:
            assert "Secure" in r.headers["Set-Cookie"]
            assert r.headers["Strict-Transport-Security"].startswith("max-age=")


async def test_konsoll_in_chat_gives_a_link_that_logs_in(h: Harness) -> None:
    async with serving(h) as server, browser() as http:
        await h.command(ORGANISER, "konsoll")
        text = h.last_text(ORGANISER)
        assert "ti minutt" in text
        token = text.rsplit("/login/", 1)[1].strip()
        async with http.post(f"{server.url}/login/{token}") as response:
            assert response.status == 200 and "Framdrift" in await response.text()
