"""The export-replies benchmark still runs (tiny sizes: its figures mean nothing here)."""

from __future__ import annotations

from bench import export_replies


async def test_answers_are_replied_to_while_the_export_or_the_summary_runs() -> None:
    for work in ("export", "summary"):
        for where in ("worker", "loop", None):
            run = await export_replies.run(60, 3, 2, 0.01, where, work)
            assert len(run.latencies) == 6 and all(latency > 0 for latency in run.latencies)
            assert (run.work_s > 0) == (where is not None)
