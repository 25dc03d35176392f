"""Support figures and common ground from the cross-group round's votes."""

import pytest

from bot.domain.summary import SummaryPoint
from bot.domain.support import (
    CastVote,
    CommonGroundRule,
    Support,
    eligible_groups,
    mostly_agrees,
    support_by_point,
    tally,
)

GROUPS = [f"g{n}" for n in range(1, 9)]
RULE = CommonGroundRule()


def _point(key: str, groups: tuple[str, ...], refs: tuple[str, ...] = ()) -> SummaryPoint:
    return SummaryPoint(key, key, refs or (key,), groups, len(groups), True, False, False)


def _votes(key: str, spec: dict[str, str]) -> list[CastVote]:
    """spec: group -> string of a/d/p, one letter per voter of that group."""
    letters = {"a": "agree", "d": "disagree", "p": "pass"}
    votes, who = [], 0
    for group, choices in spec.items():
        for letter in choices:
            who += 1
            votes.append(CastVote(key, who, group, letters[letter]))  # type: ignore[arg-type]
    return votes


def test_shares_counts_and_groups() -> None:
    votes = _votes("1.0", {"g3": "aad", "g4": "ddp", "g5": "a"})
    support = tally(votes, 6, RULE)
    assert (support.agree, support.disagree, support.passed) == (3, 3, 1)
    assert support.votes == 6 and support.agree_share == 0.5
    assert (support.groups_voting, support.groups_agreeing) == (3, 2)
    assert not support.common_ground


def test_common_ground_needs_share_coverage_and_agreeing_groups() -> None:
    # 6 eligible groups: 3 must vote; 2/3 of the voting groups must mostly agree.
    broad = tally(_votes("1.0", {"g3": "aaa", "g4": "aa", "g5": "ad"}), 6, RULE)
    assert broad.agree_share == pytest.approx(6 / 7) and broad.groups_agreeing == 2
    assert broad.common_ground  # g5 is split, but 2 of 3 groups mostly agree
    narrow = tally(_votes("1.0", {"g3": "aaaaaa", "g4": "a"}), 6, RULE)
    assert narrow.agree_share == 1.0 and not narrow.common_ground  # only 2 of 6 groups voted
    split = tally(_votes("1.0", {"g3": "aaaa", "g4": "ad", "g5": "ad", "g6": "aaa"}), 6, RULE)
    assert split.agree_share == pytest.approx(9 / 11)
    assert split.groups_agreeing == 2 and not split.common_ground  # 2 of 4 < 2/3
    lukewarm = tally(_votes("1.0", {"g3": "aad", "g4": "aad", "g5": "aad"}), 6, RULE)
    assert lukewarm.groups_agreeing == 3 and not lukewarm.common_ground  # share 2/3 < 0.7
    few = tally(_votes("1.0", {"g3": "a", "g4": "a"}), 2, RULE)
    assert not few.common_ground  # fewer than 3 votes
    assert tally(
        _votes("1.0", {"g3": "a", "g4": "a"}), 2, CommonGroundRule(min_votes=2)
    ).common_ground


def test_passes_take_no_side() -> None:
    support = tally(_votes("1.0", {"g3": "ppp"}), 4, RULE)
    assert support.votes == 0 and support.agree_share is None and support.passed == 3
    assert support.groups_voting == 0 and not support.common_ground
    assert not mostly_agrees(["agree", "disagree"]) and mostly_agrees(["agree", "pass"])


def test_eligible_groups_leave_out_the_raising_groups_unless_allowed() -> None:
    point = _point("1.0", ("g1", "g2"))
    assert eligible_groups(point, GROUPS, own_group=False) == frozenset(GROUPS[2:])
    assert eligible_groups(point, GROUPS, own_group=True) == frozenset(GROUPS)


def test_votes_follow_refs_across_recompiles_and_latest_counts() -> None:
    cast = [
        CastVote("1.0", 1, "g3", "agree"),
        CastVote("1.0", 2, "g4", "disagree"),
        CastVote("7.0", 1, "g3", "disagree"),  # the same voter, on a point later merged in
        CastVote("9.0", 3, "g1", "agree"),  # g1 raised the merged point: not eligible
    ]
    merged = _point("1.0", ("g1", "g2"), refs=("1.0", "7.0", "9.0"))
    other = _point("5.0", ("g5",))
    support = support_by_point([merged, other], cast, GROUPS, False, RULE)
    assert support["1.0"] == Support(0, 2, 0, 6, 2, 0, False)
    assert support["5.0"] == Support(0, 0, 0, 7, 0, 0, False)
    with_own = support_by_point([merged], cast, GROUPS, True, RULE)["1.0"]
    assert (with_own.agree, with_own.disagree, with_own.groups_eligible) == (1, 2, 8)


def test_invalid_rules_are_refused() -> None:
    with pytest.raises(ValueError):
        CommonGroundRule(min_share=1.5)
    with pytest.raises(ValueError):
        CommonGroundRule(min_votes=0)
