"""The last thing drawn from an input, kept while the input stays the same.

The channel preview draws the whole post and hashes it with every answer's raw row (the
publication's content hash): on 10,000 points that is about half a second, paid by every look
at the preview (console and /publiser) although nothing changed. What is drawn is a pure
function of its input (renderers draw only what they are given), so an input equal to the
last one gives the same drawing, taken from here. Equality, not a hash, decides: comparing two
compiled digests is cheap where the compile memo gives the same objects, and a changed answer,
curation step or vote is never missed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

T = TypeVar("T")


class DrawnMemo:
    """Per name (one consultation's post, say), the last input and what was drawn from it."""

    def __init__(self) -> None:
        self._last: dict[Hashable, tuple[object, Any]] = {}

    def draw(self, name: Hashable, given: object, make: Callable[[], T]) -> T:
        """What `make()` draws from `given`: drawn again only if `given` differs from the
        input last drawn under `name`."""
        last = self._last.get(name)
        if last is not None and last[0] == given:
            return cast(T, last[1])
        drawn = make()
        self._last[name] = (given, drawn)
        return drawn

    def __len__(self) -> int:
        return len(self._last)
