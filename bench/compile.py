"""Compile: `compile_question` on 1k, 10k and 100k points from 100 groups; time, memory, growth.

The points are synthetic but made of real answers: every point of the labelled Hallingting
fixture ("tiltak" and "organisering"), varied deterministically (seeded): words dropped,
repeated or swapped with a neighbour, a filler word added, a letter doubled or two swapped, case
changed. Each round times the compile and, in the same round, the baseline: tokenising the same
texts (normalise and split) — the least any compile must do. Peak memory is measured in a
separate pass under tracemalloc (which slows Python down), and the growth exponent is the slope
of log(cost) over log(n) across the sizes (1 = linear, 2 = quadratic).
"""

from __future__ import annotations

import gc
import json
import math
import random
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache, partial
from pathlib import Path
from typing import Any

from bench.stats import Row, Spread, paired_row
from bot.domain.summary import (
    MajorityRule,
    Point,
    QuestionSummary,
    answer_points,
    compile_question,
)
from bot.domain.text_norm import normalise

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "hallingting_points.json"
QUESTION = "tiltak"
GROUPS = 100
FILLERS = ("òg", "viktig", "meir", "felles", "heile", "regionalt", "kanskje", "særleg")


@cache
def base_points() -> tuple[list[str], str]:
    """Every point of the fixture's answers (both questions), and the question text."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    texts = [
        point.text
        for a in data["answers"]
        for point in answer_points(a["answer_id"], a["group"], a["participant"], a["text"])
    ]
    return texts, str(data["questions"][QUESTION])


def _vary(text: str, rng: random.Random) -> str:
    """One plausible rewording of a point."""
    words = text.split()
    if len(words) > 2 and rng.random() < 0.5:
        del words[rng.randrange(len(words))]
    if len(words) > 2 and rng.random() < 0.3:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words) + 1), rng.choice(FILLERS))
    if rng.random() < 0.2:
        i = rng.randrange(len(words))
        word = words[i]
        if len(word) > 3:
            j = rng.randrange(len(word) - 1)
            words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]  # a typo
    if rng.random() < 0.1:
        words = [w.upper() if rng.random() < 0.5 else w for w in words]
    return " ".join(words) or text


def synthetic_points(count: int, seed: int = 1) -> list[Point]:
    """`count` points from GROUPS groups (ten participants each), deterministic for a seed."""
    texts, _ = base_points()
    rng = random.Random(seed)
    points = []
    for index in range(count):
        group = index % GROUPS
        participant = group * 10 + rng.randrange(10)
        text = _vary(rng.choice(texts), rng)
        points.append(Point(f"{index}.0", index, f"gruppe-{group + 1}", participant, text))
    return points


def tokenise(points: Sequence[Point]) -> int:
    """The baseline: normalise and split every text; returns the number of tokens."""
    return sum(len(normalise(point.text).split()) for point in points)


def _timed(work: Callable[[], object]) -> float:
    """Seconds one call of `work` takes (after a collection, so garbage is not billed)."""
    gc.collect()
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def peak_bytes(work: Callable[[], object]) -> int:
    """The peak of memory allocated by Python while `work` runs."""
    gc.collect()
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def exponent(sizes: Sequence[int], costs: Sequence[float]) -> float:
    """Least-squares slope of log(cost) over log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(c) for c in costs]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def measure(
    sizes: Sequence[int] = (1_000, 10_000, 100_000),
    rounds: int = 3,
    big_rounds: int = 1,
    peaks: dict[int, int] | None = None,
) -> tuple[list[Row], dict[str, Any]]:
    """Rounds of compile and tokenise per size (sizes over 10k: `big_rounds`); table rows.

    `peaks`: peak bytes per size measured elsewhere (`memory`), else measured here.
    """
    seconds: dict[int, list[float]] = {}
    baseline: dict[int, list[float]] = {}
    headline: dict[int, int] = {}
    for size in sizes:
        points = synthetic_points(size)
        for _ in range(rounds if size <= 10_000 else big_rounds):
            baseline.setdefault(size, []).append(_timed(partial(tokenise, points)))
            seconds.setdefault(size, []).append(_timed(partial(_compile, points)))
        headline[size] = len(_compile(points).headline) if size <= 10_000 else -1
    peaks = peaks if peaks is not None else memory(sizes)
    rows = []
    for size in sizes:
        row = paired_row(
            "compile",
            f"seconds, {size:,} points",
            "s",
            seconds[size],
            "tokenising only",
            baseline[size],
        )
        if size == 10_000:
            row = replace(row, target="< 2 s", met=row.value.median < 2.0)
        rows.append(row)
    rows += [
        Row("compile", f"peak memory, {size:,} points", "MB", Spread.of([peaks[size] / 1e6]))
        for size in sizes
    ]
    time_growth = exponent(sizes, [min(seconds[s]) for s in sizes])
    memory_growth = exponent(sizes, [peaks[s] for s in sizes])
    rows += [
        Row("compile", "time growth exponent", "", Spread.of([time_growth])),
        Row(
            "compile",
            "memory growth exponent",
            "",
            Spread.of([memory_growth]),
            target="< 1.5 (quadratic: 2)",
            met=memory_growth < 1.5,
        ),
    ]
    detail = {"groups": GROUPS, "headline_points": headline, "peak_bytes": peaks}
    return rows, detail


def _compile(points: Sequence[Point]) -> QuestionSummary:
    """The summary of the points (the question text mutes its own words, as in production)."""
    return compile_question(QUESTION, points, MajorityRule(), question_text=base_points()[1])


def memory(sizes: Sequence[int]) -> dict[int, int]:
    """Peak bytes allocated while compiling each size."""
    found = {}
    for size in sizes:
        points = synthetic_points(size)
        found[size] = peak_bytes(partial(_compile, points))
    return found


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["--memory"]:
        print(json.dumps(memory([int(arg) for arg in sys.argv[2:]])))
    else:
        found, info = measure()
        for row in found:
            print(row)
        print(info)
