"""The console's draft actions over HTTP: keep apart, a move of several answers as one step
(undone at once, from the console or the chat), and a rename that is its own form."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import ClientSession, CookieJar

from tests.support.console import csrf_of, logged_in, serving
from tests.support.harness import ORGANISER, Harness, start_harness, stop_harness
from tests.support.organiser import curation_rows, open_tiltak, seed_tiltak

PAGE = "/c/hallingting-2026/q/tiltak"


@pytest.fixture
async def h(tmp_path: Path) -> AsyncIterator[Harness]:
    harness = await start_harness(tmp_path)
    await seed_tiltak(harness)
    yield harness
    await stop_harness(harness)


def browser() -> ClientSession:
    return ClientSession(cookie_jar=CookieJar(unsafe=True))


def point_keys(html: str) -> list[str]:
    return re.findall(r'name="point" value="([^"]+)"', html)


def member_refs(html: str) -> list[str]:
    return re.findall(r'name="member" value="([^"]+)"', html)


async def act(http: ClientSession, url: str, fields: list[tuple[str, str]]) -> str:
    """Post one form of the draft page (with a fresh token), the page it leads to."""
    async with http.get(url) as page:
        token = csrf_of(await page.text())
    async with http.post(url, data=[("csrf", token), *fields]) as response:
        assert response.status == 200
        return await response.text()


async def test_keep_apart_is_stored_like_the_guided_reviews_no(h: Harness) -> None:
    async with serving(h) as server, browser() as http:
        await logged_in(h, server, http)
        url = server.url + PAGE
        async with http.get(url) as page:
            keys = point_keys(await page.text())
        one = await act(http, url, [("op", "apart"), ("point", keys[0])])
        assert "nøyaktig to punkt" in one and await curation_rows(h) == []
        done = await act(http, url, [("op", "apart"), ("point", keys[1]), ("point", keys[2])])
        assert "Halde frå kvarandre" in done
        assert await curation_rows(h) == [("keep_apart", keys[1], keys[2], "", ORGANISER)]
        assert point_keys(done) == keys  # two points already apart stay as they are


async def test_moving_several_answers_is_one_step_and_one_undo(h: Harness) -> None:
    async with serving(h) as server, browser() as http:
        await logged_in(h, server, http)
        url = server.url + PAGE
        async with http.get(url) as page:
            before = await page.text()
        keys = point_keys(before)
        first_members = before.split('name="point"')[2].split('name="member"')
        moving = [re.match(r' value="([^"]+)"', m).group(1) for m in first_members[1:3]]  # type: ignore[union-attr]
        target = keys[-1]
        moved = await act(
            http, url, [("op", "move"), ("to", target), *(("member", r) for r in moving)]
        )
        assert "Flytta." in moved
        rows = await curation_rows(h)
        assert rows == [("move", " ".join(moving), target, "", ORGANISER)]
        after = await act(http, url, [("op", "undo"), ("log", "1")])
        assert "Angra." in after and member_refs(after) == member_refs(before)
        # The chat's undo takes the whole move back too.
        await act(http, url, [("op", "move"), ("to", target), *(("member", r) for r in moving)])
        await open_tiltak(h, ORGANISER)
        await h.press(ORGANISER, "Angre")
        assert [row[0] for row in await curation_rows(h)] == ["move", "undo", "move", "undo"]
        async with http.get(url) as page:
            assert member_refs(await page.text()) == member_refs(before)


async def test_merging_several_points_is_one_step_and_one_undo(h: Harness) -> None:
    async with serving(h) as server, browser() as http:
        await logged_in(h, server, http)
        url = server.url + PAGE
        async with http.get(url) as page:
            keys = point_keys(await page.text())
        assert len(keys) >= 3
        merged = await act(http, url, [("op", "merge"), *(("point", k) for k in keys[:3])])
        assert "Slått saman." in merged and len(point_keys(merged)) == len(keys) - 2
        assert await curation_rows(h) == [("merge", keys[0], f"{keys[1]} {keys[2]}", "", ORGANISER)]
        undone = await act(http, url, [("op", "undo"), ("log", "1")])
        assert "Angra." in undone and point_keys(undone) == keys


async def test_the_rename_field_is_a_form_of_its_own(h: Harness) -> None:
    async with serving(h) as server, browser() as http:
        await logged_in(h, server, http)
        url = server.url + PAGE
        async with http.get(url) as page:
            html = await page.text()
        key = point_keys(html)[0]
        # What the browser sends on Enter in the field: that form's fields only.
        form = re.search(rf'<form[^>]*id="rename-{re.escape(key)}">(.*?)</form>', html, re.S)
        assert form is not None and f'value="rename:{key}"' in form.group(1)
        assert f'form="rename-{key}"' in html.split(f'id="label-{key}"')[1].split(">")[0]
        token = csrf_of(form.group(1))
        fields = [("csrf", token), ("op", f"rename:{key}"), (f"label-{key}", "Eit nytt namn")]
        async with http.post(url, data=fields) as response:
            assert "Eit nytt namn" in await response.text()
        assert [row[0] for row in await curation_rows(h)] == ["rename"]
