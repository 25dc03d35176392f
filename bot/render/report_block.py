"""One element of the case draft's outline, which Markdown and DOCX both draw."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["title", "heading", "paragraph", "note", "bullet", "numbered", "table"]


@dataclass(frozen=True)
class Block:
    """One element of the report; `text` is plain text (a table's caption, which may be empty),
    `detail` an optional trailing remark, `support` an optional line under a bullet (a point's
    support in the round), `rows` a table's rows (the first is its header row), `new_page` a
    page break before the block."""

    kind: BlockKind
    text: str
    level: int = 0
    detail: str = ""
    support: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    new_page: bool = False
