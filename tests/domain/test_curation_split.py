"""Split, keep-apart and stable labels, replayed on the automatic clustering."""

from collections.abc import Sequence

from bot.domain.curation import KeepApart, Merge, Move, Rename, Split, Undo, apply_curation
from bot.domain.preview import sensible
from bot.domain.summary import MajorityRule, Point, compile_question

CLUSTERS = [["1.0", "2.0", "5.0"], ["3.0", "3.1"], ["4.0"]]


def first_ref(refs: Sequence[str]) -> str:
    """A stand-in automatic label: the smallest ref of the cluster."""
    return "label " + min(refs)


def test_split_takes_chosen_points_into_a_new_theme() -> None:
    result = apply_curation(CLUSTERS, [Split(("2.0", "3.1"))])
    assert [c.refs for c in result] == [("1.0", "5.0"), ("3.0",), ("4.0",), ("2.0", "3.1")]


def test_split_of_a_whole_answer_and_of_a_whole_theme() -> None:
    assert [c.refs for c in apply_curation(CLUSTERS, [Split(("3", "1.0"))])] == [
        ("2.0", "5.0"),
        ("4.0",),
        ("3.0", "3.1", "1.0"),
    ]
    # A whole theme split off would change nothing: skipped, as is an unknown ref.
    assert [c.refs for c in apply_curation(CLUSTERS, [Split(("3",))])] == [
        ("1.0", "2.0", "5.0"),
        ("3.0", "3.1"),
        ("4.0",),
    ]
    assert [c.refs for c in apply_curation(CLUSTERS, [Split(("9.0",))])] == [
        ("1.0", "2.0", "5.0"),
        ("3.0", "3.1"),
        ("4.0",),
    ]


def test_split_is_undone_and_replays_after_new_answers() -> None:
    assert [c.refs for c in apply_curation(CLUSTERS, [Split(("2.0",)), Undo()])] == [
        ("1.0", "2.0", "5.0"),
        ("3.0", "3.1"),
        ("4.0",),
    ]
    fresh = [["1.0", "2.0", "5.0", "6.0"], ["3.0", "3.1"], ["4.0"]]
    assert apply_curation(fresh, [Split(("2.0",))])[0].refs == ("1.0", "5.0", "6.0")


def test_keep_apart_splits_only_points_that_share_a_theme() -> None:
    together = apply_curation(CLUSTERS, [KeepApart("1.0", "5.0")])
    assert [c.refs for c in together] == [("1.0", "2.0"), ("3.0", "3.1"), ("4.0",), ("5.0",)]
    apart = apply_curation(CLUSTERS, [KeepApart("1.0", "4.0")])
    assert [c.refs for c in apart] == [("1.0", "2.0", "5.0"), ("3.0", "3.1"), ("4.0",)]
    # A later merge by the organiser wins over an earlier "not the same".
    merged = apply_curation(CLUSTERS, [KeepApart("1.0", "4.0"), Merge("1.0", "4.0")])
    assert merged[0].refs == ("1.0", "2.0", "5.0", "4.0")


def test_labels_stay_when_points_move() -> None:
    actions = [Move("1.0", "4.0"), Split(("2.0",)), Merge("3.0", "5.0")]
    result = apply_curation(CLUSTERS, actions, first_ref)
    by_refs = {c.refs: c for c in result}
    # "1.0" left its theme: the theme is still called after it, so is "4.0"'s, which gained it.
    assert by_refs[("3.0", "3.1", "5.0")].auto_label == "label 3.0"
    assert by_refs[("4.0", "1.0")].auto_label == "label 4.0"
    assert by_refs[("2.0",)].auto_label is None  # split off: named after its own points
    assert all(c.label is None for c in result)
    # The original theme of 1.0, 2.0 and 5.0 is gone; the label pinned on its last point's
    # way out went with it, and nothing else is pinned without a change.
    assert apply_curation(CLUSTERS, [], first_ref)[0].auto_label is None


def test_only_a_rename_changes_a_pinned_label() -> None:
    actions = [Move("2.0", "4.0"), Rename("1.0", "Fond"), Rename("1.0", "")]
    result = apply_curation(CLUSTERS, actions, first_ref)
    assert result[0].refs == ("1.0", "5.0")
    assert (result[0].label, result[0].auto_label) == (None, "label 1.0")
    renamed = apply_curation(CLUSTERS, actions[:2], first_ref)[0]
    assert (renamed.label, renamed.auto_label) == ("Fond", "label 1.0")


def test_preview_allows_a_split_only_when_it_changes_something() -> None:
    points = [
        Point("1.0", 1, "g1", 1, "Regionalt næringsfond"),
        Point("2.0", 2, "g2", 2, "Eit regionalt næringsfond"),
        Point("3.0", 3, "g3", 3, "Regionalt næringsfond for Hallingdal"),
    ]
    summary = compile_question("q", points, MajorityRule())
    (theme,) = summary.headline
    assert set(theme.refs) == {"1.0", "2.0", "3.0"}
    assert sensible(summary, Split(("3.0",)), undoable=False)
    assert not sensible(summary, Split(("1.0", "2.0", "3.0")), undoable=False)
    assert not sensible(summary, Split(("9.0",)), undoable=False)
    assert not sensible(summary, Split(()), undoable=False)
    assert sensible(summary, KeepApart("1.0", "3.0"), undoable=False)
    split = compile_question("q", points, MajorityRule(), curation=[Split(("3.0",))])
    assert [p.groups for p in split.headline] == [("g1", "g2")]
    assert [p.refs for p in split.others] == [("3.0",)]


def test_preview_allows_a_move_of_several_points_that_all_exist() -> None:
    points = [
        Point("1.0", 1, "g1", 1, "Regionalt næringsfond"),
        Point("2.0", 2, "g2", 2, "Eit regionalt næringsfond"),
        Point("3.0", 3, "g3", 3, "Breiband i heile dalen"),
    ]
    summary = compile_question("q", points, MajorityRule())
    theme = next(p for p in (*summary.headline, *summary.others) if "1.0" in p.refs)
    target = next(p for p in (*summary.headline, *summary.others) if "3.0" in p.refs)
    assert sensible(summary, Move("1.0 2.0", target.key), undoable=False)
    assert sensible(summary, Move("3.0 1.0", target.key), undoable=False)  # one is elsewhere
    assert not sensible(summary, Move("3.0", target.key), undoable=False)  # already there
    assert not sensible(summary, Move("1.0 9.0", target.key), undoable=False)  # unknown ref
    assert not sensible(summary, Move("", target.key), undoable=False)
    moved = compile_question("q", points, MajorityRule(), curation=[Move("1.0 2.0", target.key)])
    assert {"1.0", "2.0", "3.0"} <= set(
        next(p for p in (*moved.headline, *moved.others) if "3.0" in p.refs).refs
    )
    assert theme.key != target.key
