"""A question's draft summary with every theme's members side by side, and the curation
actions on it: merge, split, move, rename, hide, show again and undo, stored through the same
curation service as the chat's preview (who and when included)."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from bot.console.drafts import question_view
from bot.console.web import Visit, draw, visit
from bot.domain.curation import (
    CurationAction,
    Hide,
    KeepApart,
    Merge,
    Move,
    Rename,
    Split,
    Undo,
    Unhide,
)
from bot.domain.preview import MAX_LABEL, NumberedPoint, numbered
from bot.model.preview import QuestionPreview
from bot.services import curation


@dataclass(frozen=True)
class Member:
    """One answer's point under a theme: its ref, group (and name if shown) and text."""

    ref: str
    who: str
    text: str


@dataclass(frozen=True)
class Theme:
    """One numbered point of the draft with its members."""

    item: NumberedPoint
    members: tuple[Member, ...]


def themes(view: QuestionPreview, show_names: bool) -> list[Theme]:
    """Every point of the draft, numbered as in the chat, with its members' groups and texts."""
    digest = view.digest
    groups = {g.key: g.name for g in digest.consultation.groups}
    found = []
    for item in numbered(view.entry.summary):
        members = []
        for ref in item.point.refs:
            point = digest.points.get(ref)
            if point is None:
                continue
            who = groups.get(point.group, point.group)
            answer = digest.answers.get(point.answer_id) if show_names else None
            if answer is not None and answer.first_name:
                who = f"{who}, {answer.first_name}"
            members.append(Member(ref, who, point.text))
        found.append(Theme(item, tuple(members)))
    return found


async def first(request: web.Request) -> web.StreamResponse:
    """GET /c/<key>/q/: the first question's draft."""
    v = visit(request)
    keys = [q.key for q in v.consultation.questions]
    return web.HTTPSeeOther(v.url(f"q/{keys[0]}")) if keys else web.HTTPSeeOther(v.url())


async def page(request: web.Request) -> web.StreamResponse:
    """GET /c/<key>/q/<question>: the draft, one form for every action."""
    v = visit(request)
    view = await question_view(v, request.match_info["question"])
    if view is None:
        raise web.HTTPNotFound()
    language = v.session.language
    keys = [q.key for q in v.consultation.questions]
    here = keys.index(view.entry.question.key) if view.entry.question.key in keys else 0
    return draw(
        request,
        "question.html",
        language,
        v.session,
        consultation=v.consultation,
        page="question",
        view=view,
        themes=themes(view, v.consultation.show_names),
        question_text=view.entry.question.text.get(language),
        previous=keys[here - 1] if here > 0 else None,
        next=keys[here + 1] if here + 1 < len(keys) else None,
        max_label=MAX_LABEL,
        log_length=len(view.log),
        undoable=view.last_action is not None,
        groups_total=len(v.consultation.groups),
    )


def _actions(v: Visit, view: QuestionPreview, op: str) -> tuple[list[CurationAction], str]:
    """The curation actions a pressed button asks for, and what to say when they are stored
    (no actions and the reason when the request makes no sense)."""
    _ = v.translate
    verb, _sep, key = op.partition(":")
    points = {item.point.key: item.point for item in numbered(view.entry.summary)}
    ticked = v.values("member")
    if verb == "merge":
        chosen = [k for k in v.values("point") if k in points]
        if len(chosen) < 2:
            return [], _("Tick at least two points to merge.")
        # One action for every ticked point: one undo parts them all again.
        return [Merge(chosen[0], " ".join(dict.fromkeys(chosen[1:])))], _("Merged.")
    if verb == "apart":
        chosen = [k for k in v.values("point") if k in points]
        if len(chosen) != 2:
            return [], _("Tick exactly two points to keep apart.")
        return [KeepApart(chosen[0], chosen[1])], _(
            "Kept apart: these two are not offered as one point again."
        )
    if verb == "move":
        target = v.value("to")
        moving = [r for r in ticked if target in points and r not in points[target].refs]
        if not moving:
            return [], _("Tick the answers to move and choose another point for them.")
        # One action for every ticked answer: one undo takes the whole move back.
        return [Move(" ".join(dict.fromkeys(moving)), target)], _("Moved.")
    if key not in points:
        if verb == "undo":
            if v.value("log") != str(len(view.log)) or view.last_action is None:
                return [], _("The draft changed meanwhile, so nothing was undone.")
            return [Undo()], _("Undone.")
        return [], _("That point is no longer in the draft, so nothing was changed.")
    if verb == "split":
        refs = tuple(r for r in ticked if r in points[key].refs)
        if not refs or len(refs) == len(points[key].refs):
            return [], _("Pick at least one answer, but not all of them.")
        return [Split(refs)], _("Split off.")
    if verb == "rename":
        label = " ".join(v.value(f"label-{key}").split())
        if len(label) > MAX_LABEL:
            return [], _("A name can be at most {limit} characters.", limit=MAX_LABEL)
        if not label:
            return [Rename(key, "")], _("The automatic name is back.")
        return [Rename(key, label)], _("Renamed: «{label}».", label=label)
    if verb == "hide":
        return [Hide(key)], _("Hidden: left out of the summary.")
    if verb == "unhide":
        return [Unhide(key)], _("Back in the summary.")
    return [], _("Nothing was changed.")


async def act(request: web.Request) -> web.StreamResponse:
    """POST /c/<key>/q/<question>: one curation step, then back to the draft."""
    v = visit(request)
    question_key = request.match_info["question"]
    view = await question_view(v, question_key)
    if view is None:
        raise web.HTTPNotFound()
    actions, message = _actions(v, view, v.value("op"))
    stored = 0
    for action in actions:
        fresh = await curation.curate(v.deps, view, v.session.organiser_id, action)
        if fresh is not None:
            view, stored = fresh, stored + 1
    if actions and not stored:
        message = v.translate(
            "That change makes no difference to the draft, so nothing was stored."
        )
    return v.done(message, f"q/{question_key}")
