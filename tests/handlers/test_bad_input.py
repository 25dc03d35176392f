"""Bad input gets a clear, translated reply and changes nothing in the database."""

from __future__ import annotations

import logging
import time

import pytest

from tests.support.flow import KARI, NOT_TEXT, OLA, answers
from tests.support.harness import CODE_2, ORGANISER, Harness

ONLY_TEXT = (
    "Eg kan berre ta imot svar som tekstmeldingar, så dette vart ikkje lagra. Skriv svaret ditt."
)
INVALID_BUTTON = "Denne knappen gjeld ikkje lenger."


@pytest.fixture
async def joined(h: Harness) -> Harness:
    """Kari has joined and answered question 1 once."""
    await h.join(KARI)
    await h.text(KARI, "Eit felles næringsselskap")
    return h


@pytest.mark.parametrize("kind", sorted(NOT_TEXT))
async def test_only_text_is_taken(joined: Harness, kind: str) -> None:
    h = joined
    before = h.snapshot()
    await h.feed({"message": h.message(KARI, **NOT_TEXT[kind])})
    assert h.last_text(KARI) == ONLY_TEXT
    assert h.snapshot() == before


@pytest.mark.parametrize("kind", ["photo", "sticker"])
async def test_only_text_is_taken_before_joining(h: Harness, kind: str) -> None:
    before = h.snapshot()
    await h.feed({"message": h.message(KARI, **NOT_TEXT[kind])})
    assert h.last_text(KARI) == ONLY_TEXT
    assert h.snapshot() == before


async def test_text_over_4096_characters(joined: Harness) -> None:
    h = joined
    before = h.snapshot()
    await h.text(KARI, "ord " * 1024 + "x")
    assert h.last_text(KARI) == (
        "Meldinga er for lang (meir enn 4 096 teikn), så ho vart ikkje lagra. "
        "Del ho gjerne opp i fleire meldingar."
    )
    assert h.snapshot() == before


@pytest.mark.parametrize("length", [4001, 4096])
async def test_texts_up_to_telegrams_4096_characters_are_answers(
    joined: Harness, length: int
) -> None:
    h = joined
    await h.text(KARI, "y" * length)
    assert h.last_text(KARI).startswith("✅ Lagra (punkt 2 til spørsmål 1).")
    assert [len(text) for _, text, _ in answers(h)] == [len("Eit felles næringsselskap"), length]


async def test_text_without_words(joined: Harness) -> None:
    h = joined
    before = h.snapshot()
    await h.text(KARI, " 👍 ... ")
    assert h.last_text(KARI) == "Meldinga har ingen ord i seg, så ho vart ikkje lagra."
    assert h.snapshot() == before


async def test_edited_message_is_not_picked_up(joined: Harness) -> None:
    h = joined
    ((message_id,),) = h.rows("SELECT source_message_id FROM answer")
    before = h.snapshot()
    edited = {
        "message_id": message_id,
        "date": int(time.time()) - 60,
        "edit_date": int(time.time()),
        "chat": {"id": KARI, "type": "private", "first_name": "Kari"},
        "from": {"id": KARI, "is_bot": False, "first_name": "Kari", "language_code": "nn"},
        "text": "Eit felles næringsselskap, eigd av kommunane",
    }
    await h.feed({"edited_message": edited})
    reply = h.tg.last(KARI)
    assert reply.text == (
        "Endringar du gjer i Telegram, vert ikkje fanga opp. Bruk /mine for å endre eit svar."
    )
    assert reply.params["reply_parameters"]["message_id"] == message_id
    assert h.snapshot() == before


async def test_text_before_joining(h: Harness) -> None:
    before = h.snapshot()
    await h.text(KARI, "Eit svar utan gruppe")
    assert h.last_text(KARI) == (
        "Du har ikkje vorte med i ei gruppe enno. Opne lenkja til gruppa di som arrangørane har delt."
    )
    await h.command(KARI, "svar")
    assert h.last_text(KARI).startswith("Du har ikkje vorte med i ei gruppe enno.")
    assert h.snapshot() == before


