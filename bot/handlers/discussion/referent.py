"""A group's referent in its chat: /referent, the volunteer button and its confirmation.

An organiser appoints a member by replying to one of their messages with /referent. A member
offers with /referent or the 🙋 button; an organiser or another member of the group confirms.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Update, User

from bot.context import Context, Deps
from bot.handlers.discussion.group_common import (
    answer_member,
    chat_table,
    chat_translator,
    consent_keyboard,
    consent_text,
    not_linked,
)
from bot.handlers.shared.common import (
    acknowledge,
    callback_parts,
    int_or_none,
    reply,
    sender,
    speak,
)
from bot.handlers.shared.keyboards import button
from bot.i18n.translator import Translate, translator
from bot.services import referents as svc
from bot.services.groupchat import ChatTable
from bot.services.participation import known_name, language_of

log = logging.getLogger(__name__)


async def referent_command(update: Update, context: Context) -> None:
    """/referent: an organiser appoints (replying to a member's message); a member offers."""
    d, table = await chat_table(update, context)
    if table is None:
        await not_linked(update, context)
        return
    _d, _ = await speak(update, context)
    user = sender(update)
    message = update.effective_message
    assert message is not None
    if table.organised_by(user.id):
        replied = message.reply_to_message
        candidate = replied.from_user if replied is not None else None
        if candidate is None or candidate.is_bot:
            await answer_member(update, await current_text(d, table, _))
            return
        await appoint(update, d, table, candidate, user.id)
        return
    await offer(update, d, table, user)


async def current_text(d: Deps, table: ChatTable, _: Translate) -> str:
    """Who the referent is, and how one is chosen."""
    referent = await svc.referent_of(d, table)
    name = await known_name(d, referent) if referent is not None else None
    group = table.target.group.name
    head = (
        _("The referent of {group} is {name}.", group=group, name=name)
        if name is not None
        else _("{group} has no referent yet.", group=group)
    )
    return (
        head
        + " "
        + _(
            "To appoint one, reply to a member's message with /referent. A member can also offer with /referent."
        )
    )


async def appoint(update: Update, d: Deps, table: ChatTable, candidate: User, by: int) -> None:
    """An organiser appoints the member whose message they replied to."""
    _ = chat_translator(table)
    group = table.target.group.name
    if not await svc.appoint(d, table, candidate.id, by):
        await answer_member(
            update,
            _(
                "{name} does not take part in {group} yet. They tap the button first; then appoint them again.",
                name=candidate.first_name,
                group=group,
            ),
            consent_keyboard(_, table),
        )
        return
    log.info("referent of group %s appointed", table.target.group.key)
    await reply(
        update,
        _("✅ {name} is now the referent of {group}.", name=candidate.first_name, group=group),
    )


async def offer(update: Update, d: Deps, table: ChatTable, user: User) -> str | None:
    """A member offers to be referent: post the offer with a confirm button.

    Returns why it was not posted (for a button's alert), or None when it was.
    """
    _ = await user_translator(d, user)
    outcome = await svc.offer(d, table, user.id)
    group = table.target.group.name
    if outcome is svc.Offer.OFFERED:
        await post_offer(update, table, user)
        return None
    if outcome is svc.Offer.NOT_MEMBER:
        if update.callback_query is None:
            await answer_member(update, consent_text(_, table), consent_keyboard(_, table))
        return _("Take part in {group} first.", group=group)
    text = _("You are already the referent of {group}.", group=group)
    if update.callback_query is None:
        await answer_member(update, text)
    return text


async def post_offer(update: Update, table: ChatTable, user: User) -> None:
    """The offer in the chat, with the button that confirms it."""
    _ = chat_translator(table)
    confirm_label = "✅ " + _("Confirm {name}", name=user.first_name)
    markup = InlineKeyboardMarkup([[button(confirm_label, f"cr:c:{table.group_id}:{user.id}")]])
    text = _(
        "🙋 {name} offers to be the referent of {group}. An organiser or another member of the group confirms with the button.",
        name=user.first_name,
        group=table.target.group.name,
    )
    await reply(update, text, markup)


async def user_translator(d: Deps, user: User) -> Translate:
    """A translator in the user's language (for alerts and answers to them)."""
    return translator(await language_of(d, user.id, user.language_code))


async def volunteer(update: Update, context: Context) -> None:
    """The 🙋 button: the member who pressed it offers to be referent."""
    d, table = await chat_table(update, context)
    _d, _ = await speak(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, "cr")
    group_id = int_or_none(parts[1]) if len(parts) == 2 and parts[0] == "o" else None
    if table is None or group_id != table.group_id:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    problem = await offer(update, d, table, sender(update))
    await acknowledge(query, problem, alert=problem is not None)


async def confirm(update: Update, context: Context) -> None:
    """The confirm button under an offer: an organiser or another member seconds it."""
    d, table = await chat_table(update, context)
    _d, _ = await speak(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, "cr")
    ok = len(parts) == 3 and parts[0] == "c"
    group_id = int_or_none(parts[1]) if ok else None
    candidate = int_or_none(parts[2]) if ok else None
    if table is None or group_id != table.group_id or candidate is None:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    user = sender(update)
    outcome = await svc.second(d, table, candidate, user.id)
    group = table.target.group.name
    alerts = {
        svc.Seconded.OWN_OFFER: _(
            "Someone else in the group, or an organiser, confirms your offer."
        ),
        svc.Seconded.NOT_ALLOWED: _(
            "Only an organiser or a member of {group} can confirm the referent.", group=group
        ),
        svc.Seconded.NO_OFFER: _("This button is no longer valid."),
    }
    if outcome in alerts:
        await acknowledge(query, alerts[outcome], alert=True)
        return
    await acknowledge(query)
    known = await known_name(d, candidate)
    name = known if known is not None else "?"
    log.info("referent of group %s confirmed", table.target.group.key)
    _ = chat_translator(table)
    await query.edit_message_text(
        _(
            "✅ {name} is the referent of {group} (confirmed by {by}).",
            name=name,
            group=group,
            by=user.first_name,
        )
    )
