"""The console's Vedtak page over HTTP: refused without a session or a valid CSRF token, the
channel post previewed exactly, confirmed through the same service as /vedtak (posted to the
channel via the Bot API double, notices planned, shown in a participant's /mine), versions."""

from __future__ import annotations

import html
import re

from aiohttp import ClientSession, CookieJar

from bot.console.server import ConsoleServer
from tests.handlers.test_decision import MEETING, MINUTES, POST_NN, TEXT, decision_notices
from tests.handlers.test_outcome import KARI, mine, publish
from tests.support.channel import channel_calls
from tests.support.console import csrf_of, logged_in, serving
from tests.support.harness import ORGANISER, Harness
from tests.support.notices import run_notices
from tests.support.organiser import consultation_id
from tests.support.seeding import seed_answers

PAGE = "/c/hallingting-2026/decision"
FILLED = {"meeting": MEETING, "minutes": MINUTES, "text": TEXT}


def browser() -> ClientSession:
    return ClientSession(cookie_jar=CookieJar(unsafe=True))


def confirm_fields(page: str) -> dict[str, str]:
    """The hidden fields of the confirmation form on a preview page."""
    form = re.search(r'action="/c/[^"]+/decision/post">(.*?)</form>', page, re.S)
    assert form is not None, "no confirmation form"
    pairs = re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', form.group(1))
    return {name: html.unescape(value) for name, value in pairs}


async def previewed(http: ClientSession, server: ConsoleServer, fields: dict[str, str]) -> str:
    """The page after filling in the form and asking for the preview."""
    async with http.get(server.url + PAGE) as page:
        token = csrf_of(await page.text())
    async with http.post(server.url + PAGE, data={"csrf": token, **fields}) as response:
        assert response.status == 200
        return await response.text()


async def confirmed(http: ClientSession, server: ConsoleServer, preview: str) -> str:
    """The page after ticking the confirmation on `preview` and posting."""
    fields = {**confirm_fields(preview), "confirm": "yes"}
    async with http.post(server.url + PAGE + "/post", data=fields) as response:
        assert response.status == 200
        return await response.text()


async def test_no_session_is_refused_and_stores_nothing(h: Harness) -> None:
    async with serving(h) as server, browser() as http:
        async with http.get(server.url + PAGE) as page:
            assert page.status == 403
        for tail in ("", "/post"):
            fields = {**FILLED, "confirm": "yes", "csrf": "x.y"}
            async with http.post(server.url + PAGE + tail, data=fields) as response:
                assert response.status == 403
                assert "Ikkje innlogga" in await response.text()
    assert await h.storage.outcomes.decisions(consultation_id(h)) == []
    assert channel_calls(h) == []


async def test_a_forged_or_replayed_csrf_token_is_refused(h: Harness) -> None:
    await seed_answers(h)
    async with serving(h) as server, browser() as http:
        await logged_in(h, server, http)
        preview = await previewed(http, server, FILLED)
        fields = {**confirm_fields(preview), "confirm": "yes"}
        token = fields["csrf"]
        forged = {**fields, "csrf": token[:-1] + ("1" if token.endswith("0") else "0")}
        async with http.post(server.url + PAGE + "/post", data=forged) as response:
            assert response.status == 403
        assert await h.storage.outcomes.decisions(consultation_id(h)) == []
        await confirmed(http, server, preview)
        async with http.post(server.url + PAGE + "/post", data=fields) as response:
            assert response.status == 403  # the same form again: its token is spent
    assert len(await h.storage.outcomes.decisions(consultation_id(h))) == 1
    assert len(channel_calls(h)) == 1


async def test_the_preview_is_the_channel_post_and_stores_nothing(h: Harness) -> None:
    await seed_answers(h)
    await publish(h)
    posted_before = len(channel_calls(h))
    async with serving(h) as server, browser() as http:
        await logged_in(h, server, http)
        page = await previewed(http, server, FILLED)
    assert f'<div class="post">{POST_NN}</div>' in page
    assert "versjon 1 av vedtaket og svarar på versjon 1 av samanstillinga" in page
    assert confirm_fields(page)["text"] == TEXT
    assert await h.storage.outcomes.decisions(consultation_id(h)) == []
    assert len(channel_calls(h)) == posted_before


