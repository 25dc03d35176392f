"""Average-linkage agglomeration of sparse unit vectors, without an all-pairs table.

Used by `clustering`; see its docstring for the method in plain words. Items are indices into a
list of unit-length sparse vectors, each standing for `counts[item]` identical points. The order
of the items is the tie-break order: callers pass them in a canonical order, never input order.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from bot.domain.vectors import Vector, dot

EXACT_UP_TO = 400
"""Up to this many distinct items every pair is considered and the result is exact."""

CONDENSE_SIMILARITY = 0.4
"""Above EXACT_UP_TO items, near-duplicates at least this similar are first grouped together."""

NEIGHBOURS = 12
"""Above EXACT_UP_TO items, how many closest candidates of each group are kept as possible joins."""

_QUERY_FEATURES = 12  # heaviest features of an item used to look up candidates
_POSTING_LIMIT = 256  # entries read from one feature's list during a look-up
_EPSILON = 1e-12


def _heaviest(vector: Vector, count: int) -> list[tuple[str, float]]:
    """Return the `count` heaviest features of a vector; ties by feature name."""
    return heapq.nsmallest(count, vector.items(), key=lambda pair: (-pair[1], pair[0]))


def exact_pairs(vectors: Sequence[Vector], minimum: float) -> dict[tuple[int, int], float]:
    """Return every pair (a, b), a < b, whose cosine similarity is at least `minimum`."""
    index: dict[str, list[tuple[int, float]]] = {}
    pairs: dict[tuple[int, int], float] = {}
    for item, vector in enumerate(vectors):
        scores: dict[int, float] = {}
        for feature, weight in vector.items():
            for other, other_weight in index.get(feature, ()):
                scores[other] = scores.get(other, 0.0) + weight * other_weight
            index.setdefault(feature, []).append((item, weight))
        for other, score in scores.items():
            if score >= minimum - _EPSILON:
                pairs[other, item] = score
    return pairs


def condense(vectors: Sequence[Vector], similarity: float) -> list[list[int]]:
    """Group near-duplicate items: each joins the most similar earlier leader, if close enough."""
    leaders: list[int] = []
    groups: dict[int, list[int]] = {}
    index: dict[str, list[int]] = {}
    for item, vector in enumerate(vectors):
        query = _heaviest(vector, _QUERY_FEATURES)
        overlap: dict[int, float] = {}
        for feature, weight in query:
            for leader in index.get(feature, ())[:_POSTING_LIMIT]:
                overlap[leader] = overlap.get(leader, 0.0) + weight * vectors[leader][feature]
        best, best_score = -1, similarity - _EPSILON
        for leader, _ in heapq.nsmallest(3, overlap.items(), key=lambda p: (-p[1], p[0])):
            score = dot(vector, vectors[leader])
            if score >= best_score and (score > best_score or best < 0 or leader < best):
                best, best_score = leader, score
        if best >= 0:
            groups[best].append(item)
            continue
        leaders.append(item)
        groups[item] = [item]
        for feature, _ in query:
            index.setdefault(feature, []).append(item)
    return [groups[leader] for leader in leaders]


def neighbour_pairs(vectors: Sequence[Vector], neighbours: int) -> set[tuple[int, int]]:
    """Return pairs (a, b), a < b, linking each vector to its closest candidates."""
    index: dict[str, list[int]] = {}
    for item, vector in enumerate(vectors):
        for feature, _ in _heaviest(vector, _QUERY_FEATURES):
            index.setdefault(feature, []).append(item)
    pairs: set[tuple[int, int]] = set()
    for item, vector in enumerate(vectors):
        overlap: dict[int, float] = {}
        for feature, weight in _heaviest(vector, _QUERY_FEATURES):
            for other in index[feature][:_POSTING_LIMIT]:
                if other != item:
                    overlap[other] = overlap.get(other, 0.0) + weight * vectors[other][feature]
        closest = heapq.nsmallest(neighbours, overlap.items(), key=lambda p: (-p[1], p[0]))
        pairs.update((min(item, other), max(item, other)) for other, _ in closest)
    return pairs


class _Forest:
    """The clusters during agglomeration: summed vectors, sizes and known dot products."""

    def __init__(self) -> None:
        self.sums: dict[int, Vector] = {}
        self.sizes: dict[int, int] = {}
        self.items: dict[int, list[int]] = {}
        self.first: dict[int, int] = {}
        self.dots: dict[int, dict[int, float]] = {}  # cluster -> adjacent cluster -> sum · sum

    def add(self, cluster: int, total: Vector, size: int, items: list[int]) -> None:
        self.sums[cluster], self.sizes[cluster], self.items[cluster] = total, size, items
        self.first[cluster], self.dots[cluster] = min(items), {}

    def link(self, left: int, right: int, product: float) -> None:
        self.dots[left][right] = self.dots[right][left] = product

    def average(self, left: int, right: int) -> float:
        return self.dots[left][right] / (self.sizes[left] * self.sizes[right])


def average_linkage(
    vectors: Sequence[Vector],
    counts: Sequence[int],
    groups: Sequence[Sequence[int]],
    pairs: dict[tuple[int, int], float | None],
    minimum: float,
) -> list[list[int]]:
    """Join groups of items while the mean similarity of two adjacent groups is >= minimum.

    `pairs` says which groups are adjacent (by position in `groups`) and, when known, the dot
    product of their summed vectors; a join makes the new group adjacent to both sides' groups.
    """
    forest = _Forest()
    for position, group in enumerate(groups):
        total: Vector = {}
        for item in group:
            for feature, weight in vectors[item].items():
                total[feature] = total.get(feature, 0.0) + weight * counts[item]
        forest.add(position, total, sum(counts[item] for item in group), list(group))
    heap: list[tuple[float, int, int, int, int]] = []
    for (left, right), known in pairs.items():
        product = dot(forest.sums[left], forest.sums[right]) if known is None else known
        forest.link(left, right, product)
        _push(heap, forest, left, right, minimum)
    next_id = len(groups)
    while heap:
        _, _, _, left, right = heapq.heappop(heap)
        if left not in forest.sums or right not in forest.sums:
            continue  # one side was joined into another cluster after this entry was pushed
        new, next_id = next_id, next_id + 1
        around = sorted((forest.dots[left].keys() | forest.dots[right].keys()) - {left, right})
        products = {
            other: _known_or_dot(forest, left, other) + _known_or_dot(forest, right, other)
            for other in around
        }
        big, small = sorted((left, right), key=lambda c: -len(forest.sums[c]))
        total = forest.sums.pop(big)
        for feature, weight in forest.sums.pop(small).items():
            total[feature] = total.get(feature, 0.0) + weight
        forest.add(
            new,
            total,
            forest.sizes.pop(left) + forest.sizes.pop(right),
            forest.items.pop(left) + forest.items.pop(right),
        )
        for gone in (left, right):
            forest.first.pop(gone)
            for other in forest.dots.pop(gone):
                forest.dots[other].pop(gone, None)
        for other in around:
            forest.link(new, other, products[other])
            _push(heap, forest, new, other, minimum)
    return [sorted(items) for items in forest.items.values()]


def _known_or_dot(forest: _Forest, cluster: int, other: int) -> float:
    known = forest.dots[cluster].get(other)
    return dot(forest.sums[cluster], forest.sums[other]) if known is None else known


def _push(
    heap: list[tuple[float, int, int, int, int]],
    forest: _Forest,
    left: int,
    right: int,
    minimum: float,
) -> None:
    average = forest.average(left, right)
    if average >= minimum - _EPSILON:
        low, high = sorted((forest.first[left], forest.first[right]))
        heapq.heappush(heap, (-average, low, high, left, right))
