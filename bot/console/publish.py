"""The channel preview exactly as it will be posted, and publishing it after a confirmation,
through the same publishing service (versions, hash check, lock) as /publiser."""

from __future__ import annotations

import logging

from aiohttp import web
from markupsafe import Markup
from telegram import Bot

from bot.console.web import draw, visit
from bot.i18n.translator import P_
from bot.services import publishing as svc
from bot.services.outcome import publication_slot
from bot.transport.priority import bulk_sends

log = logging.getLogger(__name__)


class ChannelPoster:
    """Posts to the consultation's channel through the bot (a `ChannelSender`)."""

    def __init__(self, bot: Bot, chat: str) -> None:
        self.bot = bot
        self.chat: str | int = int(chat) if chat.lstrip("-").isdigit() else chat

    async def text(self, html: str) -> int:
        """Post one HTML message."""
        with bulk_sends():
            return (await self.bot.send_message(self.chat, html, parse_mode="HTML")).message_id


async def page(request: web.Request) -> web.Response:
    """GET /c/<key>/publish: every message of the post, then the confirmation form."""
    v = visit(request)
    plan = await svc.draft(v.deps, v.consultation)
    return draw(
        request,
        "publish.html",
        v.session.language,
        v.session,
        consultation=v.consultation,
        page="publish",
        plan=plan,
        # The renderer escapes every answer text: the chunks are the Telegram HTML as posted.
        chunks=[Markup(chunk) for chunk in plan.chunks],
        can_post=v.state.bot is not None,
    )


async def publish(request: web.Request) -> web.StreamResponse:
    """POST /c/<key>/publish: post what was previewed, unless it changed since."""
    v = visit(request)
    _ = v.translate
    if v.value("confirm") != "yes":
        return v.done(_("Tick the confirmation to publish."), "publish")
    bot = v.state.bot
    if bot is None:
        return v.done(_("The console cannot post without the bot's token."), "publish")
    async with svc.publishing_lock(v.consultation.key):
        plan = await svc.draft(v.deps, v.consultation)
        if not plan.has_answers:
            return v.done(_("There are no answers to publish yet."), "publish")
        if not plan.has_content:  # every question with points is left out (/publiser chooses)
            return v.done(
                _(
                    "None of the questions chosen for the channel has a point to show yet, so there is nothing to post."
                ),
                "publish",
            )
        if str(plan.version) != v.value("version") or plan.content_hash != v.value("hash"):
            return v.done(
                _(
                    "The answers or the curation changed after the preview, so nothing was posted. Here is the new preview."
                ),
                "publish",
            )
        poster = ChannelPoster(bot, v.consultation.channel)
        try:
            done = await svc.publish(v.deps, plan, v.session.organiser_id, poster)
        except svc.PublishFailed as failed:
            log.warning(
                "console publication %s failed: %s",
                failed.publication.version,
                failed.publication.error,
            )
            return v.done(
                _(
                    "Publishing stopped after {sent} of {count} messages; the record keeps what was posted. Try again.",
                    sent=len(failed.publication.message_ids),
                    count=len(plan.chunks),
                ),
                "publish",
            )
    log.info("published version %s of %s from the console", done.version, v.consultation.key)
    # The participants' notices go out as a job, the count to the organiser's chat with the bot.
    v.deps.plan_notices(v.consultation.key, publication_slot(done.version))
    return v.done(
        _(
            P_(
                "Published version {version} in {channel}, in {count} message.",
                "Published version {version} in {channel}, in {count} messages.",
            ),
            version=done.version,
            channel=v.consultation.channel,
            count=len(done.message_ids),
        ),
        "publish",
    )
