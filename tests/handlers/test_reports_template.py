"""The case draft written into the council's own template, read back with python-docx."""

import io
import zipfile
from dataclasses import replace
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor

from bot.config.model import CaseFrame
from bot.model.report import ReportSource
from bot.render.report_docx import report_docx
from tests.handlers.test_reports import source_of

HEADER = "Hallingdal regionråd · Saksframlegg"
FOOTER = "Hallingdal regionråd, Gamlevegen 6, 3550 Gol"
RED = RGBColor(0x80, 0x00, 0x00)


def make_template(path: Path, strip: tuple[str, ...] = ()) -> Path:
    """A council template: its own header and footer text, a custom style, a dark red Heading
    1, a 3 cm left margin, sample body text; `strip` removes styles (as Word saves only used
    ones)."""
    document = Document()
    section = document.sections[0]
    section.left_margin = Cm(3)
    section.header.paragraphs[0].text = HEADER
    section.footer.paragraphs[0].text = FOOTER
    document.styles.add_style("Rådstekst", WD_STYLE_TYPE.PARAGRAPH)
    document.styles["Heading 1"].font.color.rgb = RED
    document.add_paragraph("Skriv saka her.", style="Rådstekst")
    styles = document.styles.element
    for element in list(styles.findall(qn("w:style"))):
        name = element.find(qn("w:name"))
        if name is not None and name.get(qn("w:val")).lower() in {s.lower() for s in strip}:
            styles.remove(element)
    document.save(path)
    return path


def with_template(source: ReportSource, path: Path) -> ReportSource:
    """The source as `gather` makes it when the case names this template."""
    return replace(source, template=path.read_bytes())


async def test_the_draft_keeps_the_templates_styles_header_and_footer(tmp_path: Path) -> None:
    source = with_template(await source_of(tmp_path), make_template(tmp_path / "mal.docx"))
    document = Document(io.BytesIO(report_docx(source)))
    section = document.sections[0]
    assert [p.text for p in section.header.paragraphs] == [HEADER]
    assert [p.text for p in section.footer.paragraphs] == [FOOTER]  # no page number added
    assert abs(section.left_margin - Cm(3)) < Cm(0.01)
    assert "Rådstekst" in {style.name for style in document.styles}
    assert document.styles["Heading 1"].font.color.rgb == RED  # not made sober
    texts = [p.text for p in document.paragraphs]
    assert "Skriv saka her." not in texts  # the sample body is gone
    assert texts[0] == "Drøftingssak – næringsutvikling. Oppfølging frå Hallingtinget"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Bakgrunn", "Samanstilling", "Vurdering", "Forslag til vedtak", "Vedlegg"]
    assert document.core_properties.language == "nn-NO"
    lang = document.styles["Rådstekst"].element.find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "nn-NO"


async def test_a_template_without_the_drafts_styles_gets_them(tmp_path: Path) -> None:
    strip = ("Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Table Grid")
    path = make_template(tmp_path / "mal.docx", strip)
    assert "Heading 1" not in {s.name for s in Document(str(path)).styles}
    document = Document(io.BytesIO(report_docx(with_template(await source_of(tmp_path), path))))
    heading = document.styles["Heading 2"]
    assert heading.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "1"
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "• Vidareføring av Sats på Hallingdal 2.0 (3 av 4 grupper)" in bullets
    borders = document.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None and borders.find(qn("w:insideH")).get(qn("w:val")) == "single"


async def test_a_dotx_template_is_written_into_as_a_document(tmp_path: Path) -> None:
    docx_path = make_template(tmp_path / "mal.docx")
    dotx_path = tmp_path / "mal.dotx"
    with zipfile.ZipFile(docx_path) as source, zipfile.ZipFile(dotx_path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(item, data)
    data = report_docx(with_template(await source_of(tmp_path), dotx_path))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert b"document.main+xml" in package.read("[Content_Types].xml")
    document = Document(io.BytesIO(data))
    assert [p.text for p in document.sections[0].header.paragraphs] == [HEADER]


async def test_gather_reads_the_configured_template(tmp_path: Path) -> None:
    path = make_template(tmp_path / "mal.docx")
    source = await source_of(tmp_path, case=CaseFrame(number="38-26", template=path))
    assert source.template == path.read_bytes()
    document = Document(io.BytesIO(report_docx(source)))
    assert [p.text for p in document.sections[0].header.paragraphs] == [HEADER]
    frame = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert frame == [["Saksnummer"], ["38-26"]]
    assert document.paragraphs[0].text.startswith("Hallingtinget 2026")  # no case title
