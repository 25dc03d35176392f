"""Each press compiles the consultation once and draws the channel post at most once.

The domain's whole-consultation compile (`compile_questions`) and the channel post renderer are
wrapped by counters; every press goes through the real Application.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

import bot.domain.summary
import bot.render.channel
from tests.handlers.test_publishing import add_answer
from tests.support.channel import channel_calls
from tests.support.harness import ORGANISER, Harness
from tests.support.organiser import curation_rows, open_tiltak, seed_tiltak
from tests.support.seeding import seed_answers


@dataclass
class Counts:
    """How often each wrapped function ran since the last `reset`."""

    calls: dict[str, int] = field(default_factory=dict)

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """`function`, counting its calls under `name`."""

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] = self.calls.get(name, 0) + 1
            return function(*args, **kwargs)

        return counted

    def reset(self) -> None:
        """Start counting afresh."""
        self.calls.clear()

    def __getitem__(self, name: str) -> int:
        return self.calls.get(name, 0)


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counts]:
    """Counters around the whole compile and the channel post."""
    found = Counts()
    compile_questions = found.wrap("compile", bot.domain.summary.compile_questions)
    monkeypatch.setattr(bot.domain.summary, "compile_questions", compile_questions)
    channel_post = found.wrap("post", bot.render.channel.channel_post)
    monkeypatch.setattr(bot.render.channel, "channel_post", channel_post)
    yield found


async def test_every_preview_button_compiles_once(h: Harness, counts: Counts) -> None:
    await seed_tiltak(h)
    counts.reset()
    await h.command(ORGANISER, "oppsummering")
    assert counts["compile"] == 1
    presses = [
        "Spørsmål 2 ▶",
        "Slå saman",
        "3",
        "4",
        "Skjul",
        "2",
        "Angre",
        "Spørsmål 3 ▶",
        "◀ Spørsmål 2",
    ]
    for label in presses:
        counts.reset()
        await h.press(ORGANISER, label)
        assert counts["compile"] == 1, label
    kinds = [row[0] for row in await curation_rows(h)]
    assert kinds == ["merge", "hide", "undo"]


async def test_a_rename_compiles_once(h: Harness, counts: Counts) -> None:
    await seed_tiltak(h)
    await open_tiltak(h, ORGANISER)
    await h.press(ORGANISER, "Nytt namn")
    await h.press(ORGANISER, "2")
    counts.reset()
    await h.text(ORGANISER, "Eit regionalt fond")
    assert counts["compile"] == 1
    assert [row[0] for row in await curation_rows(h)] == ["rename"]


async def test_the_publish_confirmation_compiles_and_draws_the_post_once(
    h: Harness, counts: Counts
) -> None:
    await seed_answers(h)
    for version in (1, 2):
        if version == 2:
            # A changed answer makes the second publication an updated version.
            await add_answer(h, 777, "gruppe-5", "organisering", "Sats på Hallingdal 2.0")
        counts.reset()
        await h.command(ORGANISER, "publiser")
        assert (counts["compile"], counts["post"]) == (1, 1)
        counts.reset()
        await h.press(ORGANISER, "✅ Publiser")
        # Nothing changed since the preview: the post it drew is taken again (domain/drawn_memo).
        assert (counts["compile"], counts["post"]) == (1, 0)
    posts = [call.text for call in channel_calls(h) if call.method == "sendMessage"]
    assert len(posts) == 2 and "\n<i>Oppdatert versjon 2</i>\n\n" in posts[1]
