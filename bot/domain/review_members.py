"""Guided review: is this point, the only one of its group in a headline, part of it?

A headline's count is right only if every group counts through a point that belongs there. A
point that is its group's only one in a headline theme, and the theme's least typical, is the
likeliest to have come in through a shared word (a place name, a common word, a compound's
part) and to count its group wrongly. The question shows it beside the theme's most typical
point; "no" takes it out into a theme of its own (an ordinary split), "yes" keeps it and is
not asked again. Copies of one wording in the theme (groups copy each other's notes) are one
question: the answer is about the wording, so it takes out, or keeps, every copy at once.

How unlike the point is to the theme is measured in a space of the theme's members alone (their
own word weights, so what they all share counts little): 1 - its mean similarity to the others.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot.domain.clustering import PointSpace
from bot.domain.summary import Point, SummaryPoint
from bot.domain.text_norm import normalise

SplitImpact = Callable[[set[str], set[str]], int]
MIN_MEMBERS = 3  # in a pair neither point is less typical than the other


def lone_members(
    theme: SummaryPoint,
    points: Mapping[str, Point],
    impact_of: SplitImpact,
    answered: set[frozenset[str]],
) -> list[tuple[str, str, int, float, tuple[str, ...]]]:
    """(centre ref, member ref, impact, unlikeness, the wording's copies) for each wording of a
    headline theme that is its group's only point there (in one copy at least, the member),
    whose taking out would change the headline list; the answer holds for every copy."""
    own = [points[ref] for ref in theme.refs if ref in points]
    if len(own) < MIN_MEMBERS:
        return []
    per_group: dict[str, int] = {}
    copies: dict[str, list[int]] = {}
    for index, point in enumerate(own):
        per_group[point.group] = per_group.get(point.group, 0) + 1
        copies.setdefault(normalise(point.text), []).append(index)
    space = PointSpace([point.text for point in own])
    found: list[tuple[str, str, int, float, tuple[str, ...]]] = []
    for same in copies.values():
        lone = [i for i in same if per_group[own[i].group] == 1]
        if not lone or any(own[i].ref in pair for i in same for pair in answered):
            continue
        # Asked as for one copy (what taking out that copy changes), answered for all.
        index = lone[0]
        rest = [i for i in range(len(own)) if i != index]
        impact = impact_of({own[index].group}, {own[i].group for i in rest})
        if not impact:
            continue
        centre = own[space.most_central(rest)].ref
        attached = sum(space.similarity(index, i) for i in rest) / len(rest)
        refs = tuple(own[i].ref for i in same)
        found.append((centre, own[index].ref, impact, max(0.0, 1.0 - attached), refs))
    return found
