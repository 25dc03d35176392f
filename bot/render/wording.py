"""Wording shared by the channel post and the reports: section titles, group counts, and the
support figures of the cross-group round with what they mean."""

from __future__ import annotations

from bot.domain.support import Support
from bot.i18n.translator import N_, P_, Translate
from bot.model.consultation import Consultation
from bot.render.support import common_ground_marker, support_line

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


def send_counts(_: Translate, sent: int, skipped: int, failed: int) -> str:
    """ "Sent to 3 participants. 1 participant skipped. 0 messages failed.": a bulk send's
    outcome, each count in its plural form."""
    return " ".join(
        (
            _(P_("Sent to {count} participant.", "Sent to {count} participants."), count=sent),
            _(P_("{count} participant skipped.", "{count} participants skipped."), count=skipped),
            _(P_("{count} message failed.", "{count} messages failed."), count=failed),
        )
    )


def group_count(_: Translate, raised: int, answering: int) -> str:
    """ "6 of 8 groups": how many of the groups that answered the question raised a point."""
    if answering == 1:
        return _("{count} of {total} group", count=raised, total=answering)
    return _("{count} of {total} groups", count=raised, total=answering)


def support_note(_: Translate, support: Support | None) -> str:
    """ "80 % agree · votes: 5 · groups mostly agreeing: 2 of 3 · 🤝 Common ground", or ""."""
    parts = (support_line(_, support), common_ground_marker(_, support))
    return " · ".join(part for part in parts if part)


def support_explanation(_: Translate, consultation: Consultation) -> str:
    """What the support figures mean, with the consultation's thresholds of common ground."""
    rule = consultation.round
    return _(
        "Support comes from the round in which participants agreed or disagreed with the other "
        "groups' points: the share who agree among those who took a side (a pass takes no "
        "side), the number of such votes, and how many of the voting groups mostly agree. "
        "🤝 Common ground: at least {votes} votes, at least {share} % agree, votes from at least "
        "{coverage} % of the groups that could vote on the point, and at least {agreeing} % of "
        "the voting groups mostly agree.",
        votes=rule.common_min_votes,
        share=round(100 * rule.common_share),
        coverage=round(100 * rule.common_coverage),
        agreeing=round(100 * rule.common_groups_agreeing),
    )
