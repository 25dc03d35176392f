"""Answers in a group chat: replies to question messages, and nothing else, are stored."""

from __future__ import annotations

from telegram import Update

from tests.emulator.params import Params
from tests.emulator.validate import message_text
from tests.support.botapi import Call
from tests.support.flow import AFTER_DEADLINE, KARI, NOT_TEXT, OLA, answers
from tests.support.groupchat import (
    GROUP_CHAT,
    group_command,
    group_message,
    link,
    question_messages,
    say,
    take_part,
)
from tests.support.harness import CODE_2, ORGANISER, Harness

KNUT = 5003


async def _table(h: Harness, *members: int) -> dict[str, int]:
    """A linked chat with participants and the questions posted; question key → message id."""
    await link(h)
    for member in members:
        await take_part(h, member)
    await group_command(h, ORGANISER, "sporsmal")
    return question_messages(h)


async def test_the_questions_are_posted_each_as_its_own_message(h: Harness) -> None:
    await link(h)
    before = len(h.tg.to(GROUP_CHAT, "sendMessage"))
    await group_command(h, ORGANISER, "sporsmal")
    posted = h.tg.to(GROUP_CHAT, "sendMessage")[before:]
    assert len(posted) == 6  # the introduction and five questions
    assert posted[0].text.startswith("<b>Spørsmåla til Gruppe 1</b>")
    assert [label for label, _ in posted[0].buttons] == [
        "✅ Ver med i Gruppe 1",
        "🙋 Eg kan vere referent",
    ]
    assert posted[2].text.startswith("<b>Spørsmål 2 av 5</b> · Næringsutvikling")
    assert "Kva tiltak kan vera aktuelle?" in posted[2].text
    assert "↩️ Bruk «Svar» på denne meldinga for å svare." in posted[2].text
    assert list(question_messages(h)) == [
        "organisering",
        "tiltak",
        "helse-fungerer",
        "helse-nye-oppgaver",
        "samarbeid-omrade",
    ]
    assert h.tg.last(GROUP_CHAT, "pinChatMessage").params["disable_notification"] is True


async def test_only_organisers_and_the_referent_post_the_questions(h: Harness) -> None:
    await link(h)
    await take_part(h, KARI)
    await group_command(h, KARI, "sporsmal")
    assert h.last_text(GROUP_CHAT) == "Berre arrangørane eller referenten i gruppa kan gjere dette."
    assert question_messages(h) == {}
    await group_command(h, ORGANISER, "referent", reply_to=group_message(h, KARI, text="Eg!"))
    await group_command(h, KARI, "sporsmal")
    assert len(question_messages(h)) == 5


async def test_a_reply_to_a_question_is_committed_before_the_reaction(h: Harness) -> None:
    questions = await _table(h, KARI)
    seen: list[int] = []

    def count_committed(call: Call) -> None:
        if call.method == "setMessageReaction":
            seen.append(h.rows("SELECT count(*) FROM answer")[0][0])

    h.tg.hooks.append(count_committed)
    update = await say(
        h, KARI, "- Felles næringsfond\n- Traineeordning", reply_to=questions["tiltak"]
    )
    assert seen == [1]
    assert answers(h) == [("tiltak", "- Felles næringsfond\n- Traineeordning", "active")]
    reaction = h.tg.last(GROUP_CHAT, "setMessageReaction")
    assert update.effective_message is not None
    assert reaction.params["message_id"] == update.effective_message.message_id
    assert reaction.params["reaction"] == [{"type": "emoji", "emoji": "✍"}]
    assert h.rows("SELECT source_chat_id FROM answer") == [(GROUP_CHAT,)]


async def test_without_reactions_a_short_reply_acknowledges(h: Harness) -> None:
    questions = await _table(h, KARI)
    h.tg.fail("setMessageReaction", description="Bad Request: REACTION_INVALID")
    await say(h, KARI, "Næringshage", reply_to=questions["tiltak"])
    assert h.last_text(GROUP_CHAT) == "✅ Lagra som svaret ditt på spørsmål 2."
    assert answers(h) == [("tiltak", "Næringshage", "active")]


async def test_the_same_reply_delivered_twice_is_stored_once(h: Harness) -> None:
    questions = await _table(h, KARI)
    message = group_message(h, KARI, reply_to=questions["organisering"], text="Eit felles selskap")
    await h.feed({"message": message})
    update = Update.de_json({"update_id": 999, "message": message}, h.app.bot)
    await h.app.process_update(update)
    assert answers(h) == [("organisering", "Eit felles selskap", "active")]


async def test_chatter_is_never_stored_and_gets_no_reply(h: Harness) -> None:
    questions = await _table(h, KARI, OLA)
    before, calls = h.snapshot(), len(h.tg.calls)
    await say(h, KARI, "Kven tek med kaffi i morgon?")
    chatter = group_message(h, OLA, text="Eg gjer det")
    await h.feed({"message": chatter})
    await say(h, KARI, "Takk!", reply_to=chatter)  # a reply to a member, not to the bot
    intro = min(questions.values()) - 1
    await say(h, KARI, "Fint", reply_to=intro)  # a reply to the bot's introduction
    assert h.snapshot() == before
    assert len(h.tg.calls) == calls


