"""An organiser with only a browser curates, publishes and exports; the chat sees the same.

The console runs beside the real PTB Application (its bot talks to the in-process Bot API
double); every page is checked with axe-core on the way.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import serious_violations
from tests.support.channel import channel_calls
from tests.support.console import link, serving
from tests.support.harness import ORGANISER, Harness, start_harness, stop_harness
from tests.support.organiser import curation_rows, open_tiltak, seed_tiltak

NEW_NAME = "Eit eige næringsfond for dalen"


@pytest.fixture
async def h(tmp_path: Path) -> AsyncIterator[Harness]:
    harness = await start_harness(tmp_path)
    await seed_tiltak(harness)
    yield harness
    await stop_harness(harness)


async def kinds(h: Harness) -> list[str]:
    return [row[0] for row in await curation_rows(h)]


async def checked(page: Any) -> None:
    """No serious or critical accessibility violation on the page."""
    assert await serious_violations(page) == [], page.url


async def test_curate_publish_and_export_in_the_browser(h: Harness, browser: Any) -> None:
    async with serving(h) as server:
        context = await browser.new_context(bypass_csp=True, accept_downloads=True)
        page = await context.new_page()
        url = await link(h, server)
        await page.goto(url)
        await checked(page)
        await page.get_by_role("button", name="Logg inn").click()
        await page.wait_for_url("**/c/hallingting-2026/")
        await checked(page)
        assert await page.locator("svg.bar-chart").count() == 2

        await page.goto(f"{server.url}/c/hallingting-2026/q/tiltak")
        await checked(page)
        points = page.locator('input[name="point"]')
        assert await points.count() == 4
        # Merge the second and third point, with the keyboard only.
        await points.nth(1).focus()
        await page.keyboard.press("Space")
        await points.nth(2).focus()
        await page.keyboard.press("Space")
        await page.get_by_role("button", name="Slå saman dei avkryssa punkta").focus()
        await page.keyboard.press("Enter")
        await page.wait_for_load_state()
        assert "Slått saman." in await page.locator(".flash").inner_text()
        assert await kinds(h) == ["merge"]
        assert await points.count() == 3

        # Split one answer off the first point (five groups raised it).
        first = page.locator("section.point").first
        await first.locator('input[name="member"]').first.check()
        await first.get_by_role("button", name="Skil ut dei avkryssa svara").click()
        await page.wait_for_load_state()
        assert "Delt opp." in await page.locator(".flash").inner_text()
        assert await kinds(h) == ["merge", "split"]

        # Rename the merged point, undo it, and rename it again.
        merged = page.locator("section.point", has_text="Regionalt næringsfond")
        await merged.get_by_label("Nytt namn").fill("Feil namn")
        await merged.get_by_role("button", name="Nytt namn").click()
        await page.wait_for_load_state()
        assert await page.get_by_text("Feil namn").count() >= 1
        await page.get_by_role("button", name="Angre den siste endringa").click()
        await page.wait_for_load_state()
        assert "Angra." in await page.locator(".flash").inner_text()
        assert await page.locator("label", has_text="Feil namn").count() == 0
        merged = page.locator("section.point", has_text="Regionalt næringsfond")
        await merged.get_by_label("Nytt namn").fill(NEW_NAME)
        await merged.get_by_role("button", name="Nytt namn").click()
        await page.wait_for_load_state()
        assert await kinds(h) == ["merge", "split", "rename", "undo", "rename"]
        assert {row[4] for row in await curation_rows(h)} == {ORGANISER}

        # The same draft in the chat's preview.
        chat = await open_tiltak(h, ORGANISER)
        assert NEW_NAME in chat.text

        await page.get_by_role("link", name="Gå gjennom").click()
        await checked(page)

        await page.goto(f"{server.url}/c/hallingting-2026/exports")
        await checked(page)
        async with page.expect_download() as download:
            await page.get_by_role("link", name="Saksframlegg (DOCX)").click()
        saved = await (await download.value).path()
        with open(saved, "rb") as docx:  # noqa: ASYNC230  (a test reading a small file)
            assert docx.read(2) == b"PK"
        assert (await download.value).suggested_filename.endswith(".docx")

        await page.goto(f"{server.url}/c/hallingting-2026/meetings?target=all")
        await checked(page)

        await page.goto(f"{server.url}/c/hallingting-2026/publish")
        await checked(page)
        preview = await page.locator(".post").all_inner_texts()
        assert any(NEW_NAME in text for text in preview)
        assert channel_calls(h) == []
        await page.get_by_label("Eg har lese førehandsvisinga", exact=False).check()
        await page.get_by_role("button", name="Publiser versjon 1").click()
        await page.wait_for_load_state()
        assert "Versjon 1 er publisert" in await page.locator(".flash").inner_text()
        posted = [c.text for c in channel_calls(h) if c.method == "sendMessage"]
        assert posted and any(NEW_NAME in text for text in posted)
        await checked(page)
        await context.close()


async def test_every_page_in_english_and_bokmal_passes_axe(h: Harness, browser: Any) -> None:
    async with serving(h) as server:
        context = await browser.new_context(bypass_csp=True)
        page = await context.new_page()
        await page.goto(await link(h, server))
        await page.get_by_role("button", name="Logg inn").click()
        await page.wait_for_url("**/c/hallingting-2026/")
        for language, progress in (("en", "Progress"), ("nb", "Framdrift")):
            await page.goto(f"{server.url}/c/hallingting-2026/")
            await page.locator("#language").select_option(language)
            await page.locator('form[action$="/language"] button').click()
            await page.wait_for_load_state()
            assert await page.get_by_role("heading", name=progress).count() == 1
            assert await page.locator("html").get_attribute("lang") == language
            for path in [
                "",
                "q/tiltak",
                "q/tiltak/review",
                "publish",
                "decision",
                "exports",
                "meetings",
            ]:
                await page.goto(f"{server.url}/c/hallingting-2026/{path}")
                await checked(page)
        await context.close()
