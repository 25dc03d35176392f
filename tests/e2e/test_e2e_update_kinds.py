"""Only the update kinds tingbot means to handle: a business account's messages get no answer.

Telegram delivers `business_message` updates to a bot connected to a business account, and still
delivers kinds left out of `allowed_updates` if they were made before it changed. A "/slett" or
a plain text written in a business owner's chat must not be answered or stored.
"""

from __future__ import annotations

from pathlib import Path

from bot.transport.polling import UPDATE_KINDS
from tests.e2e.scenario import Tingbot
from tests.support.figures import report_figures

OWNER = 6501
CUSTOMER = 6502


def business(update_text: str, message_id: int) -> dict[str, object]:
    """A message a customer wrote in a business owner's private chat, as Telegram sends it."""
    return {
        "business_connection_id": "bc-1",
        "message_id": message_id,
        "date": 1764770000,
        "chat": {"id": CUSTOMER, "type": "private", "first_name": "Kunde"},
        "from": {"id": CUSTOMER, "is_bot": False, "first_name": "Kunde"},
        "text": update_text,
        **(
            {"entities": [{"type": "bot_command", "offset": 0, "length": len(update_text)}]}
            if update_text.startswith("/")
            else {}
        ),
    }


def test_business_messages_are_not_answered(tingbot: Tingbot, tmp_path: Path) -> None:
    emu = tingbot.emu
    bot = tingbot.start()
    assert "business_message" not in UPDATE_KINDS
    mark = emu.mark()
    pushed = [
        emu.push_update("business_message", business("/slett", 1)),
        emu.push_update("business_message", business("Eit svar", 2)),
        emu.push_update("edited_business_message", business("Eit anna svar", 2)),
        emu.push_update(
            "business_connection",
            {
                "id": "bc-1",
                "user": {"id": OWNER, "is_bot": False, "first_name": "Eigar"},
                "user_chat_id": OWNER,
                "date": 1764770000,
                "can_reply": True,
                "is_enabled": True,
            },
        ),
    ]
    tingbot.person(6503, "Kari").command("hjelp")  # an ordinary update after them is answered
    emu.wait_until(lambda: not emu.pending_updates())
    answered = [c for c in emu.calls[mark:] if c.params.get("chat_id") in (CUSTOMER, OWNER)]
    assert answered == []
    assert tingbot.query(
        "SELECT COUNT(*) FROM telegram_user WHERE telegram_id = ?", (CUSTOMER,)
    ) == [(0,)]
    assert "level=ERROR" not in bot.output
    assert bot.stop() == 0
    report_figures(
        "other update kinds", {"pushed": len(pushed), "answered": len(answered)}, tmp_path
    )
