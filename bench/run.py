"""Run every benchmark, print one table, write bench/results.json: `python -m bench`.

Order (about three minutes on a 2-core machine):

1. broadcast (1,000 recipients, 0 and 50 ms round trip, both at once: each sends 30 messages a
   second and otherwise sleeps);
2. ingest, 3. durability ("full" against "normal"), 4. the ingest beside the console (idle,
   polled; at the last round trip), 5. footprint — one after another;
6. summary quality while, in a separate process, the compile benchmark's memory pass runs
   under tracemalloc (neither figure depends on timing);
7. compile times.

Nothing runs beside a timed benchmark: with the memory pass beside the broadcast (as before),
the busiest second at the Bot API double held 31 sends in most runs, some sends reaching it
more than 20 ms after the limiter let them leave (31 remained with a 2% departure margin),
while the limiter's own departures never held more than 30 (the same with the code of earlier
releases).

`python -m bench --smoke` runs the same code with tiny sizes (a few seconds; figures meaningless).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sqlite3
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite
import telegram

from bench import (
    broadcast,
    compile,
    console_ingest,
    durability,
    footprint,
    ingest,
    summary_quality,
)
from bench.stats import Row, Spread

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"


@dataclass(frozen=True)
class Sizes:
    """How big each benchmark runs."""

    ingest_updates: int
    ingest_participants: int
    ingest_rounds: int
    rtts: tuple[float, ...]
    recipients: int
    compile_sizes: tuple[int, ...]
    compile_rounds: int
    footprint_rounds: int
    footprint_warm_up: bool
    footprint_settle: float
    asking: broadcast.Asking = broadcast.ASKING


FULL = Sizes(1000, 100, 5, (0.0, 0.05), 1000, (1_000, 10_000, 100_000), 3, 5, True, 0.5)
SMOKE = Sizes(20, 5, 1, (0.0, 0.01), 5, (60, 120), 1, 1, False, 0.1, broadcast.Asking(2, 2, 0.2))


async def memory_pass(sizes: tuple[int, ...]) -> dict[int, int]:
    """Peak bytes of each compile size, measured in a separate process."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.compile",
        "--memory",
        *map(str, sizes),
        stdout=asyncio.subprocess.PIPE,
        cwd=ROOT,
    )
    out, _ = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError("the compile memory pass failed")
    return {int(size): int(peak) for size, peak in json.loads(out).items()}


async def suite(sizes: Sizes) -> tuple[list[Row], dict[str, Any]]:
    """Every benchmark in the order of the module docstring."""
    broadcast_rows, broadcast_detail = await broadcast.measure(
        sizes.recipients, sizes.rtts, sizes.asking
    )
    ingest_rows, ingest_detail = await ingest.measure(
        sizes.ingest_updates, sizes.ingest_participants, sizes.ingest_rounds, sizes.rtts
    )
    durability_rows, durability_detail = await durability.measure(
        sizes.ingest_updates, sizes.ingest_participants, max(1, sizes.ingest_rounds // 2)
    )
    console_rows, console_detail = await console_ingest.measure(
        sizes.ingest_updates,
        sizes.ingest_participants,
        sizes.ingest_rounds,
        sizes.rtts[-1],
        every=1.0 if sizes is FULL else 0.01,
    )
    footprint_rows, footprint_detail = await asyncio.to_thread(
        footprint.measure, sizes.footprint_rounds, sizes.footprint_warm_up, sizes.footprint_settle
    )
    (quality_rows, quality_detail), peaks = await asyncio.gather(
        asyncio.to_thread(summary_quality.measure), memory_pass(sizes.compile_sizes)
    )
    compile_rows, compile_detail = compile.measure(
        sizes.compile_sizes, sizes.compile_rounds, peaks=peaks
    )
    rows = ingest_rows + durability_rows + broadcast_rows + compile_rows + footprint_rows
    rows += console_rows + quality_rows
    details = {
        "ingest": ingest_detail,
        "durability": durability_detail,
        "broadcast": broadcast_detail,
        "compile": compile_detail,
        "footprint": footprint_detail,
        "console ingest": console_detail,
        "quality": quality_detail,
    }
    return rows, details


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    return {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "python-telegram-bot": telegram.__version__,
        "aiosqlite": aiosqlite.__version__,
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "load_average": os.getloadavg(),
    }


def _number(value: float) -> str:
    """A figure with three significant digits (no exponent for everyday sizes)."""
    if value == 0 or 0.01 <= abs(value) < 1e6:
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return f"{value:.2e}"


def _spread(spread: Spread | None, unit: str = "") -> str:
    """median (min–max), or just the median when they are all equal."""
    if spread is None:
        return ""
    text = _number(spread.median)
    if spread.low != spread.high:
        text += f" ({_number(spread.low)}–{_number(spread.high)})"
    return f"{text} {unit}".strip()


def table(rows: list[Row]) -> str:
    """The results as a Markdown table."""
    lines = [
        "| benchmark | figure | tingbot | baseline | ratio | target | met |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        baseline = f"{_spread(row.baseline, row.unit)} {row.baseline_name}".strip()
        met = {True: "yes", False: "NO", None: ""}[row.met]
        lines.append(
            f"| {row.benchmark} | {row.figure} | {_spread(row.value, row.unit)} | {baseline} "
            f"| {_spread(row.ratio)} | {row.target} | {met} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the suite, print the table, write the results; exit 1 if a target was missed."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, to check it runs")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    when = datetime.now(UTC).isoformat(timespec="seconds")
    rows, details = asyncio.run(suite(SMOKE if args.smoke else FULL))
    seconds = time.perf_counter() - started
    print(table(rows))
    print(f"\n{len(rows)} figures in {seconds:.0f} s; machine: {json.dumps(machine())}")
    results = {
        "started": when,
        "seconds": seconds,
        "smoke": args.smoke,
        "machine": machine(),
        "rows": [row.as_json() for row in rows],
        "details": details,
    }
    args.output.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return 0 if all(row.met is not False for row in rows) else 1
