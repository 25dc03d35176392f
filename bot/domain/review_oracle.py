"""How many truthful guided-review answers reach a labelled question's exact majority list.

For the bench (`bench.summary_quality`): an oracle that knows each point's true theme answers
the questions of `bot.domain.review` one at a time, as an organiser would, until the headline
list holds exactly the true majority themes with exactly their groups.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from bot.domain.curation import CurationAction
from bot.domain.review import review_questions
from bot.domain.summary import MajorityRule, Point, QuestionSummary, SummaryPoint

Compile = Callable[[Sequence[CurationAction]], QuestionSummary]


def majority_truth(
    points: Sequence[Point], truth: Mapping[str, str], rule: MajorityRule
) -> dict[str, frozenset[str]]:
    """The true headline list: theme label → its groups, for themes a majority raised."""
    answering = len({p.group for p in points})
    groups: dict[str, set[str]] = {}
    for point in points:
        if truth.get(point.ref):
            groups.setdefault(truth[point.ref], set()).add(point.group)
    return {
        label: frozenset(found)
        for label, found in groups.items()
        if rule.is_headline(len(found), answering)
    }


def _majority(refs: Sequence[str], truth: Mapping[str, str]) -> str | None:
    """The true theme most of these points belong to."""
    labels = [truth[ref] for ref in refs if truth.get(ref)]
    return max(sorted(set(labels)), key=labels.count) if labels else None


def _theme_of(point: SummaryPoint, truth: Mapping[str, str]) -> str | None:
    """The true theme most of a compiled theme's members belong to."""
    return _majority(point.refs, truth)


def _key_of(themes: Mapping[str, SummaryPoint], ref: str) -> str:
    """The key of the theme holding a point."""
    return next(key for key, theme in themes.items() if ref in theme.refs)


def is_exact(
    summary: QuestionSummary, expected: Mapping[str, frozenset[str]], truth: Mapping[str, str]
) -> bool:
    """Whether the headline list is exactly the true one: the same themes with the same groups."""
    shown = {}
    for point in summary.headline:
        label = _theme_of(point, truth)
        if label is None or label in shown:
            return False
        shown[label] = frozenset(point.groups)
    return shown == dict(expected)


def oracle_answers(
    compile_with: Compile,
    points: Sequence[Point],
    truth: Mapping[str, str],
    rule: MajorityRule,
    limit: int = 10,
) -> int | None:
    """How many truthful answers to the guided review reach the exact majority list of a
    labelled question (`truth`: point ref → true theme; unlabelled points are noise); None if
    `limit` answers do not, or the questions run out first."""
    by_ref = {p.ref: p for p in points}
    expected = majority_truth(points, truth, rule)
    actions: list[CurationAction] = []
    for count in range(limit + 1):
        summary = compile_with(actions)
        if is_exact(summary, expected, truth):
            return count
        if count == limit:
            break
        questions = review_questions(summary, by_ref, rule, actions, limit=1)
        if not questions:
            return None
        question = questions[0]
        everything = {p.key: p for p in (*summary.headline, *summary.others, *summary.hidden)}
        if question.kind == "merge":
            same = _theme_of(everything[question.ref], truth) == _theme_of(
                everything[question.other_ref], truth
            )
        elif question.kind == "split":
            same = _majority(question.refs, truth) == _majority(
                [
                    r
                    for r in everything[_key_of(everything, question.ref)].refs
                    if r not in question.refs
                ],
                truth,
            )
        else:
            same = truth.get(question.other_ref) == _theme_of(everything[question.ref], truth)
        actions.extend(question.answer(same))
    return None
