"""The report as a DOCX case document (saksframlegg), from the outline, with python-docx."""

from __future__ import annotations

import io

from docx import Document

from bot.render.report_outline import report_outline
from bot.services.reports import ReportSource

_LANGUAGE_TAGS = {"nn": "nn-NO", "nb": "nb-NO", "en": "en-GB"}


def report_docx(source: ReportSource) -> bytes:
    """The whole report as the bytes of a .docx file."""
    document = Document()
    properties = document.core_properties
    properties.title = source.consultation.title.get(source.language)
    properties.language = _LANGUAGE_TAGS.get(source.language, source.language)
    properties.author = "tingbot"
    properties.created = source.made_at
    for block in report_outline(source):
        if block.kind == "title":
            document.add_heading(block.text, 0)
        elif block.kind == "heading":
            document.add_heading(block.text, block.level)
        elif block.kind == "note":
            document.add_paragraph().add_run(block.text).italic = True
        elif block.kind == "numbered":
            document.add_paragraph(block.text)
        elif block.kind == "bullet":
            paragraph = document.add_paragraph(block.text, style="List Bullet")
            if block.detail:
                paragraph.add_run(" – " + block.detail).italic = True
            if block.support:
                paragraph.add_run().add_break()
                paragraph.add_run(block.support).italic = True
        else:
            document.add_paragraph(block.text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
