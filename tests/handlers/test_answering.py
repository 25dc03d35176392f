"""Answering in private chat: text answers, navigation, /svar, restarts and the deadline."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support.botapi import Call
from tests.support.flow import AFTER_DEADLINE, KARI, KEYS, OLA, answers, cursor, qid
from tests.support.harness import Harness, start_harness, stop_harness


async def test_a_text_is_committed_before_it_is_acknowledged(h: Harness) -> None:
    await h.join(KARI)
    seen: list[int] = []

    def count_committed_answers(call: Call) -> None:
        if call.method == "sendMessage" and "Lagra" in call.text:
            seen.append(h.rows("SELECT count(*) FROM answer")[0][0])

    h.tg.hooks.append(count_committed_answers)
    await h.text(KARI, "Eit felles regionalt næringsselskap")
    await h.text(KARI, "  Ein næringshage i kvar kommune  ")
    assert seen == [1, 2]
    assert answers(h) == [
        ("organisering", "Eit felles regionalt næringsselskap", "active"),
        ("organisering", "Ein næringshage i kvar kommune", "active"),
    ]
    acks = h.replies(KARI)[-2:]
    assert acks == [
        "✅ Lagra (punkt 1 til spørsmål 1). Skriv meir, eller gå vidare.",
        "✅ Lagra (punkt 2 til spørsmål 1). Skriv meir, eller gå vidare.",
    ]
    assert [label for label, _ in h.tg.last(KARI).buttons] == ["Neste ▶", "🏁 Ferdig"]
    ((chat_id, message_id),) = h.rows(
        "SELECT source_chat_id, source_message_id FROM answer ORDER BY id LIMIT 1"
    )
    assert chat_id == KARI and message_id > 0


async def test_next_previous_skip_and_done(h: Harness) -> None:
    await h.join(KARI)
    await h.text(KARI, "Felles næringsselskap")
    await h.press(KARI, "Neste")
    assert h.last_text(KARI).startswith(
        "<b>Næringsutvikling</b> · Spørsmål 2 av 5\n\nKva tiltak kan vera aktuelle?"
    )
    assert [d for _, d in h.tg.last(KARI).buttons] == [
        f"n:prev:{qid(h, 'tiltak')}",
        f"n:skip:{qid(h, 'tiltak')}",
        f"n:done:{qid(h, 'tiltak')}",
    ]
    assert cursor(h) == "tiltak"
    await h.text(KARI, "Næringshage")
    assert answers(h)[-1] == ("tiltak", "Næringshage", "active")
    await h.press(KARI, "Førre")
    assert "Spørsmål 1 av 5" in h.last_text(KARI)
    assert "Du har gjeve 1 svar her." in h.last_text(KARI)
    assert cursor(h) == "organisering"
    await h.press(KARI, "Neste")
    await h.press(KARI, "Neste")
    assert h.last_text(KARI).startswith("<b>Helsesamarbeidet</b> · Spørsmål 3 av 5")
    await h.press(KARI, "Hopp over")
    assert "Spørsmål 4 av 5" in h.last_text(KARI)
    await h.press(KARI, "Hopp over")
    assert h.last_text(KARI).startswith("<b>Andre regionale samarbeidstiltak</b> · Spørsmål 5 av 5")
    await h.press(KARI, "Hopp over")  # past the last question: done
    assert h.last_text(KARI).startswith("Takk! Du har vore gjennom alle spørsmåla.")
    assert cursor(h) is None
    labels = [label for label, _ in h.tg.last(KARI).buttons]
    assert labels[0] == "1. Korleis kan kommunane i Hallingdal…"  # cut at a word
    assert len(labels[0]) <= 48  # short enough for a button
    assert labels[1] == "2. Kva tiltak kan vera aktuelle?"
    assert len(labels) == 5


async def test_done_then_a_text_is_not_stored_until_a_question_is_picked(h: Harness) -> None:
    await h.join(KARI)
    await h.press(KARI, "Ferdig")
    assert cursor(h) is None
    assert h.last_text(KARI).startswith("Takk! Du har vore gjennom alle spørsmåla.")
    await h.text(KARI, "Kvar hamnar dette?")
    assert answers(h) == []
    assert h.last_text(KARI).startswith("Den teksten vart ikkje lagra:")
    thanks = next(c for c in reversed(h.tg.to(KARI)) if c.text.startswith("Takk!"))
    picked = next(data for label, data in thanks.buttons if label.startswith("4. "))
    await h.click(KARI, picked, thanks)  # the list under the thanks: no text is added
    assert cursor(h) == "helse-nye-oppgaver"
    assert h.last_text(KARI).startswith("<b>Helsesamarbeidet</b> · Spørsmål 4 av 5")
    await h.text(KARI, "Legevakt")
    assert answers(h) == [("helse-nye-oppgaver", "Legevakt", "active")]


async def test_svar_resumes_where_the_participant_left_off(h: Harness) -> None:
    await h.join(KARI)
    await h.text(KARI, "Felles næringsselskap")
    await h.press(KARI, "Neste")
    await h.command(KARI, "hjelp")
    await h.command(KARI, "svar")
    assert "Spørsmål 2 av 5" in h.last_text(KARI)
    # When done, /svar goes to the first question without an answer.
    await h.press(KARI, "Ferdig")
    await h.command(KARI, "svar")
    assert "Spørsmål 2 av 5" in h.last_text(KARI)
    assert cursor(h) == "tiltak"


async def test_svar_when_everything_is_answered_says_thanks(h: Harness) -> None:
    await h.join(KARI)
    for _ in KEYS:
        await h.text(KARI, "Eit svar")
        await h.press(KARI, "Neste")
    assert cursor(h) is None
    await h.command(KARI, "svar")
    assert h.last_text(KARI).startswith("Takk! Du har vore gjennom alle spørsmåla.")
    assert [k for k, _, _ in answers(h)] == KEYS


async def test_participants_do_not_share_a_cursor(h: Harness) -> None:
    await h.join(KARI)
    await h.join(OLA, "ht26-g2-Qm4d")
    await h.press(KARI, "Hopp over")
    await h.text(OLA, "Ola sitt svar")
    await h.text(KARI, "Kari sitt svar")
    assert answers(h, OLA) == [("organisering", "Ola sitt svar", "active")]
    assert answers(h, KARI) == [("tiltak", "Kari sitt svar", "active")]


async def test_restart_in_the_middle_resumes_at_the_same_question(tmp_path: Path) -> None:
    first = await start_harness(tmp_path)
    await first.join(KARI)
    await first.text(KARI, "Felles næringsselskap")
    await first.press(KARI, "Neste")
    await first.press(KARI, "Hopp over")
    assert cursor(first) == "helse-fungerer"
    await stop_harness(first)

    h = await start_harness(tmp_path, tg=first.tg)
    try:
        await h.text(KARI, "Felles legevakt fungerer godt")
        await h.command(KARI, "svar")
        assert h.last_text(KARI).startswith("<b>Helsesamarbeidet</b> · Spørsmål 3 av 5")
        assert "Du har gjeve 1 svar her." in h.last_text(KARI)
        assert answers(h) == [
            ("organisering", "Felles næringsselskap", "active"),
            ("helse-fungerer", "Felles legevakt fungerer godt", "active"),
        ]
    finally:
        await stop_harness(h)


async def test_a_retired_question_is_hidden_and_its_answers_kept(tmp_path: Path) -> None:
    first = await start_harness(tmp_path)
    await first.join(KARI)
    await first.text(KARI, "Felles næringsselskap")
    await first.press(KARI, "Neste")
    await first.text(KARI, "Næringshage")
    await stop_harness(first)

    consultation = first.config.consultations[0]
    business = consultation.themes[0]
    themes = (replace(business, questions=business.questions[:1]), *consultation.themes[1:])
    h = await start_harness(tmp_path, tg=first.tg, themes=themes)
    try:
        assert answers(h)[-1] == ("tiltak", "Næringshage", "active")
        await h.command(KARI, "svar")
        # The cursor was on the retired question: /svar goes to the first unanswered one.
        assert h.last_text(KARI).startswith("<b>Helsesamarbeidet</b> · Spørsmål 2 av 4")
        await h.command(KARI, "mine")
        assert "Næringshage" not in h.last_text(KARI)
        assert "Felles næringsselskap" in h.last_text(KARI)
        assert len(h.tg.last(KARI).buttons) == 2  # edit and withdraw for one answer
    finally:
        await stop_harness(h)


async def test_a_new_question_in_the_config_is_asked(tmp_path: Path) -> None:
    first = await start_harness(tmp_path)
    await stop_harness(first)
    consultation = first.config.consultations[0]
    last = consultation.themes[-1]
    extra = replace(
        last.questions[0],
        key="samferdsel",
        text=replace(last.questions[0].text, nn="Kva med samferdsel?"),
    )
    themes = (*consultation.themes[:-1], replace(last, questions=(*last.questions, extra)))
    h = await start_harness(tmp_path, tg=first.tg, themes=themes)
    try:
        await h.join(KARI)
        assert "Spørsmål 1 av 6" in h.last_text(KARI)
        await h.press(KARI, "Ferdig")
        await h.press(KARI, "6. Kva med samferdsel?")
        assert h.last_text(KARI).endswith(
            "Spørsmål 6 av 6\n\nKva med samferdsel?\n\n"
            "<i>Skriv svaret ditt som ei melding. Fleire meldingar vert fleire punkt.</i>"
        )
    finally:
        await stop_harness(h)


async def test_after_the_deadline_answers_are_refused_and_nothing_stored(h: Harness) -> None:
    await h.join(KARI)
    await h.text(KARI, "Før fristen")
    h.clock.now = AFTER_DEADLINE
    before = h.snapshot()
    await h.text(KARI, "Etter fristen")
    assert h.last_text(KARI) == (
        "Fristen for svar har gått ut, så ingenting vart lagra. Takk for at du var med!"
    )
    assert h.snapshot() == before
    assert answers(h) == [("organisering", "Før fristen", "active")]


async def test_just_before_the_deadline_an_answer_is_taken(h: Harness) -> None:
    await h.join(KARI)
    h.clock.now = datetime(2027, 1, 14, 22, 58, 59, tzinfo=UTC)  # 23:58:59 in Oslo
    await h.text(KARI, "I siste liten")
    assert answers(h) == [("organisering", "I siste liten", "active")]


async def test_answer_texts_stay_out_of_info_logs(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await h.join(KARI)
    with caplog.at_level(logging.DEBUG, logger="bot"):
        await h.text(KARI, "Hemmeleg framlegg om næringsselskap")
    assert any("saved" in r.getMessage() for r in caplog.records)
    info = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert not any("Hemmeleg" in message for message in info)
