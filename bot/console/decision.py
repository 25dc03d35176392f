"""What the council decided, from the browser: the form, the channel post exactly as it will be
posted, and recording it after a confirmation, through the same decision service as /vedtak
(reading and limits, versions, the lock, the post, the participants' notices as a job)."""

from __future__ import annotations

import logging

from aiohttp import web
from markupsafe import Markup

from bot.console.publish import ChannelPoster
from bot.console.web import Visit, draw, visit
from bot.domain.decision import LINK_LIMIT, MEETING_LIMIT, TEXT_LIMIT, Problem
from bot.i18n.translator import Translate, format_moment
from bot.services import decisions as svc
from bot.services.outcome import decision_slot

log = logging.getLogger(__name__)
FIELDS = ("meeting", "minutes", "text")


def problem_text(_: Translate, problem: Problem) -> str:
    """What is wrong with the form as filled in (the limits are the chat's)."""
    texts = {
        "missing": _("Write both the meeting and the decision."),
        "link": _(
            "The link to the minutes must be an address that starts with https:// (or leave "
            "the field empty)."
        ),
        "meeting_long": _("The meeting may have at most {limit} characters.", limit=MEETING_LIMIT),
        "link_long": _("The link may have at most {limit} characters.", limit=LINK_LIMIT),
        "text_long": _("The decision may have at most {limit} characters.", limit=TEXT_LIMIT),
    }
    return texts[problem]


async def _show(
    request: web.Request,
    v: Visit,
    given: dict[str, str],
    problem: str = "",
    draft: svc.DecisionDraft | None = None,
) -> web.Response:
    """The page: the versions so far, the form (filled in with `given`), and a preview."""
    language = v.session.language
    versions = [
        {
            "version": d.version,
            "status": d.status,
            "meeting": d.meeting,
            "text": d.text,
            "minutes_url": d.minutes_url,
            "organiser": d.organiser_id,
            "when": format_moment(d.created_at, v.consultation.timezone, language),
        }
        for d in await svc.recorded_decisions(v.deps, v.consultation)
    ]
    return draw(
        request,
        "decision.html",
        language,
        v.session,
        consultation=v.consultation,
        page="decision",
        versions=versions,
        given=given,
        problem=problem,
        draft=draft,
        # The renderer escapes the organiser's text: this is the Telegram HTML as posted.
        post=Markup(draft.post) if draft is not None else None,
        limits={"meeting": MEETING_LIMIT, "minutes": LINK_LIMIT, "text": TEXT_LIMIT},
        can_post=v.state.bot is not None,
    )


async def page(request: web.Request) -> web.Response:
    """GET /c/<key>/decision: the versions recorded so far and an empty form."""
    v = visit(request)
    return await _show(request, v, dict.fromkeys(FIELDS, ""))


async def _drafted(v: Visit) -> tuple[dict[str, str], svc.DecisionDraft | Problem]:
    """The posted fields and the draft they make (or what is wrong with them)."""
    given = {name: v.value(name) for name in FIELDS}
    found = await svc.draft_decision_parts(
        v.deps, v.consultation, given["meeting"], given["minutes"], given["text"]
    )
    return given, found


async def preview(request: web.Request) -> web.Response:
    """POST /c/<key>/decision: the channel post exactly as it will be posted (nothing stored)."""
    v = visit(request)
    given, found = await _drafted(v)
    if isinstance(found, str):
        return await _show(request, v, given, problem_text(v.translate, found))
    return await _show(request, v, given, draft=found)


async def confirm(request: web.Request) -> web.StreamResponse:
    """POST /c/<key>/decision/post: record and post what was previewed, unless it changed."""
    v = visit(request)
    _ = v.translate
    given, found = await _drafted(v)
    if isinstance(found, str):
        return await _show(request, v, given, problem_text(_, found))
    if v.value("confirm") != "yes":
        return await _show(
            request, v, given, _("Tick the confirmation to post the decision."), found
        )
    bot = v.state.bot
    if bot is None:
        return v.done(_("The console cannot post without the bot's token."), "decision")
    async with svc.decision_lock(v.consultation.key):
        if found.token != v.value("token") or not await svc.still_current(v.deps, found):
            return await _show(
                request,
                v,
                given,
                _(
                    "Another version was recorded or the summary was published after the "
                    "preview, so nothing was posted. Here is the new preview."
                ),
                found,
            )
        poster = ChannelPoster(bot, v.consultation.channel)
        try:
            done = await svc.record_decision(v.deps, found, v.session.organiser_id, poster)
        except svc.DecisionFailed as failed:
            log.warning("console decision %s failed", failed.decision.version)
            return v.done(
                _(
                    "The decision could not be posted in {channel} ({error}). It is recorded "
                    "as version {version} (failed) and no participant was told.",
                    channel=v.consultation.channel,
                    error=failed.decision.error,
                    version=failed.decision.version,
                ),
                "decision",
            )
    log.info(
        "decision version %s of %s posted from the console", done.version, found.consultation_key
    )
    v.deps.plan_notices(v.consultation.key, decision_slot(done.version))  # a job sends them
    return v.done(
        _(
            "Decision version {version} posted in {channel}. The participants' notices are "
            "being sent.",
            version=done.version,
            channel=v.consultation.channel,
        ),
        "decision",
    )
