"""A Telegram Bot API emulator on loopback for end-to-end tests (standard library only).

Start it, point the bot's ``base_url``/``base_file_url`` at it, drive it as users would, and
assert on what the bot sent. See README.md beside this file.
"""

from .chats import ChatHandle
from .dispatch import SEND_METHODS, Call
from .emulator import DEFAULT_TOKEN, Emulator
from .errors import ApiError, DriverError
from .faults import FaultRecord
from .html_text import FormattedText, parse_html
from .model import Button, Message, Poll, StoredFile, User
from .users import Click, UserHandle

__all__ = [
    "DEFAULT_TOKEN",
    "SEND_METHODS",
    "ApiError",
    "Button",
    "Call",
    "ChatHandle",
    "Click",
    "DriverError",
    "Emulator",
    "FaultRecord",
    "FormattedText",
    "Message",
    "Poll",
    "StoredFile",
    "User",
    "UserHandle",
    "parse_html",
]
