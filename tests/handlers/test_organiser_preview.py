"""/oppsummering: the draft per question, headline block first, group counts, paging."""

import random

from bot.services.summary import compile_summary
from tests.support.harness import ORGANISER, Harness
from tests.support.organiser import open_tiltak, point_lines, seed, seed_tiltak, view

# The channel post's headings: the preview reads as the post will.
HEADLINE = "<b>Kort samanstilling av svara frå eit fleirtal av gruppene</b>"
OTHERS = "<b>Andre punkt som nokre grupper tok opp</b>"


async def test_first_question_without_answers(h: Harness) -> None:
    await h.command(ORGANISER, "oppsummering")
    shown = view(h, ORGANISER)
    assert "spørsmål 1 av 5" in shown.text
    assert "Ingen svar på dette spørsmålet enno." in shown.text
    labels = [label for label, _ in shown.buttons]
    assert "Spørsmål 2 ▶" in labels and not any("Slå saman" in label for label in labels)


async def test_headline_block_first_with_group_counts(h: Harness) -> None:
    await seed_tiltak(h)
    shown = await open_tiltak(h, ORGANISER)
    text = shown.text
    assert shown.method == "editMessageText"
    assert "spørsmål 2 av 5" in text and "Kva tiltak kan vera aktuelle?" in text
    assert "Grupper som har svara: 7 av 8." in text
    assert text.index(HEADLINE) < text.index(OTHERS)
    assert point_lines(text) == [
        "1. Sats på Hallingdal 2.0 (5 av 7 grupper)",
        "2. Regionalt næringsfond (2 av 7 grupper)",
        "3. Betre mobildekning og breiband (1 av 7 grupper)",
        "4. Traineeordning for unge (1 av 7 grupper)",
    ]
    assert text.index("1. Sats") > text.index(HEADLINE) and text.index("2. Regionalt") > text.index(
        OTHERS
    )
    labels = [label for label, _ in shown.buttons]
    assert {"◀ Spørsmål 1", "Spørsmål 3 ▶", "🔗 Slå saman", "🙈 Skjul"} <= set(labels)
    assert not any("Angre" in label for label in labels)  # nothing to undo yet


async def test_preview_agrees_with_the_compiled_summary(h: Harness) -> None:
    await seed_tiltak(h)
    await seed(
        h, [("gruppe-8", 800, "tiltak", "- Sats på Hallingdal 2.0\n- Traineeordning for unge")]
    )
    shown = await open_tiltak(h, ORGANISER)
    d = h.app.bot_data.deps
    digest = await compile_summary(d, d.config.consultations[0])
    summary = digest.question("tiltak")
    assert summary is not None
    answering = len(summary.summary.groups_answering)
    expected = [
        f"{n}. {p.label} ({len(p.groups)} av {answering} grupper)"
        for n, p in enumerate(summary.summary.headline + summary.summary.others, start=1)
    ]
    assert point_lines(shown.text) == expected
    assert expected[0] == "1. Sats på Hallingdal 2.0 (6 av 8 grupper)"


async def test_switching_questions_with_the_arrows(h: Harness) -> None:
    await seed_tiltak(h)
    await open_tiltak(h, ORGANISER)
    await h.press(ORGANISER, "Spørsmål 3 ▶")
    assert "spørsmål 3 av 5" in view(h, ORGANISER).text
    await h.press(ORGANISER, "◀ Spørsmål 2")
    assert "spørsmål 2 av 5" in view(h, ORGANISER).text
    edits = h.tg.to(ORGANISER, "editMessageText")
    assert len({c.params["message_id"] for c in edits}) == 1  # always the same message


async def test_long_drafts_are_paged_within_telegrams_limit(h: Harness) -> None:
    rng = random.Random(7)

    def gibberish() -> str:
        words = ("".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(9)) for _ in range(30))
        return " ".join(words)

    await seed(h, [(f"gruppe-{1 + i % 8}", 600 + i, "tiltak", gibberish()) for i in range(40)])
    shown = await open_tiltak(h, ORGANISER)
    numbers: list[int] = []
    pages = 0
    while True:
        pages += 1
        assert len(shown.text) <= 4096
        numbers += [int(line.split(".")[0]) for line in point_lines(shown.text)]
        if "▶" not in [label for label, _ in shown.buttons]:
            break
        await h.press(ORGANISER, "▶")
        shown = view(h, ORGANISER)
    assert pages >= 3
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 30
    assert f"Side {pages} av {pages}" in shown.text


async def test_every_button_fits_in_64_bytes_and_carries_no_text(h: Harness) -> None:
    refs = await seed_tiltak(h)
    await open_tiltak(h, ORGANISER)
    for label in ("Slå saman", "1", "Avbryt", "Flytt eit svar", "1", "2"):
        await h.press(ORGANISER, label)
    buttons = [data for call in h.tg.calls for _, data in call.buttons]
    assert buttons and all(len(data.encode()) <= 64 for data in buttons)
    assert any(refs["sats"][1] in data for data in buttons)
    assert not any("Hallingdal" in data or "fond" in data for data in buttons)
