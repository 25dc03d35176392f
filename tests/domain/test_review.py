"""Guided review on the seed's næringsutvikling answers, as eight tables wrote them."""

from collections.abc import Sequence

from bot.domain.curation import CurationAction, KeepApart, Merge, Move, Split
from bot.domain.review import MERGE_FLOOR, ReviewQuestion, review_questions
from bot.domain.review_oracle import is_exact, majority_truth, oracle_answers
from bot.domain.summary import MajorityRule, Point, QuestionSummary, compile_question

# (group, true theme, text): the fund point shares *næring* with "more focus", the tourism
# answer nothing with anything; the true majority list is Sats (5 of 8) and the fund (5 of 8).
ANSWERS = [
    ("g1", "sats", "Vidareføring av Sats på Hallingdal 2.0"),
    ("g2", "sats", "Sats på Hallingdal 2.0 må halde fram"),
    ("g3", "sats", "Halde fram med Sats på Hallingdal"),
    ("g4", "sats", "Vidareføre omstillingsprogrammet Sats på Hallingdal"),
    ("g5", "sats", "Sats på Hallingdal 2.0"),
    ("g1", "fond", "Eit regionalt nærings- og utviklingsfond"),
    ("g2", "fond", "Regionalt fond for næringsutvikling"),
    ("g3", "fond", "Finansiering av eit utviklingsfond for Hallingdal"),
    ("g6", "fond", "Fond til næringsutvikling i regionen"),
    ("g7", "fond", "Eit felles næringsfond"),
    ("g4", "fokus", "Meir fokus på næringsutvikling"),
    ("g8", "fokus", "Større fokus på næringsutvikling i heile dalen"),
    ("g5", "fokus", "Det bør vera større fokus på næringsutvikling"),
    ("g6", "trainee", "Regional traineeordning"),
    ("g7", "trainee", "Traineeordning for unge"),
    ("g8", "trainee", "Halde fram med traineeordninga"),
    ("g1", "trainee", "Traineeordning som rekrutteringstiltak"),
    ("g2", "turisme", "Satse meir på turisme"),
    ("g3", "vegar", "Betre vegar"),
]
POINTS = [Point(f"{i}.0", i, group, i, text) for i, (group, _, text) in enumerate(ANSWERS, 1)]
TRUTH = {f"{i}.0": theme for i, (_, theme, _) in enumerate(ANSWERS, 1)}
RULE = MajorityRule()
BY_REF = {p.ref: p for p in POINTS}


def compiled(actions: Sequence[CurationAction]) -> QuestionSummary:
    """The question compiled with these curation actions."""
    return compile_question("organisering", POINTS, RULE, curation=actions)


def test_the_true_list_and_that_the_automatic_one_is_not_it() -> None:
    expected = majority_truth(POINTS, TRUTH, RULE)
    assert expected == {
        "sats": frozenset({"g1", "g2", "g3", "g4", "g5"}),
        "fond": frozenset({"g1", "g2", "g3", "g6", "g7"}),
    }
    assert not is_exact(compiled([]), expected, TRUTH)


def test_questions_are_ordered_by_impact_and_never_asked_twice() -> None:
    questions = review_questions(compiled([]), BY_REF, RULE)
    assert 1 <= len(questions) <= 3
    weights = [q.impact * q.likeness for q in questions]
    assert weights == sorted(weights, reverse=True) and all(q.likeness > 0 for q in questions)
    # The mixed fund-and-focus headline is asked about first, as a split.
    assert questions[0].kind == "split"
    first = questions[0]
    said = first.answer(False)
    after = review_questions(compiled(said), BY_REF, RULE, said)
    assert all((q.ref, q.other_ref) != (first.ref, first.other_ref) for q in after)


def test_every_answer_is_a_curation_action() -> None:
    merge = ReviewQuestion("merge", "1.0", "6.0", 2, 0.5)
    assert merge.answer(True) == (Merge("1.0", "6.0"),)
    assert merge.answer(False) == (KeepApart("1.0", "6.0"),)
    split = ReviewQuestion("split", "6.0", "11.0", 2, 0.5, ("11.0", "12.0"))
    assert split.answer(True) == (Move("11.0", "6.0"),)
    assert split.answer(False) == (Split(("11.0", "12.0")), KeepApart("6.0", "11.0"))
    move = ReviewQuestion("move", "6.0", "8.0", 2, 0.3)
    assert move.answer(True) == (Move("8.0", "6.0"),)
    assert move.answer(False) == (KeepApart("6.0", "8.0"),)


def test_truthful_answers_reach_the_exact_list() -> None:
    # Without guided review this set took six moves in the preview (24 taps).
    count = oracle_answers(compiled, POINTS, TRUTH, RULE)
    assert count is not None and count <= 3
    assert oracle_answers(compiled, POINTS, TRUTH, RULE, limit=count - 1) is None


def _points(rows: Sequence[tuple[str, str]]) -> list[Point]:
    return [Point(f"{i}.0", i, group, i, text) for i, (group, text) in enumerate(rows, 1)]


def test_wordings_that_share_no_word_are_offered_for_joining() -> None:
    # "Kulturhuset …" and "Ein scene …" share no word; joined, 3 of 4.
    points = _points(
        [
            ("g1", "Kulturhuset bør bli regionalt"),
            ("g2", "Kulturhuset må dekke heile regionen"),
            ("g3", "Ein scene for konsertar og teater må vera lett å finne fram til"),
            ("g4", "Betre vegar"),
        ]
    )
    summary = compile_question("q", points, RULE)
    assert not summary.headline
    asked = review_questions(summary, {p.ref: p for p in points}, RULE, limit=20)
    joins = [q for q in asked if q.kind == "merge" and {q.ref, q.other_ref} == {"1.0", "3.0"}]
    assert len(joins) == 1 and joins[0].impact == 2 and joins[0].likeness == MERGE_FLOOR
    # The truthful "yes" is one merge, and it makes the headline.
    after = compile_question("q", points, RULE, curation=joins[0].answer(True))
    assert [set(h.refs) for h in after.headline] == [{"1.0", "2.0", "3.0"}]


def test_a_join_one_group_short_of_the_line_is_a_step() -> None:
    # Three wordings of one point over 3 + 1 + 1 of 8 groups: the first join leaves it one
    # short, so it is asked (impact 1), and the second makes the headline.
    rows = [
        ("g1", "Felles beredskapskoordinator"),
        ("g2", "Ein felles beredskapskoordinator for regionen"),
        ("g3", "Beredskapskoordinator på tvers av kommunane"),
        ("g4", "Kriseleiinga må vere felles"),
        ("g5", "Ein beredskapssjef"),
    ]
    rows += [(f"g{n}", text) for n, text in ((6, "Betre vegar"), (7, "Breiband"), (8, "Tog"))]
    points = _points(rows)
    summary = compile_question("q", points, RULE)
    by_ref = {p.ref: p for p in points}
    first = review_questions(summary, by_ref, RULE, limit=50)
    step = [q for q in first if q.kind == "merge" and {q.ref, q.other_ref} == {"1.0", "4.0"}]
    assert len(step) == 1 and step[0].impact == 1
    actions = list(step[0].answer(True))
    second = review_questions(compile_question("q", points, RULE, curation=actions), by_ref, RULE)
    assert any(
        q.kind == "merge" and q.impact == 2 and "5.0" in (q.ref, q.other_ref) for q in second
    )
