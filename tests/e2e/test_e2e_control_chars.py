"""Hostile characters in answers: neutralised on the way in, harmless in every output.

A participant's answer holds NUL, BEL, ESC, DEL, a C1 control and a right-to-left override.
What is stored says what was removed (control pictures, "[U+202E]"); the channel post, the
Markdown, DOCX and CSV exports carry none of the raw characters, and the DOCX can be built.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from docx import Document

from tests.e2e.scenario import Tingbot, pattern, shown
from tests.support.figures import report_figures

SAVED = pattern("✅ Saved (point {count} for question {number}). Write more, or go on.")
EXPORTED = "The report as a case draft (DOCX) and as Markdown ({names}), and the raw data as CSV and JSON: one row per point, participants as pseudonymous ids."
HOSTILE = "Betre\x00 buss\x07tilbod \x1b[31mi\x7f dalen \u202eniksab\u202c\x85 no"
STORED = "Betre␀ buss␇tilbod ␛[31mi␡ dalen [U+202E]niksab[U+202C][U+0085] no"
RAW = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u202e", "\u202c"]


def clean(text: str) -> bool:
    """No raw control character or bidi override in `text`."""
    return not any(char in text for char in RAW)


def test_control_characters_reach_no_output(tingbot: Tingbot, tmp_path: Path) -> None:
    emu = tingbot.emu
    bot = tingbot.start()
    person = tingbot.person(6401, "Gro")
    person.join("ht26-g1-Kx7p")
    person.say(HOSTILE, SAVED)
    assert tingbot.query("SELECT text FROM answer") == [(STORED,)]

    organiser = tingbot.organiser()
    organiser.command(
        "publiser", expect=shown("Publish it in {channel}?", channel="@hallingdal_regionrad")
    )
    organiser.press("pub:")
    emu.wait_until(lambda: tingbot.query("SELECT status FROM publication") == [("posted",)], 30)
    posts = tingbot.channel_posts()
    channel = "\n".join(m.text or "" for m in posts)
    assert "[U+202E]niksab" in channel and clean(channel)
    assert all(clean(str(c.params.get("text", ""))) for c in emu.calls_to("sendMessage"))

    mark = emu.mark()
    organiser.command("eksport", expect=shown(EXPORTED, names=shown("anonymous")))
    emu.wait_until(
        lambda: len([c for c in organiser.replies(mark) if c.method == "sendDocument"]) == 4
    )
    files = {
        m.document.file_name.rsplit(".", 1)[1]: m.document.data
        for m in organiser.handle.messages
        if m.document is not None
    }
    markdown = files["md"].decode()
    rows = list(csv.DictReader(io.StringIO(files["csv"].decode("utf-8-sig"))))
    docx = "\n".join(p.text for p in Document(io.BytesIO(files["docx"])).paragraphs)
    assert [r["point"] for r in rows] == [STORED]
    for output in (markdown, files["csv"].decode("utf-8-sig"), docx):
        assert clean(output)
    assert "\\[U+202E\\]niksab" in markdown  # brackets escaped, as Markdown needs
    assert "[U+202E]niksab" in docx
    assert bot.stop() == 0
    report_figures(
        "control characters",
        {"raw_in": len(RAW), "raw_out_channel_md_docx_csv": 0, "outputs": 4},
        tmp_path,
    )
