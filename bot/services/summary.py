"""Compile a consultation's summary: stored answers → points → curated clusters per question."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.config.model import Consultation, Question
from bot.context import Deps
from bot.domain.curation import CurationAction, Hide, Merge, Move, Rename, Undo, Unhide
from bot.services.group_answers import confirmed_answers
from storage.models import AnswerRow, Catalog, CurationRecord

if TYPE_CHECKING:
    from bot.domain.summary import MajorityRule, Point, QuestionSummary


@dataclass(frozen=True)
class QuestionDigest:
    """One question's compiled summary with the question itself."""

    question: Question
    theme_title: str
    summary: QuestionSummary


@dataclass(frozen=True)
class ConsultationDigest:
    """The whole compiled summary of a consultation, with what it was compiled from."""

    consultation: Consultation
    catalog: Catalog
    questions: tuple[QuestionDigest, ...]
    answers: dict[int, AnswerRow]
    points: dict[str, Point]
    # question key → group key → refs of the group's confirmed joint answer
    confirmed: Mapping[str, Mapping[str, frozenset[str]]] = field(default_factory=dict)

    def group_name(self, key: str) -> str:
        """The display name of a group key."""
        return next((g.name for g in self.consultation.groups if g.key == key), key)

    def question(self, key: str) -> QuestionDigest | None:
        """The digest of one question."""
        return next((q for q in self.questions if q.question.key == key), None)


def to_action(record: CurationRecord) -> CurationAction:
    """A stored curation record as a domain action."""
    kinds: dict[str, CurationAction] = {
        "merge": Merge(record.ref, record.target_ref),
        "move": Move(record.ref, record.target_ref),
        "rename": Rename(record.ref, record.label),
        "hide": Hide(record.ref),
        "unhide": Unhide(record.ref),
        "undo": Undo(),
    }
    return kinds[record.kind]


def rule_of(consultation: Consultation) -> MajorityRule:
    """The headline rule configured for a consultation."""
    from bot.domain.summary import MajorityRule

    if consultation.summary.rule == "at_least":
        return MajorityRule("at_least", consultation.summary.at_least)
    return MajorityRule("majority")


async def compile_summary(deps: Deps, consultation: Consultation) -> ConsultationDigest:
    """Compile every active question of `consultation` from the stored answers and curation."""
    # The summary's domain (clustering and all) is imported at the first compile, not at start.
    from bot.domain.clustering import DEFAULT_THRESHOLD
    from bot.domain.summary import answer_points, compile_question

    catalog = deps.catalogs[consultation.key]
    rows = await deps.storage.answers.answers_in(catalog.consultation_id)
    log = await deps.storage.summaries.curation_log(catalog.consultation_id)
    confirmed = await confirmed_answers(deps, consultation)
    threshold = consultation.summary.threshold or DEFAULT_THRESHOLD
    by_question: dict[int, list[Point]] = {}
    points: dict[str, Point] = {}
    for row in rows:
        group = catalog.group(row.group_id)
        if group is None:
            continue
        for point in answer_points(row.answer_id, group.key, row.participant_id, row.text):
            by_question.setdefault(row.question_id, []).append(point)
            points[point.ref] = point
    digests = []
    for record in catalog.active_questions:
        question = consultation.question(record.key)
        if question is None:
            continue
        actions = [to_action(r) for r in log if r.question_key == record.key]
        summary = compile_question(
            record.key,
            by_question.get(record.id, []),
            rule_of(consultation),
            threshold,
            actions,
            question_text=question.text.nn,
            confirmed=confirmed.get(record.id, {}),
        )
        theme = consultation.theme_of(record.key)
        digests.append(QuestionDigest(question, theme.title.get(consultation.language), summary))
    by_key = {
        record.key: confirmed[record.id] for record in catalog.questions if record.id in confirmed
    }
    return ConsultationDigest(
        consultation, catalog, tuple(digests), {r.answer_id: r for r in rows}, points, by_key
    )
