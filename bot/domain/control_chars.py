"""Control characters and bidi overrides taken out of what people write, visibly.

A NUL or an escape in an answer breaks the Markdown and CSV exports and some readers of the
DOCX; a right-to-left override (U+202E) makes the channel post show a point reversed from that
character on. So, on the way in, each such character is replaced by a visible stand-in that
says what it was: a C0 control or DEL by its Unicode control picture (NUL → "␀", ESC → "␛"),
a C1 control or a bidi embedding, override or isolate by "[U+XXXX]". Tab and newline stay;
a carriage return, as in "\\r\\n", becomes a newline, and line and paragraph separators too.
"""

from __future__ import annotations

import re

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Everything replaced: C0 but tab and newline, DEL, C1, bidi formatting, CR, U+2028/U+2029.
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\u2028\u2029]")
_NEWLINE = {"\r": "\n", "\u2028": "\n", "\u2029": "\n"}


def _stand_in(match: re.Match[str]) -> str:
    """The visible replacement of one unsafe character."""
    char = match.group()
    if char in _NEWLINE:
        return _NEWLINE[char]
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block, in the same order
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"[U+{code:04X}]"


def neutralise(text: str) -> str:
    """`text` with every control character and bidi override replaced by a visible stand-in."""
    text = text.replace("\r\n", "\n")
    return _UNSAFE.sub(_stand_in, text) if _UNSAFE.search(text) else text
