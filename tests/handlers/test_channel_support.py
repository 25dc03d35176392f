"""The channel post after a cross-group round: each point's support, common ground, and what
the figures mean; nothing of it without votes; still split within Telegram's limit."""

from pathlib import Path

from bot.render.channel import channel_post
from bot.render.html_split import split_html
from bot.services.publishing import content_hash
from bot.services.reports import gather
from tests.emulator.html_text import parse_html, trim
from tests.support.harness import ORGANISER, Harness, start_harness, stop_harness
from tests.support.round import (
    FOND,
    MERGER,
    SATS,
    SUPPORT_NB,
    SUPPORT_NN,
    point_keys,
    run_round,
)
from tests.support.seeding import EXPECTED_NN, long_answers, seed_answers

EXPLANATION_NN = (
    "<i>Tala for oppslutnad kjem frå runden der deltakarane sa seg einige eller ueinige i punkta "
    "frå dei andre gruppene: delen som er einige blant dei som tok stilling (pass tek ikkje "
    "stilling), talet på slike røyster, og kor mange av gruppene som røysta som stort sett er "
    "einige. 🤝 Brei semje: minst 3 røyster, minst 70 % einige, røyster frå minst 50 % av gruppene som kunne røyste "
    "over punktet, og minst 67 % av gruppene som røysta er stort sett einige.</i>"
)


async def post_after_round(tmp_path: Path, language: str = "nn") -> str:
    """The post of the seeded answers after the round of tests.support.round."""
    h = await start_harness(tmp_path, language=language)
    try:
        await seed_answers(h)
        await run_round(h)
        return channel_post(await gather(h.app.bot_data.deps, h.config.consultations[0]))
    finally:
        await stop_harness(h)


async def test_nynorsk_post_shows_support_and_common_ground(tmp_path: Path) -> None:
    post = await post_after_round(tmp_path)
    blocks = post.split("\n\n")
    assert blocks[3] == (
        "<b>Kort samanstilling av svara frå eit fleirtal av gruppene</b>\n"
        f"• {SATS} (3 av 4 grupper)\n   <i>{SUPPORT_NN[SATS]}</i>"
    )
    assert blocks[4] == (
        "<b>Andre punkt som nokre grupper tok opp</b>\n"
        f"• {FOND} (2 av 4 grupper)\n   <i>{SUPPORT_NN[FOND]}</i>\n"
        f"• {MERGER} (1 av 4 grupper)\n   <i>{SUPPORT_NN[MERGER]}</i>"
    )
    assert blocks[6] == (  # no votes on this point: no support line
        "<b>Kort samanstilling av svara frå eit fleirtal av gruppene</b>\n"
        "• Regional traineeordning (2 av 2 grupper)"
    )
    assert post.count("🤝") == 2  # the common-ground point and the explanation
    assert blocks[-1] == EXPLANATION_NN
    # Apart from the support lines and the explanation, the post is the one without a round.
    plain = "\n".join(line for line in post.splitlines() if not line.startswith("   <i>"))
    assert plain.removesuffix("\n\n" + EXPLANATION_NN) == EXPECTED_NN


async def test_bokmal_post_shows_support_in_bokmal(tmp_path: Path) -> None:
    post = await post_after_round(tmp_path, "nb")
    lines = post.splitlines()
    assert lines[lines.index(f"• {SATS} (3 av 4 grupper)") + 1] == f"   <i>{SUPPORT_NB[SATS]}</i>"
    assert lines[lines.index(f"• {FOND} (2 av 4 grupper)") + 1] == f"   <i>{SUPPORT_NB[FOND]}</i>"
    assert post.split("\n\n")[-1].startswith(
        "<i>Tallene for oppslutning kommer fra runden der deltakerne sa seg enige eller uenige"
    )
    assert "einige" not in post and "røyster" not in post


async def test_nothing_extra_without_votes(h: Harness) -> None:
    await seed_answers(h)
    deps = h.app.bot_data.deps
    consultation = deps.config.consultations[0]
    assert channel_post(await gather(deps, consultation)) == EXPECTED_NN
    await h.command(ORGANISER, "runde", "opne")  # an open round without votes
    assert channel_post(await gather(deps, consultation)) == EXPECTED_NN
    await run_round(h, {SATS: {504: "p"}})  # a pass takes no side: still no figures
    assert channel_post(await gather(deps, consultation)) == EXPECTED_NN


async def test_a_long_post_with_support_splits_within_the_limit(h: Harness) -> None:
    await seed_answers(h, long_answers(6))
    labels = sorted(await point_keys(h))
    # Gruppe 1's and Gruppe 2's participants (ids 501, 502) agree with every point (but their
    # own group's).
    await run_round(h, {label: {501: "a", 502: "a"} for label in labels})
    source = await gather(h.app.bot_data.deps, h.config.consultations[0])
    post = channel_post(source)
    notes = [line for line in post.splitlines() if line.startswith("   <i>")]
    assert len(notes) == len(labels) >= 8
    chunks = split_html(post)
    assert len(chunks) >= 3
    shown = [trim(parse_html(chunk)).text for chunk in chunks]  # each valid as Telegram parses
    assert all(0 < len(text.encode("utf-16-le")) // 2 <= 4096 for text in shown)
    whole = "".join("".join(text.split()) for text in shown)
    assert whole == "".join(trim(parse_html(post)).text.split())
    for note in notes:  # every support line whole in one message
        text = trim(parse_html(note.strip())).text
        assert any(text in message for message in shown)


async def test_the_publishing_hash_changes_with_the_support(h: Harness) -> None:
    await seed_answers(h)
    deps = h.app.bot_data.deps
    consultation = deps.config.consultations[0]
    before = content_hash(await gather(deps, consultation))
    assert content_hash(await gather(deps, consultation)) == before
    await run_round(h, {SATS: {504: "a"}})
    voted = content_hash(await gather(deps, consultation))
    assert voted != before
    await h.command(5101, "runde")
    await h.click(5101, f"rv:d:{(await point_keys(h))[SATS]}")
    assert content_hash(await gather(deps, consultation)) not in (before, voted)
