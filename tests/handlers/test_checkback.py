"""The check-back: each group sees how its answers were captured and confirms or corrects."""

from __future__ import annotations

from bot.i18n.translator import translator
from bot.render.support import checkback_line
from bot.services.checkback import checkback_status
from tests.support.botapi import Call
from tests.support.flow import KARI, OLA, answers
from tests.support.groupchat import (
    GROUP_CHAT,
    OTHER_CHAT,
    group_command,
    group_message,
    link,
    question_messages,
    say,
    take_part,
)
from tests.support.harness import CODE_2, ORGANISER, Harness

KNUT = 5003
OTHERS = "Gruppe 3, Gruppe 4, Gruppe 5, Gruppe 6, Gruppe 7, Gruppe 8"


async def _two_tables(h: Harness) -> None:
    """Gruppe 1 with Kari as referent, Gruppe 2 with a chat and no referent; one answer each."""
    await link(h)
    await link(h, CODE_2, chat_id=OTHER_CHAT)
    await take_part(h, KARI)
    await take_part(h, OLA, chat_id=OTHER_CHAT)
    for chat_id in (GROUP_CHAT, OTHER_CHAT):
        await group_command(h, ORGANISER, "sporsmal", chat_id=chat_id)
    await say(h, KARI, "Felles næringsfond", reply_to=question_messages(h)["tiltak"])
    await say(
        h,
        OLA,
        "Traineeordning",
        chat_id=OTHER_CHAT,
        reply_to=question_messages(h, OTHER_CHAT)["tiltak"],
    )
    await group_command(h, ORGANISER, "referent", reply_to=group_message(h, KARI, text="Eg"))


def statuses(h: Harness) -> list[tuple[str, str, str]]:
    return [
        (r[0], r[1], r[2])
        for r in h.rows(
            "SELECT g.key, c.status, c.correction FROM checkback c "
            "JOIN discussion_group g ON g.id = c.group_id ORDER BY c.id"
        )
    ]


async def test_the_check_back_is_recorded_then_sent_to_referent_or_chat(h: Harness) -> None:
    await _two_tables(h)
    await h.command(KARI, "kontroll")
    assert h.last_text(KARI) == "Berre arrangørane av tinget kan gjere dette."
    await h.command(ORGANISER, "kontroll")
    overview = h.tg.last(ORGANISER)
    assert overview.text.splitlines()[:3] == [
        "<b>Kontroll</b>",
        "Gruppe 1: ikkje sendt",
        "Gruppe 2: ikkje sendt",
    ]
    assert overview.buttons == [("📤 Send til alle gruppene", "ks")]
    refused = await h.click(KARI, "ks")
    assert h.query_answer(refused).params["show_alert"] is True
    assert statuses(h) == []
    recorded: list[list[tuple[str, str, str]]] = []

    def before_sending(call: Call) -> None:
        if call.method == "sendMessage" and "Slik vart svara" in call.text:
            recorded.append(statuses(h))

    h.tg.hooks.append(before_sending)
    await h.press(ORGANISER, "Send til alle gruppene")
    assert recorded[0] == [("gruppe-1", "sending", "")]
    to_kari = h.tg.last(KARI)
    assert to_kari.text.startswith("<b>Slik vart svara frå Gruppe 1 samanstilte</b>")
    assert "<b>2. Kva tiltak kan vera aktuelle?</b>\n• Felles næringsfond (1 av 2 grupper)" in (
        to_kari.text
    )
    assert "(ingen punkt frå gruppa di)" in to_kari.text
    assert [label for label, _ in to_kari.buttons] == ["✅ Det stemmer", "✏️ Noko er feil"]
    assert h.last_text(OTHER_CHAT).startswith("<b>Slik vart svara frå Gruppe 2 samanstilte</b>")
    assert h.last_text(ORGANISER) == (
        f"Kontrollen er sendt til 2 av 8 grupper.\nIngen referent og ingen kopla gruppechat: {OTHERS}."
    )
    assert statuses(h) == [("gruppe-1", "sent", ""), ("gruppe-2", "sent", "")]


async def test_the_referent_confirms(h: Harness) -> None:
    await _two_tables(h)
    await h.command(ORGANISER, "kontroll")
    await h.press(ORGANISER, "Send til alle gruppene")
    await h.press(KARI, "Det stemmer")
    assert h.last_text(KARI) == "✅ Takk! Arrangørane ser at gruppa har stadfesta."
    assert statuses(h)[0] == ("gruppe-1", "confirmed", "")
    deps = h.app.bot_data.deps
    consultation = deps.config.consultations[0]
    status = await checkback_status(deps, consultation)
    assert status["gruppe-1"] is not None and status["gruppe-1"].status == "confirmed"
    assert status["gruppe-3"] is None
    names = {g.key: g.name for g in consultation.groups}
    assert (
        checkback_line(translator("nn"), status, names) == "Kontroll: Gruppe 1 ✅, Gruppe 2 ventar"
    )


