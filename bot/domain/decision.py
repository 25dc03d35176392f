"""Reading what an organiser wrote after /vedtak: the meeting, the link to the minutes, the text.

The three parts are lines (the meeting, the link, then the decision, which may run over several
lines), or, on one line, separated by " | ". The link is an http(s) address or "-" when the
minutes are not out yet. Each part has a limit, so the channel post and every notice fit in one
Telegram message together with the points they name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

MEETING_LIMIT = 200
LINK_LIMIT = 300
TEXT_LIMIT = 1500
NO_LINK = "-"
_LINK = re.compile(r"https?://[^\s<>\"]+\.[^\s<>\"]+", re.IGNORECASE)

Problem = Literal["missing", "link", "meeting_long", "text_long", "link_long"]


@dataclass(frozen=True)
class DecisionInput:
    """A decision as the organiser gave it: the meeting, the minutes' address ("" for none)."""

    meeting: str
    minutes_url: str
    text: str


def read_decision(written: str) -> DecisionInput | Problem:
    """The decision in `written` (what follows the command), or what is wrong with it."""
    parts = [line.strip() for line in written.strip().splitlines()]
    if len(parts) == 1:
        parts = [part.strip() for part in parts[0].split(" | ")]
    parts = [part for part in parts if part]
    if len(parts) < 3:
        return "missing"
    return check_decision(parts[0], parts[1], "\n".join(parts[2:]))


def check_decision(meeting: str, link: str, text: str) -> DecisionInput | Problem:
    """The decision from its three parts as given apart (the console's form fields), or what
    is wrong with it: the meeting on one line, the link an http(s) address or "-" (none)."""
    meeting, link = " ".join(meeting.split()), link.strip()
    text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    if not meeting or not link or not text:
        return "missing"
    if link != NO_LINK and not _LINK.fullmatch(link):
        return "link"
    if len(meeting) > MEETING_LIMIT:
        return "meeting_long"
    if len(link) > LINK_LIMIT:
        return "link_long"
    if len(text) > TEXT_LIMIT:
        return "text_long"
    return DecisionInput(meeting, "" if link == NO_LINK else link, text)
