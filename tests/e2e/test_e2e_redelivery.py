"""Updates delivered again after a crash: a join and its button are done, not errors.

The join button is pressed, processed (membership stored, buttons removed, first question sent)
but never confirmed, because every poll after it fails; then the bot is killed. After the
restart Telegram delivers the press again. Removing buttons that are gone already is "message is
not modified": done, not an ERROR and no apology to the user; the consent and the membership stay
as given, and neither the welcome nor the first question is sent a second time.
"""

from __future__ import annotations

from pathlib import Path

from tests.e2e.scenario import QUESTION, Tingbot, pattern, plain, shown
from tests.support.figures import report_figures

OFFER = pattern("Answers are taken until {deadline}.")
QUESTION_SHOWN = pattern(QUESTION)
WELCOME = pattern("Welcome to <b>{group}</b>! Here comes the first question.")
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
    # The welcome's record is queued behind it (a crash before it commits welcomes once more).
    welcomed = "SELECT welcomed_at IS NOT NULL FROM participant"
    emu.wait_until(lambda: tingbot.query(welcomed) == [(1,)])
    membership = "SELECT consent_at, joined_at, joined_update, group_id FROM participant"
    (before,) = tingbot.query(membership)
    press = emu.pending_updates()
    assert press, "the press must still be unconfirmed at the kill"
    tingbot.processes[-1].kill()
    emu.clear_faults()
    mark = emu.mark()
    bot = tingbot.start()
    emu.wait_until(lambda: not emu.pending_updates(), 20)
    emu.wait_until(lambda: any(c.method == "editMessageReplyMarkup" for c in emu.calls[mark:]))
    assert bot.stop() == 0
    (after,) = tingbot.query(membership)
    edits = [c for c in emu.calls[mark:] if c.method == "editMessageReplyMarkup"]
    assert after == before
    again = [
        c
        for c in emu.calls[mark:]
        if c.method == "sendMessage" and c.params.get("chat_id") == kari.id
    ]
    assert not [c for c in again if WELCOME.search(plain(str(c.params.get("text", ""))))]
    assert not [c for c in again if QUESTION_SHOWN.search(plain(str(c.params.get("text", ""))))]
    assert again == [], "the redelivered press sends nothing new to the participant"
    assert all("not modified" in str(c.error) for c in edits if not c.ok)
    assert not any(APOLOGY in str(c.params.get("text", "")) for c in emu.calls[mark:])
    assert "level=ERROR" not in bot.output
    report_figures(
        "redelivered join",
        {
            "redelivered": len(press),
            "not_modified_edits": len(edits),
            "apologies": 0,
            "welcomes_sent_again": len(again),
        },
        tmp_path,
    )
