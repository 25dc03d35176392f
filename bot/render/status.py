"""The organisers' progress message (/status): groups, questions, silent groups, deadline, and
which groups confirmed a joint answer or the check-back."""

from __future__ import annotations

from bot.domain.shortening import shorten
from bot.i18n.translator import N_, Translate, format_duration, format_moment
from bot.model.progress import GroupProgress, Progress, QuestionProgress
from bot.render.counting import counted
from bot.render.limits import MESSAGE_LIMIT
from bot.render.support import checkback_line, group_answers_line

PARTICIPANTS = (N_("{count} participant"), N_("{count} participants"))
ANSWERS = (N_("{count} answer"), N_("{count} answers"))


def status_text(_: Translate, progress: Progress, language: str) -> str:
    """The whole progress message in HTML, at most 4,096 characters."""
    consultation = progress.consultation
    head = [
        "📊 " + _("<b>Progress</b> · {title}", title=consultation.title.get(language)),
        deadline_line(_, progress, language),
        "",
        _("<b>Total</b>: {participants}, {answers}", **_totals(_, progress)),
    ]
    groups = ["", _("<b>Groups</b>")] + [
        group_line(_, g, len(progress.questions)) for g in progress.groups
    ]
    questions = ["", _("<b>Questions</b>")] + [
        question_line(_, q, len(progress.groups), language) for q in progress.questions
    ]
    discussion = discussion_lines(_, progress)
    silent = progress.silent_groups
    tail = [*([""] if discussion else []), *discussion, ""]
    if silent:
        tail.append(_("<b>No answers yet</b>: {groups}", groups=", ".join(silent)))
    else:
        tail.append(_("Every group has answered."))
    moment = format_moment(progress.now, consultation.timezone, language, "short")
    tail.append("<i>" + _("Updated {moment}", moment=moment) + "</i>")
    shown = len(groups)

    def joined() -> str:
        cut = ["…"] if shown < len(groups) else []
        return "\n".join([*head, *groups[:shown], *cut, *questions, *tail])

    text = joined()
    while len(text) > MESSAGE_LIMIT and shown > 3:
        # Very many groups: drop the last group lines rather than fail to send anything.
        shown -= 1
        text = joined()
    if len(text) > MESSAGE_LIMIT and discussion:
        # Still too long: the confirmations go, the counts stay.
        tail = tail[len(discussion) + 1 :]
        text = joined()
    return text


def discussion_lines(_: Translate, progress: Progress) -> list[str]:
    """The groups' confirmed joint answers and check-backs (none when there is nothing)."""
    names = {g.key: g.name for g in progress.groups}
    numbers = {q.question.key: q.number for q in progress.questions}
    lines = [
        group_answers_line(_, progress.confirmed, names, numbers),
        checkback_line(_, progress.checkbacks, names),
    ]
    return [line for line in lines if line]


def _totals(_: Translate, progress: Progress) -> dict[str, str]:
    participants = sum(g.participants for g in progress.groups)
    answers = sum(g.answers for g in progress.groups)
    return {
        "participants": counted(_, participants, *PARTICIPANTS),
        "answers": counted(_, answers, *ANSWERS),
    }


def deadline_line(_: Translate, progress: Progress, language: str) -> str:
    """When answers close and how long is left (or that the deadline has passed)."""
    consultation = progress.consultation
    moment = format_moment(consultation.deadline, consultation.timezone, language)
    left = (consultation.deadline - progress.now).total_seconds()
    if left <= 0:
        return "⏰ " + _("The deadline passed {moment}.", moment=moment)
    return "⏳ " + _(
        "Deadline {moment} ({left} left).", moment=moment, left=format_duration(left, language)
    )


def group_line(_: Translate, group: GroupProgress, questions: int) -> str:
    """ "Gruppe 1: 5 deltakarar, 12 svar (2/5 spørsmål)"."""
    return _(
        "{group}: {participants}, {answers} ({answered}/{questions} questions)",
        group=group.name,
        participants=counted(_, group.participants, *PARTICIPANTS),
        answers=counted(_, group.answers, *ANSWERS),
        answered=group.questions_answered,
        questions=questions,
    )


def question_line(_: Translate, question: QuestionProgress, groups: int, language: str) -> str:
    """ "1. Kva tiltak …: 14 svar frå 9 deltakarar i 4 av 8 grupper"."""
    return _(
        "{number}. {question}: {answers} from {participants} in {count} of {total} groups",
        number=question.number,
        question=shorten(question.question.text.get(language), 60),
        answers=counted(_, question.answers, *ANSWERS),
        participants=counted(_, question.participants, *PARTICIPANTS),
        count=question.groups,
        total=groups,
    )
