"""The engine's figures on every labelled set, pinned with a margin (see bench.summary_quality).

Targets of the summary engine: majority precision 1.0, recall ≥ 0.8, headline purity ≥ 0.9 and
no headline holding a point and its negation. The sets marked held out (beredskap, bustad,
helse2) were never used to tune the engine; their figures are pinned as measured, below the
targets where they miss them, so a change that makes them worse fails and one that makes them
better is seen.
"""

from __future__ import annotations

import pytest

from bench.quality import load_labelled
from bench.summary_quality import LabelledSet, evaluate_set, labelled_sets, review_answers

# name: (ARI at least, precision at least, recall at least, purity at least)
PINNED: dict[str, tuple[float, float, float, float]] = {
    "seed": (0.65, 1.0, 1.0, 0.95),
    "seed-2": (0.85, 1.0, 1.0, 0.95),
    "helse": (0.85, 1.0, 1.0, 0.95),
    "kommunestruktur": (0.85, 1.0, 1.0, 0.95),
    "samferdsel": (0.75, 1.0, 1.0, 0.9),
    "oppvekst": (0.6, 0.66, 0.66, 0.85),
    "kultur": (0.35, 1.0, 0.5, 0.95),
    "eldre": (0.45, 1.0, 0.5, 0.9),
    "seed-3": (0.55, 1.0, 1.0, 0.9),
    "seed-4": (0.4, 1.0, 0.5, 0.9),
    "helse2": (0.3, 1.0, 1.0, 0.9),
    "struktur2": (0.4, 1.0, 0.0, 0.9),
    "reiseliv": (0.15, 0.5, 0.25, 0.85),
    "beredskap": (0.6, 1.0, 0.75, 0.95),
    "bustad": (0.6, 1.0, 0.8, 0.9),
}


# No set may have a headline holding a point and its negation. (struktur2's "Eg ser ikkje nokon
# grunn til å halde på seks kommunar – slå dei saman" still reads as opposing, but it is taken
# out of the "ikkje slå saman" theme as one that does not belong; so are three copies that do
# belong, which leaves that theme one group short of the 33 of 64 it needs: recall 0.)
CONFLICTS_AT_MOST: dict[str, int] = {}


# Guided review: the most truthful answers a question may need to reach its exact majority list,
# as measured (target: 3). Questions not listed do not reach it within ten answers yet
# (beredskap, oppvekst, kultur and the others): a known gap, measured by the bench.
REVIEW_AT_MOST: dict[tuple[str, str], int] = {
    ("seed", "organisering"): 0,
    ("seed", "tiltak"): 0,
    ("seed-2", "organisering"): 0,
    ("seed-2", "tiltak"): 0,
    ("helse", "samarbeid"): 0,
    ("kommunestruktur", "struktur"): 0,
    ("samferdsel", "tiltak"): 5,
    ("bustad", "bustad"): 8,
    ("seed-3", "organisering"): 0,
    ("seed-3", "tiltak"): 0,
}


def _sets() -> list[LabelledSet]:
    return labelled_sets()


def test_every_set_is_pinned_and_big_enough() -> None:
    sets = _sets()
    assert {labelled.name for labelled in sets} == set(PINNED)
    assert {labelled.name for labelled in sets if labelled.held_out} == {
        "beredskap",
        "bustad",
        "helse2",
    }


@pytest.mark.parametrize("labelled", _sets(), ids=lambda labelled: labelled.name)
def test_figures_hold(labelled: LabelledSet) -> None:
    report = evaluate_set(labelled)
    ari, precision, recall, purity = PINNED[labelled.name]
    assert report.ari_overall >= ari
    assert report.precision >= precision
    assert report.recall >= recall
    assert report.purity >= purity
    assert report.negation_conflicts <= CONFLICTS_AT_MOST.get(labelled.name, 0)


def test_own_sets_are_large_enough() -> None:
    own = [labelled for labelled in _sets() if not labelled.name.startswith("seed")]
    sizes = {}
    for labelled in own:
        answers = load_labelled(labelled.path)
        groups = {answer.group for answer in answers}
        points = sum(len(answer.spans) for answer in answers)
        sizes[labelled.name] = (len(groups), points)
    assert len(own) >= 4
    assert all(groups >= 10 and points >= 100 for groups, points in sizes.values()), sizes
    assert any(groups >= 60 for groups, _ in sizes.values()), sizes


@pytest.mark.parametrize("labelled", _sets(), ids=lambda labelled: labelled.name)
def test_guided_review_reaches_the_exact_list(labelled: LabelledSet) -> None:
    for question, count in review_answers(labelled).items():
        most = REVIEW_AT_MOST.get((labelled.name, question))
        if most is not None:
            assert count is not None and count <= most, (question, count)
