"""After the ting: what became of a participant's answers, the notices, and the decision post.

A participant sees, under each of their answers in /mine, the published point it is part of
with its group count ("Svaret ditt er med i «…» — 7 av 8 grupper"), whether it is among the
other points, or that it is not in the published summary; the round's support of the point;
their group's check-back; and what the council decided. Nothing here names anyone: a label is
the published one, and a correction is the group's own.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.shortening import shorten
from bot.i18n.translator import Html, Translate, esc
from bot.model.checkback import CheckBackState
from bot.model.outcome import DecisionView, MyOutcome, PointOutcome
from bot.render.wording import group_count

NOTICE_POINTS = 6  # points named in a decision notice before "and N more"
CORRECTION_LIMIT = 300  # characters of the group's correction shown in /mine


def point_line(_: Translate, point: PointOutcome) -> str:
    """ "Your answer is part of «label» — 7 of 8 groups", with the round's support."""
    count = Html(esc(group_count(_, point.groups, point.groups_answering)))
    if point.headline:
        line = _("Your answer is part of «{label}» — {count}", label=point.label, count=count)
    else:
        line = _(
            "Your answer is among the other points, in «{label}» — {count}",
            label=point.label,
            count=count,
        )
    support = support_words(_, point)
    return f"{line} · {support}" if support else line


def support_words(_: Translate, point: PointOutcome) -> str:
    """ "🤝 common ground in the round", "60 % agreed in the round", or ""."""
    if point.common_ground:
        return "🤝 " + _("common ground in the round")
    if point.votes:
        return _("{share} % agreed in the round", share=round(100 * point.agree / point.votes))
    return ""


def answer_outcome(_: Translate, view: MyOutcome, answer_id: int) -> str:
    """The lines under one answer in /mine ("" before anything was published)."""
    if not view.published:
        return ""
    points = view.points.get(answer_id, ())
    if points:
        return "\n".join("↳ " + point_line(_, p) for p in points)
    if answer_id in view.later:
        return "↳ " + _("You wrote this after the summary was published.")
    return "↳ " + _("Your answer is not part of the published summary.")


def outcome_blocks(_: Translate, view: MyOutcome) -> list[str]:
    """The blocks after the answers in /mine: the publication, the check-back, the decision."""
    blocks = []
    if view.published:
        blocks.append(
            "\n"
            + _(
                "<b>After the ting</b>: the summary was published in {channel} on {when} "
                "(version {version}). Under each answer is the point it is part of.",
                channel=view.channel,
                when=view.published_when,
                version=view.version,
            )
        )
    for line in (
        checkback_line(_, view.checkback),
        checkback_line(_, view.checkback_since, since=True),
    ):
        if line:
            blocks.append(line)
    if view.decision is not None:
        blocks.append("\n" + decision_block(_, view.decision))
    return blocks


def checkback_line(_: Translate, checkback: CheckBackState | None, since: bool = False) -> str:
    """ "✅ Your group confirmed …", "✏️ Your group sent a correction …: «…»", or ""; `since`:
    the group answered after the version shown was published."""
    if checkback is not None and checkback.status == "confirmed":
        if since:
            return "✅ " + _(
                "After this version was published, your group confirmed in the check-back that "
                "its answers were captured right."
            )
        return "✅ " + _(
            "Your group confirmed in the check-back that its answers were captured right."
        )
    if checkback is not None and checkback.status == "corrected" and checkback.correction:
        correction = shorten(checkback.correction, CORRECTION_LIMIT, one_line=False)
        if since:
            return "✏️ " + _(
                "After this version was published, your group sent a correction in the "
                "check-back: «{correction}»",
                correction=correction,
            )
        return "✏️ " + _(
            "Your group sent a correction in the check-back: «{correction}»",
            correction=correction,
        )
    return ""


def decision_block(_: Translate, decision: DecisionView) -> str:
    """ "🏛 What the council decided (meeting):", the text, and the minutes."""
    lines = [
        "🏛 " + _("<b>What the council decided</b> ({meeting}):", meeting=decision.meeting),
        esc(decision.text),
    ]
    if decision.minutes_url:
        lines.append(_("Minutes: {link}", link=decision.minutes_url))
    return "\n".join(lines)


def publication_notice(_: Translate, title: str, channel: str) -> str:
    """The one notice after a publication: it is out, and /mine shows the points."""
    return "📣 " + _(
        "The summary of «{title}» is published in {channel}. /mine shows the point each of "
        "your answers is part of.",
        title=title,
        channel=channel,
    )


def decision_notice(
    _: Translate, title: str, decision: DecisionView, points: Sequence[PointOutcome]
) -> str:
    """The notice of a decision: what was decided, and the points the reader's answers were in."""
    head = "🏛 " + _(
        "<b>The council has decided</b> on «{title}» ({meeting}):",
        title=title,
        meeting=decision.meeting,
    )
    blocks = [head, esc(decision.text)]
    if points:
        lines = [_("Your answers were part of:")]
        lines += ["• " + point_line(_, p) for p in points[:NOTICE_POINTS]]
        if len(points) > NOTICE_POINTS:
            lines.append(_("… and {count} more (/mine)", count=len(points) - NOTICE_POINTS))
        blocks.append("\n".join(lines))
    if decision.minutes_url:
        blocks.append(_("Minutes: {link}", link=decision.minutes_url))
    blocks.append(_("/mine shows what became of your answers."))
    return "\n\n".join(blocks)


def decision_post(
    _: Translate, title: str, decision: DecisionView, summary_version: int | None
) -> str:
    """The channel post of a decision, in the consultation's language (no names, no answers)."""
    blocks = ["🏛 " + _("<b>Decision</b>: {title}", title=title)]
    if decision.version > 1:
        blocks[0] += "\n<i>" + _("Updated version {version}", version=decision.version) + "</i>"
    blocks.append(f"<i>{esc(decision.meeting)}</i>")
    blocks.append(esc(decision.text))
    if decision.minutes_url:
        blocks.append(_("Minutes: {link}", link=decision.minutes_url))
    if summary_version is not None:
        blocks.append(
            _(
                "It answers the summary of the ting (version {version}).",
                version=summary_version,
            )
        )
    return "\n\n".join(blocks)
