"""The seed case with only a browser: the raw answers of sak 38-26, the guided review answered
as an organiser who knows them would, each headline named as the council's case names it
(Enter in the name field), published; the channel post holds exactly the seed's bullets.

The labelled fixture (tests/fixtures/hallingting_points.json) gives each point's true theme;
the test reads the review's questions from the page, decides with that truth as the bench's
oracle does (bot.domain.review_oracle), and presses the button in Chromium. The engine's draft
of both questions is exact already (as bench.summary_quality finds), so this shows that the
review's first question on each, answered truthfully, keeps it exact and that every step of
the journey works in the browser.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from bench.quality import labelled_points, load_labelled
from bench.summary_quality import SEED
from bot.domain.review_oracle import is_exact, majority_truth
from bot.domain.summary import MajorityRule, Point
from bot.model.preview import QuestionPreview
from bot.services.curation import preview
from bot.services.review import review_items
from tests.browser.conftest import serious_violations
from tests.support.channel import channel_calls
from tests.support.console import link, serving
from tests.support.harness import Harness, start_harness, stop_harness
from tests.support.organiser import seed

QUESTIONS = ("organisering", "tiltak")
RULE = MajorityRule()
THEMES: dict[str, str] = json.loads(SEED.read_text(encoding="utf-8"))["themes"]


@pytest.fixture
async def h(tmp_path: Path) -> AsyncIterator[Harness]:
    harness = await start_harness(tmp_path)
    yield harness
    await stop_harness(harness)


async def seeded(h: Harness) -> dict[str, dict[str, str]]:
    """Store the fixture's answers as they were written; per question, point ref → theme."""
    answers = load_labelled(SEED)
    rows = [(a.group, 800_000 + a.participant, a.question, a.text) for a in answers]
    stored = {a.answer_id: s.id for a, s in zip(answers, await seed(h, rows), strict=True)}
    truth: dict[str, dict[str, str]] = {}
    for question in QUESTIONS:
        for point, theme in labelled_points(answers, question).items():
            answer, _, index = point.ref.partition(".")
            truth.setdefault(question, {})[f"{stored[int(answer)]}.{index}"] = theme
    return truth


async def draft(h: Harness, key: str) -> QuestionPreview:
    deps = h.app.bot_data.deps
    record = deps.catalogs["hallingting-2026"].question_by_key(key)
    assert record is not None
    view = await preview(deps, deps.config.consultations[0], record.id)
    assert view is not None
    return view


def majority(refs: tuple[str, ...] | list[str], truth: Mapping[str, str]) -> str | None:
    labels = [truth[ref] for ref in refs if truth.get(ref)]
    return max(sorted(set(labels)), key=labels.count) if labels else None


def truthful(view: QuestionPreview, kind: str, ref: str, other: str, truth: dict[str, str]) -> bool:
    """The answer of an organiser who knows every point's theme."""
    summary = view.entry.summary
    themes = {p.key: p for p in (*summary.headline, *summary.others, *summary.hidden)}
    if kind == "merge":
        return majority(themes[ref].refs, truth) == majority(themes[other].refs, truth)
    if kind == "split":
        return truth.get(ref) == truth.get(other)
    return truth.get(other) == majority(themes[ref].refs, truth)


def expected(view: QuestionPreview, truth: dict[str, str]) -> dict[str, frozenset[str]]:
    points: list[Point] = [view.digest.points[ref] for ref in truth if ref in view.digest.points]
    return majority_truth(points, truth, RULE)


async def checked(page: Any) -> None:
    assert await serious_violations(page) == [], page.url


async def test_the_seed_case_from_raw_answers_to_its_published_bullets(
    h: Harness, browser: Any
) -> None:
    truth = await seeded(h)
    async with serving(h) as server:
        context = await browser.new_context(bypass_csp=True)
        page = await context.new_page()
        await page.goto(await link(h, server))
        await page.get_by_role("button", name="Logg inn").click()
        await page.wait_for_url("**/c/hallingting-2026/")
        answered = 0
        bullets: list[str] = []
        for key in QUESTIONS:
            want = expected(await draft(h, key), truth[key])
            assert len(want) >= 2
            # The guided review, answered truthfully until the list is exact or nothing is
            # asked; at least one question per draft is answered when one is asked.
            for step in range(12):
                view = await draft(h, key)
                if step and is_exact(view.entry.summary, want, truth[key]):
                    break
                await page.goto(f"{server.url}/c/hallingting-2026/q/{key}/review")
                await checked(page)
                items = review_items(view, 5)
                if not items:
                    break
                first = page.locator("section.point form").first
                assert await first.locator('input[name="ref"]').get_attribute("value") == (
                    items[0].question.ref
                )
                q = items[0].question
                same = truthful(view, q.kind, q.ref, q.other_ref, truth[key])
                name = "Ja, same punkt" if same else "Nei, ulike punkt"
                await first.get_by_role("button", name=name).click()
                await page.wait_for_load_state()
                assert "Svaret er lagra" in await page.locator(".flash").inner_text()
                answered += 1
            view = await draft(h, key)
            assert is_exact(view.entry.summary, want, truth[key]), key
            # Each headline named as the case names it: type the name and press Enter.
            await page.goto(f"{server.url}/c/hallingting-2026/q/{key}")
            for point in view.entry.summary.headline:
                theme = THEMES[majority(point.refs, truth[key]) or ""]
                field = page.locator(f'[id="label-{point.key}"]')
                await field.fill(theme)
                await field.press("Enter")
                await page.wait_for_load_state()
                assert "Nytt namn" in await page.locator(".flash").inner_text()
                bullets.append(f"• {theme} ({len(point.groups)} av")
            await checked(page)
        assert answered >= 1

        await page.goto(f"{server.url}/c/hallingting-2026/publish")
        await checked(page)
        await page.get_by_label("Eg har lese førehandsvisinga", exact=False).check()
        await page.get_by_role("button", name="Publiser versjon 1").click()
        await page.wait_for_load_state()
        assert "Versjon 1 er publisert" in await page.locator(".flash").inner_text()
        await checked(page)
        await context.close()
    post = "\n".join(c.text for c in channel_calls(h) if c.method == "sendMessage")
    for bullet in bullets:
        assert bullet in post, bullet
    assert post.count("• ") >= len(bullets)
