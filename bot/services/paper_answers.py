"""`tingbot import-answers`: answers written on paper at the tables, typed in by an organiser.

Each record names its group (key or name), its question (key, or its number 1, 2, … in the
order the report numbers the questions), the text and optionally a label for who wrote it.
They are stored as that group's answers, marked as from paper (storage.paper), and count in
/status, the summary, the exports and the channel like any other answer. Every bad record is
reported with its number and then nothing of the file is stored; a record already imported
(the same content hash) is not stored again.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.config.model import Consultation, Question
from bot.context import Deps
from bot.domain.control_chars import neutralise
from bot.services.answer_file import AnswerFileError, AnswerRecord, FileFormat, read_all
from storage.models import Catalog, PaperAnswer, PaperImport

MAX_LABEL_CHARS = 64


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: the stored counts, or (nothing stored) every problem found."""

    stored: PaperImport | None
    problems: tuple[str, ...]
    records: int


def resolve(
    consultation: Consultation, catalog: Catalog, records: Sequence[AnswerRecord]
) -> tuple[list[PaperAnswer], list[str]]:
    """The records as answers to store, and a "record N: …" line for each that cannot be."""
    groups = {g.key: g for g in catalog.groups if not g.retired}
    by_name = {g.name.casefold(): g for g in groups.values()}
    asked = [q for q in consultation.questions if _active(catalog, q.key)]
    seen: Counter[tuple[str, ...]] = Counter()
    answers: list[PaperAnswer] = []
    problems: list[str] = []
    for record in records:
        group = groups.get(record.group) or by_name.get(record.group.casefold())
        question = _question(record.question, asked)
        wrong = []
        if group is None:
            wrong.append(f"no group {record.group!r} (use a group's key or name)")
        if question is None:
            wrong.append(f"no question {record.question!r} (use its key or 1-{len(asked)})")
        if len(record.participant) > MAX_LABEL_CHARS:
            wrong.append(f"the participant label is over {MAX_LABEL_CHARS} characters")
        stored = catalog.question_by_key(question) if question is not None else None
        if wrong or group is None or question is None or stored is None:
            problems.append(f"record {record.row}: " + "; ".join(wrong))
            continue
        text = neutralise(record.text)
        identity = (consultation.key, group.key, question, record.participant, text)
        seen[identity] += 1  # the same text twice in one file is two answers
        content = json.dumps([*identity, seen[identity]], ensure_ascii=False)
        digest = hashlib.sha256(content.encode()).hexdigest()
        answers.append(PaperAnswer(group.id, stored.id, record.participant, text, digest))
    return answers, problems


def _active(catalog: Catalog, key: str) -> bool:
    """Whether the question is in the database and not retired."""
    record = catalog.question_by_key(key)
    return record is not None and not record.retired


def _question(given: str, asked: Sequence[Question]) -> str | None:
    """The key of the question `given` as a key or a 1-based number, or None."""
    keys = [q.key for q in asked]
    if given in keys:
        return given
    if given.isdigit() and 1 <= int(given) <= len(keys):
        return keys[int(given) - 1]
    return None


async def import_answers(
    deps: Deps, consultation: Consultation, path: Path, fmt: FileFormat | None = None
) -> ImportOutcome:
    """Read, check and store a file of paper answers; nothing is stored if a record is bad."""
    records, errors = read_all(path, fmt)
    catalog = deps.catalogs[consultation.key]
    answers, problems = resolve(consultation, catalog, records)
    wrong = [str(e) for e in errors] + problems
    wrong.sort(key=_row_of)
    total = len(records) + len(errors)
    if wrong:
        return ImportOutcome(None, tuple(wrong), total)
    stored = await deps.storage.paper.import_answers(catalog.consultation_id, answers, deps.clock())
    return ImportOutcome(stored, (), total)


def _row_of(problem: str) -> int:
    """The record number a "record N: …" line is about (0 for the whole file)."""
    head = problem.removeprefix("record ").split(":", 1)[0]
    return int(head) if head.isdigit() else 0


__all__ = ["AnswerFileError", "ImportOutcome", "import_answers", "resolve"]
