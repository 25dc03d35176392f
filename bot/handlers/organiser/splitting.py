"""Splitting a point in the preview: pick the point, tick the answers that are a point of their
own, press Done. The ticks travel in the button data as a bit mask over the point's answers
(the first `MAX_TICKS` of them), so nothing waits in memory between presses."""

from __future__ import annotations

from dataclasses import replace

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.curation import Split
from bot.domain.preview import NumberedPoint
from bot.handlers.organiser.curation import perform
from bot.handlers.organiser.organiser_view import show_for_button
from bot.handlers.organiser.preview_keyboards import Address
from bot.handlers.organiser.preview_screen import Route, Screen, refused
from bot.handlers.shared.common import acknowledge
from bot.handlers.shared.keyboards import button
from bot.i18n.translator import Translate
from bot.render.preview import Page, provenance_page

MAX_TICKS = 29  # 2**29 - 1 has nine digits: the longest number the button data takes


def ticked(point: NumberedPoint, mask: int) -> tuple[str, ...]:
    """The refs of the point's answers whose bits are set."""
    return tuple(ref for i, ref in enumerate(point.point.refs[:MAX_TICKS]) if mask >> i & 1)


def _keyboard(
    _: Translate, address: Address, page: Page, point: NumberedPoint, mask: int
) -> InlineKeyboardMarkup:
    """A tick button per answer on the page, Done once something is ticked, paging, cancel."""
    key, refs = point.point.key, point.point.refs
    numbers = []
    for ref in page.refs:
        index = refs.index(ref)
        if index >= MAX_TICKS:
            continue
        mark = "✅ " if mask >> index & 1 else ""
        flipped = str(mask ^ (1 << index))
        numbers.append(button(f"{mark}{index + 1}", address.data("st", key, flipped)))
    rows: list[list[InlineKeyboardButton]] = [numbers[i : i + 5] for i in range(0, len(numbers), 5)]
    paging = []
    if page.number > 0:
        paging.append(button("◀", address.data("st", key, str(mask), page=page.number - 1)))
    if page.number < page.pages - 1:
        paging.append(button("▶", address.data("st", key, str(mask), page=page.number + 1)))
    rows.append(paging)
    if mask:
        done = replace(address, page=0).data("sd", key, str(mask))
        rows.append([button("✂️ " + _("Done"), done)])
    rows.append([button("✖ " + _("Cancel"), replace(address, page=0).data("v"))])
    return InlineKeyboardMarkup([row for row in rows if row])


async def tick(screen: Screen) -> None:
    """sp, st: the answers of the chosen point with their ticks."""
    _ = screen.translate
    args = screen.press.args
    chosen = screen.point(args[0])
    mask = int(args[1]) if len(args) > 1 else 0
    if chosen is None or mask >= 1 << min(len(chosen.point.refs), MAX_TICKS):
        await refused(screen)
        return
    head = (
        "✂️ <b>"
        + _(
            "Split point {number}: pick the answers that become a point of their own, then press Done.",
            number=chosen.number,
        )
        + "</b>"
    )
    page = provenance_page(
        _, screen.view, chosen, screen.press.address.page, screen.consultation.show_names, head
    )
    address = replace(screen.press.address, page=page.number)
    markup = _keyboard(_, address, page, chosen, mask)
    await show_for_button(screen.update, screen.context.bot, page.text, markup)
    assert screen.update.callback_query is not None
    await acknowledge(screen.update.callback_query)


async def split(screen: Screen) -> None:
    """sd: the ticked answers leave the point for a new one (not none, not all)."""
    _ = screen.translate
    chosen = screen.point(screen.press.args[0])
    refs = ticked(chosen, int(screen.press.args[1])) if chosen else ()
    if chosen is None or not refs or len(refs) == len(chosen.point.refs):
        query = screen.update.callback_query
        assert query is not None
        await acknowledge(query, _("Pick at least one answer, but not all of them."), alert=True)
        return
    await perform(screen, Split(refs), "✂️ " + _("Split off."))


ACTIONS: dict[str, Route] = {"sp": tick, "st": tick, "sd": split}
