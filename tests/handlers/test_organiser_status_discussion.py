"""/status shows which groups confirmed a joint answer and the check-back's results."""

from tests.support.flow import KARI, OLA
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
from tests.support.organiser import data_of, view

CONFIRMED = "Stadfesta fellessvar: Gruppe 1 (spørsmål 1, 2)"


async def _two_tables(h: Harness) -> None:
    """Gruppe 1 (Kari, referent) and Gruppe 2 (Ola, no referent), each at a linked chat."""
    await link(h)
    await link(h, CODE_2, chat_id=OTHER_CHAT)
    await take_part(h, KARI)
    await take_part(h, OLA, chat_id=OTHER_CHAT)
    for chat_id in (GROUP_CHAT, OTHER_CHAT):
        await group_command(h, ORGANISER, "sporsmal", chat_id=chat_id)
    asked = question_messages(h)
    await say(h, KARI, "Eit felles selskap", reply_to=asked["organisering"])
    await say(h, KARI, "Felles næringsfond", reply_to=asked["tiltak"])
    await say(
        h,
        OLA,
        "Traineeordning",
        chat_id=OTHER_CHAT,
        reply_to=question_messages(h, OTHER_CHAT)["tiltak"],
    )
    await group_command(h, ORGANISER, "referent", reply_to=group_message(h, KARI, text="Eg"))


async def _confirm(h: Harness, number: str) -> None:
    """Kari confirms Gruppe 1's joint answer to question `number` (all points checked)."""
    await group_command(h, KARI, "gruppesvar", number)
    await h.press(KARI, "Stadfest fellessvaret", chat_id=GROUP_CHAT)


def _status(h: Harness) -> list[str]:
    return h.last_text(ORGANISER).splitlines()


async def test_status_shows_confirmed_joint_answers_and_the_check_back(h: Harness) -> None:
    await _two_tables(h)
    await h.command(ORGANISER, "status")
    lines = _status(h)
    assert not any(line.startswith(("Stadfesta fellessvar", "Kontroll")) for line in lines)
    await _confirm(h, "2")
    await h.command(ORGANISER, "status")
    assert "Stadfesta fellessvar: Gruppe 1 (spørsmål 2)" in _status(h)
    await _confirm(h, "1")
    await h.command(ORGANISER, "kontroll")
    await h.press(ORGANISER, "Send til alle gruppene")
    await h.command(ORGANISER, "status")
    lines = _status(h)
    assert CONFIRMED in lines
    assert "Kontroll: Gruppe 1 ventar, Gruppe 2 ventar" in lines
    # The confirmations come after the questions, before the silent groups.
    assert lines.index(CONFIRMED) > lines.index("<b>Spørsmål</b>")
    assert lines.index(CONFIRMED) < next(
        i for i, line in enumerate(lines) if line.startswith("<b>Utan svar enno</b>")
    )
    await h.press(KARI, "Det stemmer")
    await h.press(OLA, "Noko er feil", chat_id=OTHER_CHAT)
    await h.click(ORGANISER, data_of(view(h, ORGANISER), "🔄"))
    edited = view(h, ORGANISER)
    assert edited.method == "editMessageText"
    assert "Kontroll: Gruppe 1 ✅, Gruppe 2 ✏️…" in edited.text.splitlines()
    assert CONFIRMED in edited.text.splitlines()


async def test_status_in_bokmaal_names_the_confirmations(h: Harness) -> None:
    await _two_tables(h)
    await _confirm(h, "2")
    await h.command(ORGANISER, "status", language="nb")
    assert "Bekreftede fellessvar: Gruppe 1 (spørsmål 2)" in _status(h)
