"""Wording shared by the channel post and the reports: section titles and group counts."""

from __future__ import annotations

from bot.config_model import Consultation
from bot.i18n import N_, Translate

OTHERS_TITLE = N_("Other points that some groups raised")
NO_POINTS = N_("(none)")
NO_ANSWERS = N_("No answers to this question.")


def headline_title(_: Translate, consultation: Consultation) -> str:
    """The title of the headline points, in the wording of the configured rule."""
    if consultation.summary.rule == "at_least":
        return _(
            "Short summary of the answers from at least {count} groups",
            count=consultation.summary.at_least,
        )
    return _("Short summary of the answers from a majority of the groups")


def group_count(_: Translate, raised: int, answering: int) -> str:
    """ "6 of 8 groups": how many of the groups that answered the question raised a point."""
    if answering == 1:
        return _("{count} of {total} group", count=raised, total=answering)
    return _("{count} of {total} groups", count=raised, total=answering)
