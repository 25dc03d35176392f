"""A small, exact reader for the part of the gettext .po format that the catalogues use.

Babel's `read_po` builds a whole Catalog (a Locale, locations, flags, plural forms) and takes
several times longer than reading the texts, on the start-up path: the command menus set before
polling need every catalogue. This reader knows only what `tests/support/po.py` writes: comment
lines, blank lines, and `msgid`/`msgstr` entries whose strings may continue on further lines.
For anything else (a header, msgctxt, plural forms, obsolete entries, a malformed entry) it
returns None and the caller reads the file with Babel. Where it answers, it answers exactly as
Babel does; tests/test_pofile.py holds it to that on every catalogue and on generated ones.
"""

from __future__ import annotations

import re

# What bytes.strip() removes: Babel strips each line before decoding it.
_ASCII_WHITESPACE = " \t\n\r\x0b\x0c"
_ESCAPE = re.compile(r'\\([\\abfnrtv"])')
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def _unescape(match: re.Match[str]) -> str:
    """One backslash escape, decoded as Babel decodes it."""
    code = match.group(1)
    return _ESCAPES.get(code, code)


def _text(pieces: list[str]) -> str | None:
    """The quoted pieces of one msgid or msgstr as one text, or None if one is not quoted."""
    parts = []
    for piece in pieces:
        if len(piece) < 2 or piece[0] != '"' or piece[-1] != '"':
            return None
        body = piece[1:-1]
        parts.append(_ESCAPE.sub(_unescape, body) if "\\" in body else body)
    return "".join(parts)


def read_messages(data: bytes) -> dict[str, str] | None:
    """Message id → translation ("" if untranslated) of one .po file, or None outside the subset.

    As in Babel, the first entry of a repeated message id is the one that counts.
    """
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    messages: dict[str, str] = {}
    msgid: list[str] | None = None  # the quoted pieces of the entry being read
    msgstr: list[str] | None = None
    current: list[str] | None = None  # where a continuation line goes
    for raw in source.split("\n"):
        line = raw.strip(_ASCII_WHITESPACE)
        if not line:
            continue  # Babel skips blank lines, even inside an entry
        if line[0] == '"':
            if current is None:
                return None
            current.append(line.strip())
            continue
        if line[0] == "#":
            # Obsolete entries, merge conflicts and bidi-isolated locations: leave them to Babel.
            if line[1:2] in ("~", "-") or "\u2068" in line or "\u2069" in line:
                return None
        else:
            keyword, _, argument = line.partition(" ")
            if keyword == "msgstr":
                if msgid is None or msgstr is not None:
                    return None
                msgstr = current = [argument.strip()]
                continue
            if keyword != "msgid":
                return None
        # A comment or a new msgid ends the entry being read.
        if msgid is not None and not _add(messages, msgid, msgstr):
            return None
        msgid = msgstr = current = None
        if line[0] != "#":
            msgid = current = [argument.strip()]
    if msgid is not None and not _add(messages, msgid, msgstr):
        return None
    return messages


def _add(messages: dict[str, str], msgid: list[str], msgstr: list[str] | None) -> bool:
    """Add one finished entry unless its id was seen before; False if it is not plain."""
    if msgstr is None:
        return False
    ident, text = _text(msgid), _text(msgstr)
    if not ident or text is None:
        return False  # unquoted, or the header (msgid ""), which may set the charset
    messages.setdefault(ident, text)
    return True
