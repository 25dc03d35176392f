"""Compiling a question's points into a majority-of-groups summary."""

from pathlib import Path

import pytest

from bench.quality import labelled_points, load_labelled, load_questions
from bot.domain.summary import (
    MajorityRule,
    Point,
    QuestionSummary,
    answer_points,
    compile_question,
    groups_raising,
    natural_key,
)

FIXTURE = Path(__file__).parents[1] / "fixtures" / "hallingting_points.json"


def _fixture_summary(question: str, rule: MajorityRule | None = None) -> QuestionSummary:
    points = list(labelled_points(load_labelled(FIXTURE), question))
    text = load_questions(FIXTURE)[question]
    return compile_question(question, points, rule or MajorityRule(), question_text=text)


def _points(*rows: tuple[int, str, int, str]) -> list[Point]:
    return [
        p
        for answer_id, group, who, text in rows
        for p in answer_points(answer_id, group, who, text)
    ]


SMALL = _points(
    (1, "gruppe-1", 11, "Traineeordning"),
    (2, "gruppe-2", 21, "Regional traineeordning"),
    (3, "gruppe-3", 31, "- Traineeordning for unge\n- Sats på Hallingdal 2.0"),
    (4, "gruppe-3", 32, "Sats på Hallingdal 2.0"),
    (5, "gruppe-4", 41, "Felles nettstad for ledige lokale"),
    (6, "gruppe-10", 101, "Sats på Hallingdal 2.0!"),
)


def test_answer_points_have_stable_refs() -> None:
    points = answer_points(7, "gruppe-1", 3, "1. fond\n2. trainee")
    assert [p.ref for p in points] == ["7.0", "7.1"]
    assert [p.text for p in points] == ["fond", "trainee"]
    assert {(p.answer_id, p.group, p.participant) for p in points} == {(7, "gruppe-1", 3)}


def test_majority_rule_is_strict() -> None:
    rule = MajorityRule()
    assert rule.is_headline(5, 8) and not rule.is_headline(4, 8)
    assert rule.is_headline(4, 7) and not rule.is_headline(3, 7)


def test_at_least_rule() -> None:
    rule = MajorityRule("at_least", 3)
    assert rule.is_headline(3, 10) and not rule.is_headline(2, 3)
    with pytest.raises(ValueError):
        MajorityRule("at_least")
    with pytest.raises(ValueError):
        MajorityRule("most")  # type: ignore[arg-type]


def test_small_summary_counts_groups_and_participants() -> None:
    summary = compile_question("tiltak", SMALL, MajorityRule())
    assert summary.groups_answering == ("gruppe-1", "gruppe-2", "gruppe-3", "gruppe-4", "gruppe-10")
    (trainee,) = summary.headline  # 3 of 5 groups
    sats = summary.others[0]  # 2 of 5 groups
    assert sats.groups == ("gruppe-3", "gruppe-10") and sats.participants == 3
    assert sats.refs == ("3.1", "4.0", "6.0") and sats.key == "3.1"
    assert trainee.groups == ("gruppe-1", "gruppe-2", "gruppe-3") and trainee.participants == 3
    assert trainee.label == "Traineeordning" and trainee.key == "1.0"
    assert trainee.headline and not sats.headline
    assert not any(p.renamed or p.hidden for p in (trainee, *summary.others))


def test_at_least_rule_makes_headlines_and_orders_them() -> None:
    summary = compile_question("tiltak", SMALL, MajorityRule("at_least", 2))
    assert [p.label for p in summary.headline] == ["Traineeordning", "Sats på Hallingdal 2.0"]
    assert [p.label for p in summary.others] == ["Felles nettstad for ledige lokale"]
    assert all(p.headline for p in summary.headline)


def test_ordering_by_groups_then_participants_then_label() -> None:
    points = _points(
        (1, "g1", 1, "Bustader til utleige"),
        (2, "g2", 2, "Bustader til utleige"),
        (3, "g1", 3, "Breiband i alle grender"),
        (4, "g2", 4, "Breiband i alle grender"),
        (5, "g2", 5, "Breiband i alle grender"),
        (6, "g1", 6, "Alpint reiseliv"),
        (7, "g2", 7, "Alpint reiseliv"),
        (8, "g3", 8, "Gründarhus"),
    )
    summary = compile_question("q", points, MajorityRule("at_least", 5))
    assert [p.label for p in summary.others] == [
        "Breiband i alle grender",
        "Alpint reiseliv",
        "Bustader til utleige",
        "Gründarhus",
    ]


def test_fixture_headline_is_the_seed_list() -> None:
    organisering = _fixture_summary("organisering")
    tiltak = _fixture_summary("tiltak")
    assert len(organisering.groups_answering) == 8
    assert len(tiltak.groups_answering) == 7  # gruppe-8 gave no answer to this question
    texts = [p.label.casefold() for p in organisering.headline]
    assert any("sats på hallingdal" in t for t in texts)
    assert any("fond" in t for t in texts)
    assert any("næringshag" in t or "verkemiddel" in t for t in texts)
    assert len(tiltak.headline) == 3
    for point in (*organisering.headline, *tiltak.headline):
        assert 2 * len(point.groups) > len(
            (organisering if point in organisering.headline else tiltak).groups_answering
        )


def test_summary_covers_every_point_once() -> None:
    points = list(labelled_points(load_labelled(FIXTURE), "organisering"))
    summary = compile_question("organisering", points, MajorityRule())
    refs = [r for p in (*summary.headline, *summary.others, *summary.hidden) for r in p.refs]
    assert sorted(refs, key=natural_key) == [p.ref for p in points]


def test_headline_first_then_by_group_count() -> None:
    summary = _fixture_summary("tiltak", MajorityRule("at_least", 2))
    for block in (summary.headline, summary.others):  # an uncertain theme goes to the others
        counts = [len(p.groups) for p in block]
        assert counts == sorted(counts, reverse=True)
    assert min(len(p.groups) for p in summary.headline) >= 2
    assert all(p.uncertain for p in summary.others if len(p.groups) >= 2)


def test_empty_and_invalid_input() -> None:
    empty = compile_question("q", [], MajorityRule())
    assert empty == QuestionSummary("q", (), (), (), ())
    twice = [Point("1.0", 1, "g", 1, "a"), Point("1.0", 1, "g", 1, "b")]
    with pytest.raises(ValueError):
        compile_question("q", twice, MajorityRule())


def test_groups_raising_is_sorted_naturally() -> None:
    points = [Point(f"{n}.0", n, f"gruppe-{n}", n, "x") for n in (10, 2, 2, 1)]
    assert groups_raising(points) == ("gruppe-1", "gruppe-2", "gruppe-10")
