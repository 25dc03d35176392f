"""Telegram's HTML parse mode: tags and entities → plain text plus MessageEntity dicts.

Follows the Bot API rules (https://core.telegram.org/bots/api#html-style): only the documented
tags, only ``&lt; &gt; &amp; &quot;`` and numeric character references, every tag closed in
order. Anything else is rejected the way Telegram does, with "can't parse entities".
Offsets and lengths of entities are in UTF-16 code units, as in the Bot API.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
}
_ALL_TAGS = {*_SIMPLE_TAGS, "span", "a", "blockquote", "tg-emoji"}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[a-zA-Z]{1,10});")
_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
_END = re.compile(r"</([a-zA-Z][a-zA-Z0-9-]*)\s*>")
_ATTR = re.compile(r"\s+([a-zA-Z][a-zA-Z0-9-]*)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>\"']+))?")
_TAG_CLOSE = re.compile(r"\s*>")


class EntityParseError(ValueError):
    """The text is not valid Telegram HTML; the message is Telegram's reason."""


@dataclass(frozen=True)
class FormattedText:
    """Text after entity parsing, with its entities (Bot API dicts)."""

    text: str
    entities: tuple[dict[str, Any], ...] = ()


@dataclass
class _Open:
    tag: str
    start: int  # UTF-16 offset into the output
    attrs: dict[str, str] = field(default_factory=dict)
    pre_language: str | None = None


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (the unit of entity offsets)."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(src: str, index: int) -> int:
    return len(src[:index].encode("utf-8"))


def _decode_entity(match: re.Match[str]) -> str | None:
    name = match.group(1)
    if name.startswith("#"):
        number = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
        if number == 0 or number > 0x10FFFF or 0xD800 <= number <= 0xDFFF:
            return None
        return chr(number)
    return _NAMED_ENTITIES.get(name)


def parse_html(src: str) -> FormattedText:
    """Parse Telegram HTML; raise EntityParseError with Telegram's reason when malformed."""
    out: list[str] = []
    pos16 = 0
    stack: list[_Open] = []
    entities: list[tuple[int, dict[str, Any]]] = []  # (nesting depth, entity)
    i = 0
    while i < len(src):
        char = src[i]
        if char == "&":
            match = _ENTITY.match(src, i)
            decoded = _decode_entity(match) if match else None
            if match and decoded is not None:
                out.append(decoded)
                pos16 += utf16_len(decoded)
                i = match.end()
                continue
            out.append("&")  # unknown entities stay literal text, as in Telegram
            pos16 += 1
            i += 1
        elif char == "<" and src.startswith("</", i):
            i = _close_tag(src, i, stack, entities, pos16)
        elif char == "<":
            i = _open_tag(src, i, stack, pos16)
        else:
            out.append(char)
            pos16 += utf16_len(char)
            i += 1
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    entities.sort(key=lambda item: (item[1]["offset"], -item[1]["length"], item[0]))
    return FormattedText("".join(out), tuple(entity for _, entity in entities))


def _open_tag(src: str, i: int, stack: list[_Open], pos16: int) -> int:
    match = _START.match(src, i)
    if not match:
        raise EntityParseError(f"Unsupported start tag at byte offset {_byte_offset(src, i)}")
    tag = match.group(1).lower()
    if tag not in _ALL_TAGS:
        raise EntityParseError(
            f'Unsupported start tag "{tag}" at byte offset {_byte_offset(src, i)}'
        )
    attrs: dict[str, str] = {}
    j = match.end()
    while (attr := _ATTR.match(src, j)) is not None:
        value = attr.group(2) or ""
        if value[:1] in "\"'":
            value = value[1:-1]
        attrs[attr.group(1).lower()] = html.unescape(value)
        j = attr.end()
    close = _TAG_CLOSE.match(src, j)
    if not close:
        raise EntityParseError(
            f'Can\'t find end of tag "{tag}" at byte offset {_byte_offset(src, i)}'
        )
    if tag == "span" and attrs.get("class") != "tg-spoiler":
        raise EntityParseError('Tag "span" must have class "tg-spoiler"')
    if tag == "a" and "href" not in attrs:
        attrs["href"] = ""
    stack.append(_Open(tag, pos16, attrs))
    return close.end()


def _close_tag(
    src: str, i: int, stack: list[_Open], entities: list[tuple[int, dict[str, Any]]], pos16: int
) -> int:
    match = _END.match(src, i)
    offset = _byte_offset(src, i)
    if not match:
        raise EntityParseError(f"Unclosed end tag at byte offset {offset}")
    tag = match.group(1).lower()
    if not stack:
        raise EntityParseError(f"Unexpected end tag at byte offset {offset}")
    top = stack[-1]
    if top.tag != tag:
        raise EntityParseError(
            f'Unmatched end tag at byte offset {offset}, expected "</{top.tag}>", found "</{tag}>"'
        )
    stack.pop()
    language = top.attrs.get("class", "")
    if tag == "code" and stack and stack[-1].tag == "pre" and language.startswith("language-"):
        stack[-1].pre_language = language.removeprefix("language-")
    elif pos16 > top.start:
        entities.append((len(stack), _entity(top, pos16 - top.start)))
    return match.end()


def _entity(opened: _Open, length: int) -> dict[str, Any]:
    entity: dict[str, Any] = {"offset": opened.start, "length": length}
    if opened.tag in _SIMPLE_TAGS:
        entity["type"] = _SIMPLE_TAGS[opened.tag]
        if opened.tag == "pre" and opened.pre_language:
            entity["language"] = opened.pre_language
    elif opened.tag == "span":
        entity["type"] = "spoiler"
    elif opened.tag == "a":
        href = opened.attrs["href"]
        user = re.fullmatch(r"tg://user\?id=(\d+)", href)
        if user:
            entity.update(type="text_mention", user={"id": int(user.group(1))})
        else:
            entity.update(type="text_link", url=href)
    elif opened.tag == "blockquote":
        expandable = "expandable" in opened.attrs
        entity["type"] = "expandable_blockquote" if expandable else "blockquote"
    else:  # tg-emoji
        entity.update(type="custom_emoji", custom_emoji_id=opened.attrs.get("emoji-id", ""))
    return entity


def trim(formatted: FormattedText) -> FormattedText:
    """Strip leading/trailing whitespace as Telegram does, moving and clipping entities."""
    text = formatted.text
    stripped = text.strip()
    if stripped == text:
        return formatted
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    end = utf16_len(stripped)
    entities = []
    for entity in formatted.entities:
        start = max(entity["offset"] - lead, 0)
        stop = min(entity["offset"] + entity["length"] - lead, end)
        if stop > start:
            entities.append({**entity, "offset": start, "length": stop - start})
    return FormattedText(stripped, tuple(entities))
