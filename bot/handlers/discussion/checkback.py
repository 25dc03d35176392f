"""The check-back: an organiser sends each group how its answers were captured (/kontroll);
the referent (or the group chat) answers ✅ or ✏️ with what is wrong."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import ApplicationHandlerStop

from bot.config.model import Consultation
from bot.context import Context, deps
from bot.domain.answering import text_problem
from bot.handlers.shared import callbacks as cb
from bot.handlers.shared.common import (
    acknowledge,
    callback_parts,
    int_or_none,
    reply,
    sender,
    speak,
)
from bot.handlers.shared.keyboards import button
from bot.handlers.shared.organiser_access import organiser_only
from bot.i18n.translator import Translate, translator
from bot.model.summary import ConsultationDigest
from bot.render.checkback import capture_text, overview_text
from bot.services import checkback as svc
from bot.services.participation import GroupRecord, language_of
from bot.services.summary import compile_summary
from bot.transport.priority import bulk_sends

log = logging.getLogger(__name__)


def answer_keyboard(checkback_id: int, yes: str, no: str) -> InlineKeyboardMarkup:
    """✅ / ✏️ under a check-back."""
    return InlineKeyboardMarkup(
        [
            [
                button("✅ " + yes, cb.CHECKBACK.build("y", checkback_id)),
                button("✏️ " + no, cb.CHECKBACK.build("n", checkback_id)),
            ]
        ]
    )


@organiser_only
async def overview(update: Update, context: Context, consultation: Consultation) -> None:
    """/kontroll: every group's check-back state and corrections, and a button to send it."""
    d, _ = await speak(update, context)
    status = await svc.checkback_status(d, consultation)
    names = {g.key: g.name for g in consultation.groups}
    markup = InlineKeyboardMarkup(
        [[button("📤 " + _("Send to every group"), cb.CHECKBACK_SEND.build())]]
    )
    await reply(update, overview_text(_, status, names), markup)


def recipient_texts(
    _: Translate, group: GroupRecord, language: str, digest: ConsultationDigest
) -> tuple[str, tuple[str, str]]:
    """The check-back text for a group and its button labels, in the recipient's language."""
    content = capture_text(_, group.name, language, svc.captured(digest, group.key))
    return content, (_("Correct"), _("Something is wrong"))


@organiser_only
async def send_all(update: Update, context: Context, consultation: Consultation) -> None:
    """The send button: each group's check-back to its referent (else, or failing that, to its
    chat), each recorded before it is sent."""
    d, _ = await speak(update, context)
    query = update.callback_query
    assert query is not None
    await acknowledge(query)
    digest = await compile_summary(d, consultation)
    organiser = sender(update).id
    sent: list[str] = []
    failed: list[str] = []
    missing: list[str] = []
    targets = await svc.recipients(d, consultation)
    for group, recipient in targets:
        if recipient is None:
            missing.append(group.name)
            continue
        delivered = await deliver(context, consultation, digest, recipient, organiser)
        if not delivered and recipient.fallback_chat_id is not None:
            in_chat = svc.Recipient(group, recipient.fallback_chat_id, False)
            delivered = await deliver(context, consultation, digest, in_chat, organiser)
        (sent if delivered else failed).append(group.name)
    lines = [
        _("Check-back sent to {count} of {total} groups.", count=len(sent), total=len(targets))
    ]
    if failed:
        lines.append(_("Could not be delivered to: {groups}.", groups=", ".join(failed)))
    if missing:
        lines.append(_("No referent and no linked chat: {groups}.", groups=", ".join(missing)))
    await reply(update, "\n".join(lines))


async def deliver(
    context: Context,
    consultation: Consultation,
    digest: ConsultationDigest,
    recipient: svc.Recipient,
    organiser: int,
) -> bool:
    """Record one check-back, then send it; False (and recorded as failed) if it cannot be."""
    d = deps(context)
    language = (
        await language_of(d, recipient.chat_id, None)
        if recipient.private
        else consultation.language
    )
    content, labels = recipient_texts(translator(language), recipient.group, language, digest)
    checkback_id = await svc.start(d, recipient, content, organiser)
    try:
        with bulk_sends():  # one of many: after every reply to a person
            message = await context.bot.send_message(
                recipient.chat_id, content, reply_markup=answer_keyboard(checkback_id, *labels)
            )
    except (BadRequest, Forbidden) as error:
        log.warning(
            "check-back to group %s failed: %s", recipient.group.key, error.__class__.__name__
        )
        await svc.finish(d, checkback_id, None)
        return False
    await svc.finish(d, checkback_id, message.message_id)
    return True


async def answered(update: Update, context: Context) -> None:
    """✅ or ✏️ under a check-back."""
    d, _ = await speak(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, cb.CHECKBACK)
    checkback_id = int_or_none(parts[1]) if len(parts) == 2 and parts[0] in ("y", "n") else None
    if checkback_id is None:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    user = sender(update)
    chat = query.message.chat.id if query.message is not None else None
    outcome, found = await svc.answer(d, checkback_id, user.id, parts[0] == "y", chat)
    if outcome is svc.Answered.UNKNOWN:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    if outcome is svc.Answered.NOT_ALLOWED:
        await acknowledge(
            query, _("Only the group's referent can answer this check-back."), alert=True
        )
        return
    assert found is not None
    await acknowledge(query)
    if outcome is svc.Answered.CONFIRMED:
        await query.edit_message_reply_markup(None)
        await reply(update, _("✅ Thank you! The organisers see that the group confirmed."))
        return
    if found.chat_id > 0:
        await reply(
            update,
            _("✏️ Write what is wrong in your next message. It goes to the organisers."),
        )
        return
    prompt = await context.bot.send_message(
        found.chat_id,
        _(
            "✏️ {name}: reply to this message with what is wrong. It goes to the organisers.",
            name=user.first_name,
        ),
    )
    await svc.set_prompt(d, found, user.id, prompt.message_id)


async def correction_in_private(update: Update, context: Context) -> None:
    """A text in private chat while a correction is awaited is that correction (handled first)."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    d = deps(context)
    user = sender(update)
    if await svc.awaited_correction(d, message.chat_id, user.id) is None:
        return  # not awaited: the text is an answer, for the handlers after this one
    await _take(update, context, message.text, None)
    raise ApplicationHandlerStop


async def correction_in_chat(update: Update, context: Context) -> None:
    """A reply in a group chat to the bot's correction prompt is the correction."""
    message = update.effective_message
    if message is None or message.reply_to_message is None or message.from_user is None:
        return
    d = deps(context)
    prompt = message.reply_to_message.message_id
    awaited = await svc.awaited_correction(d, message.chat_id, message.from_user.id, prompt)
    if awaited is None:
        return  # a reply to some other message of the bot: nothing to do
    await _take(update, context, message.text, prompt)


async def _take(update: Update, context: Context, text: str | None, prompt: int | None) -> None:
    """Store a correction, or say why it cannot be (then it is still awaited)."""
    d, _ = await speak(update, context)
    message = update.effective_message
    assert message is not None
    problem = text_problem(text) if text is not None else "empty"
    if problem is not None:
        await message.reply_text(
            _("Please write what is wrong as a text (at most 4,096 characters)."), do_quote=True
        )
        return
    assert text is not None
    found = await svc.take_correction(d, message.chat_id, sender(update).id, text, prompt)
    if found is not None:
        log.info("check-back %s corrected", found.id)
        await message.reply_text(
            _("Thank you! Your correction is stored for the organisers."), do_quote=True
        )
