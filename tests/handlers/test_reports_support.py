"""The case draft (DOCX, Markdown) after a cross-group round: support under each point, and a
section on agreement across the groups that explains the figures, common ground first."""

from pathlib import Path

from bot.model.report import ReportSource
from bot.render.report_docx import report_docx
from bot.render.report_md import report_markdown
from bot.services.reports import gather
from tests.handlers.test_reports import docx_paragraphs
from tests.support.harness import start_harness, stop_harness
from tests.support.round import (
    FOND,
    FOND_NB,
    MERGER,
    SATS,
    SATS_NB,
    SUPPORT_NB,
    SUPPORT_NN,
    run_round,
)
from tests.support.seeding import seed_answers

AGREEMENT_NN = "Semje på tvers av gruppene"


def without_marker(support: str) -> str:
    """A support line without the common-ground marker (the section's heading says it)."""
    return support.split(" · 🤝")[0]


async def voted_source(tmp_path: Path, language: str = "nn", votes: bool = True) -> ReportSource:
    """The seeded answers after the round of tests.support.round (or without any round)."""
    h = await start_harness(tmp_path, language=language)
    try:
        await seed_answers(h)
        if votes:
            await run_round(h)
        return await gather(h.app.bot_data.deps, h.config.consultations[0])
    finally:
        await stop_harness(h)


async def test_docx_shows_support_and_lists_common_ground_first(tmp_path: Path) -> None:
    paragraphs = docx_paragraphs(report_docx(await voted_source(tmp_path)))
    texts = [text for _, text in paragraphs]
    top = [text for style, text in paragraphs if style in ("Title", "Heading 1")]
    assert top[-4:] == ["Samanstilling", "Vurdering", "Forslag til vedtak", "Vedlegg"]
    subsections = [text for style, text in paragraphs if style in ("Heading 2", "Heading 3")]
    assert subsections.index(AGREEMENT_NN) < subsections.index("Brei semje")
    bullets = [text for style, text in paragraphs if style == "List Bullet"]
    assert f"{SATS} (3 av 4 grupper)\n{SUPPORT_NN[SATS]}" in bullets
    assert f"{FOND} (2 av 4 grupper)\n{SUPPORT_NN[FOND]}" in bullets
    assert "Regional traineeordning (2 av 2 grupper)" in bullets
    summary = texts.index("Samanstilling")
    assert texts[summary + 2] == (
        "Under kvart punkt med røyster står oppslutnaden i runden på tvers av gruppene; "
        f"«{AGREEMENT_NN}» forklarar tala."
    )
    section = paragraphs[texts.index(AGREEMENT_NN) : texts.index("Vurdering")]
    assert section[1][1].startswith("Tala for oppslutnad kjem frå runden")
    assert "minst 3 røyster, minst 70 % einige" in section[1][1]
    assert section[2:] == [
        ("Heading 3", "Brei semje"),
        ("List Bullet", f"{SATS} – spørsmål 1\n{without_marker(SUPPORT_NN[SATS])}"),
        ("Heading 3", "Andre punkt med røyster"),
        ("List Bullet", f"{FOND} – spørsmål 1\n{SUPPORT_NN[FOND]}"),  # 67 % before 0 %
        ("List Bullet", f"{MERGER} – spørsmål 1\n{SUPPORT_NN[MERGER]}"),
    ]


async def test_markdown_shows_support_in_bokmal(tmp_path: Path) -> None:
    text = report_markdown(await voted_source(tmp_path, "nb"))
    assert (f"- {SATS_NB} (3 av 4 grupper)\\\n  {SUPPORT_NB[SATS]}") in text
    assert "### Enighet på tvers av gruppene" in text.splitlines()
    section = text[text.index("### Enighet på tvers av gruppene") :]
    assert section.index("#### Bred enighet") < section.index(f"- {SATS_NB} – *spørsmål 1*")
    assert section.index(f"- {FOND_NB} – *spørsmål 1*") < section.index(
        f"- {MERGER} – *spørsmål 1*"
    )
    assert "Tallene for oppslutning kommer fra runden" in section
    assert "einige" not in text and "\n\n\n" not in text


async def test_nothing_extra_without_a_round(tmp_path: Path) -> None:
    source = await voted_source(tmp_path, votes=False)
    text = report_markdown(source)
    assert "einige" not in text and AGREEMENT_NN not in text and "🤝" not in text
    texts = [t for _, t in docx_paragraphs(report_docx(source))]
    assert AGREEMENT_NN not in texts and not any("einige" in t for t in texts)
