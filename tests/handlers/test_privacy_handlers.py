"""/mine_data, /slett with its confirmation, the signed join button and the retention job."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from pathlib import Path

from telegram.ext import CallbackContext

from bot.handlers.discussion.group_chat import post_if_due
from bot.handlers.participant.answering import NOT_JOINED
from bot.i18n.translator import P_, translator
from bot.jobs import schedule_jobs
from bot.jobs.purge import PURGE_JOB, purge_job
from tests.support.botapi import chat, user
from tests.support.harness import CODE_1, Harness, start_harness, stop_harness

nn = translator("nn")
NOT_VALID = nn("This button is no longer valid.")
DELETED = P_(
    "Deleted: {count} answer and everything else tingbot stored about you. "
    "To take part again, open your group's link.",
    "Deleted: {count} answers and everything else tingbot stored about you. "
    "To take part again, open your group's link.",
)


async def answers(h: Harness) -> int:
    """How many answers the database holds."""
    row = await h.storage.db.fetchone("SELECT COUNT(*) FROM answer")
    assert row is not None
    return int(row[0])


async def test_mine_data_sends_everything_about_the_user_as_json(h: Harness) -> None:
    await h.join(5)
    await h.text(5, "Eit felles næringsselskap")
    await h.join(6)
    await h.text(6, "Ola sitt svar")
    await h.command(5, "mine_data")
    call = h.tg.last(5, "sendDocument")
    document = json.loads(next(iter(call.files.values())).decode())
    tables = document["tables"]
    assert [a["text"] for a in tables["answer"]] == ["Eit felles næringsselskap"]
    assert [p["telegram_id"] for p in tables["participant"]] == [5]
    group_id = str(tables["participant"][0]["group_id"])
    assert document["labels"]["discussion_group"][group_id] == "Gruppe 1"
    assert "Ola sitt svar" not in json.dumps(document, ensure_ascii=False)
    # Organisers' records stay; a group's records stay without the person.
    assert set(document["kept_after_deletion"]) == {
        "curation_action",
        "publication",
        "decision",
        "round_event",
        "group_chat",
        "referent",
        "group_answer",
        "group_poll",
        "checkback",
        "console_login",
    }
    assert "/slett" in call.text


async def test_mine_data_for_a_stranger_says_nothing_is_stored(h: Harness) -> None:
    await h.command(77, "mine_data")
    assert h.last_text(77) == nn("Nothing is stored about you.")
    assert not h.tg.to(77, "sendDocument")


async def test_slett_deletes_after_confirmation_and_only_then(h: Harness) -> None:
    await h.join(5)
    await h.text(5, "Svar ein")
    await h.text(5, "Svar to")
    await h.join(6)
    await h.text(6, "Ola held fram")
    await h.command(5, "slett")
    assert "2" in h.last_text(5)
    await h.press(5, nn("No, keep it"))
    assert h.last_text(5) == nn("Nothing was deleted.")
    assert await answers(h) == 3
    await h.command(5, "slett")
    await h.press(5, nn("Yes, delete everything"))
    assert h.last_text(5) == nn(DELETED, count=2)
    assert await h.storage.privacy.personal_data(5) == {}
    assert await answers(h) == 1
    await h.command(5, "mine")
    assert h.last_text(5) == nn(NOT_JOINED)


async def test_an_old_or_forged_deletion_button_deletes_nothing(h: Harness) -> None:
    await h.join(5)
    await h.text(5, "Svar ein")
    await h.command(5, "slett")
    data = next(d for _, d in h.tg.last(5).buttons if d.startswith("del:yes:"))
    await h.click(6, data, chat_id=6)  # another user replays the button data
    await h.click(5, data.rsplit(":", 1)[0] + ":AAAAAAAAAA")
    h.clock.advance(minutes=16)
    await h.click(5, data)
    assert "/slett" in h.last_text(5)
    assert await answers(h) == 1
    alerts = [c.params.get("text") for c in h.tg.calls if c.method == "answerCallbackQuery"]
    assert alerts.count(NOT_VALID) == 2


async def test_a_join_button_cannot_be_forged_or_replayed_by_someone_else(h: Harness) -> None:
    await h.command(5, "start", CODE_1)
    data = next(d for _, d in h.tg.last(5).buttons if d.startswith("j:"))
    group_id = data.split(":")[1]
    await h.click(6, data, chat_id=6)
    await h.click(7, f"j:{group_id}", chat_id=7)
    await h.click(8, f"j:{group_id}:AAAAAAAAAA", chat_id=8)
    rows = await h.storage.db.fetchall("SELECT telegram_id FROM participant")
    assert rows == []
    await h.click(5, data)
    rows = await h.storage.db.fetchall("SELECT telegram_id FROM participant")
    assert [r[0] for r in rows] == [5]


async def test_participant_buttons_pressed_in_a_group_chat_are_refused(h: Harness) -> None:
    await h.join(5)
    await h.text(5, "Svar ein")
    answer = (
        await h.storage.answers.answers_of((await h.storage.participants.participations(5))[0].id)
    )[0]
    group = -1001555
    message = {"message_id": 3, "date": int(time.time()), "chat": chat(group), "text": "x"}
    query = {"id": "q1", "from": user(5), "chat_instance": "1", "data": f"w:{answer.id}"}
    await h.feed({"callback_query": {**query, "message": message}})
    assert not h.tg.to(group)
    assert h.tg.calls[-1].params.get("text") == NOT_VALID
    assert (await h.storage.answers.answer(answer.id)) == answer


async def test_the_join_offer_says_how_long_answers_are_kept(tmp_path: Path) -> None:
    h = await start_harness(tmp_path, retention_days=30)
    try:
        await h.command(5, "start", CODE_1)
        assert "Svara dine vert sletta 13. feb. 2027" in h.last_text(5)
        assert "utan namn" in h.last_text(5)
        await h.press(5, "Les meir")
        notice = h.last_text(5)
        assert "30 dagar etter fristen, 13. feb. 2027" in notice
        assert "utan namn" in notice and "/mine_data" in notice
    finally:
        await stop_harness(h)


async def test_the_purge_job_deletes_answers_only_after_the_retention_period(
    tmp_path: Path,
) -> None:
    h = await start_harness(tmp_path, retention_days=10)
    try:
        await h.join(5)
        await h.text(5, "Svar ein")
        context = CallbackContext(h.app)
        deadline = h.config.consultations[0].deadline
        h.clock.now = deadline + timedelta(days=9, hours=23)
        await purge_job(context)
        assert await answers(h) == 1
        h.clock.now = deadline + timedelta(days=10)
        await purge_job(context)
        await purge_job(context)
        assert await answers(h) == 0
        catalog = h.app.bot_data.deps.catalogs["hallingting-2026"]
        assert len(await h.storage.privacy.purges(catalog.consultation_id)) == 1
        assert await h.storage.participants.participations(5)
    finally:
        await stop_harness(h)


async def test_jobs_are_registered_once_however_often_scheduled(h: Harness) -> None:
    queue = h.app.job_queue
    assert queue is not None
    await schedule_jobs(h.app, post_if_due)
    await schedule_jobs(h.app, post_if_due)
    names = [j.name for j in queue.jobs() if not j.removed]
    assert len(names) == len(set(names))
    jobs = [j for j in queue.jobs() if j.name == PURGE_JOB and not j.removed]
    assert len(jobs) == 1
    assert jobs[0].job.trigger.interval == timedelta(days=1)
