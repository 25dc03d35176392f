"""Remembered compiles give exactly what a fresh compile gives, and only for the same input."""

from bot.domain.compile_memo import CompileMemo
from bot.domain.curation import Hide
from bot.domain.summary import MajorityRule, QuestionInput, answer_points, compile_questions

RULE = MajorityRule("majority")
TEXTS = [
    ("g1", "Vidareføring av Sats på Hallingdal"),
    ("g2", "Sats på Hallingdal må halde fram"),
    ("g3", "Eit regionalt næringsfond"),
    ("g4", "Vidareføre Sats på Hallingdal"),
]


def question(key: str = "q1", curation: tuple[Hide, ...] = ()) -> QuestionInput:
    points = [
        point
        for n, (group, text) in enumerate(TEXTS, start=1)
        for point in answer_points(n, group, n, text)
    ]
    return QuestionInput(key, points, curation, "Kva bør regionen satse på?")


def test_a_remembered_compile_is_the_fresh_one() -> None:
    memo = CompileMemo()
    first = memo.compile([question()], RULE, None)
    assert first == compile_questions([question()], RULE, None)
    again = memo.compile([question()], RULE, None)
    assert again[0] is first[0]  # taken from memory, not clustered again
    assert len(memo) == 1


def test_any_change_of_input_compiles_again() -> None:
    memo = CompileMemo()
    plain = memo.compile([question()], RULE, None)[0]
    hidden = memo.compile([question(curation=(Hide("1.0"),))], RULE, None)[0]
    assert hidden is not plain and hidden.hidden
    assert memo.compile([question()], RULE, 0.5)[0] is not plain  # another threshold
    assert memo.compile([question()], MajorityRule("at_least", 1), None)[0] is not plain
    assert memo.compile([question()], RULE, None, "nn")[0] is not plain  # labels in Nynorsk
    assert len(memo) == 5


def test_memory_keeps_only_the_most_recent_compiles() -> None:
    memo = CompileMemo(size=2)
    for key in ("q1", "q2", "q3"):
        memo.compile([question(key)], RULE, None)
    assert len(memo) == 2
    kept = memo.compile([question("q3")], RULE, None)[0]
    assert memo.compile([question("q3")], RULE, None)[0] is kept


def test_remembered_points_are_the_split_of_the_same_answer_only() -> None:
    memo = CompileMemo(answers=2)
    first = memo.points(1, "g1", 7, "- Breiband\n- Mobildekning")
    assert first == answer_points(1, "g1", 7, "- Breiband\n- Mobildekning") and len(first) == 2
    assert memo.points(1, "g1", 7, "- Breiband\n- Mobildekning") is first
    assert memo.points(1, "g1", 7, "Berre breiband") == answer_points(1, "g1", 7, "Berre breiband")
    assert memo.points(1, "g2", 7, "- Breiband\n- Mobildekning")[0].group == "g2"  # moved group
    # Over the bound everything is forgotten and split again, still the same points.
    again = memo.points(1, "g1", 7, "- Breiband\n- Mobildekning")
    assert again == first and again is not first
