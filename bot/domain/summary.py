"""Compiling the answers to one question into a "majority of groups" summary.

The points of all answers to a question are clustered into themes (`clustering`), the
organiser's curation is replayed on top (`curation`), and each theme becomes a summary point
with its label, the groups that raised it, the number of participants behind it and the refs of
every underlying point (provenance). Points raised by enough groups (the `MajorityRule`) are the
headline; the rest are "also raised by some groups"; hidden points are kept apart.

Headline precision comes first. A member that joined its theme through a chain of shared words
(`PointSpace.outliers`) is taken out into a theme of its own, so a group counts for a theme only
through a point that belongs there. An automatic theme is a headline only if it is coherent: the
mean similarity of all pairs of its points is at least `COHERENT_AT_LEAST`. A theme that fails,
and a point taken out of one, is `uncertain`: it stays among the other points, flagged for the
organisers' review. A theme the organiser shaped by curation is trusted as it is. A negated point
never shares a theme with one that is not (`clustering`), so no headline holds both.

A group may confirm a joint answer to a question (the points its members agreed on): then what
counts as raised by that group is exactly the themes holding one of its confirmed points; its
members' other points stay in the summary but do not make the group count.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from bot.domain.clustering import PointSpace
from bot.domain.curation import CurationAction, apply_curation
from bot.domain.labels import by_typicality, council_label, register
from bot.domain.points import split_points


@dataclass(frozen=True)
class Point:
    """One point of one answer; `ref` ("<answer id>.<index>") is stable across compiles."""

    ref: str
    answer_id: int
    group: str
    participant: int
    text: str


def answer_points(answer_id: int, group: str, participant: int, text: str) -> tuple[Point, ...]:
    """Split an answer into its points, numbered from 0 in the order written."""
    return tuple(
        Point(f"{answer_id}.{index}", answer_id, group, participant, point)
        for index, point in enumerate(split_points(text))
    )


@dataclass(frozen=True)
class MajorityRule:
    """Which points are headline: raised by a strict majority, or by at least k groups."""

    kind: Literal["majority", "at_least"] = "majority"
    k: int = 0

    def __post_init__(self) -> None:
        """Reject rules that cannot be meant."""
        if self.kind not in ("majority", "at_least"):
            raise ValueError(f"unknown majority rule {self.kind!r}")
        if self.kind == "at_least" and self.k < 1:
            raise ValueError("an 'at_least' rule needs k >= 1")

    def is_headline(self, groups_raising: int, groups_answering: int) -> bool:
        """Tell whether a point raised by this many of the answering groups is a headline."""
        if self.kind == "majority":
            return 2 * groups_raising > groups_answering
        return groups_raising >= self.k


@dataclass(frozen=True)
class SummaryPoint:
    """A theme of the summary with its provenance; `key` is the ref of its earliest point."""

    key: str
    label: str
    refs: tuple[str, ...]
    groups: tuple[str, ...]
    participants: int
    headline: bool
    hidden: bool
    renamed: bool
    uncertain: bool = False
    """The theme failed the coherence test (or is a point taken out of one): for review."""
    pinned: bool = False
    """The automatic label was pinned when curation first changed the theme's points: it
    stays whatever points move in or out (only a rename changes it)."""


@dataclass(frozen=True)
class QuestionSummary:
    """The compiled summary of one question: headline points, other points, hidden points."""

    question: str
    groups_answering: tuple[str, ...]
    headline: tuple[SummaryPoint, ...]
    others: tuple[SummaryPoint, ...]
    hidden: tuple[SummaryPoint, ...]


def natural_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key that puts "gruppe-2" before "gruppe-10" and "3.2" before "3.10"."""
    return tuple(
        (0, int(part), "") if part.isdecimal() else (1, 0, part)
        for part in re.split(r"(\d+)", text)
        if part
    )


ConfirmedAnswers = Mapping[str, Collection[str]]
"""Group key → refs of the points its confirmed joint answer to one question consists of."""


def groups_raising(
    points: Sequence[Point], confirmed: ConfirmedAnswers | None = None
) -> tuple[str, ...]:
    """Return the groups that raised a theme, given its points (the one place this is decided).

    A group with a confirmed joint answer raises the theme only through a confirmed point;
    without one, any member's point counts.
    """
    confirmed = confirmed or {}
    return tuple(
        sorted(
            {
                point.group
                for point in points
                if point.group not in confirmed or point.ref in confirmed[point.group]
            },
            key=natural_key,
        )
    )


