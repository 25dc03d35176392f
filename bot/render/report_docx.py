"""The report as a DOCX case document (saksframlegg), from the outline, with python-docx."""

from __future__ import annotations

import io
import re

from bot.model.report import ReportSource
from bot.render.report_outline import report_outline

_LANGUAGE_TAGS = {"nn": "nn-NO", "nb": "nb-NO", "en": "en-GB"}
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
    properties = document.core_properties
    properties.title = xml_text(source.consultation.title.get(source.language))
    properties.language = _LANGUAGE_TAGS.get(source.language, source.language)
    properties.author = "tingbot"
    properties.created = source.made_at
    for block in report_outline(source):
        text = xml_text(block.text)
        if block.kind == "title":
            document.add_heading(text, 0)
        elif block.kind == "heading":
            document.add_heading(text, block.level)
        elif block.kind == "note":
            document.add_paragraph().add_run(text).italic = True
        elif block.kind == "numbered":
            document.add_paragraph(text)
        elif block.kind == "bullet":
            paragraph = document.add_paragraph(text, style="List Bullet")
            if block.detail:
                paragraph.add_run(" – " + xml_text(block.detail)).italic = True
            if block.support:
                paragraph.add_run().add_break()
                paragraph.add_run(xml_text(block.support)).italic = True
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
