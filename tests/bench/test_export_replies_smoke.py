"""The export-replies benchmark still runs (tiny sizes: its figures mean nothing here)."""

from __future__ import annotations

from bench import export_replies


async def test_answers_are_replied_to_while_the_export_runs() -> None:
    for export in ("worker", "loop", None):
        run = await export_replies.run(60, askers=3, answers=2, interval=0.01, export=export)
        assert len(run.latencies) == 6 and all(latency > 0 for latency in run.latencies)
        assert (run.export_s > 0) == (export is not None)
