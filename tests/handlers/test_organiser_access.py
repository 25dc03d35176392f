"""Only organisers: every organiser command and button refuses anyone else and changes nothing."""

import logging

import pytest

from bot.logs import KeyValueFormatter
from tests.support.harness import CODE_1, ORGANISER, Harness
from tests.support.organiser import (
    TEXTS,
    consultation_id,
    curation_rows,
    open_tiltak,
    question_id,
    seed_tiltak,
    view,
)

STRANGER = 222222222
REFUSAL = "Berre arrangørane av tinget kan gjere dette."


def _lines(caplog: pytest.LogCaptureFixture, level: int = logging.DEBUG) -> list[str]:
    """The captured records as the structured log lines the bot writes (bot.logs)."""
    formatter = KeyValueFormatter()
    return [formatter.format(r) for r in caplog.records if r.levelno >= level]


def _assert_logged_without_answers(caplog: pytest.LogCaptureFixture) -> None:
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert any(getattr(r, "user", None) == STRANGER for r in warnings)
    logged = "\n".join(_lines(caplog))
    assert not any(text in logged for text in TEXTS.values())


@pytest.mark.parametrize("command", ["status", "lenker", "oppsummering"])
async def test_commands_refuse_a_participant(
    h: Harness, caplog: pytest.LogCaptureFixture, command: str
) -> None:
    await seed_tiltak(h)
    await h.join(STRANGER, CODE_1)
    caplog.set_level(logging.INFO)
    calls = len(h.tg.calls)
    await h.command(STRANGER, command)
    new = h.tg.calls[calls:]
    assert [c.method for c in new] == ["sendMessage"]
    assert new[0].text == REFUSAL and not new[0].buttons
    _assert_logged_without_answers(caplog)


async def _every_button(h: Harness, refs: dict[str, list[str]]) -> list[str]:
    """Callback data of every organiser button, as the organiser was shown them."""
    await h.command(ORGANISER, "status")
    seen = [data for _, data in h.tg.last(ORGANISER).buttons]
    await open_tiltak(h, ORGANISER)
    for label in ("Slå saman", "1", "Avbryt", "Flytt eit svar", "1", "1", "Avbryt"):
        await h.press(ORGANISER, label)
        seen += [data for _, data in view(h, ORGANISER).buttons]
    for label in ("Skjul", "4", "Nytt namn", "2"):
        await h.press(ORGANISER, label)
        seen += [data for _, data in view(h, ORGANISER).buttons]
    await h.text(ORGANISER, "Fond")
    await h.press(ORGANISER, "Nytt namn")
    await h.press(ORGANISER, "2")
    seen += [data for _, data in view(h, ORGANISER).buttons]  # incl. the automatic-name button
    await h.command(ORGANISER, "avbryt")
    await h.press(ORGANISER, "Vis att")
    seen += [data for _, data in view(h, ORGANISER).buttons]
    cid, qid = consultation_id(h), question_id(h, "tiltak")
    seen.append(f"ov:{cid}:{qid}:0:z:{len(await curation_rows(h))}")
    return sorted(set(seen))


async def test_buttons_refuse_a_participant_and_change_nothing(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    refs = await seed_tiltak(h)
    buttons = await _every_button(h, refs)
    modes = {data.split(":")[4] for data in buttons if data.startswith("ov:")}
    expected = {
        "v",
        "m",
        "ma",
        "mb",
        "mv",
        "ms",
        "mt",
        "mr",
        "n",
        "np",
        "nx",
        "h",
        "hp",
        "u",
        "up",
        "z",
    }
    assert modes == expected
    assert any(data.startswith("os:") for data in buttons)
    await h.join(STRANGER, CODE_1)
    before = await curation_rows(h)
    caplog.set_level(logging.INFO)
    preview = view(h, ORGANISER)
    for data in buttons:
        calls = len(h.tg.calls)
        caplog.clear()
        await h.click(STRANGER, data, message=preview)
        new = h.tg.calls[calls:]
        assert [c.method for c in new] == ["answerCallbackQuery"], data
        assert new[0].params["text"] == REFUSAL and new[0].params["show_alert"] is True
        _assert_logged_without_answers(caplog)
    assert await curation_rows(h) == before
    await h.text(STRANGER, "Eit heilt vanleg svar")  # no rename was started for the stranger
    participations = await h.storage.participants.participations(STRANGER)
    answers = await h.storage.answers.answers_of(participations[0].id)
    assert [a.text for a in answers] == ["Eit heilt vanleg svar"]


async def test_an_organiser_cannot_reach_another_consultation(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    refs = await seed_tiltak(h)
    await open_tiltak(h, ORGANISER)
    caplog.set_level(logging.INFO)
    qid = question_id(h, "tiltak")
    for data in (
        f"os:{consultation_id(h) + 1}",
        f"ov:{consultation_id(h) + 1}:{qid}:0:hp:{refs['sats'][0]}",
    ):
        await h.click(ORGANISER, data)
        assert h.tg.calls[-1].params["text"] == "Denne knappen gjeld ikkje lenger."
    assert await curation_rows(h) == []
    assert any(f"user={ORGANISER}" in line for line in _lines(caplog, logging.WARNING))
