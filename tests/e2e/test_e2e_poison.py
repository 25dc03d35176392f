"""Poison updates and a poller that stops: the bot never stops serving silently.

A callback query without `chat_instance` (as a self-hosted Bot API server older than the
library may send) cannot be parsed. The bot keeps it as a dead letter, logs one WARNING with its
update id, confirms past it and answers the next user. When polling stops for good (the token
revoked), the process exits non-zero so that its supervisor restarts it.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from tests.e2e.scenario import Tingbot, pattern
from tests.support.figures import report_figures

OFFER = pattern("Answers are taken until {deadline}.")
EXIT_RUNTIME = 1


def test_an_unreadable_update_is_kept_and_polling_goes_on(tingbot: Tingbot, tmp_path: Path) -> None:
    emu = tingbot.emu
    bot = tingbot.start()
    kari = tingbot.person(6101, "Kari")
    poison = {
        "id": "poison-1",
        "from": {"id": kari.id, "is_bot": False, "first_name": "Kari"},
        "data": "n:next",
    }  # no chat_instance: CallbackQuery cannot be built from it
    poison_ids = [emu.push_update("callback_query", poison) for _ in range(3)]
    kari.command("start", "ht26-g1-Kx7p", expect=OFFER)
    emu.wait_until(lambda: not emu.pending_updates(), 20)
    rows = tingbot.query("SELECT update_id, raw, error FROM dead_letter ORDER BY update_id")
    assert [r[0] for r in rows] == poison_ids
    assert json.loads(rows[0][1]) == {"update_id": poison_ids[0], "callback_query": poison}
    assert "chat_instance" in rows[0][2]
    warnings = [
        line
        for line in bot.output.splitlines()
        if "dead letter" in line and "level=WARNING" in line
    ]
    assert len(warnings) == len(poison_ids)
    assert all(f"update={u}" in w for u, w in zip(poison_ids, warnings, strict=True))
    assert "CRITICAL" not in bot.output
    assert bot.stop() == 0
    # A restart does not meet the poison again: it was confirmed.
    again = tingbot.start()
    kari.command("hjelp")
    assert all(emu.deliveries(u) == 1 for u in poison_ids)
    assert again.stop() == 0
    report_figures(
        "poison updates",
        {"poison_updates": len(poison_ids), "dead_letters": len(rows), "served_after": 2},
        tmp_path,
    )


def test_the_process_exits_non_zero_when_polling_stops(tingbot: Tingbot) -> None:
    emu = tingbot.emu
    bot = tingbot.start()
    emu.wait_until(lambda: emu.long_polls_waiting >= 1)
    emu.revoke_token("123456789:AAE-a-new-token-after-revoke")
    tingbot.person(6102, "Bo").handle.send_text("hei")  # ends the long poll let in before
    began = time.monotonic()
    assert bot.process is not None
    status = bot.process.wait(20)
    assert status == EXIT_RUNTIME
    assert time.monotonic() - began < 20
    assert "rejected the bot token" in bot.output


def test_an_unreadable_update_posted_to_the_webhook_is_kept_and_answered(
    tingbot: Tingbot,
) -> None:
    from tests.e2e.test_e2e_webhook import SECRET, URL, free_port, listening, post

    emu = tingbot.emu
    port = free_port()
    tingbot.configure(webhook={"url": URL, "port": port, "secret_token": SECRET})
    bot = tingbot.start(ready=lambda: emu.webhook is not None and listening(port))
    poison = {"update_id": 4242, "callback_query": {"id": "q", "data": "n:next"}}
    assert post(port, poison, SECRET) == 200  # kept: Telegram must not send it again
    assert tingbot.query("SELECT update_id FROM dead_letter") == [(4242,)]
    assert bot.stop() == 0
    assert "update=4242" in bot.output
