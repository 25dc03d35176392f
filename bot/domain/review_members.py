"""Guided review: is this point, the only one of its group in a headline, part of it?

A headline's count is right only if every group counts through a point that belongs there. A
point that is its group's only one in a headline theme, and the theme's least typical, is the
likeliest to have come in through a shared word (a place name, a common word, a compound's
part) and to count its group wrongly. The question shows it beside the theme's most typical
point; "no" takes it out into a theme of its own (an ordinary split), "yes" keeps it and is
not asked again.

How unlike the point is to the theme is measured in a space of the theme's members alone (their
own word weights, so what they all share counts little): 1 - its mean similarity to the others.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot.domain.clustering import PointSpace
from bot.domain.summary import Point, SummaryPoint

SplitImpact = Callable[[set[str], set[str]], int]
MIN_MEMBERS = 3  # in a pair neither point is less typical than the other


def lone_members(
    theme: SummaryPoint,
    points: Mapping[str, Point],
    impact_of: SplitImpact,
    answered: set[frozenset[str]],
) -> list[tuple[str, str, int, float]]:
    """(centre ref, member ref, impact, unlikeness) for each member of a headline theme that is
    its group's only point there, whose taking out would change the headline list."""
    own = [points[ref] for ref in theme.refs if ref in points]
    if len(own) < MIN_MEMBERS:
        return []
    per_group: dict[str, int] = {}
    for point in own:
        per_group[point.group] = per_group.get(point.group, 0) + 1
    space = PointSpace([point.text for point in own])
    everyone = list(range(len(own)))
    found: list[tuple[str, str, int, float]] = []
    for index, point in enumerate(own):
        if per_group[point.group] != 1:
            continue
        rest = [i for i in everyone if i != index]
        centre = own[space.most_central(rest)].ref
        if any(point.ref in pair for pair in answered):
            continue
        impact = impact_of({point.group}, {own[i].group for i in rest})
        if not impact:
            continue
        attached = sum(space.similarity(index, i) for i in rest) / len(rest)
        found.append((centre, point.ref, impact, max(0.0, 1.0 - attached)))
    return found
