"""The raw data (CSV, JSON) after a cross-group round and a confirmed joint answer: each row
carries its point's support and whether it is part of its group's joint answer."""

import csv
import io
import json

from bot.render.export_data import export_rows, read_csv, read_json, rows_csv, rows_json
from bot.services.reports import gather
from tests.support.groupchat import GROUP_CHAT, group_command, group_message, link
from tests.support.harness import ORGANISER, Harness
from tests.support.round import G1, run_round
from tests.support.seeding import seed_answers

SUPPORT_COLUMNS = (
    "agree",
    "disagree",
    "passed",
    "votes",
    "agree_share",
    "groups_voting",
    "groups_agreeing",
    "common_ground",
)


async def test_rows_carry_the_support_of_their_point(h: Harness) -> None:
    await seed_answers(h)
    await run_round(h)
    rows = export_rows(await gather(h.app.bot_data.deps, h.config.consultations[0]))
    figures = {(r.group, r.point): tuple(getattr(r, c) for c in SUPPORT_COLUMNS) for r in rows}
    sats = (4, 0, 0, 4, 1.0, 3, 3, True)
    fond = (2, 1, 0, 3, 2 / 3, 3, 2, False)
    assert figures == {
        ("gruppe-1", "Vidareføring av Sats på Hallingdal 2.0"): sats,
        ("gruppe-1", "Eit regionalt næringsfond"): fond,
        ("gruppe-2", "Sats på Hallingdal 2.0 bør vidareførast"): sats,
        ("gruppe-3", "Sats på Hallingdal 2.0"): sats,
        ("gruppe-3", "Regionalt næringsfond for Hallingdal"): fond,
        ("gruppe-4", "Slå saman kommunane"): (0, 2, 1, 2, 0.0, 2, 0, False),
        ("gruppe-2", "Regional traineeordning"): (0, 0, 0, 0, None, 0, 0, False),
        ("gruppe-4", "Traineeordning for unge"): (0, 0, 0, 0, None, 0, 0, False),
    }
    assert {r.in_joint_answer for r in rows} == {None}  # no group has confirmed an answer
    text = rows_csv(rows)
    header = next(csv.reader(io.StringIO(text, newline="")))
    assert tuple(header[-9:]) == (*SUPPORT_COLUMNS, "in_joint_answer")
    first = next(csv.DictReader(io.StringIO(text, newline="")))
    assert [first[c] for c in SUPPORT_COLUMNS] == ["4", "0", "0", "4", "1.0", "3", "3", "true"]
    assert first["in_joint_answer"] == ""
    assert read_csv(text) == rows
    data = json.loads(rows_json(rows))
    assert data[0]["agree_share"] == 1.0 and data[0]["common_ground"] is True
    assert data[0]["in_joint_answer"] is None
    assert read_json(rows_json(rows)) == rows


async def test_rows_say_whether_a_point_is_in_the_groups_joint_answer(h: Harness) -> None:
    await seed_answers(h)
    await link(h)  # Gruppe 1's chat; its seeded participant is the referent
    await group_command(h, ORGANISER, "referent", reply_to=group_message(h, G1, text="Eg"))
    await group_command(h, G1, "gruppesvar", "1")
    await h.press(G1, "2. Eit regionalt", chat_id=GROUP_CHAT)  # all start checked: uncheck
    await h.press(G1, "Stadfest fellessvaret", chat_id=GROUP_CHAT)
    rows = export_rows(await gather(h.app.bot_data.deps, h.config.consultations[0]))
    joint = {(r.group, r.point): r.in_joint_answer for r in rows}
    assert joint[("gruppe-1", "Vidareføring av Sats på Hallingdal 2.0")] is True
    assert joint[("gruppe-1", "Eit regionalt næringsfond")] is False
    assert {v for (group, _), v in joint.items() if group != "gruppe-1"} == {None}
    assert read_csv(rows_csv(rows)) == rows and read_json(rows_json(rows)) == rows
    cells = {
        (r["group"], r["point"]): r["in_joint_answer"]
        for r in csv.DictReader(io.StringIO(rows_csv(rows), newline=""))
    }
    assert cells[("gruppe-1", "Eit regionalt næringsfond")] == "false"
    assert all(r.agree_share is None and r.votes == 0 for r in rows)  # no round: no figures
