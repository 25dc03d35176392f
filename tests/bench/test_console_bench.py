"""bench.console runs and reports every page on a small consultation."""

from bench.console import PAGES, measure


async def test_the_console_benchmark_times_every_page() -> None:
    rows = await measure(participants=16, rounds=1)
    assert [page for page, _s, _r, _c in rows] == ["progress", *PAGES[1:]]
    assert all(seconds > 0 and ratio > 0 and changed > 0 for _p, seconds, ratio, changed in rows)
