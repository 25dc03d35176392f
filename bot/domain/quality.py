"""Measures of summary quality against hand-made labels (used by tests and benchmarks).

A labelled fixture is a JSON object whose "answers" each give answer_id, group, participant,
question, text and "themes": the expected theme of each point the text splits into.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

from bot.domain.summary import MajorityRule, Point, answer_points, compile_question


def _pairs(count: int) -> float:
    return count * (count - 1) / 2


def adjusted_rand_index(expected: Sequence[Hashable], found: Sequence[Hashable]) -> float:
    """Return the adjusted Rand index of two labelings of the same items (1.0 = identical)."""
    if len(expected) != len(found):
        raise ValueError("both labelings must cover the same items")
    total = _pairs(len(expected))
    both = sum(_pairs(n) for n in Counter(zip(expected, found, strict=True)).values())
    left = sum(_pairs(n) for n in Counter(expected).values())
    right = sum(_pairs(n) for n in Counter(found).values())
    if total == 0:
        return 1.0
    chance = left * right / total
    best = (left + right) / 2
    if best == chance:
        # Both labelings are all-in-one or all-apart: they agree exactly or carry no information.
        return 1.0 if both == left == right else 0.0
    return (both - chance) / (best - chance)


def precision_recall(
    expected: AbstractSet[Hashable], found: AbstractSet[Hashable]
) -> tuple[float, float]:
    """Return (precision, recall) of found against expected; an empty set scores 1.0."""
    hits = len(expected & found)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(expected) if expected else 1.0
    return precision, recall


@dataclass(frozen=True)
class LabelledAnswer:
    """An answer of a labelled fixture with the expected theme of each of its points."""

    answer_id: int
    group: str
    participant: int
    question: str
    text: str
    themes: tuple[str, ...]


@dataclass(frozen=True)
class QualityReport:
    """How a compile compares with the labels: ARI per question and overall, headline P/R."""

    threshold: float
    ari: dict[str, float]
    ari_overall: float
    majority_expected: dict[str, tuple[str, ...]]
    majority_found: dict[str, tuple[str, ...]]
    precision: float
    recall: float


def load_labelled(path: str | Path) -> list[LabelledAnswer]:
    """Read a labelled fixture: a JSON object whose "answers" hold the fields above."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [
        LabelledAnswer(
            int(row["answer_id"]),
            str(row["group"]),
            int(row["participant"]),
            str(row["question"]),
            str(row["text"]),
            tuple(row["themes"]),
        )
        for row in data["answers"]
    ]


def load_questions(path: str | Path) -> dict[str, str]:
    """Read the question texts of a labelled fixture (its "questions" object: key -> text)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {str(key): str(text) for key, text in data.get("questions", {}).items()}


def labelled_points(answers: Sequence[LabelledAnswer], question: str) -> dict[Point, str]:
    """Split the answers to a question into points, each with its expected theme."""
    labelled: dict[Point, str] = {}
    for answer in answers:
        if answer.question != question:
            continue
        points = answer_points(answer.answer_id, answer.group, answer.participant, answer.text)
        if len(points) != len(answer.themes):
            raise ValueError(f"answer {answer.answer_id}: {len(points)} points, labels differ")
        labelled.update(zip(points, answer.themes, strict=True))
    return labelled


def evaluate(
    answers: Sequence[LabelledAnswer],
    threshold: float,
    questions_text: Mapping[str, str] | None = None,
    rule: MajorityRule | None = None,
) -> QualityReport:
    """Compile every question of a labelled fixture and compare with its labels."""
    rule = rule or MajorityRule()
    questions_text = questions_text or {}
    questions = sorted({answer.question for answer in answers})
    ari: dict[str, float] = {}
    expected_all: list[str] = []
    found_all: list[str] = []
    majority_expected: dict[str, tuple[str, ...]] = {}
    majority_found: dict[str, tuple[str, ...]] = {}
    for question in questions:
        labelled = labelled_points(answers, question)
        summary = compile_question(
            question,
            list(labelled),
            rule,
            threshold,
            question_text=questions_text.get(question, ""),
        )
        theme_of = {point.ref: theme for point, theme in labelled.items()}
        cluster_of = {
            ref: summary_point.key
            for summary_point in (*summary.headline, *summary.others)
            for ref in summary_point.refs
        }
        refs = [point.ref for point in labelled]
        expected_labels = [theme_of[ref] for ref in refs]
        ari[question] = adjusted_rand_index(expected_labels, [cluster_of[ref] for ref in refs])
        expected_all += [f"{question}/{theme_of[r]}" for r in refs]
        found_all += [f"{question}/{cluster_of[r]}" for r in refs]
        majority_expected[question] = _expected_headline(question, labelled, rule)
        majority_found[question] = tuple(
            f"{question}/{Counter(theme_of[r] for r in p.refs).most_common(1)[0][0]}"
            for p in summary.headline
        )
    expected = {theme for themes in majority_expected.values() for theme in themes}
    found = [theme for themes in majority_found.values() for theme in themes]
    precision, recall = precision_recall(expected, set(found))
    if len(found) != len(set(found)):
        # A theme split over two headline points counts the second as a miss.
        precision *= len(set(found)) / len(found)
    return QualityReport(
        threshold,
        ari,
        adjusted_rand_index(expected_all, found_all),
        majority_expected,
        majority_found,
        precision,
        recall,
    )


def _expected_headline(
    question: str, labelled: dict[Point, str], rule: MajorityRule
) -> tuple[str, ...]:
    """Return the themes the labels say a majority of the answering groups raised."""
    answering = len({point.group for point in labelled})
    groups: dict[str, set[str]] = {}
    for point, theme in labelled.items():
        groups.setdefault(theme, set()).add(point.group)
    return tuple(
        sorted(
            f"{question}/{theme}"
            for theme, raising in groups.items()
            if rule.is_headline(len(raising), answering)
        )
    )