async def test_a_check_back_is_answered_only_under_itself(h: Harness) -> None:
    await _two_tables(h)
    await h.command(ORGANISER, "kontroll")
    await h.press(ORGANISER, "Send til alle gruppene")
    in_chat = next(d for _, d in h.tg.last(OTHER_CHAT).buttons if d.startswith("kb:n:"))
    sent_to_chat = len(h.tg.to(OTHER_CHAT))
    for user in (OLA, ORGANISER):  # may answer it, but in the group chat, not from here
        pressed = await h.click(user, in_chat)
        assert h.query_answer(pressed).params["text"] == "Denne knappen gjeld ikkje lenger."
    assert len(h.tg.to(OTHER_CHAT)) == sent_to_chat
    assert statuses(h) == [("gruppe-1", "sent", ""), ("gruppe-2", "sent", "")]


async def test_a_correction_in_private_chat_comes_before_answering(h: Harness) -> None:
    await _two_tables(h)
    await h.command(ORGANISER, "kontroll")
    await h.press(ORGANISER, "Send til alle gruppene")
    await h.press(KARI, "Noko er feil")
    assert h.last_text(KARI).startswith("✏️ Skriv kva som er feil i neste melding.")
    before = answers(h)
    await h.text(KARI, "Punktet om trainee manglar")
    assert h.last_text(KARI) == "Takk! Rettinga di er lagra for arrangørane."
    assert answers(h) == before  # the correction is not an answer
    assert statuses(h)[0] == ("gruppe-1", "corrected", "Punktet om trainee manglar")
    await h.text(KARI, "Eit nytt svar")
    assert answers(h)[-1] == ("organisering", "Eit nytt svar", "active")
    await h.command(ORGANISER, "kontroll")
    assert "Gruppe 1: ✏️\n    <i>Punktet om trainee manglar</i>" in h.last_text(ORGANISER)


async def test_a_correction_in_the_group_chat_is_a_reply_to_the_prompt(h: Harness) -> None:
    await _two_tables(h)
    await h.command(ORGANISER, "kontroll")
    await h.press(ORGANISER, "Send til alle gruppene")
    outsider = await h.press(KNUT, "Noko er feil", chat_id=OTHER_CHAT)
    assert h.query_answer(outsider).params["text"] == (
        "Berre referenten i gruppa kan svare på denne kontrollen."
    )
    await h.press(OLA, "Noko er feil", chat_id=OTHER_CHAT)
    prompt = h.tg.last(OTHER_CHAT)
    assert prompt.text.startswith("✏️ User5002: svar på denne meldinga med kva som er feil.")
    await say(h, OLA, "Småprat", chat_id=OTHER_CHAT)  # not a reply: not the correction
    assert statuses(h)[1] == ("gruppe-2", "correcting", "")
    (prompt_id,) = [
        m
        for (c, m), sent in h.tg.sent.items()
        if c == OTHER_CHAT and sent.get("text") == prompt.text
    ]
    await say(h, OLA, "Fondet er gløymt", chat_id=OTHER_CHAT, reply_to=prompt_id)
    assert h.last_text(OTHER_CHAT) == "Takk! Rettinga di er lagra for arrangørane."
    assert statuses(h)[1] == ("gruppe-2", "corrected", "Fondet er gløymt")


async def test_a_referent_out_of_reach_gets_it_in_the_group_chat(h: Harness) -> None:
    await _two_tables(h)
    await h.command(ORGANISER, "kontroll")
    h.tg.fail("sendMessage", 403, "Forbidden: bot can't initiate conversation with a user")
    await h.press(ORGANISER, "Send til alle gruppene")
    assert h.last_text(ORGANISER).startswith("Kontrollen er sendt til 2 av 8 grupper.")
    assert statuses(h) == [
        ("gruppe-1", "failed", ""),
        ("gruppe-1", "sent", ""),
        ("gruppe-2", "sent", ""),
    ]
    check_back = [t for t in h.replies(GROUP_CHAT) if t.startswith("<b>Slik vart svara")]
    assert len(check_back) == 1
    await h.press(KARI, "Det stemmer", chat_id=GROUP_CHAT)  # the referent answers in the chat
    assert statuses(h)[1] == ("gruppe-1", "confirmed", "")


async def test_undeliverable_check_backs_are_reported(h: Harness) -> None:
    await _two_tables(h)
    await h.command(ORGANISER, "kontroll")
    h.tg.fail("sendMessage", 403, "Forbidden: bot was blocked by the user", times=2)
    await h.press(ORGANISER, "Send til alle gruppene")
    assert "Kunne ikkje leverast til: Gruppe 1." in h.last_text(ORGANISER)
    assert statuses(h) == [
        ("gruppe-1", "failed", ""),
        ("gruppe-1", "failed", ""),
        ("gruppe-2", "sent", ""),
    ]
    forged = await h.click(KARI, "kb:y:1")
    assert h.query_answer(forged).params["text"] == "Denne knappen gjeld ikkje lenger."
    assert statuses(h)[0] == ("gruppe-1", "failed", "")
