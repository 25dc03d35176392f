"""The referent, polls that weigh a group's points, and the confirmed joint answer's effect
on the summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config.model import GroupChatSettings
from bot.services.group_answers import confirmed_questions
from bot.services.summary import compile_summary
from tests.support.flow import KARI, OLA, answers, qid
from tests.support.groupchat import (
    GROUP_CHAT,
    group_command,
    group_message,
    link,
    poll_answer,
    poll_state,
    question_messages,
    say,
    take_part,
)
from tests.support.harness import CODE_2, ORGANISER, Harness, start_harness, stop_harness

KNUT = 5003
STRANGER = 5009
PER = 6001  # a member of Gruppe 2, answering in private chat


async def _group_with_answers(h: Harness) -> None:
    """Gruppe 1 at its table with four points on question 2; Kari is the referent."""
    await link(h)
    for member in (KARI, OLA, KNUT):
        await take_part(h, member)
    await group_command(h, ORGANISER, "sporsmal")
    tiltak = question_messages(h)["tiltak"]
    await say(h, KARI, "- Felles næringsfond\n- Traineeordning", reply_to=tiltak)
    await say(h, OLA, "Sats på Hallingdal 2.0", reply_to=tiltak)
    await say(h, KNUT, "Breiband i heile dalen", reply_to=tiltak)
    await group_command(h, ORGANISER, "referent", reply_to=group_message(h, KARI, text="Eg skriv"))


async def _private_answer(h: Harness, user_id: int, code: str, text: str) -> None:
    """A member of another group answers question 2 in private chat."""
    await h.join(user_id, code)
    await h.press(user_id, "Hopp over")
    await h.text(user_id, text)


def _checked(labels: list[str]) -> str:
    """ "x" for a checked box, "o" for an empty one, per checkbox label."""
    return "".join("x" if label.startswith("☑️") else "o" for label in labels if label[0] in "☑⬜")


def _poll_ids(h: Harness) -> list[str]:
    return [r[0] for r in h.rows("SELECT poll_id FROM group_poll ORDER BY rowid")]


async def test_an_organiser_appoints_the_referent_by_replying(h: Harness) -> None:
    await link(h)
    await take_part(h, KARI)
    await group_command(h, ORGANISER, "referent", reply_to=group_message(h, KNUT, text="Hei"))
    assert h.last_text(GROUP_CHAT).startswith("User5003 er ikkje med i Gruppe 1 enno.")
    assert h.rows("SELECT count(*) FROM referent") == [(0,)]
    await group_command(h, ORGANISER, "referent", reply_to=group_message(h, KARI, text="Eg"))
    assert h.last_text(GROUP_CHAT) == "✅ User5001 er no referent for Gruppe 1."
    assert h.rows("SELECT telegram_id, confirmed_by FROM referent") == [(KARI, ORGANISER)]
    await group_command(h, ORGANISER, "referent")
    assert h.last_text(GROUP_CHAT).startswith("Referenten for Gruppe 1 er User5001.")


async def test_a_volunteer_is_confirmed_by_another_member(h: Harness) -> None:
    await link(h)
    for member in (KARI, OLA):
        await take_part(h, member)
    await group_command(h, ORGANISER, "sporsmal")
    await h.press(OLA, "Eg kan vere referent", chat_id=GROUP_CHAT)
    assert h.last_text(GROUP_CHAT).startswith("🙋 User5002 melder seg som referent for Gruppe 1.")
    own = await h.press(OLA, "Stadfest User5002", chat_id=GROUP_CHAT)
    assert h.query_answer(own).params["text"].startswith("Nokon annan i gruppa")
    outsider = await h.press(STRANGER, "Stadfest User5002", chat_id=GROUP_CHAT)
    assert h.query_answer(outsider).params["text"] == (
        "Berre ein arrangør eller eit medlem av Gruppe 1 kan stadfeste referenten."
    )
    assert h.rows("SELECT count(*) FROM referent") == [(0,)]
    await h.press(KARI, "Stadfest User5002", chat_id=GROUP_CHAT)
    assert h.tg.last(GROUP_CHAT, "editMessageText").text == (
        "✅ User5002 er referent for Gruppe 1 (stadfesta av User5001)."
    )
    assert h.rows("SELECT telegram_id, confirmed_by FROM referent") == [(OLA, KARI)]
    assert h.rows("SELECT count(*) FROM referent_offer") == [(0,)]


async def test_a_member_offers_with_the_command_and_a_stranger_is_asked_to_join(
    h: Harness,
) -> None:
    await link(h)
    await take_part(h, KARI)
    await group_command(h, KARI, "referent")
    assert "melder seg som referent" in h.last_text(GROUP_CHAT)
    await group_command(h, STRANGER, "referent")
    assert h.last_text(GROUP_CHAT).startswith("<b>Ver med i Gruppe 1</b>")
    assert h.rows("SELECT telegram_id FROM referent_offer") == [(KARI,)]


async def test_the_referent_shows_the_points_and_opens_a_poll(h: Harness) -> None:
    await _group_with_answers(h)
    await group_command(h, OLA, "punkt", "2")
    assert h.last_text(GROUP_CHAT) == "Berre arrangørane eller referenten i gruppa kan gjere dette."
    await group_command(h, KARI, "punkt", "2")
    listing = h.tg.last(GROUP_CHAT)
    assert listing.text.splitlines()[3:] == [
        "1. Felles næringsfond",
        "2. Traineeordning",
        "3. Sats på Hallingdal 2.0",
        "4. Breiband i heile dalen",
    ]
    tiltak = qid(h, "tiltak")
    assert [d for _, d in listing.buttons] == [f"cv:{tiltak}", f"cs:{tiltak}"]
    refused = await h.click(OLA, f"cv:{tiltak}", listing, GROUP_CHAT)
    assert h.query_answer(refused).params["show_alert"] is True
    assert _poll_ids(h) == []
    await h.press(KARI, "Veg dei i ei avrøysting", chat_id=GROUP_CHAT)
    poll = h.tg.last(GROUP_CHAT, "sendPoll").params
    assert poll["question"] == "Gruppe 1 · spørsmål 2: kva punkt høyrer med i svaret til gruppa?"
    assert [o["text"] for o in poll["options"]] == [
        "1. Felles næringsfond",
        "2. Traineeordning",
        "3. Sats på Hallingdal 2.0",
        "4. Breiband i heile dalen",
    ]
    assert poll["is_anonymous"] is False and poll["allows_multiple_answers"] is True
    # Plain texts: HTML parsing would reject a point with "<" or "&".
    assert "question_parse_mode" not in poll
    assert not any("text_parse_mode" in option for option in poll["options"])
    assert len(_poll_ids(h)) == 1


async def test_poll_votes_are_recorded_changed_and_retracted(h: Harness) -> None:
    await _group_with_answers(h)
    await group_command(h, KARI, "punkt", "2")
    await h.press(KARI, "Veg dei i ei avrøysting", chat_id=GROUP_CHAT)
    (poll_id,) = _poll_ids(h)
    await poll_answer(h, poll_id, KARI, [0, 2])
    await poll_answer(h, poll_id, OLA, [0])
    await poll_answer(h, poll_id, KNUT, [1])
    await poll_answer(h, poll_id, STRANGER, [3])  # not a participant: never stored
    await poll_answer(h, "unknown-poll", KARI, [0])
    await poll_answer(h, poll_id, OLA, [0, 2])  # changed
    await poll_answer(h, poll_id, KNUT, [])  # retracted
    assert h.rows("SELECT telegram_id, options FROM poll_vote ORDER BY telegram_id") == [
        (KARI, "[0, 2]"),
        (OLA, "[0, 2]"),
    ]
    await group_command(h, KARI, "gruppesvar", "2")
    choice = h.tg.last(GROUP_CHAT)
    assert "☑️ 1. Felles næringsfond (2 av 2 røyster)" in choice.text
    assert "⬜ 2. Traineeordning (0 av 2 røyster)" in choice.text
    assert [label for label, _ in choice.buttons][:4] == [
        "☑️ 1. Felles næringsfond",
        "⬜ 2. Traineeordning",
        "☑️ 3. Sats på Hallingdal 2.0",
        "⬜ 4. Breiband i heile dalen",
    ]


async def test_anonymous_polls_are_weighed_by_their_counts(tmp_path: Path) -> None:
    h = await start_harness(tmp_path, groupchat=GroupChatSettings(poll_anonymous=True))
    try:
        await _group_with_answers(h)
        await group_command(h, KARI, "punkt", "2")
        await h.press(KARI, "Veg dei i ei avrøysting", chat_id=GROUP_CHAT)
        assert h.tg.last(GROUP_CHAT, "sendPoll").params["is_anonymous"] is True
        (poll_id,) = _poll_ids(h)
        await poll_state(h, poll_id, [1, 3, 0, 2], voters=3)
        assert h.rows("SELECT counts, voters FROM group_poll") == [("[1, 3, 0, 2]", 3)]
        await group_command(h, KARI, "gruppesvar", "2")
        assert _checked([label for label, _ in h.tg.last(GROUP_CHAT).buttons]) == "oxox"
    finally:
        await stop_harness(h)


async def test_many_points_make_several_polls_of_short_options(h: Harness) -> None:
    await link(h)
    await take_part(h, KARI)
    await group_command(h, ORGANISER, "sporsmal")
    lines = [f"Tiltak nummer {n} for heile dalen" for n in range(1, 13)]
    lines.append("Eit svært langt punkt " + "om næringsutvikling i Hallingdal " * 6)
    await say(
        h, KARI, "\n".join(f"- {line}" for line in lines), reply_to=question_messages(h)["tiltak"]
    )
    await group_command(h, ORGANISER, "punkt", "2")
    await h.press(ORGANISER, "Veg dei i ei avrøysting", chat_id=GROUP_CHAT)
    polls = [c.params for c in h.tg.to(GROUP_CHAT, "sendPoll")]
    assert [len(p["options"]) for p in polls] == [7, 6]
    assert polls[0]["question"].endswith("(1/2)") and polls[1]["question"].endswith("(2/2)")
    last = polls[1]["options"][-1]["text"]
    assert len(last) <= 100 and last.startswith("13. Eit svært langt punkt") and last.endswith("…")


async def test_a_confirmed_joint_answer_decides_the_groups_counts(h: Harness) -> None:
    await _group_with_answers(h)
    await _private_answer(h, PER, CODE_2, "Traineeordning for unge")
    deps = h.app.bot_data.deps
    consultation = deps.config.consultations[0]

    async def groups_of(text: str) -> tuple[str, ...]:
        digest = await compile_summary(deps, consultation)
        summary = digest.question("tiltak")
        assert summary is not None
        points = (*summary.summary.headline, *summary.summary.others)
        return next(p.groups for p in points if any(digest.points[r].text == text for r in p.refs))

    assert await groups_of("Traineeordning") == ("gruppe-1", "gruppe-2")
    assert await groups_of("Breiband i heile dalen") == ("gruppe-1",)
    await group_command(h, KARI, "gruppesvar", "2")
    await h.press(KARI, "2. Traineeordning", chat_id=GROUP_CHAT)  # all start checked: uncheck
    await h.press(KARI, "4. Breiband", chat_id=GROUP_CHAT)
    assert (
        _checked([label for label, _ in h.tg.last(GROUP_CHAT, "editMessageText").buttons]) == "xoxo"
    )
    await h.press(KARI, "Stadfest fellessvaret", chat_id=GROUP_CHAT)
    confirmed = h.tg.last(GROUP_CHAT, "editMessageText").text
    assert confirmed.startswith("✅ Fellessvaret til <b>Gruppe 1</b> på spørsmål 2 er stadfesta.")
    assert confirmed.splitlines()[2:] == ["• Felles næringsfond", "• Sats på Hallingdal 2.0"]
    assert await groups_of("Traineeordning") == ("gruppe-2",)
    assert await groups_of("Breiband i heile dalen") == ()
    assert await groups_of("Felles næringsfond") == ("gruppe-1",)
    digest = await compile_summary(deps, consultation)
    assert set(digest.confirmed["tiltak"]["gruppe-1"]) == {
        r
        for r, p in digest.points.items()
        if p.text in ("Felles næringsfond", "Sats på Hallingdal 2.0")
    }
    status = await confirmed_questions(deps, consultation)
    assert status["gruppe-1"] == ("tiltak",) and status["gruppe-2"] == ()
    assert len(status) == 8
    await group_command(h, KARI, "gruppesvar", "2")  # starts from the confirmed choice
    labels = [label for label, _ in h.tg.last(GROUP_CHAT).buttons]
    assert _checked(labels) == "xoxo"
    assert labels[-1] == "↩️ Trekk tilbake fellessvaret"
    await h.press(KARI, "Trekk tilbake fellessvaret", chat_id=GROUP_CHAT)
    assert await groups_of("Traineeordning") == ("gruppe-1", "gruppe-2")
    assert (await confirmed_questions(deps, consultation))["gruppe-1"] == ()


async def test_an_empty_choice_cannot_be_confirmed(h: Harness) -> None:
    await _group_with_answers(h)
    await group_command(h, KARI, "gruppesvar", "2")
    for label in ("1. Felles", "2. Trainee", "3. Sats", "4. Breiband"):
        await h.press(KARI, label, chat_id=GROUP_CHAT)
    refused = await h.press(KARI, "Stadfest fellessvaret", chat_id=GROUP_CHAT)
    assert h.query_answer(refused).params["text"] == "Kryss av minst eitt punkt først."
    assert h.rows("SELECT confirmed FROM group_answer") == [(None,)]
    forged = await h.click(KARI, f"ct:{qid(h, 'tiltak')}:0:999.0", chat_id=GROUP_CHAT)
    assert h.query_answer(forged).params["text"] == "Denne knappen gjeld ikkje lenger."
    assert answers(h, KARI)  # the members' answers are untouched


async def test_the_question_list_without_a_number(h: Harness) -> None:
    await _group_with_answers(h)
    await group_command(h, KARI, "gruppesvar")
    listing = h.tg.last(GROUP_CHAT)
    assert listing.text == "Kva spørsmål?"
    assert [d for _, d in listing.buttons][:2] == [
        f"cs:{qid(h, 'organisering')}",
        f"cs:{qid(h, 'tiltak')}",
    ]
    await h.press(KARI, "2. Kva tiltak", chat_id=GROUP_CHAT)
    assert "Kryss av punkta som utgjer fellessvaret" in h.last_text(GROUP_CHAT)
    await h.press(KARI, "1. Korleis", chat_id=GROUP_CHAT)
    assert h.last_text(GROUP_CHAT) == "Ingen i gruppa har svara på dette spørsmålet enno."


async def test_the_choice_pages_through_many_points(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await link(h)
    await take_part(h, KARI)
    await group_command(h, ORGANISER, "sporsmal")
    text = "\n".join(f"- Tiltak nummer {n}" for n in range(1, 11))
    await say(h, KARI, text, reply_to=question_messages(h)["tiltak"])
    await group_command(h, ORGANISER, "gruppesvar", "2")
    labels = [label for label, _ in h.tg.last(GROUP_CHAT).buttons]
    assert labels[7] == "☑️ 8. Tiltak nummer 8" and labels[8:10] == ["1/2", "▶"]
    await h.press(ORGANISER, "▶", chat_id=GROUP_CHAT)
    labels = [label for label, _ in h.tg.last(GROUP_CHAT, "editMessageText").buttons]
    assert labels[:2] == ["☑️ 9. Tiltak nummer 9", "☑️ 10. Tiltak nummer 10"]
    assert labels[2:4] == ["◀", "2/2"]
    await h.press(ORGANISER, "10. Tiltak", chat_id=GROUP_CHAT)  # stays on page 2
    labels = [label for label, _ in h.tg.last(GROUP_CHAT, "editMessageText").buttons]
    assert labels[:2] == ["☑️ 9. Tiltak nummer 9", "⬜ 10. Tiltak nummer 10"]
    h.tg.fail("editMessageText", 400, "Bad Request: message is not modified")
    with caplog.at_level("ERROR"):
        await h.press(ORGANISER, "2/2", chat_id=GROUP_CHAT)
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
