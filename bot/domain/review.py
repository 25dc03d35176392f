"""Guided review: the few yes/no questions that would most change a question's headline list.

After compiling, the organiser is asked "Are these two the same point?" about
- two themes that, joined, would change the headline list (a new headline, a headline's count,
  or two headlines that are one);
- a headline theme that may hold two points: the engine's own clustering of its members
  alone, at the lowest bar that divides them (a split that would change the list);
- a point that, moved to a theme one group short of the headline, would make it one;
- a point that is its group's only one in a headline, the less like the theme the sooner
  (`review_members`; "no" takes it out, so its group no longer counts there).
Two themes of which one says no and the other does not are never offered for joining: a point
and its negation are never one point.
Questions are ordered by their impact on the headline list (2: a headline appears or goes, 1:
a count changes) times how likely the answer is to change something (how alike two themes
are, how unlike the two parts of a theme are, how much more a point is like another theme
than its own). Two themes that share no word are still offered for joining when it would make
a headline (their likeness has a floor, `MERGE_FLOOR`), and so are two that, joined, come one
group short of the line (impact 1: the third wording of the theme is asked about next); two
headlines' likeness counts less (`HEADLINES_JOIN_WEIGHT`). Other questions whose likelihood is
nil are not asked. Each answer is an ordinary
curation action (merge, keep-apart, split, or a move that keeps a member where it is), so it is
stored and replayed like the others, and a question already answered is not asked again.

`bot.domain.review_oracle` counts how many truthful answers reach the exact majority list of a
labelled set, for the bench.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from bot.domain.clustering import PointSpace
from bot.domain.curation import CurationAction, KeepApart, Merge, Move, Split, effective_actions
from bot.domain.labels import stems
from bot.domain.negation import is_negated
from bot.domain.review_likeness import MAX_MEMBERS, home_likeness, likeness, mean_likeness
from bot.domain.review_members import lone_members
from bot.domain.summary import MajorityRule, Point, QuestionSummary, SummaryPoint

MAX_THEMES = 40  # themes considered for joining: the largest, as small ones rarely matter
SPLIT_BAR_UP_TO = 0.5  # a theme whose members are all this alike is not offered for a split
SPLIT_STEPS = 25
LONE_WEIGHT = 0.25
"""A point alone of its group in a headline is asked about after the splits and joins: its
likeness (how unlike the theme it is) counts a quarter (chosen on the tuning sets; 0.5 gave
samferdsel 6 answers instead of 7 but the seed's næringsutvikling answers 4 instead of 3)."""
MERGE_FLOOR = 0.05
"""The least likeness of two themes offered for joining: wordings of one point that share no
word (*Næringshagen …* / *Verkemiddelapparatet …*) are still asked about when joining them
would change the list, after the joins the words support."""
HEADLINES_JOIN_WEIGHT = 0.25
"""Two headlines are two themes the engine kept apart though each is coherent and large: a
shared word between them says less, so their likeness counts a quarter (samferdsel 9 → 7)."""


SHARED_GROUPS_WEIGHT = 0.9
"""A group writes a point once: two themes raised by the same groups are more likely two points.
A join's likeness loses this share of the part of the smaller theme's groups that the other
theme holds too (on the tuning sets: seed-2 9 → 8 answers, samferdsel 7 → 6, no other change;
0.5 gave seed-2 8 and samferdsel 7)."""


def _shared(first: SummaryPoint, second: SummaryPoint) -> float:
    """The share of the smaller theme's groups that the other theme holds too."""
    a, b = set(first.groups), set(second.groups)
    return len(a & b) / max(1, min(len(a), len(b)))


@dataclass(frozen=True)
class ReviewQuestion:
    """One question for the organiser: is `other_ref` the same point as `ref`?

    "merge": `ref` and `other_ref` are the keys of two themes. "split": both are points of one
    headline theme, and `refs` the part of it that goes with `other_ref`. "move": `other_ref`
    is a point that may belong to the theme whose key is `ref`.
    """

    kind: Literal["merge", "split", "move"]
    ref: str
    other_ref: str
    impact: int
    likeness: float
    refs: tuple[str, ...] = ()
    one_wording: bool = False
    """`refs` are copies of `other_ref`'s wording (a lone member): the answer holds for all."""

    def answer(self, same: bool) -> tuple[CurationAction, ...]:
        """The curation actions that record the organiser's answer (a "no" to a split also
        keeps the two parts apart, so joining them is not asked next)."""
        if self.kind == "merge":
            return (
                Merge(self.ref, self.other_ref) if same else KeepApart(self.ref, self.other_ref),
            )
        if self.kind == "split":
            if same:  # copies of one wording all stay, so none is asked about again
                kept = self.refs if self.one_wording else (self.other_ref,)
                return (Move(" ".join(kept), self.ref),)
            return (Split(self.refs), KeepApart(self.ref, self.other_ref))
        return (Move(self.other_ref, self.ref) if same else KeepApart(self.ref, self.other_ref),)


def _answered(actions: Sequence[CurationAction]) -> set[frozenset[str]]:
    """Pairs of refs the organiser has already related by a merge, keep-apart or move."""
    pairs: set[frozenset[str]] = set()
    for action in effective_actions(actions):
        match action:
            case Merge(into_ref=a):
                pairs.update(frozenset((a, b)) for b in action.from_refs)
            case KeepApart(ref=a, other_ref=b):
                pairs.add(frozenset((a, b)))
            case Move(to_ref=b):
                pairs.update(frozenset((a, b)) for a in action.refs)
            case Split(refs=refs):
                pairs.add(frozenset(refs))
    return pairs


def review_questions(
    summary: QuestionSummary,
    points: Mapping[str, Point],
    rule: MajorityRule,
    actions: Sequence[CurationAction] = (),
    limit: int = 3,
) -> list[ReviewQuestion]:
    """The `limit` questions that would most change the headline list, most impact first."""
    answering = len(summary.groups_answering)
    answered = _answered(actions)
    themes = sorted((*summary.headline, *summary.others), key=lambda p: -len(p.groups))
    themes = themes[:MAX_THEMES]
    theme_of = {ref: t.key for t in themes for ref in t.refs}
    # Two themes are already decided if the organiser related any point of one to the other.
    decided = {
        frozenset(theme_of.get(ref, ref) for ref in pair) for pair in answered if len(pair) == 2
    }
    member_stems = {t.key: [stems(points[r].text) for r in t.refs if r in points] for t in themes}
    # A point and its negation are never one point: joining them is not asked.
    negated = {t.key: is_negated(points[t.key].text) for t in themes if t.key in points}
    found: list[ReviewQuestion] = []
    for i, first in enumerate(themes):
        for second in themes[i + 1 :]:
            if frozenset((first.key, second.key)) in decided:
                continue
            if negated.get(first.key) != negated.get(second.key):
                continue
            impact = _merge_impact(first, second, rule, answering)
            if impact:
                likeness = mean_likeness(member_stems[first.key], member_stems[second.key])
                if first.headline and second.headline:
                    likeness *= HEADLINES_JOIN_WEIGHT
                likeness = max(likeness, MERGE_FLOOR) * (
                    1 - SHARED_GROUPS_WEIGHT * _shared(first, second)
                )
                found.append(ReviewQuestion("merge", first.key, second.key, impact, likeness))
    for theme in summary.headline:
        found.extend(_split_of(theme, points, rule, answering, answered))
        for centre, member, impact, unlike, copies in lone_members(
            theme,
            points,
            lambda part, rest: _split_impact(part, rest, rule, answering),
            answered,
        ):
            found.append(
                ReviewQuestion("split", centre, member, impact, unlike * LONE_WEIGHT, copies, True)
            )
    found.extend(_moves(themes, points, rule, answering, answered))
    # Impact weighs how likely the answer is to change something: an unlikely merge of two
    # headlines comes after a likely split, and a point no more like a theme than its own
    # is not asked about.
    found = [q for q in found if q.likeness > 0]
    found.sort(key=lambda q: (-(q.impact * q.likeness), q.kind, q.ref, q.other_ref))
    return found[:limit]


def _merge_impact(a: SummaryPoint, b: SummaryPoint, rule: MajorityRule, answering: int) -> int:
    """2: joining makes or removes a headline; 1: it changes a headline's count; 0: nothing."""
    joined = rule.is_headline(len(set(a.groups) | set(b.groups)), answering)
    if a.headline and b.headline:
        return 2  # two headlines become one
    if a.headline or b.headline:
        headline = a if a.headline else b
        return 1 if set(a.groups) | set(b.groups) != set(headline.groups) else 0
    if joined:
        return 2
    # A step towards the line: joined, the two are one group short of a headline (a theme
    # written in three or more wordings is joined one answer at a time).
    union = set(a.groups) | set(b.groups)
    near = rule.is_headline(len(union) + 1, answering)
    return 1 if near and len(union) > max(len(a.groups), len(b.groups)) else 0


def _split_impact(groups: set[str], rest: set[str], rule: MajorityRule, answering: int) -> int:
    """How splitting a headline theme into `rest` and `groups` changes the headline list."""
    whole = groups | rest
    kept = [part for part in (rest, groups) if rule.is_headline(len(part), answering)]
    if len(kept) != 1:
        return 2  # the headline goes, or a second one appears
    return 1 if kept[0] != whole else 0


def _split_of(
    theme: SummaryPoint,
    points: Mapping[str, Point],
    rule: MajorityRule,
    answering: int,
    answered: set[frozenset[str]],
) -> list[ReviewQuestion]:
    """A headline theme in the two parts the engine's own similarity sees in it (`_halves`).
    One question, if the split would change the list."""
    own = [points[ref] for ref in theme.refs if ref in points]
    if len(own) < 2:
        return []
    halves = _halves([p.text for p in own])
    if halves is None:
        return []
    stay, part_at, apart = halves
    part = tuple(own[i].ref for i in part_at)
    centre, far = own[stay].ref, own[part_at[0]].ref
    if frozenset((far, centre)) in answered or frozenset(part) in answered:
        return []
    # The same division offered again through other copies of the same wordings.
    inside, rest_refs = set(part), set(theme.refs) - set(part)
    if any(pair & inside and pair & rest_refs for pair in answered if len(pair) == 2):
        return []
    rest = {p.group for p in own if p.ref not in part}
    groups = {p.group for p in own if p.ref in part}
    impact = _split_impact(groups, rest, rule, answering)
    if not impact:
        return []
    return [ReviewQuestion("split", centre, far, impact, apart, part)]


def _halves(texts: Sequence[str]) -> tuple[int, list[int], float] | None:
    """Where a theme would come apart: the engine's clustering of its members alone (their
    own word weights, so what they all share counts little), at the lowest bar that gives more
    than one part. Returns the most central member of the part that keeps the theme (the one
    holding most members), the members of the other parts (most central first) and how unlike
    the two sides are (1 - their mean similarity); None if no bar up to `SPLIT_BAR_UP_TO`
    divides it."""
    space = PointSpace(texts)
    for step in range(1, SPLIT_STEPS + 1):
        parts = space.cluster(1.0 - SPLIT_BAR_UP_TO * step / SPLIT_STEPS)
        if len(parts) < 2:
            continue
        keep = max(parts, key=lambda members: (len(members), -members[0]))
        others = sorted(i for members in parts if members is not keep for i in members)
        first = space.most_central(others)
        others.remove(first)
        cross = sum(space.similarity(i, j) for i in keep for j in (first, *others))
        apart = 1.0 - cross / (len(keep) * (len(others) + 1))
        return space.most_central(keep), [first, *others], max(0.0, apart)
    return None


def _moves(
    themes: Sequence[SummaryPoint],
    points: Mapping[str, Point],
    rule: MajorityRule,
    answering: int,
    answered: set[frozenset[str]],
) -> list[ReviewQuestion]:
    """Points that, moved to a theme one group short of the headline, would make it one, and
    share a word with it. Not only points more like that theme than their own: a place name
    or a common word often ties a point to the wrong theme (*Hallingdal*, *kommunane*).

    Each member's stems are computed once, and only the first members of a theme that the
    likeness looks at (`MAX_MEMBERS`) are kept for it: a theme of thousands of points costs
    thousands of comparisons, not millions of stem sets."""
    found: list[ReviewQuestion] = []
    short = [t for t in themes if not t.headline and rule.is_headline(len(t.groups) + 1, answering)]
    if not short:
        return found
    of = {ref: stems(points[ref].text) for t in themes for ref in t.refs if ref in points}
    # A member's own theme without it: its first MAX_MEMBERS other members.
    heads = {t.key: [r for r in t.refs if r in of][: MAX_MEMBERS + 1] for t in themes}
    # How alike a member beyond a theme's first ones is to it, by its stems.
    at_home: dict[tuple[str, frozenset[str]], float] = {}
    for target in short:
        target_stems = [of[r] for r in heads[target.key][:MAX_MEMBERS]]
        to_target: dict[frozenset[str], float] = {}
        for theme in themes:
            if theme is target:
                continue
            head = heads[theme.key]
            for ref in theme.refs:
                point = points.get(ref)
                if point is None or point.group in target.groups:
                    continue
                if frozenset((target.key, ref)) in answered:
                    continue
                mine = of[ref]
                there = to_target.get(mine)
                if there is None:
                    there = to_target[mine] = likeness([mine], target_stems)
                if there > 0:
                    # More like the target than like its own theme first.
                    edge = there - home_likeness(mine, ref, head, of, at_home, theme.key)
                    found.append(ReviewQuestion("move", target.key, ref, 2, edge))
    return found
