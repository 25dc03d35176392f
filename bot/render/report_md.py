"""The report as Markdown (CommonMark with GFM tables), from the same outline as the DOCX: the
same sections, headings one level per outline level, and the en dash "–" before a remark."""

from __future__ import annotations

import re

from bot.model.report import ReportSource
from bot.render.report_outline import Block, report_outline

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+)([.)]?)(?=\s|$)")


def md_escape(text: str, at_line_start: bool = True) -> str:
    """Plain text that Markdown shows as written (no accidental emphasis, links or lists)."""
    lines = []
    for line in text.splitlines() or [""]:
        line = _SPECIAL.sub(r"\\\1", line)
        if at_line_start:
            line = _LINE_START.sub(_escape_marker, line)
        lines.append(line)
    return "\n".join(lines)


def _escape_marker(match: re.Match[str]) -> str:
    """A list marker at the start of a line, escaped: "\\- x", "1\\. x"."""
    indent, marker, delimiter = match.groups()
    if marker.isdigit():
        return f"{indent}{marker}\\{delimiter}" if delimiter else match.group()
    return f"{indent}\\{marker}{delimiter}"


def report_markdown(source: ReportSource) -> str:
    """The whole report as a Markdown document."""
    parts: list[str] = []
    previous = ""
    for block in report_outline(source):
        if parts:
            listed = block.kind in ("bullet", "numbered") and block.kind == previous
            parts.append("\n" if listed else "\n\n")
        parts.append(_block(block))
        previous = block.kind
    return "".join(parts) + "\n"


def _block(block: Block) -> str:
    """One outline block as Markdown."""
    if block.kind == "title":
        return f"# {md_escape(block.text, False)}"
    if block.kind == "heading":
        return f"{'#' * (block.level + 1)} {md_escape(block.text, False)}"
    if block.kind == "note":
        return f"*{md_escape(block.text)}*"
    if block.kind == "numbered":
        number, _, rest = block.text.partition(". ")
        return f"{number}. {md_escape(rest)}"
    if block.kind == "table":
        return _table(block)
    if block.kind == "bullet":
        body = md_escape(block.text).replace("\n", "\n  ")
        detail = f" – *{md_escape(block.detail, False)}*" if block.detail else ""
        # A backslash at the end of a line is a hard line break: the support goes under it.
        support = f"\\\n  {md_escape(block.support, False)}" if block.support else ""
        return f"- {body}{detail}{support}"
    return md_escape(block.text)


def _table(block: Block) -> str:
    """A small table as a pipe table (GFM) under its caption; the first row is the header."""
    header, *body = block.rows
    lines = [f"*{md_escape(block.text)}*", ""] if block.text else []
    lines.append("| " + " | ".join(_cell(text) for text in header) + " |")
    lines.append("|" + "---|" * len(header))
    lines += ["| " + " | ".join(_cell(text) for text in row) + " |" for row in body]
    return "\n".join(lines)


def _cell(text: str) -> str:
    """Text for one table cell: escaped, on one line."""
    return md_escape(" ".join(text.split()), False)
