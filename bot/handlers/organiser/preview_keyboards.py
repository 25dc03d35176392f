"""Callback data and inline keyboards of the summary preview (/oppsummering).

Data is `ov:<consultation id>:<question id>:<page>:<mode>[:<arg>…]`; args are point refs
("41.0") or, for undo, the length of the question's curation log when the button was drawn.
Never labels: data stays far below Telegram's 64 bytes and cannot carry answer text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.preview import NumberedPoint
from bot.handlers.shared import callbacks as cb
from bot.handlers.shared.keyboards import button
from bot.i18n.translator import Translate
from bot.model.preview import QuestionPreview
from bot.render.preview import Page

REF = re.compile(r"\d{1,12}\.\d{1,3}")
# Arguments of each mode: "r" a point ref, "n" a number.
MODES: dict[str, str] = {
    "v": "",  # view a page
    "m": "",  # merge: pick the point to keep
    "ma": "r",  # merge: pick the point to merge into the first
    "mb": "rr",  # merge now
    "mv": "",  # move: pick the point that holds the answer
    "ms": "r",  # move: list that point's answers
    "mt": "r",  # move: pick where the answer goes
    "mr": "rr",  # move now
    "n": "",  # rename: pick the point
    "np": "r",  # rename: await the new name as text
    "nx": "r",  # rename: back to the automatic name
    "h": "",  # hide: pick the point
    "hp": "r",  # hide now
    "u": "",  # show again: pick the hidden point
    "up": "r",  # show again now
    "z": "n",  # undo, if the log still has this many actions
    "s": "",  # split: pick the point
    "sp": "r",  # split: the point's answers, none ticked
    "st": "rn",  # split: the point's answers with these ticked (a bit mask)
    "sd": "rn",  # split now
    "g": "",  # guided review: the next question
    "gy": "n",  # guided review: yes, the same point (if the log still has this many actions)
    "gn": "n",  # guided review: no, not the same point
}
# A picking mode and the mode its number buttons lead to.
NEXT = {
    "m": "ma",
    "ma": "mb",
    "mv": "ms",
    "mt": "mr",
    "n": "np",
    "h": "hp",
    "u": "up",
    "s": "sp",
}


@dataclass(frozen=True)
class Address:
    """Which consultation, question and page a preview button belongs to."""

    consultation_id: int
    question_id: int
    page: int = 0

    def data(self, mode: str, *args: str, page: int | None = None) -> str:
        """The callback data for `mode` with `args`, on this (or another) page."""
        page = self.page if page is None else page
        return cb.PREVIEW.build(self.consultation_id, self.question_id, page, mode, *args)


@dataclass(frozen=True)
class Press:
    """A parsed preview button: where, which mode and its arguments."""

    address: Address
    mode: str
    args: tuple[str, ...]


def parse(data: object) -> Press | None:
    """The button behind callback `data`, or None if it is malformed (stale or forged)."""
    parts = cb.PREVIEW.parse(data)
    if parts is None:
        return None
    parts = ["", *parts]  # keep the field numbers of `ov:<c>:<q>:<page>:<mode>…`
    if len(parts) < 5 or parts[4] not in MODES:
        return None
    numbers = parts[1:4]
    if not all(p.isascii() and p.isdigit() and len(p) <= 12 for p in numbers):
        return None
    kinds, args = MODES[parts[4]], tuple(parts[5:])
    if len(args) != len(kinds):
        return None
    for kind, arg in zip(kinds, args, strict=True):
        ok = (
            REF.fullmatch(arg) if kind == "r" else arg.isascii() and arg.isdigit() and len(arg) <= 9
        )
        if not ok:
            return None
    address = Address(int(numbers[0]), int(numbers[1]), int(numbers[2]))
    return Press(address, parts[4], args)


def _page_row(
    address: Address, page: Page, mode: str, args: tuple[str, ...]
) -> list[InlineKeyboardButton]:
    row = []
    if page.number > 0:
        row.append(button("◀", address.data(mode, *args, page=page.number - 1)))
    if page.pages > 1:
        row.append(button(f"{page.number + 1}/{page.pages}", address.data(mode, *args)))
    if page.number < page.pages - 1:
        row.append(button("▶", address.data(mode, *args, page=page.number + 1)))
    return row


def main_keyboard(
    _: Translate, address: Address, view: QuestionPreview, page: Page
) -> InlineKeyboardMarkup:
    """Paging, question switching and the curation actions under a draft page."""
    address = replace(address, page=page.number)
    summary = view.entry.summary
    rows = [_page_row(address, page, "v", ())]
    questions = []
    for step, template in ((-1, "◀ {label}"), (1, "{label} ▶")):
        other = view.neighbour(step)
        if other is not None:
            label = _("Question {number}", number=view.position + 1 + step)
            target = Address(address.consultation_id, other)
            questions.append(button(template.format(label=label), target.data("v")))
    rows.append(questions)
    total = len(summary.headline) + len(summary.others) + len(summary.hidden)
    if total >= 2:
        rows.append(
            [
                button("🔗 " + _("Merge"), address.data("m")),
                button("↪️ " + _("Move an answer"), address.data("mv")),
            ]
        )
    if any(len(p.refs) > 1 for p in (*summary.headline, *summary.others)):
        rows.append([button("✂️ " + _("Split"), address.data("s"))])
    if total:
        row = [button("✏️ " + _("Rename"), address.data("n"))]
        if summary.headline or summary.others:
            row.append(button("🙈 " + _("Hide"), address.data("h")))
        if summary.hidden:
            row.append(button("👁 " + _("Show again"), address.data("u")))
        rows.append(row)
    last = [button("🔄 " + _("Refresh"), address.data("v"))]
    if summary.headline or summary.others:
        last.insert(0, button(_("🧭 Review"), address.data("g")))
    if view.last_action is not None:
        last.insert(0, button("↩️ " + _("Undo"), address.data("z", str(len(view.log)))))
    rows.append(last)
    return InlineKeyboardMarkup([row for row in rows if row])


def picker_keyboard(
    _: Translate,
    address: Address,
    page: Page,
    mode: str,
    args: tuple[str, ...],
    choosable: Callable[[NumberedPoint], bool],
) -> InlineKeyboardMarkup:
    """A number button per choosable point on the page, paging that keeps the mode, and cancel."""
    address = replace(address, page=page.number)
    numbers = [
        button(str(item.number), address.data(NEXT[mode], *args, item.point.key))
        for item in page.points
        if choosable(item)
    ]
    rows = [numbers[i : i + 5] for i in range(0, len(numbers), 5)]
    rows.append(_page_row(address, page, mode, args))
    rows.append([button("✖ " + _("Cancel"), address.data("v"))])
    return InlineKeyboardMarkup([row for row in rows if row])


def provenance_keyboard(
    _: Translate, address: Address, page: Page, point: NumberedPoint
) -> InlineKeyboardMarkup:
    """A number button per answer of the point on this page, paging and cancel."""
    address = replace(address, page=page.number)
    refs = point.point.refs
    numbers = [
        button(str(refs.index(ref) + 1), replace(address, page=0).data("mt", ref))
        for ref in page.refs
    ]
    rows = [numbers[i : i + 5] for i in range(0, len(numbers), 5)]
    rows.append(_page_row(address, page, "ms", (point.point.key,)))
    rows.append([button("✖ " + _("Cancel"), address.data("v", page=0))])
    return InlineKeyboardMarkup([row for row in rows if row])


def rename_keyboard(_: Translate, address: Address, point: NumberedPoint) -> InlineKeyboardMarkup:
    """While a new name is awaited: back to the automatic name (if renamed) and cancel."""
    rows = []
    if point.point.renamed:
        rows.append(
            [button("🔤 " + _("Use the automatic name"), address.data("nx", point.point.key))]
        )
    rows.append([button("✖ " + _("Cancel"), address.data("v"))])
    return InlineKeyboardMarkup(rows)
