"""Page, language and styles of the case draft: A4, 2.5 cm margins, a plain body font, sober
black headings, the proofing language on every style, page numbers in the footer. With the
council's template only the language and (in an empty footer) the page number are added."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document

LANGUAGE_TAGS = {"nn": "nn-NO", "nb": "nb-NO", "en": "en-GB"}
# Arial (Liberation Sans where it is missing, with the same widths) at 11 pt: the plain body
# face of Norwegian public documents, on every machine a clerk may open the file on.
BODY_FONT = "Arial"
BODY_SIZE = 11.0


def page_setup(document: Document) -> None:
    """A4 with the 2.5 cm margins of Norwegian public documents."""
    from docx.shared import Cm

    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)


def page_numbers(document: Document) -> None:
    """A page number in every footer that holds neither text nor a field of its own."""
    for section in document.sections:
        footer = section.footer
        if not any(p.text for p in footer.paragraphs) and not _has_field(footer._element):
            _page_number(footer.paragraphs[0])


def body_font(document: Document) -> None:
    """The body face and size on Normal, and the same face on the headings (no theme fonts)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from bot.render.docx_template import HEADING_SIZES

    document.styles["Normal"].font.size = Pt(BODY_SIZE)
    for name in ("Normal", *HEADING_SIZES):
        rpr = document.styles[name].element.get_or_add_rPr()
        fonts = _child(rpr, "w:rFonts")
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), BODY_FONT)


def _has_field(element: Any) -> bool:
    """Whether a header or footer already holds a field (a template's own page number)."""
    from docx.oxml.ns import qn

    return any(True for _ in element.iter(qn("w:fldSimple"), qn("w:instrText")))


def _page_number(paragraph: Any) -> None:
    """A centred PAGE field in a footer paragraph."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", ""), ("instr", " PAGE "), ("separate", ""), ("end", "")):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        if kind == "separate":
            number = OxmlElement("w:t")
            number.text = "1"
            run._r.append(number)


def set_language(document: Document, language: str) -> None:
    """The proofing language on the document defaults and on every style's run properties."""
    from docx.oxml.ns import qn

    tag = LANGUAGE_TAGS.get(language, language)
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = styles.makeelement(qn("w:docDefaults"), {})
        styles.insert(0, defaults)
    holders = [_child(_child(defaults, "w:rPrDefault"), "w:rPr")]
    holders += [_child(style, "w:rPr") for style in styles.findall(qn("w:style"))]
    for rpr in holders:
        lang = _child(rpr, "w:lang")
        for attribute in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attribute), tag)


def _child(parent: Any, tag: str) -> Any:
    """The first child element `tag` of `parent`, made if missing."""
    from docx.oxml.ns import qn

    found = parent.find(qn(tag))
    if found is None:
        found = parent.makeelement(qn(tag), {})
        parent.append(found)
    return found


def sober_headings(document: Document) -> None:
    """Black headings in falling sizes, without the default template's blue and rule."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    from bot.render.docx_template import HEADING_SIZES

    for name, size in HEADING_SIZES.items():
        style = document.styles[name]
        font = style.font
        font.color.rgb = RGBColor(0, 0, 0)
        font.size = Pt(size)
        font.bold = True
        font.italic = False
        ppr = style.element.pPr
        if ppr is not None:
            for border in ppr.findall(qn("w:pBdr")):
                ppr.remove(border)
