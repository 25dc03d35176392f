"""The report as a DOCX case document (saksframlegg), from the outline, with python-docx."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from bot.model.report import ReportSource
from bot.render.docx_style import LANGUAGE_TAGS, page_setup, set_language, sober_headings
from bot.render.report_outline import Block, report_outline

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
    from docx import Document  # imported on use: python-docx is slow to import

    document = Document()
    page_setup(document)
    set_language(document, source.language)
    sober_headings(document)
    properties = document.core_properties
    properties.title = xml_text(source.consultation.title.get(source.language))
    properties.language = LANGUAGE_TAGS.get(source.language, source.language)
    properties.author = "tingbot"
    properties.created = source.made_at
    for block in report_outline(source):
        _add(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add(document: Document, block: Block) -> None:
    """One outline block as DOCX paragraphs (or a table)."""
    text = xml_text(block.text)
    if block.kind == "table":
        _table(document, block)
        return
    if block.kind == "title":
        paragraph = document.add_heading(text, 0)
    elif block.kind == "heading":
        paragraph = document.add_heading(text, block.level)
    elif block.kind == "note":
        paragraph = document.add_paragraph()
        paragraph.add_run(text).italic = True
    elif block.kind == "bullet":
        paragraph = document.add_paragraph(text, style="List Bullet")
        if block.detail:
            paragraph.add_run(" – " + xml_text(block.detail)).italic = True
        if block.support:
            paragraph.add_run().add_break()
            paragraph.add_run(xml_text(block.support)).italic = True
    else:
        paragraph = document.add_paragraph(text)
    if block.new_page:
        paragraph.paragraph_format.page_break_before = True


def _table(document: Document, block: Block) -> None:
    """A small table whose first row is a header row (repeated on each page, read as such)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document.add_paragraph().add_run(xml_text(block.text)).italic = True
    header, *body = block.rows
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(xml_text(text)).bold = True
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(marker)
    for values in body:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = xml_text(text)
