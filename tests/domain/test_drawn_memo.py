"""A drawing is taken from memory only for an input equal to the last one under its name."""

from bot.domain.drawn_memo import DrawnMemo


def test_an_equal_input_is_not_drawn_again_and_a_changed_one_is() -> None:
    memo = DrawnMemo()
    drawn: list[str] = []

    def draw(text: str) -> str:
        drawn.append(text)
        return text.upper()

    assert memo.draw("a", ("x", 1), lambda: draw("x")) == "X"
    assert memo.draw("a", ("x", 1), lambda: draw("never")) == "X"  # equal, not the same object
    assert memo.draw("a", ("x", 2), lambda: draw("y")) == "Y"
    assert memo.draw("a", ("x", 1), lambda: draw("x")) == "X"  # only the last input is kept
    assert memo.draw("b", ("x", 1), lambda: draw("z")) == "Z"  # another name draws its own
    assert drawn == ["x", "y", "x", "z"] and len(memo) == 2
