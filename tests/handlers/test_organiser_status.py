"""/status: participants and answers per group and question, silent groups, deadline, refresh."""

from datetime import UTC, datetime
from pathlib import Path

from tests.support.harness import ORGANISER, Harness, start_harness, stop_harness
from tests.support.organiser import data_of, last_sent_id, seed, seed_tiltak, view


async def test_status_counts_a_seeded_set_of_answers(h: Harness) -> None:
    await seed_tiltak(h)
    await seed(
        h,
        [
            ("gruppe-1", 500, "organisering", "Regionrådet bør styre satsinga"),
            ("gruppe-1", 500, "organisering", "Eit felles selskap"),
        ],
    )
    await h.command(ORGANISER, "status")
    text = h.last_text(ORGANISER)
    lines = text.splitlines()
    assert "Gruppe 1: 2 deltakarar, 4 svar (2/5 spørsmål)" in lines
    assert "Gruppe 2: 2 deltakarar, 2 svar (1/5 spørsmål)" in lines
    assert "Gruppe 7: 1 deltakar, 1 svar (1/5 spørsmål)" in lines
    assert "Gruppe 8: 0 deltakarar, 0 svar (0/5 spørsmål)" in lines
    assert "<b>Totalt</b>: 9 deltakarar, 11 svar" in lines
    assert any(
        line.startswith("2. Kva tiltak kan vera aktuelle?: 9 svar frå 9 deltakarar i 7 av 8")
        for line in lines
    )
    assert any(
        line.startswith("1. Korleis kan kommunane") and "2 svar frå 1 deltakar i 1 av 8" in line
        for line in lines
    )
    assert "<b>Utan svar enno</b>: Gruppe 8" in lines
    assert "Frist torsdag 14. januar 2027 kl. 23:59 (1 månad att)." in text
    assert len(text) <= 4096


async def test_refresh_edits_the_message_in_place(h: Harness) -> None:
    await seed_tiltak(h)
    await h.command(ORGANISER, "status")
    sent = h.tg.last(ORGANISER)
    message_id = last_sent_id(h, ORGANISER)
    await seed(h, [("gruppe-8", 900, "tiltak", "Vegar")])
    h.clock.advance(hours=1)
    await h.click(ORGANISER, data_of(sent, "🔄"))
    edited = view(h, ORGANISER)
    assert edited.method == "editMessageText"
    assert int(edited.params["message_id"]) == message_id
    assert "Gruppe 8: 1 deltakar, 1 svar (1/5 spørsmål)" in edited.text
    assert "Alle gruppene har svara." in edited.text  # gruppe-8 was the last silent group
    assert "Utan svar enno" not in edited.text
    assert "Oppdatert 1. des. 2026 14:00" in edited.text
    answer = h.tg.calls[-1]
    assert answer.method == "answerCallbackQuery" and answer.params["text"] == "Oppdatert."


async def test_refresh_without_changes_is_not_an_error(h: Harness) -> None:
    await h.command(ORGANISER, "status")
    h.tg.fail(
        "editMessageText",
        400,
        "Bad Request: message is not modified: specified new message content and reply markup "
        "are exactly the same as a current content and reply markup of the message",
    )
    await h.press(ORGANISER, "🔄")
    answer = h.tg.calls[-1]
    assert answer.method == "answerCallbackQuery"
    assert answer.params["text"] == "Ikkje noko nytt sidan sist."
    assert len(h.tg.to(ORGANISER, "sendMessage")) == 1  # no second message, no apology


async def test_status_after_the_deadline_in_bokmaal(tmp_path: Path) -> None:
    h = await start_harness(tmp_path, now=datetime(2027, 2, 1, 12, 0, tzinfo=UTC))
    try:
        await h.command(ORGANISER, "status", language="nb")
        text = h.last_text(ORGANISER)
        assert "Fristen gikk ut torsdag 14. januar 2027 kl. 23:59." in text
        assert "Gruppe 1: 0 deltakere, 0 svar (0/5 spørsmål)" in text
        assert "<b>Uten svar ennå</b>: Gruppe 1, Gruppe 2" in text
    finally:
        await stop_harness(h)
