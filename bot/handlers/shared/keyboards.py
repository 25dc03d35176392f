"""Inline keyboards and their callback data (always well under Telegram's 64 bytes)."""

from __future__ import annotations

from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.handlers.shared import callbacks as cb
from bot.i18n.translator import LANGUAGE_NAMES, Translate
from bot.services.answers import Answer
from bot.transport.bot import Prepared


def button(text: str, data: str) -> InlineKeyboardButton:
    """One callback button."""
    return InlineKeyboardButton(text, callback_data=data)


def join_keyboard(
    _: Translate, group_id: int, moving: bool, signature: str, language: str = "nn"
) -> InlineKeyboardMarkup:
    """Accept (or confirm a move), the whole privacy notice, the offer in the other languages
    (each in its own name), and cancel; the signature ties the buttons to the join link."""
    accept = _("Move to this group") if moving else _("I agree, join")
    languages = [
        button(name, cb.JOIN_LANGUAGE.build(code, group_id, signature))
        for code, name in LANGUAGE_NAMES.items()
        if code != language
    ]
    return InlineKeyboardMarkup(
        [
            [button("✅ " + accept, cb.JOIN.build(group_id, signature))],
            [button("🔒 " + _("Read more about privacy"), cb.PRIVACY_MORE.build(group_id))],
            languages,
            [button(_("Cancel"), cb.JOIN_CANCEL.build())],
        ]
    )


@lru_cache(maxsize=1024)  # sent with every saved answer; markups are immutable, so share them
def question_keyboard(
    _: Translate, question_id: int, first: bool, answered: bool
) -> InlineKeyboardMarkup:
    """Navigation under a question: previous, next or skip, done."""
    row = []
    if not first:
        row.append(button("◀ " + _("Previous"), cb.NAVIGATE.build("prev", question_id)))
    if answered:
        row.append(button(_("Next") + " ▶", cb.NAVIGATE.build("next", question_id)))
    else:
        row.append(button(_("Skip") + " ▶", cb.NAVIGATE.build("skip", question_id)))
    return InlineKeyboardMarkup(
        [row, [button("🏁 " + _("Done"), cb.NAVIGATE.build("done", question_id))]]
    )


@lru_cache(maxsize=1024)
def prepared_question_keyboard(
    _: Translate, question_id: int, first: bool, answered: bool
) -> Prepared:
    """`question_keyboard`, serialised once for `TingBot.send_prepared`."""
    return Prepared.of(question_keyboard(_, question_id, first, answered))


def questions_keyboard(entries: list[tuple[int, str]]) -> InlineKeyboardMarkup:
    """One button per question to jump to it."""
    return InlineKeyboardMarkup([[button(label, cb.GO_TO.build(qid))] for qid, label in entries])


def answer_keyboard(_: Translate, answer: Answer, number: int) -> list[InlineKeyboardButton]:
    """Edit and withdraw (or restore) buttons for one answer."""
    if not answer.active:
        return [button("↩️ " + _("Restore {number}", number=number), cb.RESTORE.build(answer.id))]
    return [
        button("✏️ " + _("Edit {number}", number=number), cb.EDIT.build(answer.id)),
        button("🗑 " + _("Withdraw {number}", number=number), cb.WITHDRAW.build(answer.id)),
    ]


def undo_keyboard(_: Translate, answer_id: int) -> InlineKeyboardMarkup:
    """Undo a withdrawal."""
    return InlineKeyboardMarkup([[button("↩️ " + _("Undo"), cb.RESTORE.build(answer_id))]])


def language_keyboard() -> InlineKeyboardMarkup:
    """One button per language, each in its own name."""
    return InlineKeyboardMarkup(
        [[button(name, cb.LANGUAGE.build(code))] for code, name in LANGUAGE_NAMES.items()]
    )
