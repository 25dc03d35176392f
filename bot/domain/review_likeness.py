"""How alike the guided review finds two themes, or a member and a theme: Dice coefficients
of word stems, over at most `MAX_MEMBERS` members per side."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

MAX_MEMBERS = 30  # members compared per theme when judging how alike two themes are


def likeness(first: Sequence[frozenset[str]], second: Sequence[frozenset[str]]) -> float:
    """The best Dice coefficient of word stems between a member of each side."""
    best = 0.0
    for a in first[:MAX_MEMBERS]:
        for b in second[:MAX_MEMBERS]:
            if a and b:
                best = max(best, 2 * len(a & b) / (len(a) + len(b)))
    return best


def mean_likeness(first: Sequence[frozenset[str]], second: Sequence[frozenset[str]]) -> float:
    """How alike two themes are: each member's best likeness to the other side, averaged over
    both sides (one shared place name between two members does not make two themes alike)."""
    a, b = first[:MAX_MEMBERS], second[:MAX_MEMBERS]
    if not a or not b:
        return 0.0
    total = sum(likeness([x], b) for x in a) + sum(likeness([y], a) for y in b)
    return total / (len(a) + len(b))


def home_likeness(
    mine: frozenset[str],
    ref: str,
    head: Sequence[str],
    of: Mapping[str, frozenset[str]],
    known: dict[tuple[str, frozenset[str]], float],
    theme_key: str,
) -> float:
    """How alike `ref` (stems `mine`) is to the first other members of its theme (`head`);
    outside `head` it depends only on the stems, and is kept in `known`."""
    if ref in head:
        return mean_likeness([mine], [of[r] for r in head if r != ref][:MAX_MEMBERS])
    found = known.get((theme_key, mine))
    if found is None:
        found = known[theme_key, mine] = mean_likeness([mine], [of[r] for r in head[:MAX_MEMBERS]])
    return found