async def test_confirming_posts_records_who_and_when_and_reaches_mine(h: Harness) -> None:
    await seed_answers(h)
    await publish(h)
    async with serving(h) as server, browser() as http:
        await logged_in(h, server, http)
        preview = await previewed(http, server, FILLED)
        unticked = {**confirm_fields(preview)}
        async with http.post(server.url + PAGE + "/post", data=unticked) as response:
            again = await response.text()  # the same preview, to tick this time
        assert "Kryss av for stadfestinga" in again and POST_NN in again
        assert await h.storage.outcomes.decisions(consultation_id(h)) == []
        done = await confirmed(http, server, again)
        assert "Versjon 1 av vedtaket er lagt ut i @hallingdal_regionrad." in done
        assert channel_calls(h)[-1].text == POST_NN
        [record] = await h.storage.outcomes.decisions(consultation_id(h))
        assert (record.version, record.status, record.organiser_id) == (1, "posted", ORGANISER)
        assert record.created_at == h.app.bot_data.deps.clock()
        assert (record.meeting, record.minutes_url, record.text) == (MEETING, MINUTES, TEXT)
        assert await run_notices(h) == ["hallingting-2026:notices:decision:1"]
        assert len(decision_notices(h, KARI)) == 1
        assert f"({MEETING}):\n{TEXT}\nReferat: {MINUTES}" in await mine(h, KARI)

        # A second version, without minutes: posted as updated, both listed on the page.
        later = await previewed(
            http, server, {"meeting": MEETING, "minutes": "", "text": "Saka ventar."}
        )
        assert "<i>Oppdatert versjon 2</i>" in later
        page = await confirmed(http, server, later)
        assert channel_calls(h)[-1].text.startswith("🏛 <b>Vedtak</b>")
        assert "Referat" not in channel_calls(h)[-1].text
        rows = re.findall(r'<tr class="decision-version">\s*<td>([^<]*)</td>', page)
        assert rows == ["1", "2 (oppdatert)"]
        assert page.count(f" av arrangør {ORGANISER}<") == 2
        assert await run_notices(h) == ["hallingting-2026:notices:decision:2"]
        assert "Saka ventar." in await mine(h, KARI)


async def test_bad_input_is_answered_on_the_page_and_stores_nothing(h: Harness) -> None:
    await seed_answers(h)
    cases = [
        ({**FILLED, "meeting": "  "}, "Skriv både møtet og vedtaket."),
        ({**FILLED, "text": ""}, "Skriv både møtet og vedtaket."),
        ({**FILLED, "minutes": "ikkje ei lenkje"}, "Lenkja til referatet må vere ei adresse"),
        ({**FILLED, "text": "x" * 1501}, "Vedtaket kan ha høgst 1500 teikn."),
        ({**FILLED, "meeting": "m" * 201}, "Møtet kan ha høgst 200 teikn."),
    ]
    async with serving(h) as server, browser() as http:
        await logged_in(h, server, http)
        for fields, problem in cases:
            page = await previewed(http, server, fields)
            assert f'role="alert" id="problem">{problem}' in page, fields
            assert "/decision/post" not in page  # no confirmation offered
        # The confirmation's fields changed by hand: read again, refused the same way.
        preview = await previewed(http, server, FILLED)
        tampered = {**confirm_fields(preview), "confirm": "yes", "minutes": "javascript:x"}
        async with http.post(server.url + PAGE + "/post", data=tampered) as response:
            assert "Lenkja til referatet må vere ei adresse" in await response.text()
    assert await h.storage.outcomes.decisions(consultation_id(h)) == []
    assert channel_calls(h) == []


async def test_a_version_recorded_after_the_preview_stops_the_confirmation(h: Harness) -> None:
    await seed_answers(h)
    async with serving(h) as server, browser() as http:
        await logged_in(h, server, http)
        preview = await previewed(http, server, FILLED)
        await h.command(ORGANISER, "vedtak", f"{MEETING} | - | Frå chatten.")
        await h.press(ORGANISER, "✅")
        page = await confirmed(http, server, preview)
        assert "så ingenting vart lagt ut. Her er den nye førehandsvisinga." in page
        assert "<i>Oppdatert versjon 2</i>" in page
    assert [d.text for d in await h.storage.outcomes.decisions(consultation_id(h))] == [
        "Frå chatten."
    ]
    assert len(channel_calls(h)) == 1
