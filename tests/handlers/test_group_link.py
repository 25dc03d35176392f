"""Linking a group chat to a group, consent in the chat, removal and supergroup migration."""

from __future__ import annotations

from tests.support.flow import KARI, OLA
from tests.support.groupchat import (
    BASIC_GROUP,
    GROUP_CHAT,
    OTHER_CHAT,
    bot_membership,
    group_command,
    link,
    member_status,
    migrate,
    question_messages,
    say,
    take_part,
)
from tests.support.harness import CODE_1, CODE_2, ORGANISER, Harness


def links(h: Harness) -> list[tuple[str, int, int]]:
    """(group key, chat id, active) of every linked chat."""
    return [
        (r[0], r[1], r[2])
        for r in h.rows(
            "SELECT g.key, c.chat_id, c.active FROM group_chat c "
            "JOIN discussion_group g ON g.id = c.group_id ORDER BY g.key"
        )
    ]


async def test_an_organiser_links_a_chat_to_a_group(h: Harness) -> None:
    await link(h)
    assert links(h) == [("gruppe-1", GROUP_CHAT, 1)]
    texts = h.replies(GROUP_CHAT)
    assert texts[0].startswith("✅ Denne chatten er no bordet til <b>Gruppe 1</b>.")
    assert "Personvernmodus er slått på (standard)" in texts[0]
    assert "feste meldingar" not in texts[0]  # an admin without a pin flag may pin
    assert texts[1].startswith("<b>Ver med i Gruppe 1</b>")
    assert "<b>Personvern</b>" in texts[1]
    assert h.tg.last(GROUP_CHAT).buttons == [("✅ Ver med i Gruppe 1", "cj:1")]
    assert any(c.method == "getChatMember" for c in h.tg.calls)


async def test_linking_is_for_organisers_only(h: Harness) -> None:
    before = h.snapshot()
    await group_command(h, KARI, "kopla", CODE_1)
    assert h.replies(GROUP_CHAT) == ["Berre arrangørane av tinget kan gjere dette."]
    await group_command(h, KARI, "frakopla")
    assert h.snapshot() == before
    await link(h)
    await group_command(h, KARI, "frakopla")
    assert h.last_text(GROUP_CHAT) == "Berre arrangørane av tinget kan gjere dette."
    assert links(h) == [("gruppe-1", GROUP_CHAT, 1)]


async def test_wrong_or_missing_codes(h: Harness) -> None:
    await group_command(h, ORGANISER, "kopla", "no-such-code")
    await group_command(h, ORGANISER, "kopla")
    assert h.replies(GROUP_CHAT) == [
        "Den gruppekoden kjenner eg ikkje. Send /kopla og koden til gruppa som denne chatten er for.",
        "Send /kopla og koden til gruppa som denne chatten er for.",
    ]
    assert links(h) == []


async def test_one_chat_per_group_and_one_group_per_chat(h: Harness) -> None:
    await link(h)
    await link(h, CODE_2)
    assert h.last_text(GROUP_CHAT).startswith("Denne chatten er alt bordet til Gruppe 1.")
    await link(h, CODE_1, chat_id=OTHER_CHAT)
    assert links(h) == [("gruppe-1", OTHER_CHAT, 1)]
    assert "Den førre chatten til gruppa er ikkje lenger kopla." in h.replies(OTHER_CHAT)[0]
    await link(h, CODE_2)
    assert links(h) == [("gruppe-1", OTHER_CHAT, 1), ("gruppe-2", GROUP_CHAT, 1)]


async def test_unlinking_keeps_the_answers(h: Harness) -> None:
    await link(h)
    await take_part(h, KARI)
    await group_command(h, ORGANISER, "sporsmal")
    await say(h, KARI, "Felles næringsfond", reply_to=question_messages(h)["tiltak"])
    await group_command(h, ORGANISER, "frakopla")
    assert h.last_text(GROUP_CHAT) == (
        "Denne chatten er ikkje lenger bordet til Gruppe 1. Svara som er gjevne her, vert tekne vare på."
    )
    assert links(h) == []
    assert h.rows("SELECT text FROM answer") == [("Felles næringsfond",)]
    await say(h, KARI, "Eit svar til", reply_to=question_messages(h)["tiltak"])
    assert "ikkje lenger kopla" in h.last_text(GROUP_CHAT)
    assert h.rows("SELECT count(*) FROM answer") == [(1,)]
    await group_command(h, ORGANISER, "frakopla")
    assert h.last_text(GROUP_CHAT).startswith("Denne chatten er ikkje kopla til ei gruppe.")


