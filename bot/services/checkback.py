"""The check-back: "this is how your group's answers were captured", and what came back.

It goes to the group's referent in private chat when the group has one, else to the group's
linked chat. In private chat only the referent can answer; in a group chat the referent, or
(without one) any participant of the group, or an organiser. ✏️ awaits the correction: the
next text message in private chat, or a reply to the bot's prompt in the group chat.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from bot.config.model import Consultation
from bot.context import Deps
from bot.services.participation import membership_in
from bot.services.summary import ConsultationDigest, QuestionDigest
from storage.models import CheckBack, GroupRecord

if TYPE_CHECKING:
    from bot.domain.summary import SummaryPoint


def captured(
    digest: ConsultationDigest, group_key: str
) -> list[tuple[QuestionDigest, tuple[SummaryPoint, ...]]]:
    """Per question, the points of the summary that count as raised by the group."""
    return [
        (q, tuple(p for p in (*q.summary.headline, *q.summary.others) if group_key in p.groups))
        for q in digest.questions
    ]


@dataclass(frozen=True)
class Recipient:
    """Where a group's check-back goes: its referent's private chat or its group chat, and
    the group chat to fall back on when the referent cannot be reached in private."""

    group: GroupRecord
    chat_id: int
    private: bool
    fallback_chat_id: int | None = None


async def recipients(
    deps: Deps, consultation: Consultation
) -> list[tuple[GroupRecord, Recipient | None]]:
    """Each active group with where its check-back goes (None: no referent and no chat)."""
    catalog = deps.catalogs[consultation.key]
    result: list[tuple[GroupRecord, Recipient | None]] = []
    for group in catalog.groups:
        if group.retired:
            continue
        referent = await deps.storage.discussion.referent(group.id)
        chat = await deps.storage.chats.group_chat_of(group.id)
        fallback = chat.chat_id if chat is not None and chat.active else None
        if referent is not None:
            result.append((group, Recipient(group, referent.telegram_id, True, fallback)))
        elif chat is not None and chat.active:
            result.append((group, Recipient(group, chat.chat_id, False)))
        else:
            result.append((group, None))
    return result


async def start(deps: Deps, recipient: Recipient, content: str, organiser: int) -> int:
    """Record a check-back before it is sent; returns its id."""
    return await deps.storage.checkbacks.start_checkback(
        recipient.group.id, recipient.chat_id, content, organiser, deps.clock()
    )


async def finish(deps: Deps, checkback_id: int, message_id: int | None) -> None:
    """Record the sent message (None: it could not be delivered)."""
    await deps.storage.checkbacks.finish_checkback(checkback_id, message_id)


class Answered(Enum):
    """What pressing ✅ or ✏️ did."""

    CONFIRMED = "confirmed"
    CORRECTING = "correcting"
    NOT_ALLOWED = "not_allowed"
    UNKNOWN = "unknown"


async def may_answer(deps: Deps, found: CheckBack, telegram_id: int) -> bool:
    """Who may answer a check-back (see the module docstring)."""
    if found.chat_id >= 0:  # a private chat; 0 once its referent deleted their data
        return found.chat_id == telegram_id
    catalog = next((c for c in deps.catalogs.values() if c.group(found.group_id)), None)
    if catalog is None:
        return False
    consultation, _catalog = deps.consultation_by_id(catalog.consultation_id)
    if telegram_id in consultation.organisers:
        return True
    referent = await deps.storage.discussion.referent(found.group_id)
    if referent is not None:
        return referent.telegram_id == telegram_id
    participant = await membership_in(deps, telegram_id, catalog.consultation_id)
    return participant is not None and participant.group_id == found.group_id


async def answer(
    deps: Deps, checkback_id: int, telegram_id: int, confirmed: bool, chat_id: int | None
) -> tuple[Answered, CheckBack | None]:
    """✅ confirms; ✏️ starts awaiting the correction from this user.

    The buttons count only under the check-back itself: pressed in another chat (`chat_id`),
    their data is forged.
    """
    found = await deps.storage.checkbacks.checkback(checkback_id)
    if found is None or found.status in ("sending", "failed") or found.chat_id != chat_id:
        return Answered.UNKNOWN, None
    if not await may_answer(deps, found, telegram_id):
        return Answered.NOT_ALLOWED, found
    status = "confirmed" if confirmed else "correcting"
    await deps.storage.checkbacks.answer_checkback(checkback_id, status, telegram_id, deps.clock())
    return (Answered.CONFIRMED if confirmed else Answered.CORRECTING), found


async def set_prompt(
    deps: Deps, found: CheckBack, telegram_id: int, prompt_message_id: int
) -> None:
    """Remember the group-chat prompt whose reply is the correction."""
    await deps.storage.checkbacks.answer_checkback(
        found.id, "correcting", telegram_id, deps.clock(), prompt_message_id=prompt_message_id
    )


async def awaited_correction(
    deps: Deps, chat_id: int, telegram_id: int, prompt_message_id: int | None = None
) -> CheckBack | None:
    """The check-back whose correction this user is writing in this chat (to this prompt)."""
    return await deps.storage.checkbacks.awaited_correction(chat_id, telegram_id, prompt_message_id)


async def take_correction(
    deps: Deps, chat_id: int, telegram_id: int, text: str, prompt_message_id: int | None = None
) -> CheckBack | None:
    """Store the awaited correction from this user in this chat; None if none is awaited."""
    found = await awaited_correction(deps, chat_id, telegram_id, prompt_message_id)
    if found is None:
        return None
    await deps.storage.checkbacks.answer_checkback(
        found.id, "corrected", telegram_id, deps.clock(), correction=text.strip()
    )
    return found


async def checkback_status(deps: Deps, consultation: Consultation) -> dict[str, CheckBack | None]:
    """For /status and /kontroll: group key → its latest check-back (None: never sent)."""
    catalog = deps.catalogs[consultation.key]
    latest = {
        c.group_id: c
        for c in await deps.storage.checkbacks.latest_checkbacks(catalog.consultation_id)
    }
    return {g.key: latest.get(g.id) for g in catalog.groups if not g.retired}
