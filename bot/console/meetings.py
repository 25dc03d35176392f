"""Meetings, and a reminder sent now with the same preview and the same sending as /paminn."""

from __future__ import annotations

import logging

from aiohttp import web
from markupsafe import Markup

from bot.console.web import draw, visit
from bot.render.wording import send_counts
from bot.services import remind_now
from bot.services.meetings import meeting_text, meetings_of

log = logging.getLogger(__name__)


async def page(request: web.Request) -> web.Response:
    """GET /c/<key>/meetings[?target=…]: the meetings, whom to remind, and the preview."""
    v = visit(request)
    _ = v.translate
    language = v.session.language
    meetings = [
        (meeting_text(v.consultation, m, language), m.cancelled)
        for m in await meetings_of(v.deps, v.consultation)
    ]
    catalog = v.deps.catalogs[v.consultation.key]
    targets = [
        (remind_now.EVERYONE, _("Everyone")),
        (remind_now.NON_RESPONDERS, _("Only those with unanswered questions")),
        *((f"g{g.id}", g.name) for g in catalog.groups if not g.retired),
    ]
    target = request.query.get("target", "")
    preview: dict[str, object] | None = None
    if target and remind_now.valid_target(v.deps, v.consultation, target):
        selection, sample = await remind_now.preview(v.deps, v.consultation, target, language)
        preview = {
            "chosen": len(selection.chosen),
            "skipped": len(selection.skipped),
            "sample": Markup(sample) if sample is not None else None,
            "stamp": int(v.deps.clock().timestamp()),
        }
    return draw(
        request,
        "meetings.html",
        language,
        v.session,
        consultation=v.consultation,
        page="meetings",
        meetings=meetings,
        targets=targets,
        target=target,
        preview=preview,
        can_send=v.state.bot is not None,
    )


async def send(request: web.Request) -> web.StreamResponse:
    """POST /c/<key>/remind: send the previewed reminder (once per stamp, however often sent)."""
    v = visit(request)
    _ = v.translate
    target, stamp = v.value("target"), v.value("stamp")
    bot = v.state.bot
    if not remind_now.valid_target(v.deps, v.consultation, target) or not stamp.isdigit():
        return v.done(_("Nothing was sent."), "meetings")
    if bot is None:
        return v.done(_("The console cannot send without the bot's token."), "meetings")
    report = await remind_now.send_now(v.deps, bot, v.consultation, target, int(stamp))
    log.info("reminder now from the console to %s: %s", target, report)
    return v.done(
        _("Reminder done.") + " " + send_counts(_, report.sent, report.skipped, report.failed),
        "meetings",
    )
