"""/oppsummering after a cross-group round: each point with votes shows its support."""

from tests.support.harness import ORGANISER, Harness
from tests.support.organiser import view
from tests.support.round import FOND, MERGER, SATS, SUPPORT_NN, run_round
from tests.support.seeding import seed_answers


async def test_the_draft_shows_support_and_common_ground(h: Harness) -> None:
    await seed_answers(h)
    await h.command(ORGANISER, "oppsummering")
    before = view(h, ORGANISER).text
    assert "einige" not in before and "🤝" not in before  # no round yet: nothing extra
    await run_round(h)
    await h.command(ORGANISER, "oppsummering")
    lines = view(h, ORGANISER).text.splitlines()
    for number, label, groups in ((1, SATS, 3), (2, FOND, 2), (3, MERGER, 1)):
        line = next(i for i, text in enumerate(lines) if text.startswith(f"{number}. {label} ("))
        assert lines[line] == f"{number}. {label} ({groups} av 4 grupper)"
        assert lines[line + 1] == f"    <i>{SUPPORT_NN[label]}</i>"
    await h.press(ORGANISER, "Spørsmål 2 ▶")
    draft = view(h, ORGANISER).text
    assert "1. Regional traineeordning (2 av 2 grupper)" in draft.splitlines()
    assert "einige" not in draft  # nobody voted on it


async def test_support_follows_a_merged_point(h: Harness) -> None:
    await seed_answers(h)
    await run_round(h)
    await h.command(ORGANISER, "oppsummering")
    await h.press(ORGANISER, "Slå saman")
    await h.press(ORGANISER, "2")
    await h.press(ORGANISER, "3")
    lines = view(h, ORGANISER).text.splitlines()
    merged = lines.index(f"1. {FOND} (3 av 4 grupper)")  # now a headline point
    # Now raised by Gruppe 1, 3 and 4, whose votes on it no longer count, and each voter's
    # latest vote counts once: Gruppe 2's disagree on the merger, Gruppe 5's pass.
    assert lines[merged + 1] == (
        "    <i>0 % einige · røyster: 1 · grupper som stort sett er einige: 0 av 1</i>"
    )
    # Then its two most typical answers, and the next point.
    assert lines[merged + 2].startswith("    «")
    assert lines[merged + 3] == f"2. {SATS} (3 av 4 grupper)"
