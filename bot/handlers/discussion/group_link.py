"""Linking a group chat to a group (/kopla, /frakopla), the consent button in the chat, the bot
being removed or added back, and a chat becoming a supergroup."""

from __future__ import annotations

import logging

from telegram import ChatMember, ChatMemberRestricted, Update
from telegram.error import BadRequest, Forbidden

from bot import logs
from bot.config.model import Consultation
from bot.context import Context, deps
from bot.handlers.discussion.group_chat import post_if_due, post_questions
from bot.handlers.discussion.group_common import (
    answer_member,
    bot_rights,
    chat_table,
    chat_translator,
    consent_keyboard,
    consent_text,
    not_linked,
    rights_notes,
)
from bot.handlers.shared import callbacks as cb
from bot.handlers.shared.common import (
    acknowledge,
    callback_parts,
    int_or_none,
    reply,
    sender,
    speak,
)
from bot.handlers.shared.organiser_access import organiser_only
from bot.i18n.translator import translator
from bot.services import groupchat as svc
from bot.services.participation import find_join_target

log = logging.getLogger(__name__)


@organiser_only
async def link(update: Update, context: Context, _consultation: Consultation) -> None:
    """/kopla <join code> in a group chat: the chat becomes that group's table."""
    d, _ = await speak(update, context)
    user, chat = sender(update), update.effective_chat
    assert chat is not None
    code = context.args[0] if context.args else ""
    target = find_join_target(d, code) if code else None
    if target is None or user.id not in target.consultation.organisers:
        text = _("I don't know that group code.") + " " if code else ""
        await answer_member(
            update, text + _("Send /kopla followed by the join code of the group this chat is for.")
        )
        return
    rights = await bot_rights(context.bot, chat.id)
    if not rights.can_send:
        log.warning("cannot send messages in chat %s; not linked", chat.id)
        await context.bot.send_message(
            user.id,
            _(
                "I cannot send messages in «{chat}», so I did not link it. Give me the right to send messages there and try /kopla again.",
                chat=chat.title or chat.id,
            ),
        )
        return
    result = await svc.link(d, target, chat.id, chat.title or "", user.id)
    if result.outcome is svc.Linked.TAKEN:
        await answer_member(
            update,
            _(
                "This chat is already the table of {group}. Send /frakopla first to link it to another group.",
                group=result.other_group,
            ),
        )
        return
    assert result.table is not None
    log.info("chat %s linked to group %s", chat.id, target.group.key)
    _ = chat_translator(result.table)
    lines = [
        _("✅ This chat is now the table of <b>{group}</b>.", group=target.group.name)
        if result.outcome is not svc.Linked.ALREADY
        else _("This chat is already the table of <b>{group}</b>.", group=target.group.name)
    ]
    if result.outcome is svc.Linked.MOVED:
        lines.append(_("The group's earlier chat is no longer linked."))
    lines += rights_notes(_, rights)
    lines.append(
        _(
            "/sporsmal posts the questions. Members answer by replying to them; /referent chooses the group's referent."
        )
    )
    await reply(update, "\n\n".join(lines))
    await reply(update, consent_text(_, result.table), consent_keyboard(_, result.table))
    await post_if_due(context, result.table)


@organiser_only
async def unlink(update: Update, context: Context, _consultation: Consultation) -> None:
    """/frakopla: the chat is no longer the group's table; its answers stay."""
    d, table = await chat_table(update, context)
    _d, _ = await speak(update, context)
    user = sender(update)
    chat = update.effective_chat
    assert chat is not None
    if table is None:
        await not_linked(update, context)
        return
    if not table.organised_by(user.id):
        await answer_member(update, _("Only the organisers of the consultation can do this."))
        return
    await svc.unlink(d, chat.id)
    log.info("chat %s unlinked from group %s", chat.id, table.target.group.key)
    _ = chat_translator(table)
    await reply(
        update,
        _(
            "This chat is no longer the table of {group}. The answers given here are kept.",
            group=table.target.group.name,
        ),
    )


async def take_part(update: Update, context: Context) -> None:
    """The consent button in a chat: the member joins the chat's group with this tap."""
    d, table = await chat_table(update, context)
    _d, _ = await speak(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, cb.TAKE_PART)
    group_id = int_or_none(parts[0]) if len(parts) == 1 else None
    if table is None or group_id != table.group_id:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    user = sender(update)
    outcome, name = await svc.join_table(d, table, user.id, user.first_name, user.language_code)
    if outcome is svc.Joined.JOINED:
        log.info(
            "user %s joined group %s in its chat", logs.person(user.id), table.target.group.key
        )
        text = _(
            "✅ You take part in {group}. Answer a question by replying to its message.",
            group=name,
        )
    elif outcome is svc.Joined.ALREADY:
        text = _("You already take part in {group}.", group=name)
    else:
        text = _(
            "You take part in {group}. To move to {new}, open the link for {new} in a private chat with me.",
            group=name,
            new=table.target.group.name,
        )
    await acknowledge(query, text, alert=True)


async def membership_changed(update: Update, context: Context) -> None:
    """The bot was removed from a chat (its link turns inactive) or added (back) to one."""
    d = deps(context)
    change = update.my_chat_member
    if change is None or change.chat.type not in ("group", "supergroup"):
        return
    status = change.new_chat_member
    present = status.status in (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER) or (
        isinstance(status, ChatMemberRestricted) and status.is_member
    )
    table = await svc.set_present(d, change.chat.id, present)
    if not present:
        if table is not None:
            log.info(
                "removed from chat %s: group %s unlinked", change.chat.id, table.target.group.key
            )
        return
    was_present = change.old_chat_member.status not in (ChatMember.LEFT, ChatMember.BANNED)
    if was_present:
        return
    if table is not None:
        _ = chat_translator(table)
        text = _(
            "I am back: this chat is again the table of <b>{group}</b>. Earlier answers are kept.",
            group=table.target.group.name,
        )
    else:
        language = d.config.consultations[0].language if d.config.consultations else "nn"
        _ = translator(language)
        text = _(
            "Hello! I am tingbot. An organiser makes this chat a group's table with /kopla followed by the group's join code."
        )
    try:
        await context.bot.send_message(change.chat.id, text)
    except (BadRequest, Forbidden):
        log.warning("could not greet chat %s", change.chat.id)


async def migrated(update: Update, context: Context) -> None:
    """A chat became a supergroup: the link follows it, and the questions are posted again."""
    d = deps(context)
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id is not None:
        old, new = message.chat_id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id is not None:
        old, new = message.migrate_from_chat_id, message.chat_id
    else:
        return
    table = await svc.migrate(d, old, new)
    if table is None:
        return
    log.info("chat %s became supergroup %s (group %s)", old, new, table.target.group.key)
    if not table.link.active:
        return
    _ = chat_translator(table)
    await context.bot.send_message(
        new,
        _(
            "This chat became a supergroup. It is still the table of <b>{group}</b> and every answer is kept. Here are the questions again: reply to them to answer.",
            group=table.target.group.name,
        ),
    )
    if await svc.has_questions(d, old):
        await post_questions(context, table)
