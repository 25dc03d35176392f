"""/oppsummering: the draft summary one question at a time, with paging and pickers.

Every button re-checks that the sender organises the consultation named in its data and that
every point ref in it still exists; anything else is answered "no longer valid" and changes
nothing. The curation actions themselves are in `curation`.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from telegram import Update

from bot import logs
from bot.config.model import Consultation
from bot.context import Context
from bot.domain.preview import NumberedPoint
from bot.domain.renaming import PendingRename
from bot.domain.shortening import shorten
from bot.handlers.organiser import curation, review, splitting
from bot.handlers.organiser.organiser_view import show_for_button, speech
from bot.handlers.organiser.preview_keyboards import (
    Address,
    main_keyboard,
    parse,
    picker_keyboard,
    provenance_keyboard,
)
from bot.handlers.organiser.preview_screen import INVALID, Route, Screen, refused, show_summary
from bot.handlers.shared.common import acknowledge, reply, sender
from bot.handlers.shared.organiser_access import organised, organised_by_id, organiser_only
from bot.i18n.translator import Translate
from bot.render.preview import provenance_page, summary_page
from bot.services import curation as svc

log = logging.getLogger(__name__)


@organiser_only
async def open_preview(update: Update, context: Context, _first: Consultation) -> None:
    """Show the first question's draft of every consultation the organiser runs."""
    d, _, language = await speech(update, context)
    d.awaiting.end(sender(update).id, PendingRename)
    for consultation in organised(update, context):
        draft = await svc.preview(d, consultation, None)
        if draft is None:
            await reply(update, _("This consultation has no questions."))
            continue
        address = Address(draft.consultation_id, draft.question_id)
        page = summary_page(_, draft, language, 0)
        await reply(update, page.text, main_keyboard(_, address, draft, page))


async def show_page(screen: Screen) -> None:
    """v: a page of the draft."""
    await show_summary(screen)
    assert screen.update.callback_query is not None
    await acknowledge(screen.update.callback_query)


def _prompt(_: Translate, mode: str, chosen: NumberedPoint | None, text: str) -> str:
    if mode == "m":
        return "🔗 " + _("Merge: pick the first of the two points.")
    if mode == "ma" and chosen is not None:
        return "🔗 " + _("Merge with point {number}: pick the other point.", number=chosen.number)
    if mode == "mv":
        return "↪️ " + _("Move an answer: pick the point it is in now.")
    if mode == "mt":
        return "↪️ " + _("Move «{text}» to which point?", text=shorten(text, 120))
    if mode == "n":
        return "✏️ " + _("Rename: pick the point.")
    if mode == "h":
        return "🙈 " + _("Hide: pick the point to leave out of the summary.")
    if mode == "s":
        return "✂️ " + _("Split: pick the point to take answers out of.")
    return "👁 " + _("Show again: pick the hidden point.")


async def pick(screen: Screen) -> None:
    """m, ma, mv, mt, n, h, u: the draft with number buttons for the next choice."""
    press, draft = screen.press, screen.view
    chosen = screen.point(press.args[0]) if press.args else None
    if press.args and chosen is None:
        await refused(screen)
        return
    text = ""
    if press.mode == "mt":
        point = draft.digest.points.get(press.args[0])
        text = point.text if point else ""
    mode = press.mode
    page_number = press.address.page
    if mode == "u" and page_number == 0:
        # Hidden points come last: open the picker where the first one is.
        page_number = _page_of_first_hidden(screen)
    note = "<b>" + _prompt(screen.translate, mode, chosen, text) + "</b>"
    page = summary_page(screen.translate, draft, screen.language, page_number, note)

    def choosable(item: NumberedPoint) -> bool:
        if chosen is not None and item.point == chosen.point:
            return False
        if mode == "h":
            return not item.point.hidden
        if mode == "u":
            return item.point.hidden
        if mode == "s":
            return not item.point.hidden and len(item.point.refs) > 1
        return True

    markup = picker_keyboard(
        screen.translate,
        replace(press.address, page=page.number),
        page,
        mode,
        press.args,
        choosable,
    )
    await show_for_button(screen.update, screen.context.bot, page.text, markup)
    assert screen.update.callback_query is not None
    await acknowledge(screen.update.callback_query)


def _page_of_first_hidden(screen: Screen) -> int:
    page = 0
    while True:
        shown = summary_page(screen.translate, screen.view, screen.language, page)
        if any(item.point.hidden for item in shown.points) or page >= shown.pages - 1:
            return shown.number
        page += 1


async def list_answers(screen: Screen) -> None:
    """ms: the answers behind one point, to pick the one to move."""
    chosen = screen.point(screen.press.args[0])
    if chosen is None:
        await refused(screen)
        return
    page = provenance_page(
        screen.translate,
        screen.view,
        chosen,
        screen.press.address.page,
        screen.consultation.show_names,
    )
    markup = provenance_keyboard(screen.translate, screen.press.address, page, chosen)
    await show_for_button(screen.update, screen.context.bot, page.text, markup)
    assert screen.update.callback_query is not None
    await acknowledge(screen.update.callback_query)


ROUTES: dict[str, Route] = {
    "v": show_page,
    "ms": list_answers,
    **dict.fromkeys(("m", "ma", "mv", "mt", "n", "h", "u", "s"), pick),
    **curation.ACTIONS,
    **review.ACTIONS,
    **splitting.ACTIONS,
}


@organiser_only
async def on_button(update: Update, context: Context, _first: Consultation) -> None:
    """Every preview button: check the data and the sender, then route by mode."""
    d, _, language = await speech(update, context)
    query = update.callback_query
    assert query is not None
    user = sender(update)
    press = parse(query.data)
    consultation = (
        organised_by_id(update, context, press.address.consultation_id) if press else None
    )
    draft = (
        await svc.preview(d, consultation, press.address.question_id)
        if press and consultation
        else None
    )
    if press is None or consultation is None or draft is None:
        log.warning("refused preview button", extra={"user": logs.person(user.id)})
        await acknowledge(query, _(INVALID), alert=True)
        return
    if press.mode != "np":
        d.awaiting.end(user.id, PendingRename)
    screen = Screen(update, context, d, _, language, consultation, draft, press)
    await ROUTES[press.mode](screen)
