"""Texts of the cross-group round in private chat."""

from __future__ import annotations

from bot.domain.round import BallotItem
from bot.domain.shortening import shorten
from bot.i18n.translator import Translate, esc
from bot.model.summary import ConsultationDigest

CHOICE_MARKS = {"agree": "👍", "disagree": "👎", "pass": "⏭"}


def invitation_text(_: Translate) -> str:
    """The invitation sent to every participant when the round opens."""
    return _(
        "<b>What did the other groups say?</b>\nThe round is open: go through the other groups' points one at a time and say whether you agree. You can stop at any time; /runde continues where you left off."
    )


def item_text(
    _: Translate,
    digest: ConsultationDigest,
    item: BallotItem,
    position: int,
    total: int,
    choice: str | None,
    language: str,
) -> str:
    """One point to vote on, with its question, the groups that raised it and the current vote."""
    found = digest.question(item.question)
    question = found.question.text.get(language) if found else ""
    groups = ", ".join(digest.group_name(g) for g in item.point.groups)
    lines = [
        _("<b>The round</b> · point {position} of {total}", position=position, total=total),
        f"<i>{esc(shorten(question, 300))}</i>",
        "",
        f"<b>{esc(shorten(item.point.label, 1000))}</b>",
    ]
    if groups:
        lines.append(_("Raised by: {groups}", groups=groups))
    lines.append("")
    if choice is not None:
        vote = f"{CHOICE_MARKS.get(choice, '')} {choice_name(_, choice)}"
        lines.append(_("Your vote now: {vote}", vote=vote))
    lines.append(_("Do you agree?"))
    return "\n".join(lines)


def choice_name(_: Translate, choice: str) -> str:
    """The name of a vote in the user's language."""
    names = {"agree": _("agree"), "disagree": _("disagree"), "pass": _("pass")}
    return names.get(choice, choice)


def done_text(_: Translate, total: int) -> str:
    """After the last point."""
    return _(
        "You have been through all {total} points. Thank you! You can change your votes until the round closes.",
        total=total,
    )
