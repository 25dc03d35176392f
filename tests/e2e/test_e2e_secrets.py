"""The token never appears in the bot's output, even at debug level and when things fail;
answer texts never appear in log lines at INFO or above."""

from __future__ import annotations

import re

from tests.e2e.process import run_command
from tests.e2e.scenario import Tingbot, pattern

SAVED = pattern("✅ Saved (point {count} for question {number}). Write more, or go on.")
MARKER = "Hemmeleg-svar-Qx81"
LEVEL = re.compile(r"^time=\S+ level=(\w+) ")


def test_token_and_answers_stay_out_of_the_logs(tingbot: Tingbot) -> None:
    emu = tingbot.emu
    bot = tingbot.start("--log-level", "debug")
    emu.inject("sendMessage", ["500", "429"], retry_after=1)
    kari = tingbot.person(6101, "Kari")
    kari.join("ht26-g1-Kx7p")
    kari.say(f"{MARKER} om næringsliv", SAVED)
    kari.command("mine", expect=MARKER)
    kari.command("mine_data", expect="JSON")
    emu.inject("sendMessage", ["timeout"], hold=6.0)
    mark = emu.mark()
    kari.handle.send_text(f"{MARKER} nummer to")
    emu.wait_until(lambda: not emu.pending_updates() and len(emu.calls) > mark, 30)
    assert bot.stop() == 0

    output = tingbot.output
    token, secret_half = emu.token, emu.token.partition(":")[2]
    assert token not in output and secret_half not in output
    assert "<redacted>" in output, "debug output includes request URLs, redacted"
    assert "TimedOut" in output and "server error, retrying" in output
    loud = [line for line in output.splitlines() if (m := LEVEL.match(line)) and m[1] != "DEBUG"]
    assert loud and not [line for line in loud if MARKER in line]
    assert any(MARKER in line for line in output.splitlines() if "level=DEBUG" in line)


def test_a_rejected_token_is_reported_without_showing_it(tingbot: Tingbot) -> None:
    tingbot.configure()
    wrong = "987654321:AAE-wrong-token-never-printed-x"
    done = run_command("run", "--config", str(tingbot.config_path), token=wrong, timeout=60)
    assert done.returncode == 1
    assert "Telegram rejected the bot token" in done.stderr
    assert wrong not in done.stdout + done.stderr
    assert wrong.partition(":")[2] not in done.stdout + done.stderr
    malformed = "12345:short"
    checked = run_command("check-config", str(tingbot.config_path), token=malformed)
    assert checked.returncode == 2
    assert "telegram.token: does not look like a bot token" in checked.stderr
    assert malformed not in checked.stdout + checked.stderr
