"""Compile a consultation's summary: stored answers → points → curated clusters per question."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.config.model import Consultation
from bot.context import Deps
from bot.domain.curation import (
    CurationAction,
    Hide,
    KeepApart,
    Merge,
    Move,
    Rename,
    Split,
    Undo,
    Unhide,
)
from bot.model.summary import AnswerView, ConsultationDigest, QuestionDigest
from bot.services.group_answers import confirmed_answers
from storage.models import AnswerRow, Catalog, CurationRecord

if TYPE_CHECKING:
    from bot.domain.summary import MajorityRule, Point, QuestionInput


def to_action(record: CurationRecord) -> CurationAction:
    """A stored curation record as a domain action."""
    kinds: dict[str, CurationAction] = {
        "merge": Merge(record.ref, record.target_ref),
        "move": Move(record.ref, record.target_ref),
        "rename": Rename(record.ref, record.label),
        "hide": Hide(record.ref),
        "unhide": Unhide(record.ref),
        "split": Split(tuple(record.ref.split())),
        "keep_apart": KeepApart(record.ref, record.target_ref),
        "undo": Undo(),
    }
    return kinds[record.kind]


def rule_of(consultation: Consultation) -> MajorityRule:
    """The headline rule configured for a consultation."""
    from bot.domain.summary import MajorityRule

    if consultation.summary.rule == "at_least":
        return MajorityRule("at_least", consultation.summary.at_least)
    return MajorityRule("majority")


def threshold_of(consultation: Consultation) -> float | None:
    """The clustering threshold the organiser set, or None (0, the default): the engine then
    decides per question."""
    return consultation.summary.threshold or None


def answer_view(row: AnswerRow, catalog: Catalog) -> AnswerView:
    """A stored answer as the summary's renderers see it (no Telegram id)."""
    group = catalog.group(row.group_id)
    return AnswerView(
        row.answer_id,
        row.question_id,
        row.group_id,
        group.key if group is not None else "",
        row.participant_id,
        row.first_name,
        row.text,
        row.status,
        row.created_at,
        row.updated_at,
        row.source == "paper",
    )


def _input(
    points: list[Point],
    key: str,
    log: Sequence[CurationRecord],
    question_text: str,
    confirmed: Mapping[str, frozenset[str]],
) -> QuestionInput:
    """What one question is compiled from."""
    from bot.domain.summary import QuestionInput

    actions = [to_action(r) for r in log if r.question_key == key]
    return QuestionInput(key, points, actions, question_text, confirmed)


ON_THREAD_FROM = 1000
"""From this many answers a summary is compiled on a worker thread unless told otherwise: below
it the compile takes under a tenth of a second (bench.compile: 0.59 s for 10,000 points), above
it the event loop would be deaf for as long (32 s at 200,000 answers, docs/scaling.md)."""


async def compile_summary(
    deps: Deps, consultation: Consultation, *, on_thread: bool | None = None
) -> ConsultationDigest:
    """Compile every active question of `consultation` from the stored answers and curation.

    `on_thread`: split and cluster on a worker thread, so that the event loop goes on answering
    (bench.export_replies measures the replies meanwhile); by default from `ON_THREAD_FROM`
    answers on.
    """
    catalog = deps.catalogs[consultation.key]
    rows = await deps.storage.answers.answers_in(catalog.consultation_id)
    log = await deps.storage.summaries.curation_log(catalog.consultation_id)
    confirmed = await confirmed_answers(deps, consultation)
    if on_thread is None:
        on_thread = len(rows) >= ON_THREAD_FROM
    if on_thread:
        return await asyncio.to_thread(_digest, deps, consultation, rows, log, confirmed)
    return _digest(deps, consultation, rows, log, confirmed)


def _digest(
    deps: Deps,
    consultation: Consultation,
    rows: Sequence[AnswerRow],
    log: Sequence[CurationRecord],
    confirmed: Mapping[int, Mapping[str, frozenset[str]]],
) -> ConsultationDigest:
    """The compiled consultation from its answers, curation log and confirmed joint answers."""
    catalog = deps.catalogs[consultation.key]
    by_question: dict[int, list[Point]] = {}
    points: dict[str, Point] = {}
    for row in rows:
        group = catalog.group(row.group_id)
        if group is None:
            continue
        for point in deps.compiled.points(row.answer_id, group.key, row.participant_id, row.text):
            by_question.setdefault(row.question_id, []).append(point)
            points[point.ref] = point
    asked = []
    for record in catalog.active_questions:
        question = consultation.question(record.key)
        if question is not None:
            asked.append((record, question))
    inputs = [
        _input(
            by_question.get(record.id, []),
            record.key,
            log,
            question.text.nn,
            confirmed.get(record.id, {}),
        )
        for record, question in asked
    ]
    summaries = deps.compiled.compile(
        inputs, rule_of(consultation), threshold_of(consultation), consultation.language
    )
    digests = tuple(
        QuestionDigest(
            question,
            consultation.theme_of(record.key).title.get(consultation.language),
            summary,
            record.id,
        )
        for (record, question), summary in zip(asked, summaries, strict=True)
    )
    by_key = {
        record.key: confirmed[record.id] for record in catalog.questions if record.id in confirmed
    }
    answers = {r.answer_id: answer_view(r, catalog) for r in rows}
    return ConsultationDigest(
        consultation, catalog.consultation_id, digests, answers, points, by_key
    )


def recompile_question(
    digest: ConsultationDigest, entry: QuestionDigest, log: list[CurationRecord]
) -> tuple[ConsultationDigest, QuestionDigest]:
    """The digest with one question compiled again under the consultation's curation `log`
    (after a curation step), without re-reading or re-compiling the rest of the consultation."""
    from bot.domain.summary import compile_question

    key = entry.question.key
    points = [
        p
        for p in digest.points.values()
        if p.answer_id in digest.answers
        and digest.answers[p.answer_id].question_id == entry.question_id
    ]
    consultation = digest.consultation
    spec = _input(points, key, log, entry.question.text.nn, digest.confirmed.get(key, {}))
    summary = compile_question(
        spec.key,
        spec.points,
        rule_of(consultation),
        threshold_of(consultation),
        spec.curation,
        spec.question_text,
        spec.confirmed,
        consultation.language,
    )
    fresh = replace(entry, summary=summary)
    questions = tuple(fresh if q is entry else q for q in digest.questions)
    return replace(digest, questions=questions), fresh
