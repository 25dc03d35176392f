"""Paragraphs added at the end of a DOCX body in constant time, for documents of any length.

python-docx's `Document.add_paragraph(text, style=name)` is what this does, but for every
paragraph it looks the style up by name through all the document's styles (a few milliseconds
each) and finds the end of the body by scanning every paragraph before it, which grows with
the square of the document: the case draft of 16,000 answers took 68 s, most of it there (see
docs/scaling.md). Here each style's id is looked up once, and a paragraph goes straight in
before the body's section properties (found once), where python-docx puts it, as the same
elements: the document is byte for byte the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph


class ParagraphWriter:
    """Adds paragraphs to the end of one document's body."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._styles: dict[str, str | None] = {}
        # Found once: finding it is itself a scan of the whole body (python-docx's `sectPr`).
        self._end = document.element.body.sectPr

    def add(self, text: str = "", style: str | None = None) -> Paragraph:
        """A new last paragraph with `text` in one run and paragraph style `style` (by name)."""
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        element = OxmlElement("w:p")
        if self._end is not None:
            self._end.addprevious(element)
        else:
            self.document.element.body.append(element)
        paragraph = Paragraph(element, self.document._body)
        if text:
            paragraph.add_run(text)
        if style is not None:
            element.style = self._style_id(style)
        return paragraph

    def _style_id(self, name: str) -> str | None:
        """The paragraph style's id (None for the default style), looked up once."""
        if name not in self._styles:
            from docx.enum.style import WD_STYLE_TYPE

            lookup = self.document.part.get_style_id
            self._styles[name] = lookup(name, WD_STYLE_TYPE.PARAGRAPH)  # type: ignore[no-untyped-call]
        return self._styles[name]
