"""The [consultation.case] table: the frame of the case document (saksframlegg).

The keys are the council's own words: `saksnummer`, `utval`, `møtedato` (also written
`motedato`, as a bare TOML key cannot hold "ø"), `saksbehandlar`, `title` and `template`, a
DOCX file relative to the config file that the case draft is written into.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

from bot.config.model import CaseFrame
from bot.config.reader import MISSING, Node

KEYS = {"saksnummer", "utval", "møtedato", "motedato", "saksbehandlar", "title", "template"}


def case_frame(node: Node, base: Path) -> CaseFrame:
    """The case frame; `base` is the folder of the config file (a relative template is in it)."""
    node.unknown_keys(KEYS)
    title = node.localized("title", required=False) if "title" in node.data else None
    return CaseFrame(
        number=node.typed("saksnummer", str, "").strip(),
        committee=node.typed("utval", str, "").strip(),
        meeting_date=_meeting_date(node),
        officer=node.typed("saksbehandlar", str, "").strip(),
        title=title if title is not None and title.nn.strip() else None,
        template=_template(node, base),
    )


def _meeting_date(node: Node) -> date | None:
    """`møtedato` (or `motedato`): a TOML date, or a date-time whose date is taken."""
    keys = [key for key in ("møtedato", "motedato") if key in node.data]
    if len(keys) > 1:
        node.errors.add(node.at("motedato"), "give the meeting date once (møtedato or motedato)")
    if not keys:
        return None
    value = node.raw(keys[0])
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    node.errors.add(node.at(keys[0]), "expected a date like 2026-06-11")
    return None


def _template(node: Node, base: Path) -> Path | None:
    """The template's path, made absolute; it must be a readable .docx file."""
    value = node.raw("template", required=False)
    if value is MISSING:
        return None
    if not isinstance(value, str) or not value.strip():
        node.errors.add(node.at("template"), "expected the path of a .docx file")
        return None
    path = Path(value.strip()).expanduser()
    path = path if path.is_absolute() else base / path
    if not path.is_file():
        node.errors.add(node.at("template"), f"file not found: {path}")
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            word = "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        word = False
    if not word:
        node.errors.add(node.at("template"), f"not a Word document (.docx or .dotx): {path}")
        return None
    return path
