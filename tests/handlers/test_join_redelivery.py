"""A join delivered again after a crash (Telegram redelivers what was never confirmed).

The consent press and the /start before it come again, as the same updates. Nothing of the
membership changes (consent and join time, the press that made it) and neither the welcome nor
the first question goes out a second time; if the welcome never went out, it goes now.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.i18n.translator import translator
from tests.support.harness import CODE_1, Harness

nn = translator("nn")
KARI = 5101
WELCOME = nn("Welcome to <b>{group}</b>! Here comes the first question.", group="Gruppe 1")
ALREADY = nn("You are already in <b>{group}</b>.", group="Gruppe 1")
QUESTION_ONE = "Spørsmål 1 av 5"


def start_link(h: Harness, user: int, when: float | None = None) -> dict[str, Any]:
    """The /start <code> update of `user`, sent at `when` (the bot's clock by default)."""
    text = f"/start {CODE_1}"
    entity = {"type": "bot_command", "offset": 0, "length": len("/start")}
    date = int(h.clock.now.timestamp() if when is None else when)
    message = h.message(user, text=text, entities=[entity], date=date)
    return {"message": message}


async def consent(h: Harness, user: int) -> dict[str, Any]:
    """Press ✅ under the offer; the update that was fed, to feed again."""
    update = await h.press(user, "✅")
    return update.to_dict()


def membership(h: Harness, user: int) -> list[tuple[Any, ...]]:
    """What the participant row says about the join."""
    return h.rows(
        "SELECT consent_at, joined_at, joined_update, group_id, question_id FROM participant "
        "WHERE telegram_id = ?",
        (user,),
    )


def sent_texts(h: Harness, user: int) -> list[str]:
    """Every message that reached the user's chat (a failed send did not)."""
    return [str(m.get("text", "")) for (chat, _), m in h.tg.sent.items() if chat == user]


async def test_a_press_delivered_again_changes_nothing_and_sends_nothing_new(
    h: Harness,
) -> None:
    link = (await h.feed(start_link(h, KARI))).to_dict()
    press = await consent(h, KARI)
    before, texts = membership(h, KARI), sent_texts(h, KARI)
    assert texts.count(WELCOME) == 1 and sum(QUESTION_ONE in t for t in texts) == 1
    h.clock.advance(minutes=3)  # the restart after the crash
    await h.feed(link)
    await h.feed(press)
    assert membership(h, KARI) == before
    assert sent_texts(h, KARI) == texts
    toasts = [c.params.get("text") for c in h.tg.calls if c.method == "answerCallbackQuery"]
    assert toasts[-1] == nn("You are already in {group}.", group="Gruppe 1")


async def test_a_press_whose_welcome_never_went_out_is_welcomed_when_delivered_again(
    h: Harness,
) -> None:
    await h.feed(start_link(h, KARI))
    h.tg.fail("sendMessage", code=502, description="Bad Gateway")  # the crash
    press = await consent(h, KARI)
    before = membership(h, KARI)
    assert WELCOME not in sent_texts(h, KARI)
    await h.feed(press)
    texts = sent_texts(h, KARI)
    assert texts.count(WELCOME) == 1 and QUESTION_ONE in texts[-1]
    assert membership(h, KARI) == before
    await h.feed(press)  # and a third delivery sends nothing
    assert sent_texts(h, KARI) == texts


async def test_a_new_start_after_joining_is_answered(h: Harness) -> None:
    await h.feed(start_link(h, KARI))
    await consent(h, KARI)
    h.clock.advance(seconds=30)
    await h.feed(start_link(h, KARI))
    texts = sent_texts(h, KARI)
    assert texts[-2] == ALREADY and QUESTION_ONE in texts[-1]


async def test_a_start_with_a_lower_update_id_sent_later_is_answered(h: Harness) -> None:
    """After a week without updates Telegram may count update ids anew from a lower number."""
    await h.feed(start_link(h, KARI))
    press = await consent(h, KARI)
    h.clock.now += timedelta(days=8)
    await h.feed({**start_link(h, KARI), "update_id": press["update_id"] - 1})
    texts = sent_texts(h, KARI)
    assert texts[-2] == ALREADY and QUESTION_ONE in texts[-1]
