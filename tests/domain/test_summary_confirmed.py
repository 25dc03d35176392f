"""A confirmed group answer decides which themes count as raised by that group."""

from bot.domain.summary import MajorityRule, Point, answer_points, compile_question, groups_raising


def _points(*rows: tuple[int, str, int, str]) -> list[Point]:
    return [p for a, g, who, text in rows for p in answer_points(a, g, who, text)]


POINTS = _points(
    (1, "gruppe-1", 11, "Traineeordning"),
    (2, "gruppe-1", 12, "Sats på Hallingdal 2.0"),
    (3, "gruppe-2", 21, "Regional traineeordning"),
    (4, "gruppe-3", 31, "Sats på Hallingdal 2.0"),
    (5, "gruppe-3", 32, "Traineeordning for unge"),
)


def test_without_confirmed_answers_every_members_point_counts() -> None:
    assert groups_raising(POINTS) == ("gruppe-1", "gruppe-2", "gruppe-3")


def test_a_confirmed_answer_counts_only_its_points() -> None:
    confirmed = {"gruppe-1": {"2.0"}}
    trainee = [p for p in POINTS if "rainee" in p.text]
    sats = [p for p in POINTS if "Sats" in p.text]
    assert groups_raising(trainee, confirmed) == ("gruppe-2", "gruppe-3")
    assert groups_raising(sats, confirmed) == ("gruppe-1", "gruppe-3")


def test_compile_question_with_confirmed_answers_changes_counts_not_points() -> None:
    before = compile_question("tiltak", POINTS, MajorityRule())
    (trainee,) = [p for p in before.headline if "rainee" in p.label]
    assert trainee.groups == ("gruppe-1", "gruppe-2", "gruppe-3")
    after = compile_question(
        "tiltak", POINTS, MajorityRule(), confirmed={"gruppe-1": {"2.0"}, "gruppe-3": {"4.0"}}
    )
    assert after.groups_answering == before.groups_answering
    by_label = {p.label: p for p in (*after.headline, *after.others)}
    trainee_after = next(p for label, p in by_label.items() if "rainee" in label)
    sats_after = next(p for label, p in by_label.items() if "Sats" in label)
    assert trainee_after.groups == ("gruppe-2",)
    assert trainee_after.refs == trainee.refs  # the members' points stay visible
    assert trainee_after.participants == trainee.participants
    assert not trainee_after.headline
    assert sats_after.groups == ("gruppe-1", "gruppe-3") and sats_after.headline
