"""Guided review in the console: the same yes/no questions as the chat, stored the same way."""

from __future__ import annotations

from aiohttp import web

from bot.console.drafts import question_view
from bot.console.web import draw, visit
from bot.services.review import answer_review, review_items

SHOWN = 5


async def page(request: web.Request) -> web.StreamResponse:
    """GET /c/<key>/q/<question>/review: the next questions, most impact first."""
    v = visit(request)
    view = await question_view(v, request.match_info["question"])
    if view is None:
        raise web.HTTPNotFound()
    return draw(
        request,
        "review.html",
        v.session.language,
        v.session,
        consultation=v.consultation,
        page="question",
        view=view,
        items=review_items(view, SHOWN),
        question_text=view.entry.question.text.get(v.session.language),
    )


async def answer(request: web.Request) -> web.StreamResponse:
    """POST: yes or no to one question (found again in the current draft, or refused)."""
    v = visit(request)
    _ = v.translate
    key = request.match_info["question"]
    view = await question_view(v, key)
    if view is None:
        raise web.HTTPNotFound()
    wanted = (v.value("kind"), v.value("ref"), v.value("other"))
    item = next(
        (
            i
            for i in review_items(view, 50)
            if (i.question.kind, i.question.ref, i.question.other_ref) == wanted
        ),
        None,
    )
    same = v.value("same")
    if item is None or same not in ("yes", "no"):
        return v.done(
            _("The draft changed meanwhile, so this question is gone."), f"q/{key}/review"
        )
    stored = await answer_review(v.deps, view, v.session.organiser_id, item.question, same == "yes")
    message = _("Answer stored.") if stored else _("Nothing was changed.")
    return v.done(message, f"q/{key}/review")
