"""The screen a preview button works on, and drawing the draft page in place."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import Update

from bot.config.model import Consultation
from bot.context import Context, Deps
from bot.domain.preview import NumberedPoint, holding
from bot.handlers.organiser.organiser_view import show_for_button
from bot.handlers.organiser.preview_keyboards import Press, main_keyboard
from bot.handlers.shared.common import acknowledge
from bot.i18n.translator import N_, Translate
from bot.model.preview import QuestionPreview
from bot.render.preview import summary_page

INVALID = N_("This button is no longer valid.")


@dataclass(frozen=True)
class Screen:
    """Everything a preview button handler works with."""

    update: Update
    context: Context
    deps: Deps
    translate: Translate
    language: str
    consultation: Consultation
    view: QuestionPreview
    press: Press

    def point(self, ref: str) -> NumberedPoint | None:
        """The numbered point holding `ref` in the current draft."""
        return holding(self.view.entry.summary, ref)


async def show_summary(screen: Screen, note: str = "", page: int | None = None) -> None:
    """Draw the draft page (with an optional instruction) and the main keyboard."""
    _ = screen.translate
    address = screen.press.address
    number = address.page if page is None else page
    shown = summary_page(_, screen.view, screen.language, number, note)
    markup = main_keyboard(_, address, screen.view, shown)
    await show_for_button(screen.update, screen.context.bot, shown.text, markup)


async def refused(screen: Screen) -> None:
    """Stale or forged data: say so, change nothing, and show the current draft."""
    query = screen.update.callback_query
    assert query is not None
    await acknowledge(query, screen.translate(INVALID), alert=True)
    await show_summary(screen)


Route = Callable[[Screen], Awaitable[None]]
