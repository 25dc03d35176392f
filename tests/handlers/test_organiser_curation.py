"""Curation from the preview: every action and undo, stored first, kept across restarts."""

from pathlib import Path

from tests.support.harness import ORGANISER, Harness, start_harness, stop_harness
from tests.support.organiser import (
    consultation_id,
    curation_rows,
    data_of,
    last_sent_id,
    open_tiltak,
    point_lines,
    question_id,
    seed_tiltak,
    view,
)

ORIGINAL = [
    "1. Sats på Hallingdal 2.0 (5 av 7 grupper)",
    "2. Regionalt næringsfond (2 av 7 grupper)",
    "3. Betre mobildekning og breiband (1 av 7 grupper)",
    "4. Traineeordning for unge (1 av 7 grupper)",
]


async def _pick(h: Harness, *labels: str) -> None:
    for label in labels:
        await h.press(ORGANISER, label)


async def test_merge_two_points(h: Harness) -> None:
    refs = await seed_tiltak(h)
    await open_tiltak(h, ORGANISER)
    preview_id = last_sent_id(h, ORGANISER)
    await _pick(h, "Slå saman", "3")
    assert "Slå saman med punkt 3: vel det andre punktet." in view(h, ORGANISER).text
    picker = [label for label, _ in view(h, ORGANISER).buttons]
    assert "3" not in picker and {"1", "2", "4"} <= set(picker)
    await h.press(ORGANISER, "4")
    assert await curation_rows(h) == [
        ("merge", refs["mobil"][0], refs["trainee"][0], "", ORGANISER)
    ]
    log = await h.storage.summaries.curation_log(consultation_id(h))
    assert log[0].created_at == h.clock() and log[0].question_key == "tiltak"
    shown = view(h, ORGANISER)
    assert shown.method == "editMessageText" and int(shown.params["message_id"]) == preview_id
    lines = point_lines(shown.text)
    # The joined point keeps the name of the point merged into (stable labels).
    assert lines[0] == ORIGINAL[0] and len(lines) == 3
    assert sorted(line.split(". ", 1)[1] for line in lines[1:]) == [
        "Betre mobildekning og breiband (2 av 7 grupper)",
        "Regionalt næringsfond (2 av 7 grupper)",
    ]
    assert h.tg.calls[-1].method == "answerCallbackQuery"
    assert h.tg.calls[-1].params["text"] == "🔗 Slått saman."


async def test_move_an_answer_shows_provenance_without_names(h: Harness) -> None:
    refs = await seed_tiltak(h)
    await open_tiltak(h, ORGANISER)
    await _pick(h, "Flytt eit svar", "1")
    listing = view(h, ORGANISER).text
    assert "1. <b>Gruppe 1</b>: Sats på Hallingdal 2.0" in listing
    assert "5. <b>Gruppe 5</b>: Sats på Hallingdal 2.0" in listing
    assert "Person" not in listing
    await h.press(ORGANISER, "2")  # the answer of Gruppe 2
    assert "Kva punkt skal «Sats på Hallingdal 2.0» flyttast til?" in view(h, ORGANISER).text
    await h.press(ORGANISER, "2")  # into "Regionalt næringsfond"
    assert await curation_rows(h) == [("move", refs["sats"][1], refs["fond"][0], "", ORGANISER)]
    lines = point_lines(view(h, ORGANISER).text)
    assert lines[0] == "1. Sats på Hallingdal 2.0 (4 av 7 grupper)"
    assert lines[1].endswith("(3 av 7 grupper)")


async def test_provenance_shows_names_when_the_consultation_says_so(tmp_path: Path) -> None:
    h = await start_harness(tmp_path, show_names=True)
    try:
        await seed_tiltak(h)
        await open_tiltak(h, ORGANISER)
        await _pick(h, "Flytt eit svar", "2")
        assert "<b>Gruppe 6, Person506</b>: Regionalt næringsfond" in view(h, ORGANISER).text
    finally:
        await stop_harness(h)


async def test_hide_and_show_again(h: Harness) -> None:
    refs = await seed_tiltak(h)
    await open_tiltak(h, ORGANISER)
    await _pick(h, "Skjul", "3")
    shown = view(h, ORGANISER)
    assert "<blockquote expandable>🙈 <b>Skjult</b>" in shown.text
    assert shown.text.rstrip().endswith("</blockquote>")
    assert point_lines(shown.text)[-1] == "4. Betre mobildekning og breiband (1 av 7 grupper)"
    await h.press(ORGANISER, "Vis att")
    numbers = [label for label, _ in view(h, ORGANISER).buttons if label.isdigit()]
    assert numbers == ["4"]  # only the hidden point can be shown again
    await h.press(ORGANISER, "4")
    assert point_lines(view(h, ORGANISER).text) == ORIGINAL
    assert "blockquote" not in view(h, ORGANISER).text
    mobil = refs["mobil"][0]
    assert await curation_rows(h) == [
        ("hide", mobil, "", "", ORGANISER),
        ("unhide", mobil, "", "", ORGANISER),
    ]


