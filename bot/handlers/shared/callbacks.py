"""Every button's callback data, declared once: the handler's pattern and the data come from here.

Data is `<prefix>[:<part>…]`. A prefix names one handler; `build` makes the data a button
carries and `parse` reads it back (None when it is not this button's: stale or forged data).
Telegram refuses callback data over 64 bytes, so `build` fails loudly instead of letting a
keyboard be refused at send time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.services.reminders import CONTINUE

MAX_DATA = 64  # bytes of callback data Telegram accepts


@dataclass(frozen=True)
class Callback:
    """One kind of button: its prefix, and whether its data is the prefix alone."""

    prefix: str
    exact: bool = False

    @property
    def pattern(self) -> str:
        """The regular expression a CallbackQueryHandler for this button matches."""
        escaped = re.escape(self.prefix)
        return f"^{escaped}$" if self.exact else f"^{escaped}:"

    def build(self, *parts: object) -> str:
        """The callback data for `parts` (none for an exact button)."""
        if self.exact and parts:
            raise ValueError(f"{self.prefix} takes no parts")
        data = ":".join([self.prefix, *(str(p) for p in parts)])
        if len(data.encode()) > MAX_DATA:
            raise ValueError(f"callback data too long: {len(data.encode())} bytes")
        return data

    def parse(self, data: object) -> list[str] | None:
        """The parts after the prefix, or None when `data` is not this button's."""
        if not isinstance(data, str):
            return None
        if self.exact:
            return [] if data == self.prefix else None
        head = self.prefix + ":"
        return data[len(head) :].split(":") if data.startswith(head) else None


# Participants, in private chat.
JOIN = Callback("j")
JOIN_CANCEL = Callback("jx", exact=True)
NAVIGATE = Callback("n")
GO_TO = Callback("g")
EDIT = Callback("e")
WITHDRAW = Callback("w")
RESTORE = Callback("r")
LANGUAGE = Callback("l")
ERASE = Callback("del")
LOOSE_TEXT = Callback("lt")  # add a text sent after the last question to a question
PRIVACY_MORE = Callback("pm")  # the whole privacy notice under a join offer
JOIN_LANGUAGE = Callback("jl")  # the join offer in another language (signed like the offer)
CONTINUE_ANSWERING = Callback(CONTINUE, exact=True)  # built by the reminder service
# Organisers, in private chat.
STATUS_REFRESH = Callback("os")
PREVIEW = Callback("ov")
PUBLISH = Callback("pub")
PUBLISH_CANCEL = Callback("pubx", exact=True)
PUBLISH_CHOICE = Callback("pq")  # a question or theme in or out of the channel post
DECISION = Callback("vd")
DECISION_CANCEL = Callback("vdx", exact=True)
REMIND_PREVIEW = Callback("pn:p")
REMIND_SEND = Callback("pn:ok")
REMIND_DISMISS = Callback("pn:x", exact=True)
MEETING_ADD = Callback("mt:add", exact=True)
MEETING_CHANGE = Callback("mt:edit")
MEETING_CANCEL = Callback("mt:drop")
MEETING_CONFIRM = Callback("mt:ok", exact=True)
MEETING_ABORT = Callback("mt:no", exact=True)
CHECKBACK_SEND = Callback("ks", exact=True)
# Group chats and the cross-group round.
TAKE_PART = Callback("cj")
REFERENT_OFFER = Callback("cr:o")
REFERENT_CONFIRM = Callback("cr:c")
POINTS = Callback("cp")
SELECTION = Callback("cs")
POLL = Callback("cv")
TOGGLE = Callback("ct")
PAGE = Callback("cg")
CONFIRM_JOINT = Callback("co")
WITHDRAW_JOINT = Callback("cx")
CHECKBACK = Callback("kb")  # in a referent's private chat or in the group chat
ROUND_VOTE = Callback("rv")
ROUND_CONTINUE = Callback("rs", exact=True)
ROUND_START = Callback("rs:new", exact=True)
ROUND_CHANGE = Callback("rc")
ROUND_POINT = Callback("rp")

ALL: tuple[Callback, ...] = tuple(v for v in dict(globals()).values() if isinstance(v, Callback))
# PTB lets a button with empty data match every pattern: this catches it before any feature.
EMPTY_PATTERN = "^$"


def other_than(callback: Callback) -> str:
    """A pattern for every button except `callback`'s."""
    return f"^(?!{callback.pattern[1:]})"
