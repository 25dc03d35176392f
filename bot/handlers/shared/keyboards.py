"""Inline keyboards and their callback data (always well under Telegram's 64 bytes)."""

from __future__ import annotations

from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n.translator import LANGUAGE_NAMES, Translate
from bot.services.answers import Answer
from bot.transport.bot import Prepared


def button(text: str, data: str) -> InlineKeyboardButton:
    """One callback button."""
    return InlineKeyboardButton(text, callback_data=data)


def join_keyboard(
    _: Translate, group_id: int, moving: bool, signature: str
) -> InlineKeyboardMarkup:
    """Accept (or confirm a move) and cancel; the signature ties the button to the join link."""
    accept = _("Move to this group") if moving else _("I agree, join")
    return InlineKeyboardMarkup(
        [[button("✅ " + accept, f"j:{group_id}:{signature}")], [button(_("Cancel"), "jx")]]
    )


@lru_cache(maxsize=1024)  # sent with every saved answer; markups are immutable, so share them
def question_keyboard(
    _: Translate, question_id: int, first: bool, answered: bool
) -> InlineKeyboardMarkup:
    """Navigation under a question: previous, next or skip, done."""
    row = []
    if not first:
        row.append(button("◀ " + _("Previous"), f"n:prev:{question_id}"))
    if answered:
        row.append(button(_("Next") + " ▶", f"n:next:{question_id}"))
    else:
        row.append(button(_("Skip") + " ▶", f"n:skip:{question_id}"))
    return InlineKeyboardMarkup([row, [button("🏁 " + _("Done"), f"n:done:{question_id}")]])


@lru_cache(maxsize=1024)
def prepared_question_keyboard(
    _: Translate, question_id: int, first: bool, answered: bool
) -> Prepared:
    """`question_keyboard`, serialised once for `TingBot.send_prepared`."""
    return Prepared.of(question_keyboard(_, question_id, first, answered))


def questions_keyboard(entries: list[tuple[int, str]]) -> InlineKeyboardMarkup:
    """One button per question to jump to it."""
    return InlineKeyboardMarkup([[button(label, f"g:{qid}")] for qid, label in entries])


def answer_keyboard(_: Translate, answer: Answer, number: int) -> list[InlineKeyboardButton]:
    """Edit and withdraw (or restore) buttons for one answer."""
    if not answer.active:
        return [button("↩️ " + _("Restore {number}", number=number), f"r:{answer.id}")]
    return [
        button("✏️ " + _("Edit {number}", number=number), f"e:{answer.id}"),
        button("🗑 " + _("Withdraw {number}", number=number), f"w:{answer.id}"),
    ]


def undo_keyboard(_: Translate, answer_id: int) -> InlineKeyboardMarkup:
    """Undo a withdrawal."""
    return InlineKeyboardMarkup([[button("↩️ " + _("Undo"), f"r:{answer_id}")]])


def language_keyboard() -> InlineKeyboardMarkup:
    """One button per language, each in its own name."""
    return InlineKeyboardMarkup(
        [[button(name, f"l:{code}")] for code, name in LANGUAGE_NAMES.items()]
    )
