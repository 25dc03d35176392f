"""Progress counts of a consultation: participants per group, answers per group and question."""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Database


@dataclass(frozen=True)
class AnswerCount:
    """Active answers of one group to one question, and how many participants wrote them."""

    group_id: int
    question_id: int
    answers: int
    participants: int


@dataclass(frozen=True)
class ProgressCounts:
    """Participants per group id and answer counts per (group, question) of a consultation."""

    participants: dict[int, int]
    answers: tuple[AnswerCount, ...]


class ProgressRepository:
    """Aggregate counts for the organisers' progress view (two queries, whatever the size)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def progress_counts(self, consultation_id: int) -> ProgressCounts:
        """Participants per group and answers per (group, question); withdrawn answers excluded."""
        members = await self.db.fetchall(
            # Those who joined on Telegram; a group's paper answers have a writer of their own.
            "SELECT group_id, COUNT(*) FROM participant WHERE consultation_id = ? "
            "AND paper_label IS NULL GROUP BY group_id",
            (consultation_id,),
        )
        answers = await self.db.fetchall(
            "SELECT p.group_id, a.question_id, COUNT(*), COUNT(DISTINCT a.participant_id) "
            "FROM answer a JOIN participant p ON p.id = a.participant_id "
            "WHERE p.consultation_id = ? AND a.status = 'active' "
            "GROUP BY p.group_id, a.question_id ORDER BY p.group_id, a.question_id",
            (consultation_id,),
        )
        return ProgressCounts(
            participants={int(r[0]): int(r[1]) for r in members},
            answers=tuple(AnswerCount(int(r[0]), int(r[1]), int(r[2]), int(r[3])) for r in answers),
        )
