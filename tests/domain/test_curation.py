"""Curation actions replayed on the automatic clustering."""

from bot.domain.curation import (
    CuratedCluster,
    Hide,
    Merge,
    Move,
    Rename,
    Undo,
    Unhide,
    apply_curation,
    effective_actions,
)
from bot.domain.summary import MajorityRule, Point, answer_points, compile_question

CLUSTERS = [["1.0", "2.0"], ["3.0", "3.1"], ["4.0"]]


def test_no_actions_keeps_clusters() -> None:
    assert apply_curation(CLUSTERS, []) == [
        CuratedCluster(("1.0", "2.0")),
        CuratedCluster(("3.0", "3.1")),
        CuratedCluster(("4.0",)),
    ]


def test_merge() -> None:
    result = apply_curation(CLUSTERS, [Merge("4.0", "2.0")])
    assert [c.refs for c in result] == [("3.0", "3.1"), ("4.0", "1.0", "2.0")]


def test_merge_keeps_a_rename_from_either_side() -> None:
    renamed_source = apply_curation(CLUSTERS, [Rename("1.0", "Fond"), Merge("4.0", "1.0")])
    assert renamed_source[-1].label == "Fond"
    both = [Rename("1.0", "Fond"), Rename("4.0", "Trainee"), Merge("4.0", "1.0")]
    assert apply_curation(CLUSTERS, both)[-1].label == "Trainee"


def test_move_point_and_whole_answer() -> None:
    moved = apply_curation(CLUSTERS, [Move("3.1", "4.0")])
    assert [c.refs for c in moved] == [("1.0", "2.0"), ("3.0",), ("4.0", "3.1")]
    answer = apply_curation(CLUSTERS, [Move("3", "1.0")])
    assert [c.refs for c in answer] == [("1.0", "2.0", "3.0", "3.1"), ("4.0",)]


def test_move_to_own_cluster_is_a_no_op() -> None:
    assert apply_curation(CLUSTERS, [Move("2.0", "1.0")]) == apply_curation(CLUSTERS, [])


def test_rename_hide_unhide() -> None:
    renamed = apply_curation(CLUSTERS, [Rename("3.1", "  Traineeordning ")])
    assert renamed[1].label == "Traineeordning"
    assert apply_curation(CLUSTERS, [Rename("3.1", "x"), Rename("3.0", " ")])[1].label is None
    hidden = apply_curation(CLUSTERS, [Hide("4.0")])
    assert [c.hidden for c in hidden] == [False, False, True]
    assert not apply_curation(CLUSTERS, [Hide("4.0"), Unhide("4.0")])[2].hidden


def test_undo_goes_back_one_action_at_a_time() -> None:
    actions = [Merge("1.0", "3.0"), Hide("4.0"), Undo()]
    assert effective_actions(actions) == [Merge("1.0", "3.0")]
    assert effective_actions([*actions, Undo()]) == []
    assert effective_actions([Undo(), Hide("4.0")]) == [Hide("4.0")]
    assert apply_curation(CLUSTERS, [*actions, Undo()]) == apply_curation(CLUSTERS, [])


def test_missing_refs_are_no_ops() -> None:
    actions = [Merge("9.0", "1.0"), Merge("1.0", "9.0"), Move("9.0", "1.0"), Move("1.0", "9")]
    actions += [Rename("9.0", "x"), Hide("9"), Unhide("9.9")]
    assert apply_curation(CLUSTERS, actions) == apply_curation(CLUSTERS, [])


def _answers(*rows: tuple[int, str, str]) -> list[Point]:
    return [
        p
        for answer_id, group, text in rows
        for p in answer_points(answer_id, group, answer_id, text)
    ]


BASE = _answers(
    (1, "g1", "Regional traineeordning"),
    (2, "g2", "Traineeordninga må halde fram"),
    (3, "g3", "Sats på Hallingdal 2.0"),
    (4, "g4", "Vidareføre Sats på Hallingdal"),
    (5, "g5", "Gründarhus i Gol"),
)


def test_curation_in_compile_question() -> None:
    actions = [Merge("1.0", "5.0"), Rename("1.0", "Rekruttering"), Hide("3.0")]
    summary = compile_question("q", BASE, MajorityRule("at_least", 2), curation=actions)
    assert [(p.label, p.refs, p.renamed) for p in summary.headline] == [
        ("Rekruttering", ("1.0", "2.0", "5.0"), True)
    ]
    assert summary.others == ()
    assert [(p.refs, p.hidden, p.headline) for p in summary.hidden] == [
        (("3.0", "4.0"), True, False)
    ]


def test_curation_survives_new_answers_and_withdrawals() -> None:
    actions = [Merge("1.0", "5.0"), Rename("5.0", "Rekruttering"), Hide("3.0")]
    grown = [p for p in BASE if p.answer_id != 1] + _answers(
        (6, "g6", "Traineeordning for unge"),
        (7, "g7", "Sats på Hallingdal 2.0 med ny styring"),
        (8, "g8", "Breiband i alle grender"),
    )
    summary = compile_question("q", grown, MajorityRule("at_least", 2), curation=actions)
    by_label = {p.label: p for p in (*summary.headline, *summary.others, *summary.hidden)}
    # Answer 1 was withdrawn: the merge into its cluster is skipped, the rename still applies.
    assert by_label["Rekruttering"].refs == ("5.0",)
    assert {"2.0", "6.0"} <= set(next(p for p in summary.headline if "2.0" in p.refs).refs)
    hidden = summary.hidden[0]
    assert set(hidden.refs) == {"3.0", "4.0", "7.0"}
    assert "Breiband i alle grender" in by_label


def test_a_move_of_several_points_is_one_action_and_one_undo() -> None:
    moved = apply_curation(CLUSTERS, [Move("1.0 3.1", "4.0")])
    assert [c.refs for c in moved] == [("2.0",), ("3.0",), ("4.0", "1.0", "3.1")]
    assert apply_curation(CLUSTERS, [Move("1.0 3.1", "4.0"), Undo()]) == apply_curation(
        CLUSTERS, []
    )
    assert Move("1.0 3.1", "4.0").refs == ("1.0", "3.1") and Move("1.0", "4.0").refs == ("1.0",)


def test_a_merge_of_several_points_is_one_action_and_one_undo() -> None:
    merged = apply_curation(CLUSTERS, [Merge("4.0", "2.0 3.0")])
    assert [c.refs for c in merged] == [("4.0", "1.0", "2.0", "3.0", "3.1")]
    assert merged == apply_curation(CLUSTERS, [Merge("4.0", "2.0"), Merge("4.0", "3.0")])
    assert apply_curation(CLUSTERS, [Merge("4.0", "2.0 3.0"), Undo()]) == apply_curation(
        CLUSTERS, []
    )
