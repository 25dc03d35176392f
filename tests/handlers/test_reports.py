"""The case draft (DOCX, Markdown) and the raw data (CSV, JSON)."""

import csv
import io
import json
import re
from pathlib import Path

from docx import Document

from bot.model.report import ReportSource
from bot.render.export_data import (
    COLUMNS,
    ExportRow,
    export_rows,
    pseudonym,
    read_csv,
    read_json,
    rows_csv,
    rows_json,
)
from bot.render.exports import export_bytes, export_name
from bot.render.report_docx import report_docx
from bot.render.report_md import md_escape, report_markdown
from bot.services.reports import gather
from tests.support.harness import start_harness, stop_harness
from tests.support.seeding import FIRST_USER, seed_answers


async def source_of(tmp_path: Path, withdraw: bool = False, **changes: object) -> ReportSource:
    """Seeded answers compiled into a report source (optionally one answer withdrawn)."""
    h = await start_harness(tmp_path, **changes)
    try:
        participants = await seed_answers(h)
        if withdraw:
            answers = await h.storage.answers.answers_of(participants["gruppe-4"])
            await h.storage.answers.set_answer_status(answers[-1].id, "withdrawn", h.clock())
        return await gather(h.app.bot_data.deps, h.config.consultations[0])
    finally:
        await stop_harness(h)