async def test_a_non_participant_gets_the_consent_button_and_nothing_is_stored(
    h: Harness,
) -> None:
    questions = await _table(h)
    before = h.snapshot()
    await say(h, KNUT, "Mitt svar", reply_to=questions["tiltak"])
    assert h.snapshot() == before
    text = h.last_text(GROUP_CHAT)
    assert text.startswith("For å svare her må du først vere med i Gruppe 1")
    assert "<b>Personvern</b>" in text
    assert h.tg.last(GROUP_CHAT).buttons == [("✅ Ver med i Gruppe 1", "cj:1")]
    assert h.tg.last(GROUP_CHAT).params["reply_parameters"]["message_id"] > 0
    await take_part(h, KNUT)
    await say(h, KNUT, "Mitt svar", reply_to=questions["tiltak"])
    assert answers(h, KNUT) == [("tiltak", "Mitt svar", "active")]


async def test_bad_input_is_refused_clearly(h: Harness) -> None:
    questions = await _table(h, KARI)
    for kind in ("sticker", "photo", "voice"):
        message = group_message(h, KARI, reply_to=questions["tiltak"], **NOT_TEXT[kind])
        await h.feed({"message": message})
        assert h.last_text(GROUP_CHAT).startswith("Berre tekst kan lagrast som svar")
    await say(h, KARI, "x" * 4097, reply_to=questions["tiltak"])
    assert h.last_text(GROUP_CHAT).startswith("Meldinga er for lang")
    await say(h, KARI, "...", reply_to=questions["tiltak"])
    assert h.last_text(GROUP_CHAT) == "Meldinga har ingen ord i seg, så ho vart ikkje lagra."
    h.clock.now = AFTER_DEADLINE
    await say(h, KARI, "For seint", reply_to=questions["tiltak"])
    assert h.last_text(GROUP_CHAT).startswith("Fristen for svar har gått ut")
    assert answers(h) == []


async def test_a_member_of_another_group_answers_in_their_own_group(h: Harness) -> None:
    questions = await _table(h)
    await h.join(OLA, CODE_2)
    await say(h, OLA, "Feil bord", reply_to=questions["tiltak"])
    assert h.last_text(GROUP_CHAT).startswith(
        "Du er med i Gruppe 2, og denne chatten er bordet til"
    )
    assert answers(h, OLA) == []


async def test_chat_and_private_answers_go_to_the_same_place(h: Harness) -> None:
    questions = await _table(h, KARI)
    await say(h, KARI, "Frå chatten", reply_to=questions["organisering"])
    await h.text(KARI, "Frå privat chat")  # the cursor is on question one
    assert answers(h) == [
        ("organisering", "Frå chatten", "active"),
        ("organisering", "Frå privat chat", "active"),
    ]
    await h.command(KARI, "mine")
    mine = h.last_text(KARI)
    assert "1. Frå chatten" in mine and "2. Frå privat chat" in mine


async def test_an_edited_reply_is_not_picked_up(h: Harness) -> None:
    questions = await _table(h, KARI)
    update = await say(h, KARI, "Fyrste utkast", reply_to=questions["tiltak"])
    assert update.effective_message is not None
    edited = update.effective_message.to_dict() | {"text": "Andre utkast", "edit_date": 1}
    await h.feed({"edited_message": edited})
    assert h.last_text(GROUP_CHAT).startswith("Endringar du gjer i Telegram, vert ikkje fanga opp.")
    assert answers(h) == [("tiltak", "Fyrste utkast", "active")]


async def test_group_help_and_group_commands_in_private(h: Harness) -> None:
    await group_command(h, KARI, "hjelp")
    text = h.last_text(GROUP_CHAT)
    assert text.startswith("<b>tingbot i ein gruppechat</b>")
    assert "/gruppesvar – Stadfest fellessvaret til gruppa" in text
    # "<kode>" in a description is text, not a tag Telegram would refuse the message for.
    assert "/kopla &lt;kode&gt;" in text
    message_text(Params(h.tg.calls[-1].params, {}))
    await h.command(KARI, "kopla", "x")
    assert (
        h.last_text(KARI)
        == "Den kommandoen verkar i Telegram-gruppechatten til ei gruppe, ikkje her."
    )
    menus = [c.params for c in h.tg.calls if c.method == "setMyCommands"]
    groups = [m for m in menus if m["scope"] == {"type": "all_group_chats"}]
    assert len(groups) == 5
    assert {c["command"] for c in groups[0]["commands"]} == {
        "sporsmal",
        "referent",
        "punkt",
        "gruppesvar",
        "kopla",
        "frakopla",
        "hjelp",
    }
