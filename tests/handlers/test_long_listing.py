"""/mine with long answers stays within Telegram's message limit."""

from __future__ import annotations

from bot.domain.shortening import shorten
from bot.render.listing import ITEM_LIMIT, MESSAGE_LIMIT, pack
from tests.emulator.params import Params
from tests.emulator.validate import message_text
from tests.support.harness import Harness


def test_pack_keeps_blocks_whole_and_under_the_limit() -> None:
    blocks = ["a" * 1500, "b" * 1500, "c" * 1500, "d"]
    packed = pack(blocks, 4000)
    assert packed == ["a" * 1500 + "\n" + "b" * 1500, "c" * 1500 + "\nd"]
    assert pack([]) == []
    assert shorten("kort", ITEM_LIMIT, one_line=False) == "kort"
    assert shorten("x" * 5000, ITEM_LIMIT, one_line=False) == "x" * (ITEM_LIMIT - 1) + "…"


async def test_mine_splits_a_long_listing_and_keeps_the_buttons_last(h: Harness) -> None:
    await h.join(5)
    for word in ("lang", "lengre", "lengst"):
        await h.text(5, ((word + " & ") * 600)[:3900])
    before = len(h.tg.calls)
    await h.command(5, "mine")
    sent = [c for c in h.tg.calls[before:] if c.method == "sendMessage"]
    assert len(sent) >= 2
    for call in sent:
        assert len(call.text) <= MESSAGE_LIMIT
        message_text(Params(call.params, {}))
    assert [bool(c.buttons) for c in sent] == [False] * (len(sent) - 1) + [True]
    assert len(sent[-1].buttons) == 6
    assert "…" in sent[0].text
