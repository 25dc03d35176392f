"""ParagraphWriter writes what python-docx's add_paragraph writes, in the same place."""

from __future__ import annotations

import io
from collections.abc import Callable

from docx import Document
from docx.document import Document as DocumentType
from lxml import etree

from bot.render.docx_paragraphs import ParagraphWriter

STEPS: list[tuple[str, str | None]] = [
    ("Saksframlegg", "Title"),
    ("Bakgrunn", "Heading 1"),
    ("Ein vanleg avsnitt.", None),
    ("", None),
    ("Eit punkt", "List Bullet"),
    ("Normal med namn", "Normal"),
    ("Underoverskrift", "Heading 2"),
]


def build(add: Callable[[DocumentType, str, str | None], object]) -> bytes:
    """A document of STEPS with a table in the middle, as the XML of its body."""
    document = Document()
    for number, (text, style) in enumerate(STEPS):
        if number == 3:
            document.add_table(rows=1, cols=2)
        add(document, text, style)
    return etree.tostring(document.element.body)


def test_the_body_is_the_same_as_with_add_paragraph() -> None:
    writers: dict[int, ParagraphWriter] = {}

    def written(document: DocumentType, text: str, style: str | None) -> object:
        writer = writers.setdefault(id(document), ParagraphWriter(document))
        return writer.add(text, style)

    expected = build(lambda d, text, style: d.add_paragraph(text, style=style))
    assert build(written) == expected
    assert b"w:sectPr" in expected.split(b"<w:p")[-1]  # the section properties stay last


def test_a_body_without_section_properties_gets_paragraphs_at_its_end() -> None:
    document = Document()
    body = document.element.body
    body.remove(body.sectPr)
    writer = ParagraphWriter(document)
    writer.add("fyrst")
    writer.add("så", "Heading 1")
    assert [p.text for p in document.paragraphs] == ["fyrst", "så"]
    assert document.paragraphs[1].style is not None
    assert document.paragraphs[1].style.name == "Heading 1"
    saved = io.BytesIO()
    document.save(saved)
    assert [p.text for p in Document(io.BytesIO(saved.getvalue())).paragraphs] == ["fyrst", "så"]
