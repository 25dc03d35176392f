"""Cutting a text to a length for a button, a list item or a compact view: the one helper."""

from __future__ import annotations

# Characters a cut text does not end on before its "…".
_TRAILING = " ,;:.-"


def shorten(text: str, limit: int, one_line: bool = True) -> str:
    """`text` cut to at most `limit` characters, ending with "…" when cut.

    The cut falls at the last word boundary when one lies in the second half of the room, so a
    word is not broken needlessly. With `one_line`, every run of whitespace (line breaks too)
    becomes one space first; without it, the text keeps its lines.
    """
    if one_line:
        text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(_TRAILING + "\n") + "…"
