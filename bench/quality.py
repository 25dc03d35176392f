"""Measures of summary quality against hand-made labels (used by tests and benchmarks).

A labelled set is a JSON object whose "answers" each give answer_id, group, participant,
question, text and "spans": `[start, end, theme]` character ranges of the text, one per point its
writer made, labelled with the theme it belongs to. Labels sit on the text, not on the engine's
points, so a set stays valid whatever the point splitter does: each point the engine makes takes
the theme of the span it overlaps most (a message left unsplit takes its longest point's theme).
"negations" maps a theme to the theme it negates ("legevakt_nei": "legevakt").
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

from bot.domain.summary import MajorityRule, Point, SummaryPoint, answer_points, compile_question


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


Span = tuple[int, int, str]


@dataclass(frozen=True)
class LabelledAnswer:
    """An answer of a labelled set with the labelled character spans of its points."""

    answer_id: int
    group: str
    participant: int
    question: str
    text: str
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class QualityReport:
    """How a compile compares with the labels, over every question of a set."""

    threshold: float
    ari: dict[str, float]
    ari_overall: float
    majority_expected: dict[str, tuple[str, ...]]
    majority_found: dict[str, tuple[str, ...]]
    precision: float
    recall: float
    purity: float = 1.0
    negation_conflicts: int = 0
    headline_members: int = 0
    count_errors: int = 0
    missed: tuple[str, ...] = field(default=())


def load_labelled(path: str | Path) -> list[LabelledAnswer]:
    """Read a labelled set: a JSON object whose "answers" hold the fields above."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [
        LabelledAnswer(
            int(row["answer_id"]),
            str(row["group"]),
            int(row["participant"]),
            str(row["question"]),
            str(row["text"]),
            tuple((int(s), int(e), str(theme)) for s, e, theme in row["spans"]),
        )
        for row in data["answers"]
    ]


def load_questions(path: str | Path) -> dict[str, str]:
    """Read the question texts of a labelled set (its "questions" object: key -> text)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {str(key): str(text) for key, text in data.get("questions", {}).items()}


def load_negations(path: str | Path) -> dict[str, str]:
    """Read which theme negates which (its "negations" object), empty when absent."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {str(key): str(value) for key, value in data.get("negations", {}).items()}


def _locate(text: str, point: str, cursor: int) -> tuple[int, int]:
    """Return the character range of a point inside its answer, searching from `cursor`."""
    words = point.split()
    pattern = r"\W*".join(re.escape(word) for word in words[:4])
    match = re.compile(pattern, re.IGNORECASE).search(text, cursor) or re.compile(
        pattern, re.IGNORECASE
    ).search(text)
    start = match.start() if match else cursor
    return start, start + len(point)


def _theme_of(spans: Sequence[Span], start: int, end: int) -> str:
    """Return the theme of the span that overlaps the range most (first on ties)."""
    best, best_overlap = spans[0][2], -1
    for low, high, theme in spans:
        overlap = min(end, high) - max(start, low)
        if overlap > best_overlap:
            best, best_overlap = theme, overlap
    return best


def labelled_points(answers: Sequence[LabelledAnswer], question: str) -> dict[Point, str]:
    """Split the answers to a question into points, each with its expected theme."""
    labelled: dict[Point, str] = {}
    for answer in answers:
        if answer.question != question:
            continue
        cursor = 0
        for point in answer_points(answer.answer_id, answer.group, answer.participant, answer.text):
            start, end = _locate(answer.text, point.text, cursor)
            labelled[point] = _theme_of(answer.spans, start, end)
            cursor = end
    return labelled


def evaluate(
    answers: Sequence[LabelledAnswer],
    threshold: float | None = None,
    questions_text: Mapping[str, str] | None = None,
    rule: MajorityRule | None = None,
    negations: Mapping[str, str] | None = None,
) -> QualityReport:
    """Compile every question of a labelled set and compare with its labels."""
    rule = rule or MajorityRule()
    questions_text = questions_text or {}
    opposite = {**(negations or {}), **{b: a for a, b in (negations or {}).items()}}
    ari: dict[str, float] = {}
    expected_all: list[str] = []
    found_all: list[str] = []
    majority_expected: dict[str, tuple[str, ...]] = {}
    majority_found: dict[str, tuple[str, ...]] = {}
    pure = members = conflicts = count_errors = 0
    for question in sorted({answer.question for answer in answers}):
        labelled = labelled_points(answers, question)
        summary = compile_question(
            question,
            list(labelled),
            rule,
            threshold,
            question_text=questions_text.get(question, ""),
        )
        theme_of = {point.ref: theme for point, theme in labelled.items()}
        truth_groups = _groups_by_theme(labelled)
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
        found: list[str] = []
        for headline in summary.headline:
            main = _main_theme(headline, theme_of)
            found.append(f"{question}/{main}")
            themes = {theme_of[ref] for ref in headline.refs}
            conflicts += any(opposite.get(theme) in themes for theme in themes)
            members += len(headline.refs)
            pure += sum(theme_of[ref] == main for ref in headline.refs)
            count_errors += len(headline.groups) != len(truth_groups.get(main, ()))
        majority_found[question] = tuple(found)
    expected = {theme for themes in majority_expected.values() for theme in themes}
    found_list = [theme for themes in majority_found.values() for theme in themes]
    precision, recall = precision_recall(expected, set(found_list))
    if len(found_list) != len(set(found_list)):
        # A theme split over two headline points counts the second as a miss.
        precision *= len(set(found_list)) / len(found_list)
    return QualityReport(
        threshold if threshold is not None else float("nan"),
        ari,
        adjusted_rand_index(expected_all, found_all),
        majority_expected,
        majority_found,
        precision,
        recall,
        purity=pure / members if members else 1.0,
        negation_conflicts=conflicts,
        headline_members=members,
        count_errors=count_errors,
        missed=tuple(sorted(expected - set(found_list))),
    )


def _main_theme(point: SummaryPoint, theme_of: Mapping[str, str]) -> str:
    """Return the labelled theme most of a summary point's members belong to."""
    return Counter(theme_of[ref] for ref in point.refs).most_common(1)[0][0]


def _groups_by_theme(labelled: Mapping[Point, str]) -> dict[str, set[str]]:
    """Return, per labelled theme, the groups whose points carry it."""
    groups: dict[str, set[str]] = {}
    for point, theme in labelled.items():
        groups.setdefault(theme, set()).add(point.group)
    return groups


def _expected_headline(
    question: str, labelled: dict[Point, str], rule: MajorityRule
) -> tuple[str, ...]:
    """Return the themes the labels say a majority of the answering groups raised."""
    answering = len({point.group for point in labelled})
    return tuple(
        sorted(
            f"{question}/{theme}"
            for theme, raising in _groups_by_theme(labelled).items()
            if rule.is_headline(len(raising), answering)
        )
    )
