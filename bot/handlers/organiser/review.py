"""Guided review in the preview: "Are these two the same point?" Yes / No / Show all.

The questions come from the review service, most impact on the headline list first; the
buttons carry the curation log's length when they were drawn, so an answer to a question that
is no longer the current one (another organiser curated meanwhile) changes nothing.
"""

from __future__ import annotations

from dataclasses import replace

from telegram import InlineKeyboardMarkup

from bot.domain.shortening import shorten
from bot.handlers.organiser.organiser_view import show_for_button
from bot.handlers.organiser.preview_screen import Route, Screen, refused, show_summary
from bot.handlers.shared.common import acknowledge
from bot.handlers.shared.keyboards import button
from bot.i18n.translator import esc
from bot.services import curation as svc
from bot.services.review import answer_review, review_items

SHOWN = 3  # questions counted for "question 1 of N"; the next is drawn after each answer
TEXT_LIMIT = 300


async def ask(screen: Screen) -> None:
    """g: the first open question for this draft, or the draft with "nothing more to check"."""
    _ = screen.translate
    query = screen.update.callback_query
    assert query is not None
    items = review_items(screen.view, SHOWN)
    if not items:
        note = "🧭 " + _(
            "Nothing more to check: no change here would alter what a majority raised."
        )
        await show_summary(screen, note)
        await acknowledge(query)
        return
    item = items[0]
    text = "\n".join(
        [
            "🧭 " + _("<b>Are these two the same point?</b>"),
            "",
            f"1. «{esc(shorten(item.first, TEXT_LIMIT))}»",
            f"2. «{esc(shorten(item.second, TEXT_LIMIT))}»",
            "",
            "<i>"
            + _(
                "Question {number} of {total} that could change what a majority of the groups "
                "raised.",
                number=1,
                total=len(items),
            )
            + "</i>",
        ]
    )
    address = screen.press.address
    length = str(len(screen.view.log))
    markup = InlineKeyboardMarkup(
        [
            [
                button("✅ " + _("Yes"), address.data("gy", length)),
                button("❌ " + _("No"), address.data("gn", length)),
            ],
            [button("📋 " + _("Show all"), address.data("v"))],
        ]
    )
    await show_for_button(screen.update, screen.context.bot, text, markup)
    await acknowledge(query)


async def answer(screen: Screen) -> None:
    """gy / gn: store the answer to the question shown, then ask the next one."""
    query = screen.update.callback_query
    assert query is not None and query.from_user is not None
    items = review_items(screen.view, 1)
    if screen.press.args[0] != str(len(screen.view.log)) or not items:
        await refused(screen)
        return
    same = screen.press.mode == "gy"
    if not await answer_review(
        screen.deps, screen.view, query.from_user.id, items[0].question, same
    ):
        await refused(screen)
        return
    fresh = await svc.preview(screen.deps, screen.consultation, screen.view.question_id)
    assert fresh is not None
    await ask(replace(screen, view=fresh))


ACTIONS: dict[str, Route] = {"g": ask, "gy": answer, "gn": answer}
