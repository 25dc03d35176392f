"""Logging in with a one-time link, choosing the language, logging out."""

from __future__ import annotations

from aiohttp import web

from bot.console.sessions import COOKIE, SESSION_LIFETIME
from bot.console.web import STATE, draw, refusal, visit
from bot.i18n.translator import LANGUAGES, translator
from bot.services.console_login import LoginCheck, check_login, use_login


def _language(request: web.Request) -> str:
    consultations = request.app[STATE].deps.config.consultations
    return consultations[0].language if consultations else "nn"


def _refused(request: web.Request, found: LoginCheck) -> web.Response:
    """403: the link was used, has expired, or is no link of ours."""
    language = found.consultation.language if found.consultation else _language(request)
    _ = translator(language)
    texts = {
        "used": _("This login link has been used already. Ask for a new one with /konsoll."),
        "expired": _(
            "This login link has expired (links last ten minutes). Ask for a new one with /konsoll."
        ),
    }
    text = texts.get(
        found.status, _("This is not a valid login link. Ask for a new one with /konsoll.")
    )
    return refusal(request, language, _("The link cannot be used"), text, 403)


async def show(request: web.Request) -> web.Response:
    """GET /login/<token>: a button that uses the link (a link preview must not use it)."""
    found = await check_login(request.app[STATE].deps, request.match_info["token"])
    if found.status != "ok" or found.consultation is None:
        return _refused(request, found)
    language = found.consultation.language
    return draw(request, "login.html", language, title=found.consultation.title.get(language))


async def enter(request: web.Request) -> web.StreamResponse:
    """POST /login/<token>: use the link once and open a session."""
    state = request.app[STATE]
    found = await use_login(state.deps, request.match_info["token"])
    if found.status != "ok" or found.consultation is None:
        return _refused(request, found)
    consultation = found.consultation
    session = state.sessions.open(
        consultation.key, found.organiser_id, consultation.language, state.deps.clock()
    )
    response = web.HTTPSeeOther(f"/c/{consultation.key}/")
    response.set_cookie(
        COOKIE,
        session.id,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        path="/",
        httponly=True,
        secure=state.over_https(request),
        samesite="Strict",
    )
    return response


async def language(request: web.Request) -> web.StreamResponse:
    """POST /c/<key>/language: the console's language for this session."""
    v = visit(request)
    chosen = v.value("language")
    if chosen in LANGUAGES:
        v.session.language = chosen
    back = v.value("back")
    return web.HTTPSeeOther(back if back.startswith(v.url()) else v.url())


async def logout(request: web.Request) -> web.StreamResponse:
    """POST /c/<key>/logout: end the session."""
    v = visit(request)
    v.state.sessions.close(v.session.id)
    response = web.HTTPSeeOther("/")
    response.del_cookie(COOKIE, path="/")
    return response


async def home(request: web.Request) -> web.StreamResponse:
    """GET /: the session's consultation, or how to log in."""
    state = request.app[STATE]
    session = state.sessions.find(request.cookies.get(COOKIE), state.deps.clock())
    if session is not None:
        return web.HTTPSeeOther(f"/c/{session.consultation_key}/")
    language = _language(request)
    _ = translator(language)
    return refusal(
        request,
        language,
        _("Organisers' console"),
        _("Open the console with a login link from /konsoll in the bot."),
        200,
    )
