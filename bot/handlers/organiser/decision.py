"""/vedtak: record what the council decided, preview its channel post, confirm, post, and plan
the participants' notices (bot.jobs.notices)."""

from __future__ import annotations

import logging
import re

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError

from bot.config.model import Consultation
from bot.context import Context
from bot.domain.decision import LINK_LIMIT, MEETING_LIMIT, TEXT_LIMIT, Problem
from bot.handlers.organiser.publishing import BotChannel, channel_link, drop_buttons
from bot.handlers.organiser.publishing_view import channel_title
from bot.handlers.shared import callbacks as cb
from bot.handlers.shared.common import acknowledge, callback_parts, reply, sender, speak
from bot.handlers.shared.keyboards import button
from bot.handlers.shared.organiser_access import organiser_only
from bot.i18n.translator import Translate
from bot.render.notices import notices_planned
from bot.services import decisions as svc
from bot.services.outcome import decision_slot, latest_decision

log = logging.getLogger(__name__)
_COMMAND = re.compile(r"^/\S*")  # the command itself (and @botname); what follows is kept


def _usage(_: Translate, channel: str) -> str:
    """How to write a decision after /vedtak."""
    return _(
        "<b>/vedtak</b> records what the council decided and posts it in {channel}; each "
        "participant gets a short notice with the decision and the points their answers were "
        "part of. After /vedtak, write three lines: the meeting, the link to the minutes (or - "
        "when there is none yet) and the decision:\n\n<code>/vedtak Regionrådet 12 February "
        "2027\nhttps://example.org/minutes\nThe council continues …</code>\n\nOn one line, "
        "separate the three with « | ».",
        channel=channel,
    )


def _problem(_: Translate, problem: Problem) -> str:
    """What is wrong with the decision as written."""
    texts = {
        "missing": _("The meeting, the link to the minutes and the decision are all needed."),
        "link": _("The second line must be the link to the minutes (https://…), or - for none."),
        "meeting_long": _("The meeting may have at most {limit} characters.", limit=MEETING_LIMIT),
        "link_long": _("The link may have at most {limit} characters.", limit=LINK_LIMIT),
        "text_long": _("The decision may have at most {limit} characters.", limit=TEXT_LIMIT),
    }
    return "⚠️ " + texts[problem]


@organiser_only
async def decide(update: Update, context: Context, consultation: Consultation) -> None:
    """/vedtak: how to use it; /vedtak with the decision: its preview and ✅."""
    d, _ = await speak(update, context)
    message = update.effective_message
    assert message is not None
    channel = await channel_title(d, context.bot, consultation.channel)
    written = _COMMAND.sub("", message.text or "", count=1)
    if not written.strip():
        lines = [_usage(_, channel)]
        latest = await latest_decision(d, d.catalogs[consultation.key].consultation_id)
        if latest is not None:
            lines.append(
                _(
                    "Recorded so far: version {version} ({meeting}).",
                    version=latest.version,
                    meeting=latest.meeting,
                )
            )
        await reply(update, "\n\n".join(lines))
        return
    found = await svc.draft_decision(d, consultation, written)
    if isinstance(found, str):
        await reply(update, _problem(_, found) + "\n\n" + _usage(_, channel))
        return
    svc.keep_pending(d, sender(update).id, found)
    await reply(
        update,
        _(
            "<b>Preview</b>: here follows exactly what will be posted in {channel}.",
            channel=channel,
        ),
    )
    await reply(update, found.post)
    summary = (
        _("the summary's version {version}", version=found.publication.version)
        if found.publication
        else _("no published summary yet")
    )
    text = _(
        "It is recorded as version {version} of the decision and answers {summary}. Each "
        "participant (except those who turned reminders off) then gets a short notice with the "
        "decision and the points their answers were part of. Post it in {channel}?",
        version=found.version,
        summary=summary,
        channel=channel,
    )
    keyboard = InlineKeyboardMarkup(
        [
            [button("✅ " + _("Post the decision"), cb.DECISION.build(found.token))],
            [button(_("Cancel"), cb.DECISION_CANCEL.build())],
        ]
    )
    await reply(update, text, keyboard)


@organiser_only
async def confirm(update: Update, context: Context, consultation: Consultation) -> None:
    """✅: record and post the previewed decision, then send the participants their notice."""
    d, _ = await speak(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, cb.DECISION)
    organiser = sender(update).id
    draft = svc.pending(d, organiser)
    if draft is None or parts != [draft.token] or draft.consultation_key != consultation.key:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    async with svc.decision_lock(consultation.key):
        if not await svc.still_current(d, draft):
            svc.drop_pending(d, organiser)
            await acknowledge(query, _("This button is no longer valid."), alert=True)
            return
        svc.drop_pending(d, organiser)
        await acknowledge(query)
        await drop_buttons(update)
        try:
            done = await svc.record_decision(
                d, draft, organiser, BotChannel(context.bot, consultation.channel)
            )
        except svc.DecisionFailed as failed:
            log.warning("decision %s of %s failed", failed.decision.version, consultation.key)
            await reply(
                update,
                "⚠️ "
                + _(
                    "The decision could not be posted in {channel} ({error}). It is recorded "
                    "as version {version} (failed) and no participant was told. Check that the "
                    "bot may post there, then send /vedtak again.",
                    channel=await channel_title(d, context.bot, consultation.channel),
                    error=failed.decision.error,
                    version=failed.decision.version,
                ),
            )
            if not isinstance(failed.cause, TelegramError):
                raise
            return
    log.info("decision version %s of %s posted", done.version, consultation.key)
    link = channel_link(consultation.channel, done.message_ids[0])
    await reply(
        update,
        _("✅ Decision version {version} posted in {link}.", version=done.version, link=link),
    )
    await reply(update, notices_planned(_))
    d.plan_notices(consultation.key, decision_slot(done.version))  # a job sends them


@organiser_only
async def cancel(update: Update, context: Context, consultation: Consultation) -> None:
    """Cancel: nothing is recorded."""
    d, _ = await speak(update, context)
    assert update.callback_query is not None
    svc.drop_pending(d, sender(update).id)
    await acknowledge(update.callback_query)
    await drop_buttons(update)
    await reply(update, _("Nothing was recorded."))
