"""The benchmarks still run: the whole suite with tiny sizes (its figures mean nothing here)."""

from __future__ import annotations

import json

from bench import run
from bench.stats import Row


async def test_every_benchmark_runs_and_reports() -> None:
    rows, details = await run.suite(run.SMOKE)
    benchmarks = {row.benchmark for row in rows}
    assert benchmarks == {
        "ingest",
        "durability",
        "broadcast",
        "console",
        "compile",
        "footprint",
        "quality",
    }
    assert all(isinstance(row, Row) and row.value.low <= row.value.median for row in rows)
    for row in rows:
        if row.baseline is not None:
            assert row.ratio is not None and row.baseline_name
    figures = {(row.benchmark, row.figure): row for row in rows}
    assert figures["ingest", "answers acknowledged = committed"].met is True
    assert details["ingest"]["committed"] == details["ingest"]["acknowledged"]
    assert all(n == run.SMOKE.ingest_updates for n in details["ingest"]["committed"])
    sent = [r["sent"] for r in details["broadcast"]["runs"]]
    assert sent == [run.SMOKE.recipients] * len(run.SMOKE.rtts)
    assert sorted(details["console ingest"]["rates"]) == ["idle", "polled", "without"]
    assert set(details["compile"]["peak_bytes"]) == set(run.SMOKE.compile_sizes)
    assert figures["quality", "majority precision, seed"].met is True
    table = run.table(rows)
    assert table.count("\n") == len(rows) + 1
    json.dumps([row.as_json() for row in rows])