async def test_the_bot_says_plainly_what_it_lacks(h: Harness) -> None:
    h.tg.results["getChatMember"] = member_status(
        "restricted", can_send_polls=False, can_pin_messages=False
    )
    await link(h)
    note = h.replies(GROUP_CHAT)[0]
    assert "Eg kan ikkje sende avrøystingar her" in note
    assert "Eg kan ikkje feste meldingar her" in note
    assert links(h) == [("gruppe-1", GROUP_CHAT, 1)]


async def test_a_chat_where_the_bot_cannot_write_is_not_linked(h: Harness) -> None:
    h.tg.results["getChatMember"] = member_status("restricted", can_send_messages=False)
    await link(h)
    assert links(h) == []
    assert h.replies(GROUP_CHAT) == []
    assert "Eg kan ikkje sende meldingar i «Bord»" in h.last_text(ORGANISER)


async def test_one_tap_makes_a_member_a_participant(h: Harness) -> None:
    await link(h)
    assert h.rows("SELECT count(*) FROM telegram_user") == [(0,)]  # nothing before the tap
    update = await take_part(h, KARI)
    alert = h.query_answer(update)
    assert alert.params["text"].startswith("✅ Du er med i Gruppe 1.")
    assert alert.params["show_alert"] is True
    assert h.rows(
        "SELECT p.telegram_id, g.key FROM participant p JOIN discussion_group g "
        "ON g.id = p.group_id"
    ) == [(KARI, "gruppe-1")]
    again = await take_part(h, KARI)
    assert h.query_answer(again).params["text"] == "Du er alt med i Gruppe 1."
    await h.join(OLA, CODE_2)
    other = await take_part(h, OLA)
    assert h.query_answer(other).params["text"].startswith("Du er med i Gruppe 2. For å flytte")
    assert h.rows("SELECT count(*) FROM participant WHERE group_id = 2") == [(1,)]


async def test_a_forged_consent_button_changes_nothing(h: Harness) -> None:
    await link(h)
    before = h.snapshot()
    update = await h.click(KARI, "cj:2", chat_id=GROUP_CHAT)
    assert h.query_answer(update).params["text"] == "Denne knappen gjeld ikkje lenger."
    assert h.snapshot() == before


async def test_removal_marks_the_link_inactive_and_a_return_restores_it(h: Harness) -> None:
    await link(h)
    await take_part(h, KARI)
    await group_command(h, ORGANISER, "sporsmal")
    await say(h, KARI, "Traineeordning", reply_to=question_messages(h)["tiltak"])
    sent = len(h.tg.calls)
    await bot_membership(h, GROUP_CHAT, "administrator", "left")
    assert links(h) == [("gruppe-1", GROUP_CHAT, 0)]
    assert h.rows("SELECT count(*) FROM answer") == [(1,)]
    assert len(h.tg.calls) == sent  # nothing can be sent to a chat the bot left
    await bot_membership(h, GROUP_CHAT, "left", "member")
    assert links(h) == [("gruppe-1", GROUP_CHAT, 1)]
    assert h.last_text(GROUP_CHAT).startswith("Eg er tilbake: denne chatten er igjen bordet til")


async def test_added_to_an_unlinked_chat_the_bot_explains_itself(h: Harness) -> None:
    await bot_membership(h, OTHER_CHAT, "left", "member")
    assert h.last_text(OTHER_CHAT).startswith("Hei! Eg er tingbot.")
    assert links(h) == []


async def test_migration_to_a_supergroup_keeps_link_and_answers(h: Harness) -> None:
    await link(h, chat_id=BASIC_GROUP)
    await take_part(h, KARI, chat_id=BASIC_GROUP)
    await group_command(h, ORGANISER, "sporsmal", chat_id=BASIC_GROUP)
    old_question = question_messages(h, BASIC_GROUP)["tiltak"]
    await say(h, KARI, "Regionalt fond", chat_id=BASIC_GROUP, reply_to=old_question)
    await migrate(h, BASIC_GROUP, GROUP_CHAT)
    assert links(h) == [("gruppe-1", GROUP_CHAT, 1)]
    assert h.replies(GROUP_CHAT)[0].startswith("Denne chatten vart ei supergruppe.")
    new_questions = question_messages(h, GROUP_CHAT)
    assert len(new_questions) == 5  # posted again, once, in the new chat
    await say(h, KARI, "Traineeordning", reply_to=new_questions["tiltak"])
    assert h.rows("SELECT text, source_chat_id FROM answer ORDER BY id") == [
        ("Regionalt fond", BASIC_GROUP),
        ("Traineeordning", GROUP_CHAT),
    ]
