"""/vedtak through the real Application: the preview, ✅, the channel post, every participant's
notice with the points their answers were part of, /mine, versions, bad input and failures."""

from tests.handlers.test_outcome import INGRID, KARI, OLA, PER, mine, publish
from tests.support.channel import channel_calls
from tests.support.harness import ORGANISER, Harness
from tests.support.notices import notice_jobs, run_notices
from tests.support.organiser import consultation_id
from tests.support.seeding import NAMES, seed_answers

MEETING = "Regionrådet 12. februar 2027"
MINUTES = "https://hallingdal.no/referat/2027-02-12"
TEXT = "Regionrådet vidarefører Sats på Hallingdal 2.0 i fire nye år."
WRITTEN = f"{MEETING}\n{MINUTES}\n{TEXT}"
TITLE = "Hallingtinget 2026: Næringsutvikling, helsesamarbeid og regionalt samarbeid"
POST_NN = (
    f"🏛 <b>Vedtak</b>: {TITLE}\n\n<i>{MEETING}</i>\n\n{TEXT}\n\nReferat: {MINUTES}\n\n"
    "Vedtaket svarar på samanstillinga frå tinget (versjon 1)."
)


def decision_notices(h: Harness, user: int) -> list[str]:
    """The decision notices a user got."""
    return [t for t in h.replies(user) if t.startswith("🏛 <b>Regionrådet har gjort vedtak</b>")]


async def test_the_decision_is_previewed_posted_and_sent_to_each_participant(h: Harness) -> None:
    await seed_answers(h)
    await publish(h)
    await h.command(PER, "paminningar")  # Per turned reminders off
    posted_before = len(channel_calls(h))
    await h.command(ORGANISER, "vedtak", WRITTEN)
    preview = h.replies(ORGANISER)[-3:]
    assert preview[0] == (
        "<b>Førehandsvising</b>: her kjem nøyaktig det som vert lagt ut i @hallingdal_regionrad."
    )
    assert preview[1] == POST_NN
    assert preview[2].startswith(
        "Det vert registrert som versjon 1 av vedtaket og svarar på versjon 1 av samanstillinga."
    )
    assert len(channel_calls(h)) == posted_before  # nothing is posted before ✅
    assert await h.storage.outcomes.decisions(consultation_id(h)) == []

    await h.press(ORGANISER, "✅ Legg ut vedtaket")
    post = channel_calls(h)[-1]
    assert post.text == POST_NN
    for name in NAMES:
        assert name not in post.text
    [record] = await h.storage.outcomes.decisions(consultation_id(h))
    assert (record.version, record.status, record.meeting, record.minutes_url) == (
        1,
        "posted",
        MEETING,
        MINUTES,
    )
    # The ✅ answers at once; a job sends the notices, then the organiser gets the count.
    assert h.replies(ORGANISER)[-2:] == [
        f"✅ Versjon 1 av vedtaket er lagt ut i https://t.me/hallingdal_regionrad/{record.message_ids[0]}.",
        "📣 Meldingane til deltakarane vert sende no; du får talet når dei er sende.",
    ]
    assert decision_notices(h, KARI) == []
    assert await run_notices(h) == ["hallingting-2026:notices:decision:1"]
    assert h.replies(ORGANISER)[-1] == (
        "📣 Meldingane til deltakarane er ferdige. Send til 3 deltakarar. 1 deltakar vart hoppa "
        "over (påminningar av eller ikkje mogleg å nå). 0 meldingar kom ikkje fram."
    )
    [kari] = decision_notices(h, KARI)
    assert kari == (
        f"🏛 <b>Regionrådet har gjort vedtak</b> om «{TITLE}» ({MEETING}):\n\n{TEXT}\n\n"
        "Svara dine var med i:\n"
        "• Svaret ditt er med i «Vidareføring av Sats på Hallingdal 2.0» — 3 av 4 grupper\n"
        "• Svaret ditt er blant dei andre punkta, i «Eit regionalt næringsfond» — 2 av 4 grupper"
        f"\n\nReferat: {MINUTES}\n\n/mine viser kva som vart av svara dine."
    )
    assert "Regional traineeordning" in decision_notices(h, OLA)[0]
    assert len(decision_notices(h, INGRID)) == 1 and decision_notices(h, PER) == []
    shown = await mine(h, KARI)
    assert f"🏛 <b>Dette vedtok regionrådet</b> ({MEETING}):\n{TEXT}\nReferat: {MINUTES}" in shown

    # The same button again: the draft is used up, nothing is posted or sent twice.
    pressed = await h.press(ORGANISER, "✅ Legg ut vedtaket")
    assert h.query_answer(pressed).params["text"] == "Denne knappen gjeld ikkje lenger."
    assert len(await h.storage.outcomes.decisions(consultation_id(h))) == 1
    assert len(decision_notices(h, KARI)) == 1


