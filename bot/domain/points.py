"""Splitting one answer into its points.

An answer is split where its writer made a list:

- every line is a point, and so is every bullet ("-", "*", "•", "–", ...) and every numbered item
  ("1.", "2)", "(3)", "a)", "b."), also when the numbers run inline ("1) fond 2) trainee");
- a line that is hard-wrapped (a long line without closing punctuation, followed by a line that
  starts in lower case) is joined with the next line;
- a short heading line ending in ":" ("Tiltak:") introduces a list and is not a point;
- a point that holds two points ("A og B", "A; B") and a long paragraph about many things are
  split further (`clauses`); short sentences in one paragraph are never split.

Markers, surrounding whitespace and trailing commas or semicolons are removed; points without
any letter or digit are dropped. A short answer is one point.
"""

from __future__ import annotations

import re
from itertools import pairwise

from bot.domain.clauses import split_clauses

_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BULLET = re.compile(r"^[-*•–—·▪◦‣+>]+\s*")
_ENUMERATION = re.compile(
    r"^(?:\(?\d{1,2}[.)]\s+|\(\d{1,2}\)\s*|[a-zA-ZæøåÆØÅ]\)\s+|[a-zæøå]\.\s+)"
)
_INLINE_BULLET = re.compile(r"\s*[•▪◦‣]\s*")
_INLINE_NUMBER = re.compile(r"(?:(?<=\s)|^)\(?(\d{1,2})[.)]\s+")
_CLOSING = (".", "!", "?", ":", ";", ")", '"', "»")
_WRAP_LENGTH = 60  # lines at least this long may be hard-wrapped text
_HEADING_WORDS = 8
_TRIM = " \t,;-–—*•·"
_CONTENT = re.compile(r"[^\W_]")


def split_points(text: str) -> list[str]:
    """Split an answer into its points, without markers; empty points are dropped."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\t", " ")
    lines = [_inline_items(" ".join(raw.split())) for raw in text.split("\n")]
    # "10. juni ..." alone is a sentence; numbering makes a list only when it occurs twice.
    enumerated = sum(bool(_ENUMERATION.match(p)) for line in lines for p in line) >= 2
    items: list[str] = []
    previous = ""
    for line in lines:
        if not line:
            previous = ""
        for piece in line:
            marked = _BULLET.match(piece) or (enumerated and _ENUMERATION.match(piece))
            if items and not marked and _is_wrapped(previous, piece):
                items[-1] = f"{items[-1]} {piece}"
            else:
                items.append(piece)
            previous = piece
    points: list[str] = []
    for position, item in enumerate(items):
        if _is_heading(item) and position + 1 < len(items):
            continue
        point = _clean(item, enumerated)
        if point:
            points.extend(split_clauses(point))
    return points


def _inline_items(line: str) -> list[str]:
    """Split a line holding an inline bullet list or an inline numbered list 1, 2, ..."""
    if not line:
        return []
    pieces = [piece for piece in _INLINE_BULLET.split(line) if piece]
    if len(pieces) > 1:
        return pieces
    starts: list[int] = []
    for match in _INLINE_NUMBER.finditer(line):
        if int(match.group(1)) == len(starts) + 1:
            starts.append(match.start())
    if len(starts) < 2:
        return [line]
    bounds = [*starts, len(line)]
    head = line[: starts[0]].strip()
    items = [line[begin:end].strip() for begin, end in pairwise(bounds)]
    return [head, *items] if head else items


def _is_wrapped(previous: str, line: str) -> bool:
    """Tell whether a line continues a hard-wrapped previous line."""
    return (
        len(previous) >= _WRAP_LENGTH
        and not previous.endswith(_CLOSING)
        and line[:1].isalpha()
        and line[:1].islower()
    )


def _is_heading(item: str) -> bool:
    """Tell whether an item is a short heading such as "Tiltak:"."""
    return item.endswith(":") and len(item.split()) <= _HEADING_WORDS


def _clean(item: str, enumerated: bool) -> str:
    """Remove the list marker and surrounding junk; return "" if nothing meaningful is left."""
    item = _BULLET.sub("", item, count=1)
    if enumerated:
        item = _ENUMERATION.sub("", item, count=1)
    item = item.strip(_TRIM).rstrip(":").strip()
    return item if _CONTENT.search(item) else ""
