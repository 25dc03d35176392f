"""How long a broadcast takes and what a paid one costs."""

import pytest

from bot.domain.broadcast_cost import duration_text, estimate


def test_fifty_thousand_at_a_thousand_a_second() -> None:
    found = estimate(50_000, 1000)
    assert found.seconds == pytest.approx(50.5)  # 1% under the ceiling, as the limiter sends
    assert found.free_seconds == pytest.approx(50_000 * 1.01 / 30)
    # 990 a second: 50 full seconds of 960 charged messages each, then 500 of which 470 are.
    assert found.stars == 4847


def test_a_small_broadcast_costs_nothing_above_the_free_rate() -> None:
    assert estimate(20, 1000).stars == 0
    assert estimate(0, 100).stars == 0


def test_the_paid_rate_must_exceed_the_free_rate() -> None:
    with pytest.raises(ValueError, match="paid_rate"):
        estimate(10, 30)


def test_durations_read_naturally() -> None:
    assert [duration_text(s) for s in (0.2, 45, 89, 1700, 3 * 3600 + 300)] == [
        "1 s",
        "45 s",
        "89 s",
        "29 min",
        "3 h 5 min",
    ]
