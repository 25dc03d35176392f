"""Joining a group with a deep link: the offer, consent, moving between groups, /hjelp."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.handlers.shared.common import signed
from tests.support.harness import CODE_1, CODE_2, Harness, start_harness, stop_harness

KARI = 5001
OLA = 5002
UNKNOWN_LINK = "Den lenkja kjenner eg ikkje."
HOW_TO_JOIN = (
    "For å vere med, opnar du lenkja til gruppa di som arrangørane har delt "
    "(ho ser ut som https://t.me/tingbot_test_bot?start=…)."
)


def group_of(h: Harness, telegram_id: int) -> str | None:
    """The key of the group the user is a member of (None if none)."""
    rows = h.rows(
        "SELECT g.key FROM participant p JOIN discussion_group g ON g.id = p.group_id "
        "WHERE p.telegram_id = ?",
        (telegram_id,),
    )
    return rows[0][0] if rows else None


async def test_start_with_code_offers_the_group_with_a_privacy_notice(h: Harness) -> None:
    before = h.snapshot()
    await h.command(KARI, "start", CODE_1)
    offer = h.tg.last(KARI)
    assert offer.text.startswith(
        "<b>Hallingtinget 2026: Næringsutvikling, helsesamarbeid og regionalt samarbeid</b>"
    )
    assert "Du er invitert til å svare i <b>Gruppe 1</b>." in offer.text
    assert "Som ledd i rulleringa av regionplanen vert Hallingtinget utfordra" in offer.text
    assert "Svarfristen er torsdag 14. januar 2027 kl. 23:59." in offer.text
    # The privacy notice in a few sentences; the whole of it is behind "Les meir".
    notice = offer.text.split("\n\n")[-1]
    assert notice.startswith("<b>Personvern</b>: tingbot lagrar førenamnet ditt")
    assert notice.endswith("/slett slettar alt om deg med ein gong.")
    assert len(notice) < 420
    group_id = h.rows("SELECT id FROM discussion_group WHERE key = 'gruppe-1'")[0][0]
    # The consent button is signed for its receiver: no one else can join with it.
    signature = signed(h.app.bot_data.deps, "join", KARI, group_id)
    assert offer.buttons == [
        ("✅ Eg godtek, bli med", f"j:{group_id}:{signature}"),
        ("🔒 Les meir om personvern", f"pm:{group_id}"),
        ("Bokmål", f"jl:nb:{group_id}:{signature}"),
        ("English", f"jl:en:{group_id}:{signature}"),
        ("Avbryt", "jx"),
    ]
    assert h.snapshot() == before, "an offer must not store anything"


async def test_accept_stores_membership_and_asks_question_one(h: Harness) -> None:
    await h.command(KARI, "start", CODE_1)
    offer = h.tg.last(KARI)
    await h.press(KARI, "✅")
    assert group_of(h, KARI) == "gruppe-1"
    ((consent, active, first_name),) = h.rows(
        "SELECT p.consent_at, p.active, u.first_name FROM participant p "
        "JOIN telegram_user u USING (telegram_id) WHERE p.telegram_id = ?",
        (KARI,),
    )
    assert (consent, active, first_name) == (
        "2026-12-01T12:00:00.000000+00:00",
        1,
        f"User{KARI}",
    )
    # The consent button is taken away, then the welcome and question 1 follow.
    (removed,) = h.tg.to(KARI, "editMessageReplyMarkup")
    assert removed.params["message_id"] == h.tg.sent[(KARI, 2)]["message_id"]
    assert "reply_markup" not in removed.params
    assert offer.text == h.tg.sent[(KARI, 2)]["text"]
    welcome, question = h.replies(KARI)[-2:]
    assert welcome == "Velkomen til <b>Gruppe 1</b>! Her kjem det første spørsmålet."
    assert question.startswith("<b>Næringsutvikling</b> · Spørsmål 1 av 5\n\nKorleis kan")
    assert "Skriv svaret ditt som ei melding." in question
    labels = [label for label, _ in h.tg.last(KARI).buttons]
    assert labels == ["Hopp over ▶", "🏁 Ferdig"]  # no "previous" on the first question
    first = h.rows("SELECT id FROM question WHERE key = 'organisering'")[0][0]
    assert h.rows("SELECT question_id FROM participant") == [(first,)]


async def test_start_without_code_explains_and_stores_nothing(h: Harness) -> None:
    before = h.snapshot()
    await h.command(KARI, "start")
    assert h.last_text(KARI) == HOW_TO_JOIN
    assert h.tg.last(KARI).buttons == []
    assert h.snapshot() == before


async def test_start_with_unknown_code_explains_and_stores_nothing(h: Harness) -> None:
    before = h.snapshot()
    await h.command(KARI, "start", "ht26-g9-XXXX")
    assert h.last_text(KARI) == f"{UNKNOWN_LINK} {HOW_TO_JOIN}"
    assert h.snapshot() == before


async def test_cancel_stores_nothing(h: Harness) -> None:
    before = h.snapshot()
    await h.command(KARI, "start", CODE_1)
    pressed = await h.press(KARI, "Avbryt")
    assert h.last_text(KARI) == "Ingenting vart lagra. Du kan opne lenkja igjen når du vil."
    assert h.query_answer(pressed).params.get("text") is None
    assert h.snapshot() == before


async def test_start_again_when_joined(h: Harness) -> None:
    await h.join(KARI)
    await h.text(KARI, "Eit felles næringsselskap")
    before = h.snapshot()
    await h.command(KARI, "start")
    assert h.last_text(KARI) == (
        "Velkomen tilbake til <b>Gruppe 1</b>. /svar held fram med svara, /hjelp viser kommandoane."
    )
    await h.command(KARI, "start", CODE_1)
    already, question = h.replies(KARI)[-2:]
    assert already == "Du er alt med i <b>Gruppe 1</b>."
    assert "Spørsmål 1 av 5" in question
    assert "Du har gjeve 1 svar her." in question
    assert h.snapshot() == before


async def test_joining_another_group_asks_before_moving(h: Harness) -> None:
    await h.join(KARI, CODE_1)
    await h.text(KARI, "Eit felles næringsselskap")
    before = h.snapshot()
    await h.command(KARI, "start", CODE_2)
    offer = h.tg.last(KARI)
    assert "Du er invitert til å svare i <b>Gruppe 2</b>." in offer.text
    assert offer.text.endswith(
        "Du er no med i <b>Gruppe 1</b>. Vert du med her, flyttar du og svara dine til "
        "<b>Gruppe 2</b>."
    )
    assert [label for label, _ in offer.buttons] == [
        "✅ Flytt til denne gruppa",
        "🔒 Les meir om personvern",
        "Bokmål",
        "English",
        "Avbryt",
    ]
    assert h.snapshot() == before, "the move waits for the confirmation"
    await h.press(KARI, "Flytt")
    assert group_of(h, KARI) == "gruppe-2"
    assert h.rows("SELECT count(*) FROM participant") == [(1,)]
    assert h.rows("SELECT text FROM answer") == [("Eit felles næringsselskap",)]
    assert "Velkomen til <b>Gruppe 2</b>!" in h.replies(KARI)[-2]


async def test_cancelling_a_move_keeps_the_group(h: Harness) -> None:
    await h.join(KARI, CODE_1)
    before = h.snapshot()
    await h.command(KARI, "start", CODE_2)
    await h.press(KARI, "Avbryt")
    assert group_of(h, KARI) == "gruppe-1"
    assert h.snapshot() == before


async def test_groups_removed_from_the_config_cannot_be_joined(tmp_path: Path) -> None:
    first = await start_harness(tmp_path)
    await first.command(KARI, "start", "ht26-g8-Nf6u")
    stale = first.tg.last(KARI)
    await stop_harness(first)
    config_groups = first.config.consultations[0].groups
    h = await start_harness(tmp_path, tg=first.tg, groups=config_groups[:7])
    try:
        assert h.rows("SELECT retired FROM discussion_group WHERE key = 'gruppe-8'") == [(1,)]
        before = h.snapshot()
        await h.command(KARI, "start", "ht26-g8-Nf6u")
        assert h.last_text(KARI).startswith(UNKNOWN_LINK)
        pressed = await h.click(KARI, stale.buttons[0][1], stale)
        alert = h.query_answer(pressed)
        assert alert.params["text"] == "Denne knappen gjeld ikkje lenger."
        assert alert.params["show_alert"] is True
        assert h.snapshot() == before
    finally:
        await stop_harness(h)


async def test_a_renamed_group_with_a_new_code_keeps_its_members(tmp_path: Path) -> None:
    first = await start_harness(tmp_path)
    await first.join(KARI)
    await stop_harness(first)
    groups = list(first.config.consultations[0].groups)
    groups[0] = replace(groups[0], name="Gruppe Gol", code="gol-2026-new")
    h = await start_harness(tmp_path, tg=first.tg, groups=tuple(groups))
    try:
        await h.command(KARI, "start")
        assert "Velkomen tilbake til <b>Gruppe Gol</b>." in h.last_text(KARI)
        assert group_of(h, KARI) == "gruppe-1"
        await h.command(OLA, "start", CODE_1)
        assert h.last_text(OLA).startswith(UNKNOWN_LINK)
        await h.join(OLA, "gol-2026-new")
        assert group_of(h, OLA) == "gruppe-1"
        assert h.rows("SELECT join_code FROM discussion_group WHERE key = 'gruppe-1'") == [
            ("gol-2026-new",)
        ]
    finally:
        await stop_harness(h)


async def test_help_lists_the_commands(h: Harness) -> None:
    await h.command(KARI, "hjelp")
    text = h.last_text(KARI)
    assert text.startswith("<b>tingbot</b> samlar svara frå gruppa di")
    for line in (
        "/svar – Svar på spørsmåla (hald fram der du slapp)",
        "/mine – Sjå, endre eller trekk tilbake svara dine",
        "/sprak – Vel språk: nynorsk, bokmål eller engelsk",
        "/hjelp – Korleis tingbot verkar",
    ):
        assert line in text.splitlines()
    await h.command(KARI, "help")
    assert h.last_text(KARI) == text
