"""Texts of the check-back: how a group's answers were captured, and the organiser's overview."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from bot.domain.group_answer import shorten
from bot.i18n.translator import Translate, esc
from bot.render.support import checkback_mark
from bot.services.summary import QuestionDigest
from storage.models import CheckBack

if TYPE_CHECKING:
    from bot.domain.summary import SummaryPoint

MAX_TEXT = 3800
LABEL_LENGTH = 300


def capture_text(
    _: Translate,
    group: str,
    language: str,
    captured: Sequence[tuple[QuestionDigest, tuple[SummaryPoint, ...]]],
) -> str:
    """ "This is how your group's answers were captured", question by question."""
    lines = [
        _("<b>This is how the answers of {group} were captured</b>", group=group),
        _("These points of the summary count as raised by {group}:", group=group),
    ]
    size = sum(len(line) + 1 for line in lines)
    for number, (question, points) in enumerate(captured, start=1):
        block = ["", f"<b>{number}. {esc(shorten(question.question.text.get(language), 200))}</b>"]
        if not points:
            block.append(_("(no points from your group)"))
        for point in points:
            answering = len(question.summary.groups_answering)
            count = _("{count} of {total} groups", count=len(point.groups), total=answering)
            block.append(f"• {esc(shorten(point.label, LABEL_LENGTH))} ({count})")
        length = sum(len(line) + 1 for line in block)
        if size + length > MAX_TEXT:
            lines += ["", _("… and more questions.")]
            break
        lines += block
        size += length
    lines += ["", _("Is this right? Tap ✅, or ✏️ to tell the organisers what is wrong.")]
    return "\n".join(lines)


def overview_text(
    _: Translate, status: Mapping[str, CheckBack | None], group_names: Mapping[str, str]
) -> str:
    """The organiser's overview of every group's check-back and corrections."""
    lines = [_("<b>Check-back</b>")]
    for group, found in status.items():
        line = f"{esc(group_names.get(group, group))}: {checkback_mark(_, found)}"
        if found is not None and found.correction:
            line += f"\n    <i>{esc(shorten(found.correction, 400))}</i>"
        lines.append(line)
    return "\n".join(lines)