async def test_a_new_version_is_marked_updated_and_shown_in_mine(h: Harness) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "vedtak", WRITTEN)  # no summary published: it still records
    assert "svarar på inga publisert samanstilling enno" in h.last_text(ORGANISER)
    await h.press(ORGANISER, "✅")
    await run_notices(h)
    first = channel_calls(h)[-1].text
    assert "Vedtaket svarar på" not in first
    assert "Svara dine var med i" not in decision_notices(h, KARI)[0]
    await h.command(ORGANISER, "vedtak", f"{MEETING} | - | Regionrådet ventar med saka.")
    await h.press(ORGANISER, "✅")
    await run_notices(h)
    second = channel_calls(h)[-1].text
    assert second.startswith(f"🏛 <b>Vedtak</b>: {TITLE}\n<i>Oppdatert versjon 2</i>")
    assert "Referat" not in second
    assert [d.version for d in await h.storage.outcomes.decisions(consultation_id(h))] == [1, 2]
    assert len(decision_notices(h, KARI)) == 2  # one notice per version
    shown = await mine(h, KARI)
    assert "Regionrådet ventar med saka." in shown and TEXT not in shown
    await h.command(ORGANISER, "vedtak")
    assert f"Registrert så langt: versjon 2 ({MEETING})." in h.last_text(ORGANISER)


async def test_bad_input_gets_a_clear_answer_and_changes_nothing(h: Harness) -> None:
    await seed_answers(h)
    before = h.snapshot()
    await h.command(ORGANISER, "vedtak")
    assert h.last_text(ORGANISER).startswith("<b>/vedtak</b> registrerer kva regionrådet vedtok")
    cases = {
        "Berre éi linje": "⚠️ Møtet, lenkja til referatet og vedtaket må alle vere med.",
        f"{MEETING}\nikkje ei lenkje\n{TEXT}": "⚠️ Den andre linja må vere lenkja til referatet",
        f"{MEETING}\n{MINUTES}\n{'x' * 1501}": "⚠️ Vedtaket kan ha høgst 1500 teikn.",
        f"{'m' * 201}\n-\n{TEXT}": "⚠️ Møtet kan ha høgst 200 teikn.",
    }
    for written, problem in cases.items():
        await h.command(ORGANISER, "vedtak", written)
        assert h.last_text(ORGANISER).startswith(problem), written
    await h.command(ORGANISER, "vedtak", WRITTEN)
    await h.press(ORGANISER, "Avbryt")
    assert h.last_text(ORGANISER) == "Ingenting vart registrert."
    forged = await h.click(ORGANISER, "vd:0123456789ab")
    assert h.query_answer(forged).params["text"] == "Denne knappen gjeld ikkje lenger."
    assert h.snapshot() == before
    assert all(not t.startswith("🏛") for t in h.replies(KARI))


async def test_a_failed_post_is_recorded_and_tells_nobody(h: Harness) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "vedtak", WRITTEN)
    h.tg.fail("sendMessage", 403, "Forbidden: bot is not a member of the channel chat")
    await h.press(ORGANISER, "✅")
    [record] = await h.storage.outcomes.decisions(consultation_id(h))
    assert record.status == "failed" and record.message_ids == ()
    assert "Forbidden" in record.error
    assert h.last_text(ORGANISER).startswith(
        "⚠️ Vedtaket kunne ikkje leggjast ut i @hallingdal_regionrad"
    )
    assert "versjon 1 (feila)" in h.last_text(ORGANISER)
    assert notice_jobs(h) == [] and decision_notices(h, KARI) == []
    assert "vedtok" not in await mine(h, KARI)
