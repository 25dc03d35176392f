"""Summary quality on the labelled Hallingting fixtures: ARI and headline precision/recall.

Run from the repository root: `python -m bench.summary_quality [threshold ...]`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.domain.clustering import DEFAULT_THRESHOLD
from bot.domain.quality import QualityReport, evaluate, load_labelled, load_questions

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"


def _line(name: str, report: QualityReport) -> str:
    per_question = ", ".join(f"{q} {v:.2f}" for q, v in sorted(report.ari.items()))
    return (
        f"{name:<22} ARI {report.ari_overall:.2f} ({per_question}); "
        f"headline precision {report.precision:.2f}, recall {report.recall:.2f}"
    )


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
