"""The consultation's progress: per group and per question, as SVG bar charts and tables."""

from __future__ import annotations

from aiohttp import web

from bot.console.charts import chart
from bot.console.web import draw, visit
from bot.i18n.translator import format_moment
from bot.services.progress import progress


async def page(request: web.Request) -> web.Response:
    """GET /c/<key>/: participants, answers, joint answers and the deadline."""
    v = visit(request)
    _ = v.translate
    found = await progress(v.deps, v.consultation)
    language = v.session.language
    questions = len(found.questions)
    groups = len(found.groups)
    by_group = chart(
        _("Questions answered per group"),
        [(g.name, g.questions_answered, questions) for g in found.groups],
    )
    by_question = chart(
        _("Groups that answered each question"),
        [
            (f"{q.number}. {q.question.text.get(language)}", q.groups, groups)
            for q in found.questions
        ],
    )
    deadline = format_moment(v.consultation.deadline, v.consultation.timezone, language)
    keys = {g.key: g for g in found.groups}
    confirmed = [(keys[k].name if k in keys else k, len(qs)) for k, qs in found.confirmed.items()]
    return draw(
        request,
        "progress.html",
        language,
        v.session,
        consultation=v.consultation,
        page="progress",
        progress=found,
        by_group=by_group,
        by_question=by_question,
        deadline=deadline,
        open=found.now < v.consultation.deadline,
        confirmed=confirmed,
        question_count=questions,
    )
