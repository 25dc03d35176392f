"""Numbering, paging and which curation actions make sense in the organiser's preview."""

import pytest

from bot.domain.curation import Hide, Merge, Move, Rename, Undo, Unhide
from bot.domain.preview import MAX_LABEL, holding, numbered, paginate, sensible
from bot.domain.summary import MajorityRule, answer_points, compile_question

POINTS = [
    p
    for answer_id, group, text in [
        (1, "gruppe-1", "Sats på Hallingdal 2.0"),
        (2, "gruppe-2", "Sats på Hallingdal 2.0"),
        (3, "gruppe-3", "Sats på Hallingdal 2.0"),
        (4, "gruppe-1", "Regionalt næringsfond"),
        (5, "gruppe-4", "Traineeordning for unge"),
    ]
    for p in answer_points(answer_id, group, answer_id, text)
]


def test_numbering_runs_through_headline_others_and_hidden() -> None:
    summary = compile_question("tiltak", POINTS, MajorityRule(), curation=[Hide("4.0")])
    items = numbered(summary)
    assert [(n.number, n.section) for n in items] == [(1, "headline"), (2, "others"), (3, "hidden")]
    assert items[0].point.refs == ("1.0", "2.0", "3.0")
    assert holding(summary, "2.0") == items[0]
    assert holding(summary, "4.0") == items[2]
    assert holding(summary, "99.0") is None
    assert holding(summary, "1") is None  # whole-answer refs are not offered in the preview


@pytest.mark.parametrize(
    ("sizes", "budget", "per_page", "expected"),
    [
        ([], 100, 5, [range(0, 0)]),
        ([10, 10, 10], 100, 5, [range(0, 3)]),
        ([40, 40, 40], 100, 5, [range(0, 2), range(2, 3)]),
        ([10] * 7, 1000, 3, [range(0, 3), range(3, 6), range(6, 7)]),
        ([500, 10], 100, 5, [range(0, 1), range(1, 2)]),
    ],
)
def test_paginate(sizes: list[int], budget: int, per_page: int, expected: list[range]) -> None:
    assert paginate(sizes, budget, per_page) == expected


def test_pages_cover_every_item_once_within_the_budget() -> None:
    sizes = [((i * 37) % 300) + 20 for i in range(100)]
    pages = paginate(sizes, 1000, 15)
    assert [i for page in pages for i in page] == list(range(100))
    assert all(sum(sizes[i] for i in page) <= 1000 and len(page) <= 15 for page in pages)


def test_sensible_actions() -> None:
    summary = compile_question("tiltak", POINTS, MajorityRule())
    assert sensible(summary, Merge("1.0", "4.0"), False)
    assert not sensible(summary, Merge("1.0", "2.0"), False)  # already one point
    assert not sensible(summary, Merge("1.0", "9.0"), False)  # unknown ref
    assert sensible(summary, Move("2.0", "5.0"), False)
    assert not sensible(summary, Move("2.0", "3.0"), False)
    assert sensible(summary, Rename("4.0", "Fond"), False)
    assert not sensible(summary, Rename("4.0", "x" * (MAX_LABEL + 1)), False)
    assert not sensible(summary, Rename("4.0", " "), False)  # nothing to reset
    assert sensible(summary, Hide("5.0"), False)
    assert not sensible(summary, Unhide("5.0"), False)
    assert not sensible(summary, Undo(), False)
    assert sensible(summary, Undo(), True)
    hidden = compile_question(
        "tiltak", POINTS, MajorityRule(), curation=[Hide("5.0"), Rename("4.0", "Fond")]
    )
    assert sensible(hidden, Unhide("5.0"), False)
    assert not sensible(hidden, Hide("5.0"), False)
    assert sensible(hidden, Rename("4.0", ""), False)  # back to the automatic name
