"""Split Telegram HTML into messages that fit Telegram's limit without breaking the markup.

Length is measured precisely, the way Telegram limits a message: the text after entity parsing
(tags removed, ``&amp;``/``&#123;`` decoded), counted in UTF-16 code units. UTF-16 units are never
fewer than code points, so a chunk within the budget fits whichever of the two Telegram counts.
The raw HTML of a chunk may be longer than the limit; only the parsed text is limited.

A text is cut at the last paragraph boundary (a blank line) that fits, else the last line break,
else the last space, else between two characters. The whitespace at a cut is dropped. A tag or an
entity is never cut; tags open at a cut are closed at the end of the chunk and reopened at the
start of the next one, so every chunk is well-formed on its own.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from bot.render.limits import MESSAGE_LIMIT

_TOKEN = re.compile(
    r"<[^<>]*>|&(?:#[0-9]{1,10}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{0,30});|.", re.DOTALL
)
_TAG_NAME = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)")
_EMPTY_ELEMENT = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?></\1\s*>")
_PARAGRAPH, _LINE, _WORD = 2, 1, 0


@dataclass(frozen=True)
class _Token:
    """A tag, an entity or one character of the source, with its parsed width."""

    raw: str
    width: int
    tag: str = ""
    closing: bool = False


@dataclass(frozen=True)
class _Gap:
    """A run of whitespace where a text may be cut: tokens [start, end) and its kind."""

    start: int
    end: int
    level: int


def utf16_length(text: str) -> int:
    """Length of `text` in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def visible_length(text: str) -> int:
    """Length of HTML `text` as Telegram limits it: parsed text in UTF-16 code units."""
    return sum(token.width for token in _tokens(text))


def split_html(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split HTML `text` into well-formed chunks of at most `limit` visible characters each."""
    if limit < 2:
        raise ValueError("limit must be at least 2 (one character may take two UTF-16 units)")
    tokens = _tokens(text)
    if sum(t.width for t in tokens) <= limit:
        return [text] if text.strip() else []
    gaps = _gaps(tokens)
    chunks: list[str] = []
    stack: list[_Token] = []
    start = _skip_space(tokens, 0)
    while start < len(tokens):
        end, resume = _cut(tokens, gaps, start, limit)
        closing = _replay(stack, tokens[start:end])
        chunk = "".join(t.raw for t in stack) + "".join(t.raw for t in tokens[start:end])
        chunk += "".join(f"</{t.tag}>" for t in reversed(closing))
        chunk = _drop_empty_elements(chunk)
        if any(t.width and not t.raw.isspace() for t in tokens[start:end]):
            chunks.append(chunk)
        stack = _replay(closing, tokens[end:resume])
        start = resume
    return chunks


def _tokens(text: str) -> list[_Token]:
    """The source as tags, entities and single characters."""
    tokens = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        if raw.startswith("<") and raw.endswith(">") and len(raw) > 1:
            name = _TAG_NAME.match(raw)
            if name:
                tokens.append(_Token(raw, 0, name.group(2).lower(), bool(name.group(1))))
                continue
        decoded = html.unescape(raw) if raw.startswith("&") else raw
        tokens.append(_Token(raw, utf16_length(decoded)))
    return tokens


def _gaps(tokens: list[_Token]) -> list[_Gap]:
    """Every run of whitespace characters, graded paragraph, line or word boundary."""
    gaps: list[_Gap] = []
    index = 0
    while index < len(tokens):
        if tokens[index].tag or not tokens[index].raw.isspace():
            index += 1
            continue
        end = index
        while end < len(tokens) and not tokens[end].tag and tokens[end].raw.isspace():
            end += 1
        newlines = sum(t.raw.count("\n") for t in tokens[index:end])
        level = _PARAGRAPH if newlines >= 2 else _LINE if newlines == 1 else _WORD
        gaps.append(_Gap(index, end, level))
        index = end
    return gaps


def _skip_space(tokens: list[_Token], index: int) -> int:
    """The first token at or after `index` that is not whitespace text."""
    while index < len(tokens) and not tokens[index].tag and tokens[index].raw.isspace():
        index += 1
    return index


def _cut(tokens: list[_Token], gaps: list[_Gap], start: int, limit: int) -> tuple[int, int]:
    """Where the chunk from `start` ends, and where the next chunk starts."""
    width = 0
    fits = start
    while fits < len(tokens) and width + tokens[fits].width <= limit:
        width += tokens[fits].width
        fits += 1
    if fits == len(tokens):
        return fits, fits
    best: _Gap | None = None
    for gap in gaps:
        if gap.start > fits:
            break
        if gap.start > start and (best is None or gap.level >= best.level):
            best = gap
    if best is not None:
        return best.start, _skip_space(tokens, best.end)
    end = _hard_end(tokens, start, fits)
    return end, end


def _hard_end(tokens: list[_Token], start: int, fits: int) -> int:
    """A cut between characters: not before a combining mark, not right after an opening tag."""
    end = fits
    while end > start + 1 and _joins_previous(tokens[end]):
        end -= 1
    while end > start + 1 and tokens[end - 1].tag and not tokens[end - 1].closing:
        end -= 1
    if end <= start:  # a single token wider than the budget: take it whole rather than loop
        end = start + 1
    return end


def _joins_previous(token: _Token) -> bool:
    """Whether a character belongs with the one before it (combining mark, joiner, selector)."""
    if token.tag or len(token.raw) != 1:
        return False
    char = token.raw
    return (
        unicodedata.combining(char) != 0
        or char in "\u200d\ufe0e\ufe0f"
        or "\U0001f3fb" <= char <= "\U0001f3ff"
    )


def _replay(stack: list[_Token], tokens: list[_Token]) -> list[_Token]:
    """The open tags after `tokens`, starting from `stack` (not modified)."""
    opened = list(stack)
    for token in tokens:
        if not token.tag:
            continue
        if not token.closing:
            opened.append(token)
            continue
        for depth in range(len(opened) - 1, -1, -1):
            if opened[depth].tag == token.tag:
                del opened[depth:]
                break
    return opened


def _drop_empty_elements(chunk: str) -> str:
    """Remove elements left empty by a cut (reopened and closed at once); they show nothing."""
    while True:
        reduced = _EMPTY_ELEMENT.sub("", chunk)
        if reduced == chunk:
            return chunk
        chunk = reduced
