"""Typed application state: what every handler and job can reach (no string keys), and the
sender's place in it (`Participation`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property

from telegram.ext import Application, CallbackContext, JobQueue

from bot.config.model import Config, Consultation, Question
from bot.domain.awaiting import AwaitedInputs
from bot.domain.compile_memo import CompileMemo
from bot.domain.drawn_memo import DrawnMemo
from bot.transport.bot import TingBot
from storage import Storage
from storage.cache import RowCache
from storage.models import Catalog, GroupRecord, Participant, QuestionRecord

Clock = Callable[[], datetime]
Reschedule = Callable[[Consultation], Awaitable[object]]
"""Rebuilds a consultation's reminder jobs after a schedule change (set by the composition
root, so services reach the jobs without importing them)."""

PlanNotices = Callable[[str, str], object]
"""Plans the job that sends a slot's notices to the participants (consultation key, slot key),
set by the composition root like `Reschedule`."""


def system_clock() -> datetime:
    """The current moment in UTC."""
    return datetime.now(UTC)


async def no_reschedule(_consultation: Consultation) -> None:
    """Without a job queue (the command line) there are no reminder jobs to rebuild."""


def no_notice_job(_consultation_key: str, _slot_key: str) -> None:
    """Without a job queue (the command line, the console alone) nothing is planned: the next
    `tingbot run` finds the notices unfinished at start-up and sends them."""


@dataclass(frozen=True)
class Participation:
    """A participant with their consultation, catalogue, group and language."""

    participant: Participant
    consultation: Consultation
    catalog: Catalog
    group: GroupRecord
    language: str

    @cached_property  # frozen, and remembered with it (Deps.participations)
    def order(self) -> tuple[int, ...]:
        """The ids of the questions still asked, in order."""
        return tuple(q.id for q in self.catalog.active_questions)

    def question(self, question_id: int | None) -> tuple[QuestionRecord, Question] | None:
        """The stored and configured question for an id, if it is still asked."""
        record = self.catalog.question(question_id) if question_id is not None else None
        if record is None or record.retired:
            return None
        configured = self.consultation.question(record.key)
        return None if configured is None else (record, configured)


@dataclass
class Deps:
    """The configuration, storage, synced catalogues and clock of a running bot."""

    config: Config
    storage: Storage
    catalogs: dict[str, Catalog] = field(default_factory=dict)
    clock: Clock = system_clock
    bot_username: str = ""
    awaiting: AwaitedInputs = field(default_factory=AwaitedInputs)  # see handlers/shared/awaiting
    reschedule: Reschedule = no_reschedule
    plan_notices: PlanNotices = no_notice_job
    compiled: CompileMemo = field(default_factory=CompileMemo)  # see domain/compile_memo
    channel_titles: dict[str, str] = field(default_factory=dict)  # channel id → its title
    drawn: DrawnMemo = field(default_factory=DrawnMemo)  # see domain/drawn_memo
    # A user's current participation by (user, Telegram language), with the catalogues it was
    # found in: see services/participation.current.
    participations: RowCache[tuple[int, str | None], tuple[object, Participation | None]] = field(
        init=False, repr=False
    )

    def __post_init__(self) -> None:
        self.participations = RowCache(self.storage.db)

    def consultation(self, key: str) -> Consultation:
        """The configured consultation with `key` (it exists: catalogs come from the config)."""
        found = self.config.consultation(key)
        if found is None:
            raise KeyError(key)
        return found

    def consultation_by_id(self, consultation_id: int) -> tuple[Consultation, Catalog]:
        """The configured consultation and its catalogue for a database id."""
        for key, catalog in self.catalogs.items():
            if catalog.consultation_id == consultation_id:
                return self.consultation(key), catalog
        raise KeyError(consultation_id)


class BotData:
    """`application.bot_data`: holds the Deps once the application is built."""

    __slots__ = ("_deps",)

    def __init__(self) -> None:
        self._deps: Deps | None = None

    @property
    def deps(self) -> Deps:
        """The running bot's dependencies."""
        if self._deps is None:
            raise RuntimeError("the application was not built with build_application")
        return self._deps

    @deps.setter
    def deps(self, value: Deps) -> None:
        self._deps = value


Context = CallbackContext[TingBot, dict[object, object], dict[object, object], BotData]
TingApplication = Application[
    TingBot, Context, dict[object, object], dict[object, object], BotData, JobQueue[Context]
]


def deps(context: Context) -> Deps:
    """The dependencies of the application that runs this callback."""
    return context.bot_data.deps
