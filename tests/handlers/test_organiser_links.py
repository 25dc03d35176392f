"""/lenker: every group's deep link, a QR code PNG per group and a printable sheet."""

import io
import struct

import segno
from docx import Document
from docx.shared import Cm

from bot.render.links import QR_BORDER, QR_SCALE
from tests.support.botapi import BOT_USERNAME
from tests.support.harness import ORGANISER, Harness

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _links(h: Harness) -> dict[str, str]:
    return {
        g.name: f"https://t.me/{BOT_USERNAME}?start={g.code}"
        for g in h.config.consultations[0].groups
    }


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def test_links_message_lists_every_group(h: Harness) -> None:
    await h.command(ORGANISER, "lenker")
    text = h.tg.to(ORGANISER, "sendMessage")[-1].text
    for name, url in _links(h).items():
        assert f"<b>{name}</b>\n{url}" in text
    assert "Lenkjer til gruppene" in text


async def test_a_qr_code_png_per_group_captioned_with_name_and_link(h: Harness) -> None:
    await h.command(ORGANISER, "lenker")
    documents = h.tg.to(ORGANISER, "sendDocument")
    links = _links(h)
    pngs = documents[: len(links)]
    assert [d.text for d in pngs] == [f"<b>{n}</b>\n{u}" for n, u in links.items()]
    for call, url in zip(pngs, links.values(), strict=True):
        data = call.files["document"]
        width, height = _png_size(data)
        assert width == height >= 600  # big enough to print sharply
        expected = io.BytesIO()
        segno.make(url, error="m").save(expected, kind="png", scale=QR_SCALE, border=QR_BORDER)
        assert data == expected.getvalue()
    assert len({d.files["document"] for d in pngs}) == len(links)


async def test_printable_sheet_has_one_page_per_group(h: Harness) -> None:
    await h.command(ORGANISER, "lenker")
    sheet = h.tg.to(ORGANISER, "sendDocument")[-1]
    assert "klare til utskrift" in sheet.text
    document = Document(io.BytesIO(sheet.files["document"]))
    paragraphs = [p.text for p in document.paragraphs]
    for name, url in _links(h).items():
        assert name in paragraphs and url in paragraphs
    assert len(document.inline_shapes) == len(_links(h))
    breaks = [p.paragraph_format.page_break_before for p in document.paragraphs]
    assert breaks.count(True) == len(_links(h)) - 1


async def test_printable_sheet_is_accessible_a4(h: Harness) -> None:
    await h.command(ORGANISER, "lenkjer")
    document = Document(io.BytesIO(h.tg.to(ORGANISER, "sendDocument")[-1].files["document"]))
    section = document.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.01)
    properties = document.core_properties
    assert properties.language == "nn-NO"
    assert properties.title.startswith("Lenkjer til gruppene · Hallingtinget 2026")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == list(_links(h))
    described = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert described == [
        f"QR-kode: bli med i {name} i tingbot, {url}" for name, url in _links(h).items()
    ]


async def test_without_a_username_no_links_are_made(h: Harness) -> None:
    h.app.bot_data.deps.bot_username = ""
    await h.command(ORGANISER, "lenker")
    assert "brukarnamnet" in h.last_text(ORGANISER)
    assert not h.tg.to(ORGANISER, "sendDocument")
