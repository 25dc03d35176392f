"""A small, exact reader for the part of the gettext .po format that the catalogues use.

Babel's `read_po` builds a whole Catalog (a Locale, locations, flags, plural forms) and takes
several times longer than reading the texts, on the start-up path: the command menus set before
polling need every catalogue. This reader knows only what `tests/support/po.py` writes: comment
lines, blank lines, and `msgid`/`msgstr` entries whose strings may continue on further lines,
plural entries with two forms among them. For anything else (a header, msgctxt, more plural
forms, obsolete entries, a malformed entry) it
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

    As in Babel, the first entry of a repeated message id is the one that counts. A plural entry
    (`msgid_plural` with `msgstr[0]` and `msgstr[1]`) is keyed as in a compiled .mo file: its
    singular and plural ids joined by NUL, its forms likewise.
    """
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    messages: dict[str, str] = {}
    entry: dict[str, list[str]] | None = None  # keyword → quoted pieces of the entry being read
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
            if keyword in _FOLLOWERS:
                if entry is None or keyword in entry or _FOLLOWERS[keyword] not in entry:
                    return None
                entry[keyword] = current = [argument.strip()]
                continue
            if keyword != "msgid":
                return None
        # A comment or a new msgid ends the entry being read.
        if entry is not None and not _add(messages, entry):
            return None
        entry = current = None
        if line[0] != "#":
            current = [argument.strip()]
            entry = {"msgid": current}
    if entry is not None and not _add(messages, entry):
        return None
    return messages


# Each keyword after msgid, and the one it must follow.
_FOLLOWERS = {
    "msgstr": "msgid",
    "msgid_plural": "msgid",
    "msgstr[0]": "msgid_plural",
    "msgstr[1]": "msgstr[0]",
}


def _add(messages: dict[str, str], entry: dict[str, list[str]]) -> bool:
    """Add one finished entry unless its id was seen before; False if it is not plain."""
    if "msgid_plural" in entry:
        if "msgstr" in entry or "msgstr[1]" not in entry:
            return False
        parts = [_text(entry[k]) for k in ("msgid", "msgid_plural", "msgstr[0]", "msgstr[1]")]
        if any(part is None for part in parts) or not parts[0]:
            return False
        singular, plural, one, many = (part or "" for part in parts)
        forms = f"{one}\x00{many}" if one and many else ""
        messages.setdefault(f"{singular}\x00{plural}", forms)
        return True
    if "msgstr" not in entry:
        return False
    ident, text = _text(entry["msgid"]), _text(entry["msgstr"])
    if not ident or text is None:
        return False  # unquoted, or the header (msgid ""), which may set the charset
    messages.setdefault(ident, text)
    return True
