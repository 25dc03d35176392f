"""The council's decision recorded in Chromium with the keyboard only, axe-core on every step:
the form, the exact channel preview, the confirmation, and the post in the channel."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import serious_violations
from tests.handlers.test_decision import MEETING, MINUTES, TEXT
from tests.support.channel import channel_calls
from tests.support.console import link, serving
from tests.support.harness import ORGANISER, Harness
from tests.support.organiser import consultation_id
from tests.support.seeding import seed_answers

TABS = 40  # more than the page has focusable things before the form


async def tab_to(page: Any, element_id: str) -> None:
    """Press Tab until the element has the focus (and fail if it never gets it)."""
    for _ in range(TABS):
        await page.keyboard.press("Tab")
        if await page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} never got the focus with Tab")


async def test_record_a_decision_with_the_keyboard_only(h: Harness, browser: Any) -> None:
    await seed_answers(h)
    async with serving(h) as server:
        context = await browser.new_context(bypass_csp=True)
        page = await context.new_page()
        await page.goto(await link(h, server))
        await page.get_by_role("button", name="Logg inn").click()
        await page.wait_for_url("**/c/hallingting-2026/")
        await page.get_by_role("link", name="Vedtak").click()
        await page.wait_for_load_state()
        assert await serious_violations(page) == []

        await tab_to(page, "meeting")
        await page.keyboard.type(MEETING)
        await page.keyboard.press("Tab")
        await page.keyboard.type(MINUTES)
        await page.keyboard.press("Tab")
        await page.keyboard.type(TEXT)
        await page.keyboard.press("Tab")  # to "Vis førehandsvisinga"
        await page.keyboard.press("Enter")
        await page.wait_for_load_state()
        post = await page.locator(".post").inner_text()
        assert MEETING in post and TEXT in post and MINUTES in post
        assert channel_calls(h) == []
        assert await serious_violations(page) == []

        await tab_to(page, "confirm")
        await page.keyboard.press("Space")
        await page.keyboard.press("Tab")
        await page.keyboard.press("Enter")
        await page.wait_for_load_state()
        flash = await page.locator(".flash").inner_text()
        assert "Versjon 1 av vedtaket er lagt ut" in flash
        assert await serious_violations(page) == []
        [posted] = [c.text for c in channel_calls(h) if c.method == "sendMessage"]
        assert TEXT in posted
        [record] = await h.storage.outcomes.decisions(consultation_id(h))
        assert (record.organiser_id, record.minutes_url) == (ORGANISER, MINUTES)
        await context.close()
