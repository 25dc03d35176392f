"""Short texts for the summary's renderers: a point's support, common ground, and the groups'
confirmations (joint answers and check-backs) for the organiser's /status.

Each function returns "" when there is nothing to show, so callers can simply skip empty lines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.domain.support import Support
from bot.i18n.translator import Html, Translate, esc
from storage.models import CheckBack

COMMON_GROUND = "🤝"


def support_line(_: Translate, support: Support | None) -> str:
    """ "80 % agree · votes: 10 · groups mostly agreeing: 3 of 4", or "" without votes."""
    if support is None or support.agree_share is None:
        return ""
    return _(
        "{share} % agree · votes: {votes} · groups mostly agreeing: {agreeing} of {voting}",
        share=round(100 * support.agree_share),
        votes=support.votes,
        agreeing=support.groups_agreeing,
        voting=support.groups_voting,
    )


def common_ground_marker(_: Translate, support: Support | None) -> str:
    """ "🤝 Common ground" for a point with broad agreement across groups, else ""."""
    if support is None or not support.common_ground:
        return ""
    return f"{COMMON_GROUND} " + _("Common ground")


def group_answers_line(
    _: Translate,
    confirmed: Mapping[str, Sequence[str]],
    group_names: Mapping[str, str],
    question_numbers: Mapping[str, int],
) -> str:
    """ "Joint answers confirmed: Gruppe 1 (questions 1, 2), Gruppe 3 (question 1)", or ""."""
    parts = []
    for group, questions in confirmed.items():
        if not questions:
            continue
        numbers = ", ".join(str(question_numbers.get(q, "?")) for q in questions)
        parts.append(
            _("{group} (questions {numbers})", group=group_names.get(group, group), numbers=numbers)
        )
    if not parts:
        return ""
    return _("Joint answers confirmed: {groups}", groups=Html("; ".join(parts)))


def checkback_line(
    _: Translate, status: Mapping[str, CheckBack | None], group_names: Mapping[str, str]
) -> str:
    """ "Check-back: Gruppe 1 ✅, Gruppe 2 ✏️, Gruppe 3 waiting", or "" when none was sent."""
    if not any(status.values()):
        return ""
    parts = [
        f"{esc(group_names.get(group, group))} {checkback_mark(_, found)}"
        for group, found in status.items()
        if found is not None
    ]
    return _("Check-back: {groups}", groups=Html(", ".join(parts)))


def checkback_mark(_: Translate, found: CheckBack | None) -> str:
    """A short mark for a check-back's state."""
    if found is None:
        return _("not sent")
    marks = {
        "confirmed": "✅",
        "corrected": "✏️",
        "correcting": "✏️…",
        "failed": "⚠️ " + _("not delivered"),
        "sending": "…",
    }
    return marks.get(found.status, _("waiting"))