COHERENT_AT_LEAST = 0.15
"""The coherence test of a headline: the mean similarity of all pairs of its points."""


def _themes(space: PointSpace, threshold: float | None) -> tuple[list[list[int]], set[int]]:
    """Cluster, then take each theme's outliers out into themes of their own."""
    themes: list[list[int]] = []
    detached: set[int] = set()
    for members in space.cluster(threshold):
        lonely = space.outliers(members)
        detached.update(lonely)
        themes.append([index for index in members if index not in lonely])
        themes.extend([index] for index in lonely)
    return sorted(themes), detached


def compile_question(
    question_key: str,
    points: Sequence[Point],
    rule: MajorityRule,
    threshold: float | None = None,
    curation: Sequence[CurationAction] = (),
    question_text: str = "",
    confirmed: ConfirmedAnswers | None = None,
    language: str | None = None,
) -> QuestionSummary:
    """Cluster the points of one question, apply curation and order the summary.

    `question_text` (the question as asked) lets the clustering mute words that answers merely
    echo from the question; `confirmed` holds the groups' confirmed joint answers to this
    question; refs must be unique. With `language` the automatic labels are in the council's
    register (`labels.council_label`), else a member text cleaned by `labels.register`. A
    theme's automatic label is pinned before curation first changes its points (stable labels).
    """
    answering = groups_raising(points)
    space = PointSpace([point.text for point in points], question_text)
    position = {point.ref: index for index, point in enumerate(points)}
    if len(position) != len(points):
        raise ValueError("point refs must be unique")
    automatic, detached = _themes(space, threshold) if points else ([], set())
    shaped = {frozenset(points[i].ref for i in members) for members in automatic}

    def label_of(refs: Sequence[str]) -> str:
        """The automatic label of a theme with these points (the one place it is decided)."""
        members = sorted(position[ref] for ref in refs)
        central = points[space.most_central(members)].text
        if language is None:
            return register(central)
        texts = [points[index].text for index in members]
        ordered = [texts[i] for i in by_typicality(texts)]
        ordered.remove(central)
        return council_label([central, *ordered], language) or register(central)

    curated = apply_curation(
        [[points[i].ref for i in members] for members in automatic], curation, label_of
    )
    summary_points: list[SummaryPoint] = []
    for cluster in curated:
        members = sorted(position[ref] for ref in cluster.refs)
        own = [points[index] for index in members]
        groups = groups_raising(own, confirmed)
        label = cluster.label or cluster.auto_label or label_of(cluster.refs)
        # An organiser's own grouping is trusted; the automatic ones must pass the test.
        automatic_theme = frozenset(cluster.refs) in shaped
        uncertain = automatic_theme and (
            (len(members) == 1 and members[0] in detached)
            or space.coherence(members) < COHERENT_AT_LEAST
        )
        summary_points.append(
            SummaryPoint(
                key=min(cluster.refs, key=natural_key),
                label=label,
                refs=tuple(sorted(cluster.refs, key=natural_key)),
                groups=groups,
                participants=len({point.participant for point in own}),
                headline=not cluster.hidden
                and not uncertain
                and rule.is_headline(len(groups), len(answering)),
                hidden=cluster.hidden,
                renamed=cluster.label is not None,
                uncertain=uncertain,
                pinned=cluster.label is None and cluster.auto_label is not None,
            )
        )
    summary_points.sort(
        key=lambda p: (-len(p.groups), -p.participants, p.label.casefold(), natural_key(p.key))
    )
    return QuestionSummary(
        question=question_key,
        groups_answering=answering,
        headline=tuple(p for p in summary_points if p.headline),
        others=tuple(p for p in summary_points if not p.headline and not p.hidden),
        hidden=tuple(p for p in summary_points if p.hidden),
    )


@dataclass(frozen=True)
class QuestionInput:
    """What one question is compiled from: its points, its curation log and its context."""

    key: str
    points: Sequence[Point]
    curation: Sequence[CurationAction] = ()
    question_text: str = ""
    confirmed: ConfirmedAnswers | None = None


def compile_questions(
    questions: Sequence[QuestionInput],
    rule: MajorityRule,
    threshold: float | None = None,
    language: str | None = None,
) -> tuple[QuestionSummary, ...]:
    """Compile every question of a consultation: the one entry point of a whole compile."""
    return tuple(
        compile_question(
            q.key, q.points, rule, threshold, q.curation, q.question_text, q.confirmed, language
        )
        for q in questions
    )
