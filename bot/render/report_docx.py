"""The report as a DOCX case document (saksframlegg), from the outline, with python-docx.

Written into the council's template when one is configured (its styles, header and footer
kept), else into python-docx's blank document made sober: A4, Arial 11, black headings.
Either way the document's title and language are set (the proofing language on every style),
headings use the real heading styles, and tables have a header row repeated on each page.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from bot.model.report import ReportSource
from bot.render.docx_paragraphs import ParagraphWriter
from bot.render.docx_style import (
    LANGUAGE_TAGS,
    body_font,
    page_numbers,
    page_setup,
    set_language,
    sober_headings,
)
from bot.render.docx_template import has_numbered_bullets, open_template
from bot.render.report_outline import Block, case_title, report_outline

if TYPE_CHECKING:
    from docx.document import Document

# Characters XML 1.0 cannot hold (python-docx refuses them): control characters other than tab
# and line breaks, lone surrogates and the non-characters U+FFFE and U+FFFF. Answers are
# stored as Telegram delivered them, so they can contain any of these.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` without the characters a .docx cannot hold."""
    return _NOT_XML.sub("", text)


def report_docx(source: ReportSource) -> bytes:
    """The whole report as the bytes of a .docx file."""
    document = _start(source)
    properties = document.core_properties
    properties.title = xml_text(case_title(source))
    properties.language = LANGUAGE_TAGS.get(source.language, source.language)
    properties.author = "tingbot"
    properties.created = source.made_at
    bullets = has_numbered_bullets(document)
    writer = ParagraphWriter(document)
    for block in report_outline(source):
        _add(writer, block, bullets)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _start(source: ReportSource) -> Document:
    """The council's template with an empty body, or a blank sober A4 document."""
    if source.template:
        document = open_template(source.template)
    else:
        from docx import Document  # imported on use: python-docx is slow to import

        document = Document()
        page_setup(document)
        body_font(document)
        sober_headings(document)
    set_language(document, source.language)
    page_numbers(document)
    return document


def _add(writer: ParagraphWriter, block: Block, bullets: bool) -> None:
    """One outline block as DOCX paragraphs (or a table); `bullets`: the list style draws them."""
    text = xml_text(block.text)
    if block.kind == "table":
        _table(writer, block)
        return
    if block.kind == "title":
        paragraph = writer.add(text, style="Title")
    elif block.kind == "heading":
        paragraph = writer.add(text, style=f"Heading {block.level}")
    elif block.kind == "note":
        paragraph = writer.add()
        paragraph.add_run(text).italic = True
    elif block.kind == "bullet":
        paragraph = writer.add(text if bullets else "• " + text, style="List Bullet")
        if block.detail:
            paragraph.add_run(" – " + xml_text(block.detail)).italic = True
        if block.support:
            paragraph.add_run().add_break()
            paragraph.add_run(xml_text(block.support)).italic = True
    else:
        paragraph = writer.add(text)
    if block.new_page:
        paragraph.paragraph_format.page_break_before = True


def _table(writer: ParagraphWriter, block: Block) -> None:
    """A small table whose first row is a header row (repeated on each page, read as such)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = writer.document
    if block.text:
        caption = writer.add()
        caption.add_run(xml_text(block.text)).italic = True
        caption.paragraph_format.keep_with_next = True
        caption.paragraph_format.space_before = Pt(6)
    header, *body = block.rows
    table = document.add_table(rows=1, cols=len(header))
    if "Table Grid" in {style.name for style in document.styles}:
        table.style = "Table Grid"
    else:
        _borders(table._tbl)
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(xml_text(text)).bold = True
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(marker)
    for values in body:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = xml_text(text)
    for row in table.rows:  # cells as tight as a table's lines: no paragraph space after
        for cell in row.cells:
            cell.paragraphs[0].paragraph_format.space_after = Pt(1)
            cell.paragraphs[0].paragraph_format.space_before = Pt(1)
    writer.add()  # room between the table and what follows


def _borders(tbl: object) -> None:
    """Thin single borders on a table, for a template without the "Table Grid" style."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        for name, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "auto")):
            line.set(qn(f"w:{name}"), value)
        borders.append(line)
    tbl.tblPr.append(borders)  # type: ignore[attr-defined]
