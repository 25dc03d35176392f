"""The console's aiohttp application: its state, the guard in front of every page, security
headers on every response, and drawing a page from its template."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web
from markupsafe import Markup
from telegram import Bot

from bot.config.model import Consultation
from bot.console.sessions import COOKIE, Session, Sessions
from bot.context import Deps
from bot.i18n.translator import LANGUAGE_NAMES, LANGUAGES, Translate, translator

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


@dataclass
class ConsoleState:
    """What every page reaches: the bot's Deps, the bot to post and send with, the public
    address."""

    deps: Deps
    bot: Bot | None  # None: nothing can be posted or sent (no token)
    base_url: str
    behind_proxy: bool = False  # believe the proxy's X-Forwarded-Proto ([console] behind_proxy)
    sessions: Sessions = field(default_factory=Sessions)
    templates: jinja2.Environment = field(
        default_factory=lambda: jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    )

    @property
    def secure(self) -> bool:
        """Whether organisers reach the console over HTTPS (the cookie is then Secure)."""
        return self.base_url.startswith("https://")

    def over_https(self, request: web.Request) -> bool:
        """Whether this request came over HTTPS: the configured address says so, the
        connection is TLS, or (only `behind_proxy`) the proxy's X-Forwarded-Proto is https.
        Without `behind_proxy` the header is ignored: anyone can send it."""
        if self.secure or request.secure:
            return True
        forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0]
        return self.behind_proxy and forwarded.strip().lower() == "https"


STATE = web.AppKey("state", ConsoleState)


@dataclass
class Visit:
    """One request of a logged-in organiser: the session, its consultation and language."""

    state: ConsoleState
    session: Session
    consultation: Consultation
    form: dict[str, list[str]]

    @property
    def deps(self) -> Deps:
        """The bot's dependencies."""
        return self.state.deps

    @property
    def translate(self) -> Translate:
        """The session's language."""
        return translator(self.session.language)

    def value(self, name: str) -> str:
        """The first value of a posted field ("" if absent)."""
        values = self.form.get(name)
        return values[0] if values else ""

    def values(self, name: str) -> list[str]:
        """Every value of a posted field."""
        return self.form.get(name, [])

    def url(self, tail: str = "") -> str:
        """The path of one of this consultation's pages."""
        return f"/c/{self.consultation.key}/{tail}"

    def done(self, message: str, tail: str = "") -> web.HTTPSeeOther:
        """Redirect after an action, with `message` shown once on the next page."""
        self.session.flash = message
        return web.HTTPSeeOther(self.url(tail))


VISIT = web.RequestKey("visit", Visit)


def visit(request: web.Request) -> Visit:
    """The checked visit the guard put on the request."""
    return request[VISIT]


def draw(
    request: web.Request,
    template: str,
    language: str,
    session: Session | None = None,
    status: int = 200,
    **values: Any,
) -> web.Response:
    """A page from its template, in `language`, with the helpers every template uses."""
    state = request.app[STATE]
    _ = translator(language)

    def t(message: str, **named: object) -> Markup:
        return Markup(_(message, **named))

    def n_(singular: str, plural: str, count: int, **named: object) -> Markup:
        return Markup(_(singular if count == 1 else plural, count=count, **named))

    flash = ""
    if session is not None:
        flash, session.flash = session.flash, ""
    html = state.templates.get_template(template).render(
        _=t,
        n_=n_,
        language=language,
        languages=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        session=session,
        csrf=session.csrf_token if session is not None else (lambda: ""),
        flash=flash,
        here=request.path_qs,
        **values,
    )
    return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")


def refusal(
    request: web.Request, language: str, title: str, text: str, status: int
) -> web.Response:
    """A page that says why nothing was done (403 and the like)."""
    return draw(request, "refused.html", language, status=status, title=title, text=text)


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every response: no framing, no sniffing, no referrer, no caching of pages."""
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        response = exc
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Cache-Control", "no-store")
    if request.app[STATE].over_https(request):
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if isinstance(response, web.HTTPException) and response.status >= 300:
        raise response
    return response


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Pages under /c/<key>/: only with a live session for that consultation, and every POST
    only with a CSRF token this session made and has not used."""
    if not request.path.startswith("/c/"):
        return await handler(request)
    state = request.app[STATE]
    language = (
        state.deps.config.consultations[0].language if state.deps.config.consultations else "nn"
    )
    _ = translator(language)
    session = state.sessions.find(request.cookies.get(COOKIE), state.deps.clock())
    key = request.match_info.get("key", "")
    if session is None or session.consultation_key != key:
        log.warning("console page refused without a session for it", extra={"path": request.path})
        return refusal(
            request,
            session.language if session else language,
            _("Not logged in"),
            _("Open the console with a login link from /konsoll in the bot."),
            403,
        )
    consultation = state.deps.config.consultation(key)
    if consultation is None or session.organiser_id not in consultation.organisers:
        state.sessions.close(session.id)
        return refusal(
            request,
            language,
            _("Not logged in"),
            _("You no longer organise this consultation."),
            403,
        )
    form: dict[str, list[str]] = {}
    if request.method == "POST":
        data = await request.post()
        for name, value in data.items():
            if isinstance(value, str):
                form.setdefault(name, []).append(value)
        if not session.spend_csrf(form.get("csrf", [""])[0]):
            log.warning("console form refused: bad or used CSRF token")
            t = translator(session.language)
            return refusal(
                request,
                session.language,
                t("This form is no longer valid"),
                t("Nothing was changed. Go back, reload the page and try again."),
                403,
            )
    request[VISIT] = Visit(state, session, consultation, form)
    return await handler(request)
