"""The configuration as frozen dataclasses: what `bot.config.load` loads and validates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cached_property
from pathlib import Path

LANGUAGES: tuple[str, ...] = ("nn", "nb", "en")


@dataclass(frozen=True)
class Localized:
    """A text in Nynorsk with optional Bokmål and English versions."""

    nn: str
    nb: str | None = None
    en: str | None = None

    def get(self, language: str) -> str:
        """The text in `language`, falling back to Nynorsk."""
        value = getattr(self, language, None) if language in LANGUAGES else None
        return value if isinstance(value, str) and value else self.nn


@dataclass(frozen=True)
class Question:
    """One question of a theme, with a stable key."""

    key: str
    text: Localized


@dataclass(frozen=True)
class Theme:
    """An ordered set of questions under a title."""

    key: str
    title: Localized
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Group:
    """A discussion group: stable key, display name and join code for the deep link."""

    key: str
    name: str
    code: str


@dataclass(frozen=True)
class Meeting:
    """A meeting from the config; `start` is timezone-aware."""

    key: str
    start: datetime
    place: str
    description: Localized
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class SummaryRule:
    """How the summary decides which points are the headline, and how alike points must be."""

    rule: str = "majority"
    at_least: int = 0
    threshold: float = 0.0


@dataclass(frozen=True)
class Reminders:
    """Offsets before meetings and the deadline, and quiet hours (local time)."""

    meeting_offsets: tuple[str, ...] = ("7d", "1d", "2h")
    deadline_offsets: tuple[str, ...] = ("3d", "1d")
    quiet_start: time = time(22, 0)
    quiet_end: time = time(8, 0)


@dataclass(frozen=True)
class GroupChatSettings:
    """Linked group chats: whether polls are anonymous, and when to post the questions."""

    poll_anonymous: bool = False
    post_questions_at: datetime | None = None


@dataclass(frozen=True)
class RoundSettings:
    """The cross-group round: own-group votes, scheduled opening/closing, common ground."""

    own_group: bool = False
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    common_share: float = 0.7
    common_coverage: float = 0.5
    common_groups_agreeing: float = 2 / 3
    common_min_votes: int = 3


@dataclass(frozen=True)
class CaseFrame:
    """The frame of the case document (saksframlegg): the case number, the committee, its meeting
    date, the officer handling the case, the case title (None: the consultation's title) and the
    council's own DOCX template to write into (None: tingbot's sober A4 style)."""

    number: str = ""
    committee: str = ""
    meeting_date: date | None = None
    officer: str = ""
    title: Localized | None = None
    template: Path | None = None


@dataclass(frozen=True)
class Consultation:
    """A ting: questions for groups, a deadline, a channel and its organisers."""

    key: str
    title: Localized
    background: Localized
    timezone: str
    language: str
    deadline: datetime
    channel: str
    organisers: tuple[int, ...]
    themes: tuple[Theme, ...]
    groups: tuple[Group, ...]
    meetings: tuple[Meeting, ...] = ()
    show_names: bool = False
    summary: SummaryRule = field(default_factory=SummaryRule)
    reminders: Reminders = field(default_factory=Reminders)
    groupchat: GroupChatSettings = field(default_factory=GroupChatSettings)
    round: RoundSettings = field(default_factory=RoundSettings)
    retention_days: int = 180
    case: CaseFrame = field(default_factory=CaseFrame)

    @cached_property  # frozen: worked out once (it is asked for every answer)
    def questions(self) -> tuple[Question, ...]:
        """All questions in order, across themes."""
        return tuple(q for theme in self.themes for q in theme.questions)

    @cached_property
    def _questions_by_key(self) -> dict[str, Question]:
        return {q.key: q for q in reversed(self.questions)}  # the first of a key wins

    def theme_of(self, question_key: str) -> Theme:
        """The theme that holds `question_key`."""
        for theme in self.themes:
            if any(q.key == question_key for q in theme.questions):
                return theme
        raise KeyError(question_key)

    def question(self, key: str) -> Question | None:
        """The question with `key`, if the config still has it."""
        return self._questions_by_key.get(key)

    def group_by_code(self, code: str) -> Group | None:
        """The group whose join code is `code`."""
        return next((g for g in self.groups if g.code == code), None)


@dataclass(frozen=True)
class Webhook:
    """Receive updates on an HTTP endpoint instead of long polling; the secret is never printed."""

    url: str
    secret_token: str = field(repr=False)
    listen: str = "127.0.0.1"
    port: int = 8443
    path: str = ""


@dataclass(frozen=True)
class Telegram:
    """How to reach Telegram. The token is never printed."""

    token: str = field(repr=False)
    api_base_url: str | None = None
    file_base_url: str | None = None
    webhook: Webhook | None = None
    paid_broadcast: int | None = None  # messages a second with allow_paid_broadcast; None: off


@dataclass(frozen=True)
class ConsoleSettings:
    """The organisers' console in a browser: served by `tingbot run` when enabled, on `host`
    (loopback by default: a reverse proxy with HTTPS goes in front) and `port`; `base_url` is
    the address organisers open (login links start with it). `behind_proxy`: a reverse proxy
    in front says how organisers came in (`X-Forwarded-Proto: https` is then believed)."""

    enabled: bool = False
    host: str = "127.0.0.1"
    port: int = 8480
    base_url: str = ""
    behind_proxy: bool = False

    @property
    def url(self) -> str:
        """Where the console is reached: `base_url`, else the address it listens on."""
        return (self.base_url or f"http://{self.host}:{self.port}").rstrip("/")


@dataclass(frozen=True)
class Config:
    """The whole configuration file."""

    telegram: Telegram
    database: Path
    consultations: tuple[Consultation, ...]
    durability: str = "normal"  # SQLite's synchronous setting: "normal" or "full"
    console: ConsoleSettings = field(default_factory=ConsoleSettings)

    def consultation(self, key: str) -> Consultation | None:
        """The consultation with `key`."""
        return next((c for c in self.consultations if c.key == key), None)
