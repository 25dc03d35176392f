"""Compile answers read from a file (typed in from paper) with the same engine as /oppsummering.

Without a consultation the questions and groups are the ones the file names, in the order they
first appear. With one, a record's `question` is a question key or its 1-based number in the
config's order, its `group` a group key or display name, and the headline rule, the threshold
and the language come from the consultation. The result is a `ConsultationDigest`, so the
channel renderer draws it exactly as the channel would show it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.config.model import Consultation, Group, Localized, Question, Theme
from bot.domain.summary import Point, answer_points, compile_question
from bot.model.summary import AnswerView, ConsultationDigest, QuestionDigest
from bot.services.answer_file import AnswerFileError, AnswerRecord
from bot.services.summary import rule_of
from storage.models import Catalog, GroupRecord, QuestionRecord

FILE_KEY = "answers"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Summarised:
    """The compiled digest, with each question as the file gave it (by question key)."""

    digest: ConsultationDigest
    given: dict[str, str]


def file_consultation(records: Sequence[AnswerRecord], title: str, language: str) -> Consultation:
    """A consultation made of what the file names: its questions and groups, first seen first."""
    texts: dict[str, str] = {}
    groups: dict[str, Group] = {}
    for record in records:
        texts.setdefault(record.question, "")
        if record.question_text and not texts[record.question]:
            texts[record.question] = record.question_text
        groups.setdefault(record.group, Group(record.group, record.group, record.group))
    questions = tuple(
        Question(key, Localized(text or key, text or key, text or key))
        for key, text in texts.items()
    )
    return Consultation(
        key=FILE_KEY,
        title=Localized(title),
        background=Localized(""),
        timezone="Europe/Oslo",
        language=language,
        deadline=EPOCH,
        channel="",
        organisers=(),
        themes=(Theme("", Localized(""), questions),),
        groups=tuple(groups.values()),
    )


def resolve(consultation: Consultation, record: AnswerRecord) -> tuple[Question, Group]:
    """The question and group a record names, or an `AnswerFileError` naming the record."""
    questions = consultation.questions
    question = consultation.question(record.question)
    if question is None and record.question.isdecimal():
        number = int(record.question)
        if 1 <= number <= len(questions):
            question = questions[number - 1]
    if question is None:
        raise AnswerFileError(
            record.row,
            f"no question {record.question!r} in {consultation.key} "
            f"(a key such as {questions[0].key!r}, or a number 1-{len(questions)})",
        )
    wanted = record.group.casefold()
    group = next((g for g in consultation.groups if g.key == record.group), None) or next(
        (g for g in consultation.groups if wanted in (g.key.casefold(), g.name.casefold())), None
    )
    if group is None:
        known = ", ".join(g.key for g in consultation.groups[:4])
        raise AnswerFileError(
            record.row, f"no group {record.group!r} in {consultation.key} (groups: {known} …)"
        )
    return question, group


def summarise(
    records: Sequence[AnswerRecord], consultation: Consultation, threshold: float
) -> Summarised:
    """Compile every question of `consultation` that the records answer, in the config's order."""
    catalog = _catalog(consultation)
    participants: dict[tuple[str, str], int] = {}
    by_question: dict[str, list[Point]] = {}
    given: dict[str, str] = {}
    answers: dict[int, AnswerView] = {}
    points: dict[str, Point] = {}
    for record in records:
        question, group = resolve(consultation, record)
        given.setdefault(question.key, record.question)
        # Without a participant each record stands for a person of its own.
        who = (group.key, record.participant or f"#{record.row}")
        participant = participants.setdefault(who, len(participants) + 1)
        own = answer_points(record.row, group.key, participant, record.text)
        by_question.setdefault(question.key, []).extend(own)
        points.update((point.ref, point) for point in own)
        answers[record.row] = _answer_row(catalog, record, question, group, participant)
    digests = []
    for question in consultation.questions:
        if question.key not in by_question:
            continue
        summary = compile_question(
            question.key,
            by_question[question.key],
            rule_of(consultation),
            threshold,
            question_text=question.text.nn,
            language=consultation.language,
        )
        theme = consultation.theme_of(question.key)
        title = theme.title.get(consultation.language)
        question_id = catalog.question_by_key(question.key)
        assert question_id is not None
        digests.append(QuestionDigest(question, title, summary, question_id.id))
    digest = ConsultationDigest(
        consultation, catalog.consultation_id, tuple(digests), answers, points
    )
    return Summarised(digest, given)


def as_json(result: Summarised) -> dict[str, Any]:
    """The digest as `{"questions": [{"question", "groups_answering", "headline", "others"}]}`."""
    points = result.digest.points

    def point(summary_point: Any) -> dict[str, Any]:
        return {
            "label": summary_point.label,
            "groups": list(summary_point.groups),
            "members": [
                {"row": points[ref].answer_id, "text": points[ref].text}
                for ref in summary_point.refs
            ],
        }

    return {
        "questions": [
            {
                "question": result.given[q.question.key],
                "groups_answering": len(q.summary.groups_answering),
                "headline": [point(p) for p in q.summary.headline],
                "others": [point(p) for p in q.summary.others],
            }
            for q in result.digest.questions
        ]
    }


def _catalog(consultation: Consultation) -> Catalog:
    """Numbered records of the consultation's questions and groups, as storage would hold them."""
    questions = tuple(
        QuestionRecord(number, 0, q.key, consultation.theme_of(q.key).key, number, False)
        for number, q in enumerate(consultation.questions, start=1)
    )
    groups = tuple(
        GroupRecord(number, 0, g.key, g.name, g.code, False)
        for number, g in enumerate(consultation.groups, start=1)
    )
    return Catalog(0, consultation.key, questions, groups)


def _answer_row(
    catalog: Catalog, record: AnswerRecord, question: Question, group: Group, participant: int
) -> AnswerView:
    """The record as an answer row (the participant's name shows only with `show_names`)."""
    question_record = catalog.question_by_key(question.key)
    group_record = catalog.group_by_key(group.key)
    assert question_record is not None and group_record is not None
    return AnswerView(
        record.row,
        question_record.id,
        group_record.id,
        group.key,
        participant,
        record.participant,
        record.text,
        "active",
        EPOCH,
        EPOCH,
    )
