"""Splitting a point from the preview: pick it, tick answers, press Done; stored first."""

from tests.support.harness import ORGANISER, Harness
from tests.support.organiser import (
    curation_rows,
    open_tiltak,
    point_lines,
    seed_tiltak,
    view,
)


async def test_split_two_answers_out_of_a_point(h: Harness) -> None:
    refs = await seed_tiltak(h)
    await open_tiltak(h, ORGANISER)
    await h.press(ORGANISER, "✂️ Del opp")
    assert "Del opp: vel punktet du vil ta svar ut av." in view(h, ORGANISER).text
    picker = [label for label, _ in view(h, ORGANISER).buttons]
    assert "1" in picker and "3" not in picker  # a point of one answer cannot be split
    await h.press(ORGANISER, "1")
    listing = view(h, ORGANISER)
    assert "Del opp punkt 1: vel svara som skal bli eit eige punkt" in listing.text
    assert "1. <b>Gruppe 1</b>: Sats på Hallingdal 2.0" in listing.text
    assert not any("Ferdig" in label for label, _ in listing.buttons)  # nothing ticked yet
    await h.press(ORGANISER, "4")
    await h.press(ORGANISER, "5")
    ticked = [label for label, _ in view(h, ORGANISER).buttons if label.startswith("✅")]
    assert ticked == ["✅ 4", "✅ 5"]
    await h.press(ORGANISER, "✅ 5")  # untick, tick again
    await h.press(ORGANISER, "5")
    await h.press(ORGANISER, "✂️ Ferdig")
    assert await curation_rows(h) == [
        ("split", f"{refs['sats'][3]} {refs['sats'][4]}", "", "", ORGANISER)
    ]
    assert h.tg.calls[-1].params["text"] == "✂️ Delt opp."
    lines = point_lines(view(h, ORGANISER).text)
    assert lines[0] == "1. Sats på Hallingdal 2.0 (3 av 7 grupper)"
    assert "Sats på Hallingdal 2.0 (2 av 7 grupper)" in "\n".join(lines)


async def test_splitting_every_answer_or_forged_ticks_change_nothing(h: Harness) -> None:
    await seed_tiltak(h)
    await open_tiltak(h, ORGANISER)
    await h.press(ORGANISER, "✂️ Del opp")
    await h.press(ORGANISER, "1")
    first = view(h, ORGANISER).buttons[0][1].split(":")  # ov:<c>:<q>:<page>:st:<key>:<mask>
    address, key = ":".join(first[:4]), first[5]
    await h.click(ORGANISER, f"{address}:sd:{key}:31")  # all five answers
    assert await curation_rows(h) == []
    assert "ikkje alle" in h.tg.calls[-1].params["text"]
    await h.click(ORGANISER, f"{address}:st:{key}:999999")  # ticks beyond its answers
    assert await curation_rows(h) == []