@pytest.mark.parametrize("command", ["foo", "slett_alt", "start@another_bot"])
async def test_unknown_command(joined: Harness, command: str) -> None:
    h = joined
    before = h.snapshot()
    await h.command(KARI, command)
    assert h.last_text(KARI) == "Den kommandoen kjenner eg ikkje. /hjelp viser kva eg kan."
    assert h.snapshot() == before


async def test_messages_in_group_chats_are_ignored(joined: Harness) -> None:
    h = joined
    before = h.snapshot()
    calls = len(h.tg.calls)
    await h.feed({"message": h.message(KARI, chat_id=-1001111, text="Hei alle")})
    await h.feed({"message": h.message(KARI, chat_id=-1001111, **NOT_TEXT["sticker"])})
    assert len(h.tg.calls) == calls
    assert h.snapshot() == before


def forged(h: Harness) -> list[str]:
    """Button data that is stale, forged, or belongs to someone else."""
    ola_answer = h.rows(
        "SELECT a.id FROM answer a JOIN participant p ON p.id = a.participant_id "
        "WHERE p.telegram_id = ?",
        (OLA,),
    )[0][0]
    (question,) = h.rows("SELECT id FROM question WHERE key = 'tiltak'")[0]
    return [
        # not numeric
        "n:next:abc",
        "g:first",
        "e:1e3",
        "w:",
        "r:one",
        "j:gruppe-1",
        # another participant's answer
        f"e:{ola_answer}",
        f"w:{ola_answer}",
        f"r:{ola_answer}",
        # unknown ids
        "j:999",
        "g:999",
        "n:next:999",
        "n:done:999",
        "e:999",
        # numbers beyond SQLite's integers
        "e:99999999999999999999",
        "g:-9223372036854775809",
        "n:next:9223372036854775808",
        # wrong prefix, shape or value
        f"x:{question}",
        f"nx:next:{question}",
        f"n:jump:{question}",
        f"n:next:{question}:1",
        "n:next",
        "e",
        "l:de",
        "",
    ]


async def test_stale_or_forged_buttons(h: Harness) -> None:
    await h.join(OLA, CODE_2)
    await h.text(OLA, "Ola sitt svar")
    await h.join(KARI)
    await h.text(KARI, "Kari sitt svar")
    before = h.snapshot()
    for data in forged(h):
        sent = len(h.tg.to(KARI, "sendMessage"))
        pressed = await h.click(KARI, data)
        answer = h.query_answer(pressed)
        assert answer.params.get("text") == INVALID_BUTTON, data
        assert answer.params.get("show_alert") is True, data
        assert len(h.tg.to(KARI, "sendMessage")) == sent, data
        assert h.snapshot() == before, data


async def test_forged_organiser_buttons_are_refused_without_errors(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    before = h.snapshot()
    for data in (
        "mt:edit:9223372036854775808",
        "mt:drop:99999999999999999999",
        "os:99999999999999999999",
        "pn:ok:all:²",
        "pn:ok:all:99999999999999999999999",
        "pn:p:g²",
        "ov:²:1:0:v",
        "ov:1:1:0:hp:²",
    ):
        with caplog.at_level(logging.ERROR):
            pressed = await h.click(ORGANISER, data)
        answer = h.query_answer(pressed)
        assert answer.params.get("show_alert") is True, data
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR], data
    assert h.snapshot() == before


async def test_buttons_before_joining(h: Harness) -> None:
    before = h.snapshot()
    for data in ("n:next:1", "n:done:1", "g:1", "e:1", "w:1", "r:1"):
        pressed = await h.click(KARI, data)
        assert h.query_answer(pressed).params.get("text") == INVALID_BUTTON, data
    assert h.snapshot() == before