def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph of a .docx file."""
    return [(p.style.name, p.text) for p in Document(io.BytesIO(data)).paragraphs]


async def test_docx_reads_back_as_a_case_document(tmp_path: Path) -> None:
    source = await source_of(tmp_path)
    paragraphs = docx_paragraphs(report_docx(source))
    headings = [
        (style, text) for style, text in paragraphs if style.startswith(("Heading", "Title"))
    ]
    top = [text for style, text in headings if style in ("Title", "Heading 1")]
    assert top == [
        "Drøftingssak – næringsutvikling. Oppfølging frå Hallingtinget",
        "Bakgrunn",
        "Samanstilling",
        "Vurdering",
        "Forslag til vedtak",
        "Vedlegg",
    ]
    texts = [text for _, text in paragraphs]
    background = texts[texts.index("Bakgrunn") + 1]
    assert background.startswith(
        "Som ledd i rulleringa av regionplanen vert Hallingtinget utfordra"
    )
    bullets = [text for style, text in paragraphs if style == "List Bullet"]
    assert "Vidareføring av Sats på Hallingdal 2.0 (3 av 4 grupper)" in bullets
    assert "Eit regionalt næringsfond (2 av 4 grupper)" in bullets
    assert "Regional traineeordning (2 av 2 grupper)" in bullets
    assert not any(" – Gruppe" in text for text in bullets)
    assert ("Heading 3", "Kort samanstilling av svara frå eit fleirtal av gruppene") in headings
    assert ("Heading 3", "Andre punkt som nokre grupper tok opp") in headings
    assert "4 av 8 grupper og 4 deltakarar har svara." in texts
    appendix = texts[texts.index("Vedlegg") + 1 :]
    assert appendix[1:4] == [
        "1. Korleis kan kommunane i Hallingdal organisere ei felles satsing på regional "
        "næringsutvikling, slik at ein får reell kraftsamling, brei deltaking og større effekt "
        "for næringslivet i heile dalen?",
        "Gruppe 1",
        "Vidareføring av Sats på Hallingdal 2.0\nEit regionalt næringsfond",
    ]
    assert appendix.count(appendix[1]) == 1  # the question once, not once per group
    assert appendix[-1] == "Ingen svar frå: Gruppe 5, Gruppe 6, Gruppe 7, Gruppe 8."
    assert not any(name in " ".join(texts) for name in ("Kari", "Ola", "Ingrid", "Per"))


async def test_docx_leaves_out_characters_xml_cannot_hold(tmp_path: Path) -> None:
    h = await start_harness(tmp_path)
    try:
        await h.join(5001)
        await h.text(5001, "Eit\x0bfelles\x1b næringsselskap\x00 no")
        source = await gather(h.app.bot_data.deps, h.config.consultations[0])
    finally:
        await stop_harness(h)
    texts = [t for _, t in docx_paragraphs(report_docx(source))]
    # Replaced on the way in by visible stand-ins (bot.domain.control_chars), which XML holds.
    assert any("Eit␋felles␛ næringsselskap␀ no" in t for t in texts)
    assert not any(c in t for t in texts for c in "\x0b\x1b\x00")


async def test_docx_shows_names_when_the_consultation_does(tmp_path: Path) -> None:
    source = await source_of(tmp_path, show_names=True)
    data = report_docx(source)
    bullets = [t for s, t in docx_paragraphs(data) if s == "List Bullet"]
    assert "Slå saman kommunane (1 av 4 grupper)" in bullets
    assert "Regional traineeordning – Ola" in bullets  # the appendix names the writer
    rows = [
        [c.text for c in row.cells] for t in Document(io.BytesIO(data)).tables for row in t.rows
    ]
    assert ["Slå saman kommunane", "Gruppe 4 – Per"] in rows


async def test_markdown_report_structure(tmp_path: Path) -> None:
    source = await source_of(tmp_path, language="nb")
    text = report_markdown(source)
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings[:3] == [
        "# Drøftingssak – næringsutvikling. Oppfølging fra Hallingtinget",
        "## Bakgrunn",
        "### Næringsutvikling",
    ]
    top = [line for line in headings if line.startswith("## ")]
    assert top == [
        "## Bakgrunn",
        "## Sammenstilling",
        "## Vurdering",
        "## Forslag til vedtak",
        "## Vedlegg",
    ]
    assert "| Saksnummer | Utvalg | Møtedato | Saksbehandler |\n|---|---|---|---|\n" in text
    assert "| 38-26 | Regionrådet | 11.06.2026 | Dagleg leiar |" in text
    assert "#### Kort sammenstilling av svarene fra et flertall av gruppene" in headings
    assert (
        "- Regionalt næringsfond for Hallingdal (2 av 4 grupper)\n- Slå saman kommunane (1 av 4 grupper)"
    ) in text
    assert "| Punkt | Grupper |\n|---|---|\n" in text
    assert "| Regionalt næringsfond for Hallingdal | Gruppe 1, Gruppe 3 |" in text
    assert "—" not in text
    assert "- \\- Sats på Hallingdal 2.0\n  \\- Regionalt næringsfond for Hallingdal" in text
    assert "\n\n\n" not in text


def test_markdown_escaping_keeps_text_literal() -> None:
    assert md_escape("*viktig* [lenkje](x) <b>") == "\\*viktig\\* \\[lenkje\\](x) \\<b\\>"
    assert md_escape("1. punkt\n- strek\n# tittel") == "1\\. punkt\n\\- strek\n\\# tittel"


async def test_rows_cover_every_point_with_its_status(tmp_path: Path) -> None:
    source = await source_of(tmp_path, withdraw=True)
    rows = export_rows(source, include_withdrawn=True)
    assert [r for r in export_rows(source) if r.status == "withdrawn"] == []  # left out by default
    assert [(r.question, r.group, r.point, r.cluster, r.status) for r in rows] == [
        (
            "organisering",
            "gruppe-1",
            "Vidareføring av Sats på Hallingdal 2.0",
            "Vidareføring av Sats på Hallingdal 2.0",
            "headline",
        ),
        (
            "organisering",
            "gruppe-1",
            "Eit regionalt næringsfond",
            "Eit regionalt næringsfond",
            "other",
        ),
        (
            "organisering",
            "gruppe-2",
            "Sats på Hallingdal 2.0 bør vidareførast",
            "Vidareføring av Sats på Hallingdal 2.0",
            "headline",
        ),
        (
            "organisering",
            "gruppe-3",
            "Sats på Hallingdal 2.0",
            "Vidareføring av Sats på Hallingdal 2.0",
            "headline",
        ),
        (
            "organisering",
            "gruppe-3",
            "Regionalt næringsfond for Hallingdal",
            "Eit regionalt næringsfond",
            "other",
        ),
        ("organisering", "gruppe-4", "Slå saman kommunane", "Slå saman kommunane", "other"),
        ("tiltak", "gruppe-2", "Regional traineeordning", "Regional traineeordning", "headline"),
        ("tiltak", "gruppe-4", "Traineeordning for unge", "", "withdrawn"),
    ]
    assert {r.consultation for r in rows} == {"hallingting-2026"}
    assert {r.theme for r in rows} == {"naeringsutvikling"}
    assert all(r.created_at.endswith("+00:00") and r.updated_at for r in rows)


async def test_participants_are_pseudonymous_and_stable(tmp_path: Path) -> None:
    source = await source_of(tmp_path)
    rows = export_rows(source)
    by_group = {r.group: r.participant for r in rows}
    assert len(set(by_group.values())) == 4
    assert all(p.startswith("p-") and len(p) == 14 for p in by_group.values())
    answer = next(iter(source.digest.answers.values()))
    key = source.pseudonym_key
    assert len(key) == 32
    assert pseudonym("hallingting-2026", answer.participant_id, key) in by_group.values()
    assert pseudonym("other", answer.participant_id, key) not in by_group.values()
    # Without the installation's secret, the pseudonym cannot be recomputed from the id.
    assert pseudonym("hallingting-2026", answer.participant_id) not in by_group.values()
    raw = rows_csv(rows) + rows_json(rows)
    for row in source.digest.answers.values():
        assert row.first_name not in raw
    for telegram_id in range(FIRST_USER, FIRST_USER + len(by_group)):
        # As a whole number: the random hex of a pseudonym may hold the same digits.
        assert not re.search(rf"\b{telegram_id}\b", raw)


async def test_csv_and_json_round_trip(tmp_path: Path) -> None:
    source = await source_of(tmp_path, withdraw=True)
    rows = export_rows(source)
    tricky = ExportRow(
        *(['=HYPERLINK("x")'] + ["'sitat", 'line\nbreak, "quoted"', "-1", "@a"] + [""] * 7)
    )
    rows = [*rows, tricky]
    text = rows_csv(rows)
    assert text.splitlines()[0] == ",".join(COLUMNS)
    cells = list(csv.reader(io.StringIO(text, newline="")))[-1]
    assert cells[:5] == ['\'=HYPERLINK("x")', "''sitat", 'line\nbreak, "quoted"', "'-1", "'@a"]
    assert read_csv(text) == rows
    assert read_json(rows_json(rows)) == rows
    assert json.loads(rows_json(rows))[0]["status"] == "headline"


async def test_export_files_and_names(tmp_path: Path) -> None:
    source = await source_of(tmp_path)
    assert export_name(source, "docx", 2) == "hallingting-2026-saksframlegg-v2.docx"
    assert export_name(source, "csv") == "hallingting-2026-data.csv"
    assert export_bytes(source, "csv").startswith(b"\xef\xbb\xbfconsultation,")  # Excel reads UTF-8
    assert export_bytes(source, "md").decode().startswith("# Drøftingssak – næringsutvikling")
    assert export_bytes(source, "docx")[:2] == b"PK"
