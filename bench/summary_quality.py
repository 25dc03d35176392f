"""Summary quality on the labelled Hallingting fixtures: ARI and headline precision/recall.

Run from the repository root: `python -m bench.summary_quality [threshold ...]`; `measure()` gives
the rows of the benchmark table (the tuned threshold; the bar is the test suite's).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from bench.stats import Row, Spread
from bot.domain.clustering import DEFAULT_THRESHOLD
from bot.domain.quality import QualityReport, evaluate, load_labelled, load_questions

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"


def _line(name: str, report: QualityReport) -> str:
    per_question = ", ".join(f"{q} {v:.2f}" for q, v in sorted(report.ari.items()))
    return (
        f"{name:<22} ARI {report.ari_overall:.2f} ({per_question}); "
        f"headline precision {report.precision:.2f}, recall {report.recall:.2f}"
    )


def measure() -> tuple[list[Row], dict[str, Any]]:
    """ARI and headline precision/recall on the fixture and the held-out set; table rows."""
    main_path = FIXTURES / "hallingting_points.json"
    questions = load_questions(main_path)
    fixture = evaluate(load_labelled(main_path), DEFAULT_THRESHOLD, questions)
    held_out = evaluate(
        load_labelled(FIXTURES / "hallingting_heldout.json"), DEFAULT_THRESHOLD, questions
    )
    rows = [
        Row(
            "quality",
            "adjusted Rand index, fixture",
            "",
            Spread.of([fixture.ari_overall]),
            target="≥ 0.75",
            met=fixture.ari_overall >= 0.75,
        ),
        Row(
            "quality",
            "majority list precision, fixture",
            "",
            Spread.of([fixture.precision]),
            target="1.0 (exact)",
            met=fixture.precision == 1.0,
        ),
        Row(
            "quality",
            "majority list recall, fixture",
            "",
            Spread.of([fixture.recall]),
            target="1.0 (exact)",
            met=fixture.recall == 1.0,
        ),
        Row("quality", "adjusted Rand index, held-out", "", Spread.of([held_out.ari_overall])),
        Row("quality", "majority list precision, held-out", "", Spread.of([held_out.precision])),
        Row("quality", "majority list recall, held-out", "", Spread.of([held_out.recall])),
    ]
    return rows, {"threshold": DEFAULT_THRESHOLD, "ari_per_question": fixture.ari}


def main(thresholds: list[float]) -> None:
    """Print the quality figures for each threshold."""
    main_path = FIXTURES / "hallingting_points.json"
    held_path = FIXTURES / "hallingting_heldout.json"
    main_set, held_out = load_labelled(main_path), load_labelled(held_path)
    questions = load_questions(main_path)
    for threshold in thresholds:
        print(f"threshold {threshold}")
        print(_line("fixture", evaluate(main_set, threshold, questions)))
        print(_line("held-out alone", evaluate(held_out, threshold, questions)))
        print(_line("fixture + held-out", evaluate(main_set + held_out, threshold, questions)))
        print(_line("fixture, no question", evaluate(main_set, threshold)))


if __name__ == "__main__":
    main([float(arg) for arg in sys.argv[1:]] or [DEFAULT_THRESHOLD])
