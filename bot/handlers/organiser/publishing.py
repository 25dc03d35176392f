"""/publiser: preview the channel post exactly as it will be posted, choose which questions it
shows, confirm, post, report back, and plan the participants' notices (bot.jobs.notices)."""

from __future__ import annotations

import logging
import re

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import ExtBot

from bot.config.model import Consultation
from bot.context import Context, deps
from bot.handlers.organiser import publishing_view as view
from bot.handlers.organiser.publishing_errors import failure_report
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
from bot.i18n.translator import P_, Translate, format_moment
from bot.render.notices import notices_planned
from bot.services import publishing as svc
from bot.services.outcome import publication_slot
from bot.transport.priority import bulk_sends

log = logging.getLogger(__name__)
HASH_PREFIX = 16  # hex digits of the content hash in callback data ("pub:<version>:<hash>")
_HASH = re.compile(f"[0-9a-f]{{{HASH_PREFIX}}}")


class BotChannel:
    """Posts to a channel through the bot (the `ChannelSender` of the publishing service)."""

    def __init__(self, bot: ExtBot[None], chat: str) -> None:
        self.bot = bot
        self.chat: str | int = int(chat) if chat.lstrip("-").isdigit() else chat

    async def text(self, html: str) -> int:
        """Post one HTML message."""
        with bulk_sends():  # a channel post goes after every reply to a person
            return (await self.bot.send_message(self.chat, html)).message_id


@organiser_only
async def preview(update: Update, context: Context, consultation: Consultation) -> None:
    """/publiser: show the post and the confirmation buttons."""
    d, _ = await speak(update, context)
    await show_preview(update, context, _, await svc.draft(d, consultation))


@organiser_only
async def choose(update: Update, context: Context, consultation: Consultation) -> None:
    """☑️/⬜ under the preview: a question or a whole theme in or out; then the new preview."""
    d, _ = await speak(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, cb.PUBLISH_CHOICE)
    number = int_or_none(parts[1]) if len(parts) == 2 else None
    catalog = d.catalogs[consultation.key]
    keys: list[str] = []
    if number is not None and parts[0] == "t":
        keys = view.theme_keys(consultation, number)
    elif number is not None and parts[0] == "q":
        record = catalog.question(number)
        keys = [record.key] if record is not None and not record.retired else []
    if not keys:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    async with svc.publishing_lock(consultation.key):
        await svc.toggle(d, consultation, keys)
        plan = await svc.draft(d, consultation)
    await acknowledge(query)
    await drop_buttons(update)
    await show_preview(update, context, _, plan)


async def show_preview(update: Update, context: Context, _: Translate, plan: svc.Draft) -> None:
    """The post's messages as they will be posted, then what happens on confirmation, and the
    choice of questions."""
    consultation = plan.source.consultation
    if not plan.has_answers:
        await reply(update, _("There are no answers to publish yet."))
        return
    d = deps(context)
    channel = await view.channel_title(d, context.bot, consultation.channel)
    asked = {q.key: q.id for q in d.catalogs[consultation.key].active_questions}
    choice = view.choice_rows(consultation, asked, plan.left_out)
    hint = _("☑️ is posted, ⬜ is left out: press a question or a theme to change it.")
    if not plan.has_content:
        await reply(
            update,
            _(
                "None of the questions chosen for the channel has a point to show yet, so there is nothing to post."
            )
            + "\n\n"
            + hint,
            InlineKeyboardMarkup(choice),
        )
        return
    await reply(
        update,
        _(
            P_(
                "<b>Preview</b>: here follows exactly what will be posted in {channel}, in {count} message.",
                "<b>Preview</b>: here follows exactly what will be posted in {channel}, in {count} messages.",
            ),
            count=len(plan.chunks),
            channel=channel,
        ),
    )
    for chunk in plan.chunks:
        await reply(update, chunk)
    lines = [
        _(
            "Only the summary is posted: points with how many groups raised them, never an "
            "answer or a name. The case draft with every answer stays with the organisers (/eksport)."
        )
    ]
    data = cb.PUBLISH.build(plan.version, plan.content_hash[:HASH_PREFIX])
    if plan.same_as is not None:
        lines.append(
            _(
                "Nothing has changed since version {version}, published {when}. Publish it again anyway?",
                version=plan.same_as.version,
                when=format_moment(
                    plan.same_as.finished_at or plan.same_as.created_at,
                    consultation.timezone,
                    consultation.language,
                    "short",
                ),
            )
        )
        confirm = "✅ " + _("Publish anyway")
    else:
        if plan.updated:
            lines.append(_("It is marked as updated version {version}.", version=plan.version))
        lines.append(_("Publish it in {channel}?", channel=channel))
        confirm = "✅ " + _("Publish")
    lines.append(hint)
    keyboard = InlineKeyboardMarkup(
        [[button(confirm, data)], [button(_("Cancel"), cb.PUBLISH_CANCEL.build())], *choice]
    )
    await reply(update, "\n\n".join(lines), keyboard)


