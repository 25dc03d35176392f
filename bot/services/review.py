"""Guided review of a question's draft: the next yes/no questions, and storing the answers.

The chat handler (and a browser console later) shows each `ReviewItem` as "Are these two the same
point?" with the two texts, and calls `answer_review` with the organiser's yes or no; the answer
is stored as ordinary curation actions, so it is replayed like every other.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.context import Deps
from bot.domain.review import ReviewQuestion, review_questions
from bot.domain.summary import SummaryPoint
from bot.model.preview import QuestionPreview
from bot.services.curation import store_action
from bot.services.summary import rule_of

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReviewItem:
    """A review question with the two texts the organiser compares."""

    question: ReviewQuestion
    first: str
    second: str


def review_items(view: QuestionPreview, limit: int = 3) -> list[ReviewItem]:
    """The next questions for this draft, most impact first, none already answered."""
    summary = view.entry.summary
    points = view.digest.points
    own = {ref: points[ref] for p in _all(view) for ref in p.refs if ref in points}
    actions = list(view.log)
    found = review_questions(summary, own, rule_of(view.digest.consultation), actions, limit)
    themes = {p.key: p for p in _all(view)}
    items = []
    for question in found:
        if question.kind == "merge":
            first, second = themes[question.ref].label, themes[question.other_ref].label
        elif question.kind == "split":
            first, second = own[question.ref].text, own[question.other_ref].text
        else:
            first, second = themes[question.ref].label, own[question.other_ref].text
        items.append(ReviewItem(question, first, second))
    return items


def _all(view: QuestionPreview) -> tuple[SummaryPoint, ...]:
    """Every point of the draft, hidden ones too."""
    summary = view.entry.summary
    return (*summary.headline, *summary.others, *summary.hidden)


async def answer_review(
    deps: Deps, view: QuestionPreview, organiser_id: int, question: ReviewQuestion, same: bool
) -> bool:
    """Store the organiser's answer as curation actions (even one that changes nothing, such as
    "yes, this point belongs here": it keeps the point there after new answers); False, and
    nothing stored, if the question names points this draft does not hold (stale or forged)."""
    held = {ref for p in _all(view) for ref in p.refs}
    if not {question.ref, question.other_ref, *question.refs} <= held:
        return False
    for action in question.answer(same):
        await store_action(deps, view, organiser_id, action)
    log.info(
        "review answer %s on question %s", "same" if same else "different", view.entry.question.key
    )
    return True
