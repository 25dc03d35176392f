"""The cross-group round in private chat: votes, resumption, changes, closing, support."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from bot.config.model import Config, RoundSettings
from bot.i18n.translator import translator
from bot.render.support import common_ground_marker, support_line
from bot.services.round import support_for
from bot.services.summary import compile_summary
from tests.support.botapi import Call
from tests.support.flow import KARI, OLA
from tests.support.harness import CODE_1, CODE_2, ORGANISER, Harness, start_harness, stop_harness

KNUT = 5003
CODE_3, CODE_4 = "ht26-g3-Wv9s", "ht26-g4-Hb2n"
POINTS = {KARI: "Regionalt fond", OLA: "Sats på Hallingdal 2.0", KNUT: "Felles næringsselskap"}


async def _three_groups(h: Harness) -> None:
    """Kari (Gruppe 1), Ola (Gruppe 2) and Knut (Gruppe 3) each raise one point."""
    for user_id, code in ((KARI, CODE_1), (OLA, CODE_2), (KNUT, CODE_3)):
        await h.join(user_id, code)
        await h.text(user_id, POINTS[user_id])


def key_of(h: Harness, text: str) -> str:
    """The point key (anchor ref) of the point made of one answer."""
    ((answer_id,),) = h.rows("SELECT id FROM answer WHERE text = ?", (text,))
    return f"{answer_id}.0"


def votes(h: Harness) -> list[tuple[int, str, str]]:
    return [
        (r[0], r[1], r[2])
        for r in h.rows(
            "SELECT p.telegram_id, v.label, v.choice FROM round_vote v "
            "JOIN participant p ON p.id = v.participant_id ORDER BY p.telegram_id, v.label"
        )
    ]


async def test_the_round_opens_for_organisers_and_invites_everyone(h: Harness) -> None:
    await _three_groups(h)
    await h.command(KARI, "runde")
    assert h.last_text(KARI).startswith("Runden er ikkje open.")
    await h.command(KARI, "runde", "opne")
    assert h.last_text(KARI) == "Berre arrangørane av tinget kan gjere dette."
    assert h.rows("SELECT count(*) FROM round_event") == [(0,)]
    h.tg.fail("sendMessage", 403, "Forbidden: bot was blocked by the user")
    await h.command(ORGANISER, "runde", "opne")
    assert h.last_text(ORGANISER) == "Runden er open. 2 av 3 deltakarar er inviterte."
    for user_id in (OLA, KNUT):
        assert h.last_text(user_id).startswith("<b>Kva sa dei andre gruppene?</b>")
        assert h.tg.last(user_id).buttons == [("▶ Start", "rs:new")]
    await h.command(ORGANISER, "runde", "opne")
    assert h.last_text(ORGANISER) == "Runden er alt open."
    assert h.rows("SELECT opens, organiser_id FROM round_event") == [(1, ORGANISER)]


async def test_votes_one_point_at_a_time_resumable_and_changeable(h: Harness) -> None:
    await _three_groups(h)
    await h.command(ORGANISER, "runde", "opne")
    await h.press(KARI, "Start")
    first = h.last_text(KARI)
    assert first.startswith("<b>Runden</b> · punkt 1 av 2")
    assert "<b>Regionalt fond</b>" not in first  # Kari's own group's point is left out
    assert "<b>Felles næringsselskap</b>\nTeke opp av: Gruppe 3" in first
    fond = key_of(h, "Felles næringsselskap")
    assert [d for _, d in h.tg.last(KARI).buttons] == [
        f"rv:a:{fond}",
        f"rv:d:{fond}",
        f"rv:p:{fond}",
    ]
    committed: list[int] = []

    def count_votes(call: Call) -> None:
        if call.method == "answerCallbackQuery":
            committed.append(h.rows("SELECT count(*) FROM round_vote")[0][0])

    h.tg.hooks.append(count_votes)
    await h.press(KARI, "Einig")
    assert committed == [1]
    assert h.tg.calls[-2].params["text"] == "Lagra: 👍"
    second = h.tg.last(KARI, "editMessageText").text
    assert second.startswith("<b>Runden</b> · punkt 2 av 2") and "Sats på Hallingdal 2.0" in second
    await h.command(KARI, "runde")  # later: continue where she left off
    assert h.last_text(KARI).startswith("<b>Runden</b> · punkt 2 av 2")
    await h.press(KARI, "Ueinig")
    assert h.tg.last(KARI, "editMessageText").text.startswith(
        "Du har gått gjennom alle dei 2 punkta."
    )
    assert votes(h) == [
        (KARI, "Felles næringsselskap", "agree"),
        (KARI, "Sats på Hallingdal 2.0", "disagree"),
    ]
    await h.press(KARI, "Endre røystene mine")
    listing = h.tg.last(KARI, "editMessageText")
    assert [label for label, _ in listing.buttons] == [
        "👍 Felles næringsselskap",
        "👎 Sats på Hallingdal 2.0",
        "▶ Hald fram",
    ]
    await h.press(KARI, "👎 Sats")
    assert "Røysta di no: 👎 ueinig" in h.tg.last(KARI, "editMessageText").text
    await h.press(KARI, "Einig")
    assert votes(h) == [
        (KARI, "Felles næringsselskap", "agree"),
        (KARI, "Sats på Hallingdal 2.0", "agree"),
    ]


async def test_own_group_points_and_forged_votes_are_refused(h: Harness) -> None:
    await _three_groups(h)
    await h.command(ORGANISER, "runde", "opne")
    await h.command(KARI, "runde")
    own = await h.click(KARI, f"rv:a:{key_of(h, 'Regionalt fond')}")
    assert h.query_answer(own).params["text"] == "Dette punktet er ikkje lenger med i runden."
    forged = await h.click(KARI, f"rv:x:{key_of(h, 'Sats på Hallingdal 2.0')}")
    assert h.query_answer(forged).params["show_alert"] is True
    assert votes(h) == []


async def test_a_closed_round_refuses_votes(h: Harness) -> None:
    await _three_groups(h)
    await h.command(ORGANISER, "runde", "opne")
    await h.command(OLA, "runde")
    await h.press(OLA, "Einig")
    await h.command(ORGANISER, "runde", "steng")
    assert h.last_text(ORGANISER).startswith("Runden er stengd. Røyster: 1 frå 1 deltakarar.")
    before = h.snapshot()
    refused = await h.click(OLA, f"rv:d:{key_of(h, 'Felles næringsselskap')}")
    assert h.query_answer(refused).params["text"] == (
        "Runden er stengd, så røyster kan ikkje lenger gjevast eller endrast."
    )
    change = await h.click(OLA, "rc:0")
    assert h.query_answer(change).params["show_alert"] is True
    assert h.snapshot() == before
    await h.command(OLA, "runde")
    assert h.last_text(OLA).startswith("Runden er ikkje open.")


async def test_own_group_points_when_the_config_allows_them(tmp_path: Path) -> None:
    h = await start_harness(tmp_path, round=RoundSettings(own_group=True))
    try:
        await _three_groups(h)
        await h.command(ORGANISER, "runde", "opne")
        await h.command(KARI, "runde")
        assert h.last_text(KARI).startswith("<b>Runden</b> · punkt 1 av 3")
    finally:
        await stop_harness(h)


async def test_a_configured_opening_time_opens_the_round(tmp_path: Path) -> None:
    h = await start_harness(tmp_path)
    try:
        opens = h.clock.now + timedelta(days=1)
        h.app.bot_data.deps.config = h.config = _with_round(h, RoundSettings(opens_at=opens))
        await _three_groups(h)
        await h.command(KARI, "runde")
        assert h.last_text(KARI).startswith("Runden er ikkje open.")
        h.clock.advance(days=2)
        await h.command(KARI, "runde")
        assert h.last_text(KARI).startswith("<b>Runden</b> · punkt 1 av 2")
    finally:
        await stop_harness(h)


def _with_round(h: Harness, settings: RoundSettings) -> Config:
    consultations = tuple(replace(c, round=settings) for c in h.config.consultations)
    return replace(h.config, consultations=consultations)


async def test_support_figures_and_common_ground(h: Harness) -> None:
    await _three_groups(h)
    for user_id, code in ((5004, CODE_4), (5005, CODE_2), (5006, CODE_3), (5007, CODE_4)):
        await h.join(user_id, code)
    await h.command(ORGANISER, "runde", "opne")
    fond, sats = key_of(h, "Regionalt fond"), key_of(h, "Sats på Hallingdal 2.0")
    ballots = {
        fond: {OLA: "a", 5005: "a", KNUT: "a", 5006: "d", 5004: "a", 5007: "p"},
        sats: {KARI: "d", KNUT: "a", 5004: "a"},
    }
    for key, choices in ballots.items():
        for user_id, choice in choices.items():
            await h.command(user_id, "runde")
            await h.click(user_id, f"rv:{choice}:{key}")
    deps = h.app.bot_data.deps
    consultation = deps.config.consultations[0]
    digest = await compile_summary(deps, consultation)
    support = await support_for(deps, consultation, digest)
    fond_support, sats_support = support[fond], support[sats]
    assert (fond_support.agree, fond_support.disagree, fond_support.passed) == (4, 1, 1)
    assert (fond_support.groups_eligible, fond_support.groups_voting) == (3, 3)
    assert fond_support.groups_agreeing == 2 and fond_support.common_ground
    assert (sats_support.agree, sats_support.disagree) == (2, 1)
    assert not sats_support.common_ground  # two thirds agree: below 0.7
    _ = translator("nn")
    assert support_line(_, fond_support) == (
        "80 % einige · røyster: 5 · grupper som stort sett er einige: 2 av 3"
    )
    assert common_ground_marker(_, fond_support) == "🤝 Brei semje"
    assert common_ground_marker(_, sats_support) == ""
    untouched = support[key_of(h, "Felles næringsselskap")]
    assert support_line(_, untouched) == "" and untouched.votes == 0
