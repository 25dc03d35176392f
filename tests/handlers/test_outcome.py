"""After the ting, through the real Application: publishing tells participants once per version,
/mine shows the published point of each answer (with the round's support and the group's
check-back), and the notice skips those with reminders off and those who erased their data."""

from bot.services.outcome import notify_publication
from tests.support.channel import channel_calls
from tests.support.harness import ORGANISER, Harness
from tests.support.notices import run_notices
from tests.support.organiser import consultation_id
from tests.support.round import FOND, SATS, point_keys, run_round
from tests.support.seeding import NAMES, seed_answers

KARI, OLA, INGRID, PER = 501, 502, 503, 504  # Gruppe 1–4 of SEED_ANSWERS
NOTICE_NN = (
    "📣 Samanstillinga av «Hallingtinget 2026: Næringsutvikling, helsesamarbeid og regionalt "
    "samarbeid» er publisert i @hallingdal_regionrad. /mine viser kva punkt kvart av svara dine "
    "er med i."
)
IN_SATS = "↳ Svaret ditt er med i «Vidareføring av Sats på Hallingdal 2.0» — 3 av 4 grupper"
AMONG_FOND = (
    "↳ Svaret ditt er blant dei andre punkta, i «Eit regionalt næringsfond» — 2 av 4 grupper"
)


async def publish(h: Harness) -> None:
    """The organiser previews and confirms a publication; the notices' job runs."""
    await h.command(ORGANISER, "publiser")
    await h.press(ORGANISER, "✅")
    await run_notices(h)


def notices(h: Harness, user: int) -> list[str]:
    """The publication notices a user got."""
    return [t for t in h.replies(user) if t.startswith("📣")]


async def mine(h: Harness, user: int) -> str:
    """The whole of the user's /mine, as one text."""
    mark = len(h.tg.calls)
    await h.command(user, "mine")
    return "\n".join(c.text for c in h.tg.calls[mark:] if c.method == "sendMessage")


async def test_publishing_tells_each_participant_once_and_mine_shows_their_points(
    h: Harness,
) -> None:
    await seed_answers(h)
    await h.command(PER, "paminningar")  # Per turned reminders off
    await h.command(OLA, "slett")
    await h.press(OLA, "🗑")  # Ola erased everything
    before = await mine(h, KARI)
    assert "↳" not in before and "Etter tinget" not in before
    await publish(h)
    assert notices(h, KARI) == [NOTICE_NN] and notices(h, INGRID) == [NOTICE_NN]
    assert notices(h, PER) == [] and notices(h, OLA) == []
    assert h.replies(ORGANISER)[-1] == (
        "📣 Meldingane til deltakarane er ferdige. Send til 2 deltakarar. 1 deltakar vart hoppa "
        "over (påminningar av eller ikkje mogleg å nå). 0 meldingar kom ikkje fram."
    )
    # Once per version: the same version's notice never goes out twice.
    deps = h.app.bot_data.deps
    [publication] = await h.storage.summaries.publications(consultation_id(h))
    again = await notify_publication(deps, h.app.bot, deps.config.consultations[0], publication)
    assert (again.sent, again.failed) == (0, 0)
    assert notices(h, KARI) == [NOTICE_NN]

    shown = await mine(h, KARI)
    # Ola's answers went with his data: three groups answered, and both of Kari's are headline.
    assert (
        "1. Vidareføring av Sats på Hallingdal 2.0\nEit regionalt næringsfond\n"
        "↳ Svaret ditt er med i «Eit regionalt næringsfond» — 2 av 3 grupper\n"
        "↳ Svaret ditt er med i «Vidareføring av Sats på Hallingdal 2.0» — 2 av 3 grupper"
    ) in shown
    assert (
        "<b>Etter tinget</b>: samanstillinga vart publisert i @hallingdal_regionrad den " in shown
    )
    assert "(versjon 1)" in shown
    per = await mine(h, PER)
    assert (
        "↳ Svaret ditt er blant dei andre punkta, i «Slå saman kommunane» — 1 av 3 grupper" in per
    )
    assert "↳ Svaret ditt er med i «Traineeordning for unge» — 1 av 1 gruppe" in per
    for name in NAMES[:4]:  # nobody is named, not even oneself
        assert name not in shown and name not in per


async def test_mine_keeps_the_published_version_until_a_new_one_replaces_it(h: Harness) -> None:
    participants = await seed_answers(h)
    await publish(h)
    keys = await point_keys(h)
    cid = consultation_id(h)
    await h.storage.summaries.add_curation(
        cid, "organisering", "hide", ORGANISER, h.clock(), ref=keys[FOND]
    )
    assert AMONG_FOND in await mine(h, KARI)  # curation after publishing changes nothing yet
    h.clock.advance(minutes=1)
    question = h.app.bot_data.deps.catalogs["hallingting-2026"].question_by_key("tiltak")
    assert question is not None
    await h.storage.answers.add_answer(
        participants["gruppe-1"], question.id, "Ein ny idé etter publiseringa", KARI, 990, h.clock()
    )
    shown = await mine(h, KARI)
    assert (
        "Ein ny idé etter publiseringa\n↳ Dette skreiv du etter at samanstillinga vart publisert."
        in shown
    )

    h.clock.advance(minutes=5)
    await publish(h)  # version 2, without the hidden point
    assert notices(h, KARI) == [NOTICE_NN, NOTICE_NN]  # one notice per version
    shown = await mine(h, KARI)
    assert IN_SATS in shown and AMONG_FOND not in shown
    assert "(versjon 2)" in shown
    rows = h.rows(
        "SELECT slot_key, status FROM reminder_sent r JOIN participant p ON p.id = r.participant_id "
        "WHERE p.telegram_id = ? ORDER BY r.id",
        (KARI,),
    )
    assert rows == [("outcome:1", "sent"), ("outcome:2", "sent")]


async def test_mine_shows_the_rounds_support_and_the_groups_check_back(h: Harness) -> None:
    participants = await seed_answers(h)
    await run_round(h)
    catalog = h.app.bot_data.deps.catalogs["hallingting-2026"]
    group = catalog.group_by_key("gruppe-1")
    assert group is not None and participants
    checkback = await h.storage.checkbacks.start_checkback(
        group.id, KARI, "Slik vart svara fanga opp", ORGANISER, h.clock()
    )
    await h.storage.checkbacks.finish_checkback(checkback, 77)
    await h.storage.checkbacks.answer_checkback(
        checkback, "corrected", KARI, h.clock(), correction="Fondet skal vere for gründerar"
    )
    await publish(h)
    shown = await mine(h, KARI)
    assert f"{IN_SATS} · 🤝 brei semje i runden" in shown
    assert f"{AMONG_FOND} · 67 % var samde i runden" in shown
    assert "✏️ Gruppa di sende ei retting i kontrollen: «Fondet skal vere for gründerar»" in shown
    assert "kontrollen" not in await mine(h, PER)  # another group's check-back is not theirs
    assert all("Fondet" not in c.text for c in channel_calls(h))


async def test_mine_speaks_the_participants_language(h: Harness) -> None:
    await seed_answers(h)
    await h.command(KARI, "sprak", language="en")
    await h.press(KARI, "English")
    await publish(h)
    assert notices(h, KARI)[-1].startswith("📣 The summary of «")
    shown = await mine(h, KARI)
    assert (
        "↳ Your answer is part of «Vidareføring av Sats på Hallingdal 2.0» — 3 of 4 groups"
    ) in shown
    assert SATS in shown
