"""The case draft's page, language and styles, read back from the DOCX with python-docx."""

import io
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from bot.render.report_docx import report_docx
from tests.handlers.test_reports import source_of


def near(length: int | None, cm: float) -> bool:
    """Whether a length is `cm` centimetres, to the twip a .docx stores."""
    return length is not None and abs(length - Cm(cm)) < Cm(0.01)


async def test_docx_is_a4_in_nynorsk_with_page_numbers(tmp_path: Path) -> None:
    document = Document(io.BytesIO(report_docx(await source_of(tmp_path))))
    section = document.sections[0]
    assert near(section.page_width, 21) and near(section.page_height, 29.7)
    margins = (section.left_margin, section.right_margin, section.top_margin)
    assert all(near(margin, 2.5) for margin in (*margins, section.bottom_margin))
    assert document.core_properties.language == "nn-NO"
    assert document.core_properties.title == (
        "Drøftingssak – næringsutvikling. Oppfølging frå Hallingtinget"
    )
    styles = document.styles.element
    default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    languages = {default.find(qn("w:lang")).get(qn("w:val"))}
    for style in styles.findall(qn("w:style")):
        languages.add(style.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")))
    assert languages == {"nn-NO"}
    instructions = [e.text for e in section.footer._element.iter(qn("w:instrText"))]
    assert [text.strip() for text in instructions] == ["PAGE"]


async def test_docx_language_follows_the_consultation(tmp_path: Path) -> None:
    document = Document(io.BytesIO(report_docx(await source_of(tmp_path, language="en"))))
    assert document.core_properties.language == "en-GB"
    lang = document.styles["Normal"].element.find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"


async def test_docx_headings_are_black_and_fall_in_size(tmp_path: Path) -> None:
    document = Document(io.BytesIO(report_docx(await source_of(tmp_path))))
    sizes = []
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        font = document.styles[name].font
        assert font.color.rgb == RGBColor(0, 0, 0)
        sizes.append(font.size)
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes)) == 4
    title = document.styles["Title"].element.pPr
    assert title is None or title.find(qn("w:pBdr")) is None


async def test_docx_sections_tables_and_page_break(tmp_path: Path) -> None:
    source = await source_of(tmp_path)
    document = Document(io.BytesIO(report_docx(source)))
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    appendix = paragraphs[texts.index("Vedlegg")]
    assert appendix.paragraph_format.page_break_before
    questions = [q.question.text.get("nn") for q in source.digest.questions]
    answered = [q for q in source.digest.questions if q.summary.groups_answering]
    assert 0 < len(answered) < len(questions)  # the seed leaves questions unanswered
    start, end = texts.index("Samanstilling"), texts.index("Vurdering")
    headings = [p.text for p in paragraphs[start:end] if p.style.name == "Heading 2"]
    assert len(headings) == len(answered)
    for question in questions:  # once in the question list, once in the summary or not at all
        assert sum(question in t for t in texts[: texts.index(appendix.text)]) <= 2
    frame, *tables = document.tables
    assert [[c.text for c in row.cells] for row in frame.rows] == [
        ["Saksnummer", "Utval", "Møtedato", "Saksbehandlar"],
        ["38-26", "Regionrådet", "11.06.2026", "Dagleg leiar"],
    ]
    assert len(tables) == len(answered)
    table = tables[0]
    header = table.rows[0]
    assert [c.text for c in header.cells] == ["Punkt", "Grupper"]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for run in header.cells[0].paragraphs[0].runs)
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert ["Vidareføring av Sats på Hallingdal 2.0", "Gruppe 1, Gruppe 2, Gruppe 3"] in rows


async def test_docx_body_font_and_the_officers_sections(tmp_path: Path) -> None:
    document = Document(io.BytesIO(report_docx(await source_of(tmp_path))))
    normal = document.styles["Normal"]
    assert normal.font.name == "Arial" and normal.font.size == Pt(11)
    assert document.styles["Heading 1"].font.name == "Arial"
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    for heading, note in (
        ("Vurdering", "[Saksbehandlaren skriv vurderinga her.]"),
        ("Forslag til vedtak", "[Saksbehandlaren skriv forslaget til vedtak her.]"),
    ):
        at = paragraphs.index(("Heading 1", heading))
        assert paragraphs[at + 1] == ("Normal", note)
    assert not any("(ingen)" in text for _style, text in paragraphs)
