"""The council's own Word template as the case draft's starting point, with python-docx.

The template's styles, header, footer and page setup are kept; its body (sample text, a
"write here" line) is emptied so the draft begins on a clean page. A .dotx file is opened as
the document it would make in Word (only the package's content type differs). A template that
lacks a style the draft uses (Word saves only the styles a file uses) gets that style added,
plain and in the hierarchy, so headings stay real headings for screen readers and the outline.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document

_TEMPLATE_TYPE = b"wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"wordprocessingml.document.main+xml"
# Sizes in points of the headings a template may lack, largest first.
HEADING_SIZES = {"Title": 20.0, "Heading 1": 16.0, "Heading 2": 13.0, "Heading 3": 11.5}


def as_document_package(data: bytes) -> bytes:
    """The bytes of a .docx: a .dotx template's package with the document content type."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        types = source.read("[Content_Types].xml")
        if _TEMPLATE_TYPE not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    content = content.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
                target.writestr(item, content)
    return out.getvalue()


def open_template(data: bytes) -> Document:
    """The template as a document with an empty body (its last section settings kept)."""
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(as_document_package(data)))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    add_missing_styles(document)
    return document


def add_missing_styles(document: Document) -> None:
    """Add the title, heading and list styles the draft uses if the document lacks them."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    styles = document.styles
    present = {style.name for style in styles}
    normal = styles["Normal"]
    for level, (name, size) in enumerate(HEADING_SIZES.items()):
        if name in present:
            continue
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.next_paragraph_style = normal
        style.quick_style = True
        style.font.bold = True
        style.font.size = Pt(size)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_before = Pt(12 if level else 0)
        style.paragraph_format.space_after = Pt(6)
        if level:  # Heading n sits at outline level n - 1; the title is no outline level
            outline = OxmlElement("w:outlineLvl")
            outline.set(qn("w:val"), str(level - 1))
            style.element.get_or_add_pPr().append(outline)
    if "List Bullet" not in present:
        style = styles.add_style("List Bullet", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.paragraph_format.left_indent = Pt(18)
        style.paragraph_format.first_line_indent = Pt(-12)
        style.paragraph_format.space_after = Pt(2)


def has_numbered_bullets(document: Document) -> bool:
    """Whether "List Bullet" draws its bullet itself (a numbering definition), or needs one."""
    from docx.oxml.ns import qn

    ppr = document.styles["List Bullet"].element.pPr
    return ppr is not None and ppr.find(qn("w:numPr")) is not None
