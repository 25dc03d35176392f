"""The participant's way through the bot, over HTTP, with the bot run as users run it."""

from __future__ import annotations

import json

from bot.i18n.translator import P_
from tests.e2e.scenario import Tingbot, pattern, shown

CODE_1 = "ht26-g1-Kx7p"
SAVED = pattern("✅ Saved (point {count} for question {number}). Write more, or go on.")
NOT_JOINED = (
    "You have not joined a group yet. Open the link for your group that the organisers shared."
)
TOO_LONG = (
    "That message is too long (more than 4,096 characters), so it was not stored. "
    "Please split it into several messages."
)
DELETED = P_(
    "Deleted: {count} answer and everything else tingbot stored about you. "
    "To take part again, open your group's link.",
    "Deleted: {count} answers and everything else tingbot stored about you. "
    "To take part again, open your group's link.",
)


def test_join_answer_navigate_edit_and_withdraw(tingbot: Tingbot) -> None:
    bot = tingbot.start()
    kari = tingbot.person(5001, "Kari")
    first = kari.join(CODE_1)
    assert "Spørsmål 1 av 5" in first.result["text"]
    kari.say("Eit felles næringsselskap for heile dalen", SAVED)
    reply = kari.say("Fleire møteplassar for gründerar", SAVED)
    assert SAVED.search(reply.result["text"])["count"] == "2"  # type: ignore[index]
    kari.press("n:next:", expect="Spørsmål 2 av 5")
    kari.say("Felles innkjøp av kompetanse", SAVED)
    kari.press("n:prev:", expect="Spørsmål 1 av 5")

    listing = kari.command("mine", expect="Eit felles næringsselskap")
    assert "Felles innkjøp av kompetanse" in listing.result["text"]
    kari.press("e:", expect="Eit felles næringsselskap")
    kari.say(
        "Eit regionalt næringsselskap",
        shown(
            "✅ Your answer is updated. The earlier text is kept as a revision. /mine shows your answers."
        ),
    )
    kari.command("mine", expect="Eit regionalt næringsselskap")
    kari.press("w:", expect="Eit regionalt næringsselskap")

    assert bot.stop() == 0
    rows = tingbot.query(
        "SELECT a.text, a.status, q.key FROM answer a JOIN question q ON q.id = a.question_id "
        "JOIN participant p ON p.id = a.participant_id WHERE p.telegram_id = ? ORDER BY a.id",
        (5001,),
    )
    assert rows == [
        ("Eit regionalt næringsselskap", "withdrawn", "organisering"),
        ("Fleire møteplassar for gründerar", "active", "organisering"),
        ("Felles innkjøp av kompetanse", "active", "tiltak"),
    ]
    revisions = tingbot.query("SELECT text FROM answer_revision")
    assert revisions == [("Eit felles næringsselskap for heile dalen",)]
    cursor = tingbot.query("SELECT question_id FROM participant WHERE telegram_id = 5001")
    assert cursor == [(tingbot.question_ids()[0],)]


def answer_count(tingbot: Tingbot) -> int:
    """All answers in the database."""
    return int(tingbot.query("SELECT COUNT(*) FROM answer")[0][0])


def test_bad_input_gets_a_clear_answer_and_changes_nothing(tingbot: Tingbot) -> None:
    bot = tingbot.start()
    ola = tingbot.person(5002, "Ola")
    ola.say("Eg vil svare", shown(NOT_JOINED))
    ola.command("start", "feil-kode-1234", expect=shown("I don't know that link."))
    ola.join(CODE_1)
    first = ola.say("Betre samarbeid over kommunegrensene", SAVED)
    only_text = shown(
        "I can only take answers as text messages, so that was not stored. Please write your answer."
    )
    for send in (ola.handle.send_sticker, ola.handle.send_photo):
        mark = tingbot.emu.mark()
        send()
        ola.wait_reply(mark, only_text)
    mark = tingbot.emu.mark()
    ola.handle.send_document("svar.txt", b"Svar i fil")
    ola.wait_reply(mark, only_text)
    mark = tingbot.emu.mark()
    ola.handle.edit_message(first.result["message_id"] - 1, "Endra i Telegram")
    ola.wait_reply(
        mark, shown("Edits made in Telegram are not picked up. Use /mine to edit an answer.")
    )
    ola.command(
        "finst_ikkje", expect=shown("I don't know that command. /hjelp lists what I can do.")
    )
    ola.say("👍 👍 !!", shown("That message has no words in it, so it was not stored."))
    ola.say("ord " * 1025, pattern(TOO_LONG))
    assert bot.stop() == 0
    assert tingbot.query("SELECT text FROM answer") == [("Betre samarbeid over kommunegrensene",)]


def test_help_and_language(tingbot: Tingbot) -> None:
    bot = tingbot.start()
    per = tingbot.person(5003, "Per", language="nn")
    help_text = per.command("hjelp", expect="/mine_data").result["text"]
    assert all(f"/{c}" in help_text for c in ("svar", "mine", "sprak", "slett", "hjelp"))
    per.command("sprak")
    per.press("l:nb", expect=shown("Done: tingbot now speaks English with you.", "nb"))
    per.say("Hei", shown(NOT_JOINED, "nb"))
    assert bot.stop() == 0
    assert tingbot.query("SELECT language FROM telegram_user WHERE telegram_id = 5003") == [("nb",)]


def test_mine_data_and_slett(tingbot: Tingbot) -> None:
    bot = tingbot.start()
    siri = tingbot.person(5004, "Siri")
    siri.join(CODE_1)
    siri.say("Ein felles helsekoordinator", SAVED)
    sent = siri.command("mine_data", expect="JSON")
    assert sent.method == "sendDocument"
    document = siri.handle.messages[-1].document
    assert document is not None
    data = json.loads(document.data)
    assert [a["text"] for a in data["tables"]["answer"]] == ["Ein felles helsekoordinator"]
    assert data["telegram_id"] == 5004
    siri.command("slett", expect="1")
    siri.press("del:yes", expect=pattern(DELETED))
    siri.command("mine", expect=shown(NOT_JOINED))
    assert bot.stop() == 0
    assert answer_count(tingbot) == 0
    assert tingbot.query("SELECT COUNT(*) FROM participant") == [(0,)]
    assert tingbot.query("SELECT COUNT(*) FROM telegram_user") == [(0,)]
