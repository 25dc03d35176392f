"""Updates delivered again after a crash: a join and its button are done, not errors.

The join button is pressed, processed (membership stored, buttons removed, first question sent)
but never confirmed, because every poll after it fails; then the bot is killed. After the
restart Telegram delivers the press again. Removing buttons that are gone already is "message is
not modified": done, not an ERROR and no apology to the user; and the consent stays as given.
"""

from __future__ import annotations

from pathlib import Path

from tests.e2e.scenario import QUESTION, Tingbot, pattern, shown
from tests.support.figures import report_figures

OFFER = pattern("Answers are taken until {deadline}.")
APOLOGY = shown(
    "Something went wrong on my side. Everything I confirmed as saved is safe; please try again."
)


def test_a_redelivered_join_is_done_and_keeps_the_consent(tingbot: Tingbot, tmp_path: Path) -> None:
    emu = tingbot.emu
    tingbot.start()
    kari = tingbot.person(6301, "Kari")
    kari.command("start", "ht26-g1-Kx7p", expect=OFFER)
    emu.wait_until(lambda: emu.long_polls_waiting >= 1)
    emu.inject("getUpdates", ["500"], count=10**6)  # the waiting poll fetches; none confirms
    kari.press("j:", expect=pattern(QUESTION))
    (before,) = tingbot.query("SELECT consent_at, joined_at FROM participant")
    press = emu.pending_updates()
    assert press, "the press must still be unconfirmed at the kill"
    tingbot.processes[-1].kill()
    emu.clear_faults()
    mark = emu.mark()
    bot = tingbot.start()
    emu.wait_until(lambda: not emu.pending_updates(), 20)
    emu.wait_until(lambda: any(c.method == "editMessageReplyMarkup" for c in emu.calls[mark:]))
    assert bot.stop() == 0
    (after,) = tingbot.query("SELECT consent_at, joined_at FROM participant")
    edits = [c for c in emu.calls[mark:] if c.method == "editMessageReplyMarkup"]
    assert after == before
    assert all("not modified" in str(c.error) for c in edits if not c.ok)
    assert not any(APOLOGY in str(c.params.get("text", "")) for c in emu.calls[mark:])
    assert "level=ERROR" not in bot.output
    report_figures(
        "redelivered join",
        {"redelivered": len(press), "not_modified_edits": len(edits), "apologies": 0},
        tmp_path,
    )
