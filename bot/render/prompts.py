"""Texts of the participant flow: the join offer and the question prompt."""

from __future__ import annotations

from bot.domain.retention import purge_due
from bot.i18n.translator import N_, P_, Translate, esc, format_moment
from bot.model.consultation import Consultation, Question, Theme

WITHOUT_NAMES = N_("without names")
WITH_NAMES = N_("with the names of those who answered")


def join_offer(
    _: Translate,
    consultation: Consultation,
    group_name: str,
    language: str,
    moving_from: str | None,
) -> str:
    """What the user sees before consenting: the consultation, the group, the privacy notice."""
    parts = [
        f"<b>{esc(consultation.title.get(language))}</b>",
        _("You are invited to answer in group <b>{group}</b>.", group=group_name),
    ]
    background = consultation.background.get(language).strip()
    if background:
        parts.append(esc(" ".join(background.split())))
    parts.append(
        _(
            "Answers are taken until {deadline}.",
            deadline=format_moment(consultation.deadline, consultation.timezone, language),
        )
    )
    parts.append(privacy_summary(_, consultation, language))
    if moving_from:
        parts.append(
            _(
                "You are now in <b>{old}</b>. Joining moves you and your answers to <b>{new}</b>.",
                old=moving_from,
                new=group_name,
            )
        )
    return "\n\n".join(parts)


def privacy_summary(_: Translate, consultation: Consultation, language: str) -> str:
    """The privacy notice in a few sentences; "Les meir" under the offer shows all of it."""
    due = purge_due(consultation.deadline, consultation.retention_days)
    return _(
        "<b>Privacy</b>: tingbot stores your first name, your group and your answers, so that "
        "the answers can be compiled for the council. The organisers see the answers; the "
        "council channel gets only the summary, {names}, and it stays public. Your answers are "
        "deleted on {date}; /slett deletes everything about you now.",
        names=_(WITH_NAMES if consultation.show_names else WITHOUT_NAMES),
        date=format_moment(due, consultation.timezone, language, "short"),
    )


def privacy_notice(_: Translate, consultation: Consultation, language: str) -> str:
    """What is stored, why, who sees it, for how long, and how to see or delete it."""
    due = purge_due(consultation.deadline, consultation.retention_days)
    return _(
        "<b>Privacy</b>: tingbot stores your Telegram id, first name, language, group, when you "
        "agreed, where you are in the questions, whether you want reminders and which reminders you "
        "were sent, and your answers with earlier versions when you edit them. When your group uses "
        "its group chat or the cross-group round, it also stores your choices in the group's polls, "
        "your votes in the round, and whether you are (or offered to be) the group's referent. "
        "After a publication it also stores which published point each of your answers is part "
        "of, so that /mine can show it to you. It "
        "stores them so that your group's answers can be compiled for the council. The organisers "
        "see the answers per group and who wrote them; the council channel only gets the compiled "
        "summary, {names}. The answers are deleted {days} days after the deadline, on {date}. "
        "The summary in the channel is public and stays there: it is not deleted with the "
        "answers. /mine_data sends you everything stored about you, /slett deletes it.",
        names=_(WITH_NAMES if consultation.show_names else WITHOUT_NAMES),
        days=consultation.retention_days,
        date=format_moment(due, consultation.timezone, language, "short"),
    )


def question_prompt(
    _: Translate,
    theme: Theme,
    question: Question,
    number: int,
    total: int,
    language: str,
    answers: int,
) -> str:
    """The question with its theme and progress, and how to answer."""
    head = _(
        "<b>{theme}</b> · Question {number} of {total}",
        theme=theme.title.get(language),
        number=number,
        total=total,
    )
    hint = (
        _(
            P_(
                "You have given {count} answer here. Write more to add points, or go on.",
                "You have given {count} answers here. Write more to add points, or go on.",
            ),
            count=answers,
        )
        if answers
        else _("Write your answer as a message. Several messages become several points.")
    )
    return f"{head}\n\n{esc(question.text.get(language))}\n\n<i>{hint}</i>"
