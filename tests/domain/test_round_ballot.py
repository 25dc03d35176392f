"""The cross-group round: open/closed by events and the points a participant goes through."""

from datetime import UTC, datetime, timedelta

from bot.domain.round import (
    RoundEvent,
    ballot,
    find_item,
    next_unvoted,
    round_is_open,
    scheduled_events,
)
from bot.domain.summary import QuestionSummary, SummaryPoint

NOW = datetime(2027, 1, 20, 12, 0, tzinfo=UTC)


def _point(key: str, *groups: str, refs: tuple[str, ...] = ()) -> SummaryPoint:
    return SummaryPoint(key, f"label {key}", refs or (key,), groups, 1, False, False, False)


def test_the_latest_past_event_decides() -> None:
    hour = timedelta(hours=1)
    assert not round_is_open(NOW, [])
    assert round_is_open(NOW, [RoundEvent(NOW - hour, True)])
    assert not round_is_open(NOW, [RoundEvent(NOW + hour, True)])
    manual_close = [RoundEvent(NOW - 2 * hour, True), RoundEvent(NOW - hour, False)]
    assert not round_is_open(NOW, manual_close)
    scheduled = scheduled_events(NOW - 3 * hour, NOW + hour)
    assert round_is_open(NOW, scheduled)
    assert not round_is_open(NOW + 2 * hour, scheduled)
    assert not round_is_open(NOW, [*scheduled, RoundEvent(NOW - hour, False)])
    assert scheduled_events(None, None) == []
    same_moment = [RoundEvent(NOW, True), RoundEvent(NOW, False)]
    assert not round_is_open(NOW, same_moment)  # the later-listed event counts
    assert round_is_open(NOW, same_moment[::-1])


def test_ballot_leaves_out_own_group_and_hidden_points() -> None:
    first = QuestionSummary(
        "q1",
        ("g1", "g2"),
        headline=(_point("1.0", "g1", "g2"),),
        others=(_point("2.0", "g2"),),
        hidden=(_point("3.0", "g3"),),
    )
    second = QuestionSummary("q2", ("g1",), (), (_point("4.0", "g1"),), ())
    items = ballot([first, second], "g1", own_group=False)
    assert [(i.question, i.point.key) for i in items] == [("q1", "2.0")]
    everything = ballot([first, second], "g1", own_group=True)
    assert [i.point.key for i in everything] == ["1.0", "2.0", "4.0"]


def test_resuming_skips_points_voted_on_by_any_ref() -> None:
    summary = QuestionSummary(
        "q", ("g2",), (), (_point("1.0", "g2", refs=("1.0", "5.0")), _point("2.0", "g2")), ()
    )
    items = ballot([summary], "g1", False)
    assert next_unvoted(items, set()) == 0
    assert next_unvoted(items, {"5.0"}) == 1  # voted before a recompile gave the point key 1.0
    assert next_unvoted(items, {"5.0", "2.0"}) is None
    assert find_item(items, "5.0") == 0 and find_item(items, "9.9") is None