@organiser_only
async def confirm(update: Update, context: Context, consultation: Consultation) -> None:
    """✅ Publish: post what was previewed, or show the new preview if the content changed."""
    d, _ = await speak(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, cb.PUBLISH)
    version = int_or_none(parts[0]) if len(parts) == 2 else None
    if version is None or not _HASH.fullmatch(parts[1]):
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    async with svc.publishing_lock(consultation.key):
        plan = await svc.draft(d, consultation)
        if plan.version != version or not plan.content_hash.startswith(parts[1]):
            await _stale(update, context, _, plan, version, parts[1])
            return
        await acknowledge(query)
        await drop_buttons(update)
        channel = BotChannel(context.bot, consultation.channel)
        try:
            done = await svc.publish(d, plan, sender(update).id, channel)
        except svc.PublishFailed as failed:
            log.warning(
                "publication %s of %s failed after %s message(s): %s",
                failed.publication.version,
                consultation.key,
                len(failed.publication.message_ids),
                failed.publication.error,
            )
            await reply(update, failure_report(_, failed, len(plan.chunks)))
            if not isinstance(failed.cause, TelegramError):
                raise
            return
    log.info("published version %s of %s", done.version, consultation.key)
    link = channel_link(consultation.channel, done.message_ids[0])
    await reply(
        update,
        _(
            P_(
                "✅ Published version {version} in {link}: the summary, in {count} message.",
                "✅ Published version {version} in {link}: the summary, in {count} messages.",
            ),
            version=done.version,
            count=len(done.message_ids),
            link=link,
        ),
    )
    # Then, once per version, every participant with answers hears that /mine shows their points:
    # a job sends it, so this chat does not wait, and tells the organiser the count when done.
    await reply(update, notices_planned(_))
    d.plan_notices(consultation.key, publication_slot(done.version))


channel_link = view.post_link  # a link to a posted message, for /publiser and /vedtak


async def _stale(
    update: Update, context: Context, _: Translate, plan: svc.Draft, version: int, digest: str
) -> None:
    """The confirmation no longer matches: its version is taken, or the content changed."""
    query = update.callback_query
    assert query is not None
    taken = await svc.publication_of(deps(context), plan, version)
    if taken is not None and taken.content_hash.startswith(digest):
        await acknowledge(
            query, _("This preview was already used for version {version}.", version=version), True
        )
        return
    await acknowledge(query)
    await drop_buttons(update)
    await reply(
        update,
        _(
            "The answers or the curation changed after the preview, so nothing was posted. Here is the new preview."
        ),
    )
    await show_preview(update, context, _, plan)


@organiser_only
async def cancel(update: Update, context: Context, consultation: Consultation) -> None:
    """Cancel: nothing is posted."""
    _d, _ = await speak(update, context)
    assert update.callback_query is not None
    await acknowledge(update.callback_query)
    await drop_buttons(update)
    await reply(update, _("Nothing was published."))


async def drop_buttons(update: Update) -> None:
    """Take the buttons off the confirmation message so it cannot be pressed again."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    try:
        await query.edit_message_reply_markup(None)
    except TelegramError:  # the buttons are a convenience; the version check guards the rest
        log.info("could not remove the publishing buttons")
