"""Texts posted in a group chat: the questions, the group's points and its joint answer."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from bot.domain.shortening import shorten
from bot.i18n.translator import Translate, esc
from bot.render.limits import MESSAGE_LIMIT

if TYPE_CHECKING:
    from bot.domain.summary import Point

MAX_TEXT = MESSAGE_LIMIT - 296  # room for the footer and the HTML tags
POINT_LENGTH = 300


def intro_post(_: Translate, group: str) -> str:
    """The message before the questions: how to answer in the chat."""
    return _(
        "<b>The questions for {group}</b>\nAnswer a question by replying to its message (swipe left on it, or tap Reply). Each reply is stored as your answer; each line in it is a point. Other messages in this chat are not stored.\nNot taking part yet? Tap the button below first.",
        group=group,
    )


def question_post(_: Translate, theme: str, question: str, number: int, total: int) -> str:
    """One question as its own message."""
    head = _("Question {number} of {total}", number=number, total=total)
    return (
        f"<b>{esc(head)}</b> · {esc(theme)}\n\n{esc(question)}\n\n"
        + "↩️ "
        + _("Reply to this message to answer.")
    )


def points_text(
    _: Translate,
    group: str,
    number: int,
    question: str,
    points: Sequence[Point],
    weights: Mapping[str, tuple[int, int]],
    selected: Collection[str] | None = None,
) -> str:
    """The group's points for a question, numbered, with poll votes and checkboxes if given."""
    lines = [
        _("<b>{group} · question {number}</b>", group=group, number=number),
        f"<i>{esc(shorten(question, POINT_LENGTH))}</i>",
        "",
    ]
    if not points:
        lines.append(_("No one in the group has answered this question yet."))
        return "\n".join(lines)
    size = sum(len(line) + 1 for line in lines)
    for index, point in enumerate(points, start=1):
        mark = ""
        if selected is not None:
            mark = "☑️ " if point.ref in selected else "⬜ "
        votes = ""
        if point.ref in weights:
            chosen, voters = weights[point.ref]
            votes = " " + _("({chosen} of {voters} votes)", chosen=chosen, voters=voters)
        line = f"{mark}{index}. {esc(shorten(point.text, POINT_LENGTH))}{votes}"
        if size + len(line) > MAX_TEXT:
            lines.append(_("… and {count} more points.", count=len(points) - index + 1))
            break
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines)


def confirmed_text(
    _: Translate, group: str, number: int, points: Sequence[Point], chosen: Collection[str]
) -> str:
    """The group's confirmed joint answer to a question."""
    lines = [
        _(
            "✅ The joint answer of <b>{group}</b> to question {number} is confirmed. In the summary it is what {group} raised:",
            group=group,
            number=number,
        ),
        "",
    ]
    kept = [p for p in points if p.ref in chosen]
    size = sum(len(line) + 1 for line in lines)
    for index, point in enumerate(kept):
        line = f"• {esc(shorten(point.text, POINT_LENGTH))}"
        if size + len(line) > MAX_TEXT:
            lines.append(_("… and {count} more points.", count=len(kept) - index))
            break
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines)
