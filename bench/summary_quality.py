"""Summary quality on the labelled sets: ARI, majority precision/recall, purity, negations.

Run from the repository root: `python -m bench.summary_quality [threshold ...]` prints one line
per labelled set (the seed fixture, its old companion and every set in
tests/fixtures/summary_sets; the sets marked "held_out" are never used for tuning and are
printed apart, after the others); `measure()`
gives the rows of the benchmark table. "review answers" is, per question, how many truthful
answers to the guided review reach the exact majority list (`bot.domain.review_oracle`; "-"
when `REVIEW_LIMIT` answers do not).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.quality import (
    QualityReport,
    evaluate,
    labelled_points,
    load_labelled,
    load_negations,
    load_questions,
)
from bench.stats import Row, Spread
from bot.domain.curation import CurationAction
from bot.domain.review_oracle import oracle_answers
from bot.domain.summary import MajorityRule, Point, QuestionSummary, compile_question

REVIEW_LIMIT = 10

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
SEED = FIXTURES / "hallingting_points.json"


@dataclass(frozen=True)
class LabelledSet:
    """One labelled set: its name, its file and whether it is held out of all tuning."""

    name: str
    path: Path
    held_out: bool


def labelled_sets() -> list[LabelledSet]:
    """Return every labelled set, the seed fixture and its companion first."""
    # The seed's old held-out companion and oppvekst were looked at while tuning: no longer held out.
    sets = [
        LabelledSet("seed", SEED, False),
        LabelledSet("seed-2", FIXTURES / "hallingting_heldout.json", False),
    ]
    for path in sorted((FIXTURES / "summary_sets").glob("*.json")):
        held = bool(json.loads(path.read_text(encoding="utf-8")).get("held_out", False))
        sets.append(LabelledSet(path.stem, path, held))
    return sets


def evaluate_set(labelled: LabelledSet, threshold: float | None = None) -> QualityReport:
    """Compile one labelled set (with its question texts) and score it."""
    # The seed's held-out set answers the seed's questions and carries no texts of its own.
    questions = load_questions(labelled.path) or load_questions(SEED)
    return evaluate(
        load_labelled(labelled.path),
        threshold,
        questions,
        negations=load_negations(labelled.path),
    )


def _compiler(
    key: str, points: Sequence[Point], rule: MajorityRule, text: str
) -> Callable[[Sequence[CurationAction]], QuestionSummary]:
    """One question compiled under the curation actions given (for the oracle)."""

    def compile_with(actions: Sequence[CurationAction]) -> QuestionSummary:
        return compile_question(key, points, rule, curation=actions, question_text=text)

    return compile_with


def review_answers(labelled: LabelledSet) -> dict[str, int | None]:
    """Per question: how many truthful guided-review answers reach the exact majority list
    (None: not within `REVIEW_LIMIT`)."""
    questions = load_questions(labelled.path) or load_questions(SEED)
    answers = load_labelled(labelled.path)
    rule = MajorityRule()
    counts: dict[str, int | None] = {}
    for question in sorted({answer.question for answer in answers}):
        labelled_by_point = labelled_points(answers, question)
        points = list(labelled_by_point)
        truth = {point.ref: theme for point, theme in labelled_by_point.items()}

        compile_with = _compiler(question, points, rule, questions.get(question, ""))
        counts[question] = oracle_answers(compile_with, points, truth, rule, REVIEW_LIMIT)
    return counts


def _counts(counts: dict[str, int | None]) -> str:
    return " ".join("-" if count is None else str(count) for count in counts.values())


def line(name: str, report: QualityReport, reviews: dict[str, int | None] | None = None) -> str:
    """Format one set's figures on one line."""
    return (
        f"{name:<16} ARI {report.ari_overall:.2f}  precision {report.precision:.2f}  "
        f"recall {report.recall:.2f}  purity {report.purity:.2f}  "
        f"negation conflicts {report.negation_conflicts}  count errors {report.count_errors}"
        + (f"  review answers {_counts(reviews)}" if reviews is not None else "")
        + (f"  missed {', '.join(report.missed)}" if report.missed else "")
    )


def measure() -> tuple[list[Row], dict[str, Any]]:
    """Every set's figures as rows of the benchmark table, each against the targets."""
    rows: list[Row] = []
    details: dict[str, Any] = {}
    for labelled in labelled_sets():
        report = evaluate_set(labelled)
        reviews = review_answers(labelled)
        worst = max((REVIEW_LIMIT + 1 if n is None else n) for n in reviews.values())
        tag = f"{labelled.name}{' (held out)' if labelled.held_out else ''}"
        figures = [
            ("adjusted Rand index", report.ari_overall, "", None),
            ("majority precision", report.precision, "1.0", report.precision == 1.0),
            ("majority recall", report.recall, "≥ 0.8", report.recall >= 0.8),
            ("headline purity", report.purity, "≥ 0.9", report.purity >= 0.9),
            (
                "negation conflicts",
                float(report.negation_conflicts),
                "0",
                report.negation_conflicts == 0,
            ),
            (
                "guided-review answers to the exact list, worst question",
                float(worst),
                "≤ 3",
                worst <= 3,
            ),
        ]
        for figure, value, target, met in figures:
            rows.append(
                Row("quality", f"{figure}, {tag}", "", Spread.of([value]), target=target, met=met)
            )
        details[labelled.name] = {
            "ari": report.ari,
            "missed": list(report.missed),
            "review_answers": reviews,
        }
    return rows, details


def main(thresholds: list[float | None]) -> None:
    """Print the figures of every labelled set for each threshold (none: the engine's own)."""
    for threshold in thresholds:
        print(f"threshold {'per question' if threshold is None else threshold}")
        # The held-out sets apart, after the tuning sets: they are never tuned on.
        for held_out in (False, True):
            if held_out:
                print("held out (never tuned on):")
            for labelled in labelled_sets():
                if labelled.held_out != held_out:
                    continue
                name = labelled.name + (" *" if labelled.held_out else "")
                reviews = review_answers(labelled) if threshold is None else None
                print(line(name, evaluate_set(labelled, threshold), reviews))


if __name__ == "__main__":
    main([float(arg) for arg in sys.argv[1:]] or [None])
