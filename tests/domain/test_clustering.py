"""Clustering the points of a question: quality on the labelled fixture, determinism, scale path."""

import random
from pathlib import Path

import pytest

from bench.quality import (
    adjusted_rand_index,
    evaluate,
    labelled_points,
    load_labelled,
    load_questions,
    precision_recall,
)
from bot.domain import linkage
from bot.domain.clustering import PointSpace, cluster_texts
from bot.domain.text_norm import content_stems, normalise, stem

FIXTURES = Path(__file__).parents[1] / "fixtures"
MAIN = FIXTURES / "hallingting_points.json"
HELD_OUT = FIXTURES / "hallingting_heldout.json"


def _partition(clusters: list[list[int]], texts: list[str]) -> set[frozenset[str]]:
    return {frozenset(f"{texts[i]}#{texts[:i].count(texts[i])}" for i in c) for c in clusters}


def _fixture_texts(question: str) -> list[str]:
    return [point.text for point in labelled_points(load_labelled(MAIN), question)]


def test_fixture_size_and_spread() -> None:
    answers = load_labelled(MAIN)
    points = {q: labelled_points(answers, q) for q in ("organisering", "tiltak")}
    assert sum(len(p) for p in points.values()) >= 60
    assert len({answer.group for answer in answers}) >= 8
    assert any(len(answer.spans) > 1 for answer in answers)


def test_adjusted_rand_index_on_fixture_meets_the_bar() -> None:
    # Lower than when the threshold was tuned on this fixture alone (0.92): two-point messages are
    # now split and a theme's outliers are taken out, which costs pairs but not the headline.
    report = evaluate(load_labelled(MAIN), None, load_questions(MAIN))
    assert report.ari_overall >= 0.65
    assert all(value >= 0.6 for value in report.ari.values()), report.ari


def test_majority_list_matches_labels_exactly() -> None:
    report = evaluate(load_labelled(MAIN), None, load_questions(MAIN))
    assert (report.precision, report.recall) == (1.0, 1.0)
    for question, expected in report.majority_expected.items():
        assert sorted(report.majority_found[question]) == list(expected)
    assert report.majority_expected == {
        "organisering": ("organisering/fond", "organisering/sats20", "organisering/verkemiddel"),
        "tiltak": ("tiltak/fokus", "tiltak/prosjekt", "tiltak/trainee"),
    }


def test_held_out_answers_cluster_sensibly() -> None:
    held_out = load_labelled(HELD_OUT)
    alone = evaluate(held_out, None, load_questions(MAIN))
    joined = evaluate(load_labelled(MAIN) + held_out, None, load_questions(MAIN))
    assert alone.ari_overall >= 0.8
    assert (alone.precision, alone.recall) == (1.0, 1.0)
    assert joined.ari_overall >= 0.65
    assert joined.precision == 1.0 and joined.recall >= 0.8


def test_partition_does_not_depend_on_input_order() -> None:
    texts = _fixture_texts("tiltak")
    expected = _partition(cluster_texts(texts), texts)
    for seed in range(5):
        shuffled = texts[:]
        random.Random(seed).shuffle(shuffled)
        assert _partition(cluster_texts(shuffled), shuffled) == expected


def test_same_input_gives_same_output() -> None:
    texts = _fixture_texts("organisering")
    assert cluster_texts(texts) == cluster_texts(texts)


def test_clusters_are_sorted_and_cover_every_text_once() -> None:
    texts = _fixture_texts("organisering")
    clusters = cluster_texts(texts)
    assert sorted(i for c in clusters for i in c) == list(range(len(texts)))
    assert all(c == sorted(c) for c in clusters)
    assert [c[0] for c in clusters] == sorted(c[0] for c in clusters)


def test_threshold_controls_granularity() -> None:
    texts = _fixture_texts("tiltak")
    assert len(cluster_texts(texts, threshold=0.0)) > len(cluster_texts(texts, threshold=0.9))
    # Even a threshold that joins everything keeps negated points apart from the others.
    assert len(cluster_texts(texts, threshold=1.0)) == 1
    assert len(cluster_texts([*texts, "Ikkje fleire store prosjekt"], threshold=1.0)) == 2


def test_identical_and_empty_texts() -> None:
    texts = ["Traineeordning", "traineeordning!", "Ja", "Nei", "Ja"]
    clusters = cluster_texts(texts)
    assert [0, 1] in clusters
    assert [2, 4] in clusters and [3] in clusters
    assert cluster_texts([]) == []


def _noisy_copies(count: int, seed: int) -> list[str]:
    bases = _fixture_texts("tiltak")
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        words = [w for w in rng.choice(bases).split() if rng.random() > 0.15]
        texts.append(" ".join(words) or "trainee")
    return texts


def test_large_input_path_is_deterministic_and_order_free(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.domain.clustering.EXACT_UP_TO", 20)
    texts = _noisy_copies(300, seed=1)
    expected = _partition(cluster_texts(texts), texts)
    shuffled = texts[::-1]
    assert _partition(cluster_texts(shuffled), shuffled) == expected


def test_large_input_path_agrees_with_exact_path(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _fixture_texts("tiltak")
    exact = cluster_texts(texts)
    monkeypatch.setattr("bot.domain.clustering.EXACT_UP_TO", 0)
    approximate = cluster_texts(texts)
    labels = {i: n for n, c in enumerate(exact) for i in c}
    found = {i: n for n, c in enumerate(approximate) for i in c}
    order = range(len(texts))
    assert adjusted_rand_index([labels[i] for i in order], [found[i] for i in order]) >= 0.8
    assert linkage.EXACT_UP_TO >= 100  # the fixture itself runs exactly


def test_most_central_picks_the_typical_wording() -> None:
    texts = ["Sats på Hallingdal 2.0", "Sats på Hallingdal 2.0!", "Vidareføre Sats på Hallingdal"]
    space = PointSpace([*texts, "Regional traineeordning"])
    assert space.most_central([2, 0, 1]) in (0, 1)
    assert space.similarity(0, 1) == pytest.approx(1.0)
    assert space.similarity(0, 3) < 0.05


@pytest.mark.parametrize(
    ("nynorsk", "bokmal"),
    [
        ("Kommunane må ikkje gløyme bedriftene", "Kommunene må ikke gløyme bedriftene"),
        ("Styrke verkemiddelapparatet", "Styrke virkemiddelapparatet"),
        ("Halde fram med traineeordninga", "Fortsette med traineeordningen"),
        ("Fleire arbeidsplassar", "Flere arbeidsplasser"),
        ("Eit regionalt fond", "Et regionalt fond"),
    ],
)
def test_variants_fold_to_the_same_stems(nynorsk: str, bokmal: str) -> None:
    assert content_stems(nynorsk) == content_stems(bokmal)


def test_normalise_and_stem() -> None:
    assert normalise("NÆRINGS-hage, 2.0!") == "næringshage 20"
    assert stem("kommunane") == stem("kommunene") == stem("kommunar") == "kommun"
    assert stem("næring") == "næring"
    assert content_stems("Kva er det me skal gjere?") == []


def test_adjusted_rand_index_known_values() -> None:
    assert adjusted_rand_index([0, 0, 1, 1], [5, 5, 7, 7]) == pytest.approx(1.0)
    assert adjusted_rand_index([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(4 / 7)
    assert adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(-0.5)
    with pytest.raises(ValueError):
        adjusted_rand_index([0], [0, 1])
    assert precision_recall({"a", "b"}, {"a", "c", "d"}) == (pytest.approx(1 / 3), 0.5)
