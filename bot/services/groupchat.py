"""A group's Telegram group chat: linking it, who takes part in it, and its question messages."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bot.config.model import Consultation
from bot.context import Deps
from bot.services.participation import (
    JoinTarget,
    Participation,
    find_group,
    join,
    language_in,
    membership_in,
)
from storage.models import ChatLink, ChatQuestion


@dataclass(frozen=True)
class ChatTable:
    """A linked group chat with the consultation and group it is the table of."""

    link: ChatLink
    target: JoinTarget

    @property
    def chat_id(self) -> int:
        """The chat's current id."""
        return self.link.chat_id

    @property
    def group_id(self) -> int:
        """The database id of the group."""
        return self.target.record.id

    @property
    def language(self) -> str:
        """The language the bot speaks in a shared chat: the consultation's."""
        return self.target.consultation.language

    def organised_by(self, telegram_id: int) -> bool:
        """Whether the user is an organiser of the chat's consultation."""
        return telegram_id in self.target.consultation.organisers


async def table_of(deps: Deps, chat_id: int, include_inactive: bool = False) -> ChatTable | None:
    """The group whose table this chat is (active links only, unless asked)."""
    link = await deps.storage.chats.chat_link(chat_id)
    if link is None or not (link.active or include_inactive):
        return None
    target = find_group(deps, link.group_id)
    return None if target is None else ChatTable(link, target)


class Linked(Enum):
    """What /kopla did."""

    LINKED = "linked"
    MOVED = "moved"
    ALREADY = "already"
    TAKEN = "taken"


@dataclass(frozen=True)
class LinkResult:
    """The outcome of linking, with the table and (for TAKEN) the group that has the chat."""

    outcome: Linked
    table: ChatTable | None = None
    other_group: str = ""


async def link(
    deps: Deps, target: JoinTarget, chat_id: int, title: str, organiser_id: int
) -> LinkResult:
    """Make the chat the group's table; a chat actively linked to another group is refused."""
    current = await table_of(deps, chat_id)
    if current is not None and current.group_id != target.record.id:
        return LinkResult(Linked.TAKEN, current, current.target.group.name)
    if current is not None:
        return LinkResult(Linked.ALREADY, current)
    change = await deps.storage.chats.link_chat(
        target.record.id, chat_id, title, organiser_id, deps.clock()
    )
    outcome = Linked.MOVED if change.previous_chat_id is not None else Linked.LINKED
    return LinkResult(outcome, ChatTable(change.link, target))


async def unlink(deps: Deps, chat_id: int) -> ChatTable | None:
    """Unlink a chat (its answers stay); the table it was, or None."""
    table = await table_of(deps, chat_id, include_inactive=True)
    if table is not None:
        await deps.storage.chats.unlink_chat(chat_id)
    return table


async def set_present(deps: Deps, chat_id: int, present: bool) -> ChatTable | None:
    """The bot was removed from (or added back to) a chat: mark its link; the changed table."""
    if not await deps.storage.chats.set_chat_active(chat_id, present, deps.clock()):
        return None
    return await table_of(deps, chat_id, include_inactive=True)


async def migrate(deps: Deps, old_chat_id: int, new_chat_id: int) -> ChatTable | None:
    """A chat became a supergroup: the link follows it. The moved table, or None."""
    if not await deps.storage.chats.migrate_chat(old_chat_id, new_chat_id, deps.clock()):
        return None
    return await table_of(deps, new_chat_id, include_inactive=True)


async def member(
    deps: Deps, table: ChatTable, telegram_id: int, code: str | None
) -> Participation | None:
    """The user's participation in the chat's consultation (in any of its groups), if any."""
    participant = await membership_in(deps, telegram_id, table.target.catalog.consultation_id)
    if participant is None:
        return None
    group = table.target.catalog.group(participant.group_id)
    if group is None:
        return None
    language = await language_in(deps, telegram_id, code, table.target.consultation)
    return Participation(
        participant, table.target.consultation, table.target.catalog, group, language
    )


class Joined(Enum):
    """What the consent button in a chat did."""

    JOINED = "joined"
    ALREADY = "already"
    OTHER_GROUP = "other_group"


async def join_table(
    deps: Deps,
    table: ChatTable,
    telegram_id: int,
    first_name: str,
    telegram_code: str | None = None,
) -> tuple[Joined, str]:
    """Make the user a participant of the chat's group (consent given by the tap).

    A participant of another group is not moved by a tap in a chat: (OTHER_GROUP, its name).
    """
    existing = await membership_in(deps, telegram_id, table.target.catalog.consultation_id)
    if existing is not None and existing.group_id != table.group_id:
        other = table.target.catalog.group(existing.group_id)
        return Joined.OTHER_GROUP, other.name if other else ""
    if existing is not None and existing.active:
        return Joined.ALREADY, table.target.group.name
    language = await language_in(deps, telegram_id, telegram_code, table.target.consultation)
    await join(deps, table.target, telegram_id, first_name, language=language)
    return Joined.JOINED, table.target.group.name


async def record_question_message(
    deps: Deps, table: ChatTable, message_id: int, question_id: int
) -> None:
    """Remember that a message in the chat posted a question."""
    await deps.storage.chats.add_chat_question(
        table.chat_id, message_id, table.group_id, question_id, deps.clock()
    )


async def questions_due(deps: Deps, table: ChatTable) -> bool:
    """Whether a chat should get the questions now: their configured time has come, the
    deadline has not passed, and they are not there yet."""
    consultation = table.target.consultation
    at, now = consultation.groupchat.post_questions_at, deps.clock()
    if at is None or not at <= now < consultation.deadline:
        return False
    return not await has_questions(deps, table.chat_id)


async def has_questions(deps: Deps, chat_id: int) -> bool:
    """Whether the questions were posted in this chat."""
    return bool(await deps.storage.chats.chat_questions(chat_id))


async def linked_chats(deps: Deps, consultation: Consultation) -> list[ChatLink]:
    """The group chats linked to the consultation's groups."""
    return await deps.storage.chats.chat_links(deps.catalogs[consultation.key].consultation_id)


async def question_at(deps: Deps, chat_id: int, message_id: int) -> ChatQuestion | None:
    """The question a message of the chat posted, if any."""
    return await deps.storage.chats.chat_question(chat_id, message_id)
