"""bench.console_ingest runs the ingest without, beside an idle and beside a polled console."""

from bench.console_ingest import measure


async def test_the_console_ingest_benchmark_pairs_each_console_mode_with_none() -> None:
    rows, detail = await measure(updates=20, participants=5, rounds=1, rtt=0.0, every=0.01)
    assert [row.baseline_name for row in rows] == ["without console", "without console"]
    assert all(row.ratio is not None and row.ratio.median > 0 for row in rows)
    assert sorted(detail["rates"]) == ["idle", "polled", "without"]
