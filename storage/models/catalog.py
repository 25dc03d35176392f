"""The consultation as synced from the config: questions, groups and meetings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property


@dataclass(frozen=True)
class QuestionRecord:
    """A question as stored: its id, keys, position and whether it is retired."""

    id: int
    consultation_id: int
    key: str
    theme_key: str
    position: int
    retired: bool


@dataclass(frozen=True)
class GroupRecord:
    """A discussion group as stored."""

    id: int
    consultation_id: int
    key: str
    name: str
    join_code: str
    retired: bool


@dataclass(frozen=True)
class Catalog:
    """The ids of everything synced from the config, for one consultation."""

    consultation_id: int
    consultation_key: str
    questions: tuple[QuestionRecord, ...]
    groups: tuple[GroupRecord, ...]

    @cached_property  # frozen: worked out once (asked for every answer)
    def active_questions(self) -> tuple[QuestionRecord, ...]:
        """Questions still in the config, in order."""
        return tuple(q for q in self.questions if not q.retired)

    @cached_property
    def _by_id(self) -> tuple[dict[int, QuestionRecord], dict[int, GroupRecord]]:
        questions = {q.id: q for q in reversed(self.questions)}  # the first of an id wins
        return questions, {g.id: g for g in reversed(self.groups)}

    def question(self, question_id: int) -> QuestionRecord | None:
        """The question with this id."""
        return self._by_id[0].get(question_id)

    def question_by_key(self, key: str) -> QuestionRecord | None:
        """The question with this key."""
        return next((q for q in self.questions if q.key == key), None)

    def group(self, group_id: int) -> GroupRecord | None:
        """The group with this id."""
        return self._by_id[1].get(group_id)

    def group_by_key(self, key: str) -> GroupRecord | None:
        """The group with this key."""
        return next((g for g in self.groups if g.key == key), None)


@dataclass(frozen=True)
class ThemeSpec:
    """A theme to sync: key, title and its questions as (key, text) in order."""

    key: str
    title: str
    questions: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ConsultationSpec:
    """What the database keeps of a configured consultation, by stable keys."""

    key: str
    title: str
    themes: tuple[ThemeSpec, ...]
    groups: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class MeetingSpec:
    """A meeting as the config (or an organiser) describes it; description by language."""

    key: str
    start_utc: datetime
    place: str
    description: dict[str, str]
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class MeetingRecord:
    """A stored meeting."""

    id: int
    consultation_id: int
    key: str
    start_utc: datetime
    place: str
    description: dict[str, str]
    groups: tuple[str, ...]
    cancelled: bool
    organiser_edited: bool
    from_config: bool
    sequence: int
    updated_at: datetime

    def description_in(self, language: str) -> str:
        """The description in `language`, falling back to Nynorsk."""
        return self.description.get(language) or self.description.get("nn", "")

    def concerns(self, group_key: str) -> bool:
        """Whether the meeting is for this group (an empty list means every group)."""
        return not self.groups or group_key in self.groups