async def test_undo_the_last_action_and_refuse_a_stale_undo(h: Harness) -> None:
    await seed_tiltak(h)
    await open_tiltak(h, ORGANISER)
    await _pick(h, "Slå saman", "3", "4")
    stale = data_of(view(h, ORGANISER), "Angre")
    await h.press(ORGANISER, "Angre")
    assert [row[0] for row in await curation_rows(h)] == ["merge", "undo"]
    assert point_lines(view(h, ORGANISER).text) == ORIGINAL
    assert not any("Angre" in label for label, _ in view(h, ORGANISER).buttons)
    await h.click(ORGANISER, stale)
    assert [row[0] for row in await curation_rows(h)] == ["merge", "undo"]
    alerts = [
        c for c in h.tg.calls if c.method == "answerCallbackQuery" and c.params.get("show_alert")
    ]
    assert alerts and alerts[-1].params["text"] == "Denne knappen gjeld ikkje lenger."


async def test_forged_refs_from_an_organiser_store_nothing(h: Harness) -> None:
    refs = await seed_tiltak(h)
    await open_tiltak(h, ORGANISER)
    cid, qid, other = consultation_id(h), question_id(h, "tiltak"), question_id(h, "organisering")
    sats, fond = refs["sats"][0], refs["fond"][0]
    forged = [
        f"ov:{cid}:{qid}:0:mb:{sats}:999.0",  # no such point
        f"ov:{cid}:{qid}:0:mb:{sats}:{refs['sats'][1]}",  # already the same point
        f"ov:{cid}:{other}:0:mb:{sats}:{fond}",  # points of another question
        f"ov:{cid}:{qid}:0:up:{sats}",  # not hidden
        f"ov:{cid}:{qid}:0:nx:{sats}",  # never renamed
        f"ov:{cid}:{qid}:0:z:0",  # nothing to undo
        f"ov:{cid + 7}:{qid}:0:hp:{sats}",  # another consultation
        f"ov:{cid}:{qid}:0:hp:{sats}:{fond}",  # malformed
        f"ov:{cid}:{qid}:0:hp:Sats på Hallingdal",  # a label, not a ref
        f"ov:{cid}:{qid}:0:xx:{sats}",  # unknown mode
    ]
    for data in forged:
        await h.click(ORGANISER, data)
        alerts = [c for c in h.tg.calls if c.method == "answerCallbackQuery"]
        assert alerts[-1].params["show_alert"] is True, data
        assert alerts[-1].params["text"] == "Denne knappen gjeld ikkje lenger.", data
    assert await curation_rows(h) == []


async def test_the_action_is_stored_before_the_preview_is_drawn(h: Harness) -> None:
    await seed_tiltak(h)
    await open_tiltak(h, ORGANISER)
    await h.press(ORGANISER, "Skjul")
    h.tg.fail("editMessageText", 502, "Bad Gateway")
    await h.press(ORGANISER, "3")
    assert [row[0] for row in await curation_rows(h)] == ["hide"]


async def test_curation_survives_a_restart(tmp_path: Path) -> None:
    h = await start_harness(tmp_path)
    await seed_tiltak(h)
    await open_tiltak(h, ORGANISER)
    await _pick(h, "Slå saman", "3", "4", "Skjul", "2", "Nytt namn", "1")
    await h.text(ORGANISER, "Vidareføre Sats på Hallingdal")
    before = point_lines(view(h, ORGANISER).text)
    await stop_harness(h)
    again = await start_harness(tmp_path)
    try:
        assert again.config.database == h.config.database
        shown = await open_tiltak(again, ORGANISER)
        assert point_lines(shown.text) == before
        assert before[0] == "1. Vidareføre Sats på Hallingdal (5 av 7 grupper) ✏️"
        assert "<blockquote expandable>" in shown.text and "Regionalt næringsfond" in shown.text
        assert any("Angre" in label for label, _ in shown.buttons)
        await again.press(ORGANISER, "Angre")  # undo continues where the log left off
        assert not point_lines(view(again, ORGANISER).text)[0].startswith("1. Vidareføre")
    finally:
        await stop_harness(again)


async def test_new_answers_join_the_curated_points(h: Harness) -> None:
    await seed_tiltak(h)
    await open_tiltak(h, ORGANISER)
    await _pick(h, "Slå saman", "3", "2", "Nytt namn", "2")
    await h.text(ORGANISER, "Fond og breiband")
    merged = [line for line in point_lines(view(h, ORGANISER).text) if "Fond og breiband" in line]
    assert merged == ["2. Fond og breiband (3 av 7 grupper) ✏️"]
    newcomer, code_8 = 808, h.config.consultations[0].groups[7].code
    await h.join(newcomer, code_8)
    await h.click(newcomer, f"n:skip:{question_id(h, 'organisering')}")
    await h.text(newcomer, "Regionalt næringsfond")
    assert "✅" in h.last_text(newcomer)
    await h.press(ORGANISER, "Oppdater")
    lines = point_lines(view(h, ORGANISER).text)
    assert lines[0] == "1. Sats på Hallingdal 2.0 (5 av 8 grupper)"
    assert lines[1] == "2. Fond og breiband (4 av 8 grupper) ✏️"
    assert len(lines) == 3
