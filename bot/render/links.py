"""Join links for the groups: the deep link, a printable QR code PNG, and a sheet with all of them."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.shortening import shorten
from bot.i18n.translator import Translate, esc
from bot.model.consultation import Consultation
from bot.render.limits import CAPTION_LIMIT

# 20 pixels per module: a version-4 code (33 modules plus the quiet zone) is about 820 px wide,
# sharp when printed 10 cm wide at 200 dpi.
QR_SCALE = 20
QR_BORDER = 4


@dataclass(frozen=True)
class GroupLink:
    """A group's name, join code and deep link."""

    key: str
    name: str
    url: str


def join_link(bot_username: str, code: str) -> str:
    """The deep link that opens the bot and joins the group with `code`."""
    return f"https://t.me/{bot_username}?start={code}"


def group_links(consultation: Consultation, bot_username: str) -> list[GroupLink]:
    """The join link of every configured group, in config order."""
    return [GroupLink(g.key, g.name, join_link(bot_username, g.code)) for g in consultation.groups]


def qr_png(url: str) -> bytes:
    """A QR code of `url` as PNG (error correction M, so a smudged print still scans)."""
    buffer = io.BytesIO()
    import segno  # imported on use: it is only needed for /lenkjer, not at start-up

    segno.make(url, error="m").save(buffer, kind="png", scale=QR_SCALE, border=QR_BORDER)
    return buffer.getvalue()


def links_text(
    _: Translate, consultation: Consultation, links: Sequence[GroupLink], language: str
) -> str:
    """One message with every group's link."""
    lines = [
        "🔗 " + _("<b>Join links</b> · {title}", title=consultation.title.get(language)),
        "",
    ]
    lines += [f"<b>{esc(link.name)}</b>\n{esc(link.url)}" for link in links]
    lines += [
        "",
        _(
            "Each link opens tingbot and asks the participant to join that group. The QR codes below can be printed for the tables."
        ),
    ]
    return "\n".join(lines)


def link_caption(link: GroupLink) -> str:
    """The caption of a QR code document: the group and its link (the name cut to fit)."""
    name = shorten(link.name, CAPTION_LIMIT - len(link.url) - 1)
    return f"<b>{esc(name)}</b>\n{esc(link.url)}"


def links_sheet(
    _: Translate, consultation: Consultation, links: Sequence[GroupLink], language: str
) -> bytes:
    """A DOCX with one A4 page per group (name, QR code, link and how to join) to print for the
    tables: the group's name a real heading, each QR code with alt text saying where it leads,
    the document's title and language set."""
    from docx import Document  # imported on use: python-docx is slow to import
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    from bot.render.docx_style import LANGUAGE_TAGS, body_font, page_setup, set_language

    document = Document()
    page_setup(document)
    body_font(document)
    set_language(document, language)
    title = consultation.title.get(language)
    document.core_properties.title = _("Join links · {title}", title=title)
    document.core_properties.language = LANGUAGE_TAGS.get(language, language)
    document.core_properties.author = "tingbot"
    for index, link in enumerate(links):
        head = document.add_paragraph()
        head.paragraph_format.page_break_before = index > 0
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        head.add_run(title).font.size = Pt(14)
        name = document.add_paragraph(style="Heading 1")
        name.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = name.add_run(link.name)
        run.font.size = Pt(36)
        run.font.color.rgb = RGBColor(0, 0, 0)
        picture = document.add_paragraph()
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        shape = picture.add_run().add_picture(io.BytesIO(qr_png(link.url)), width=Cm(12))
        described = _("QR code: join {group} in tingbot, {url}", group=link.name, url=link.url)
        shape._inline.docPr.set("descr", described)
        shape._inline.docPr.set("title", _("QR code for {group}", group=link.name))
        how = document.add_paragraph()
        how.alignment = WD_ALIGN_PARAGRAPH.CENTER
        how.add_run(_("Scan the code with your phone's camera, or open the link:"))
        url = document.add_paragraph()
        url.alignment = WD_ALIGN_PARAGRAPH.CENTER
        url.add_run(link.url).font.size = Pt(12)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
