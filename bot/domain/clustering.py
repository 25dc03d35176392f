"""Grouping the points of one question into themes, offline and deterministically.

How it works, step by step:

1. Each point's text is normalised and stemmed (`text_norm`) and turned into a TF-IDF vector of
   word stems and character n-grams (`vectors`). Points whose stems are identical are handled as
   one item with a count, so a thousand copies of "traineeordning" cost as much as one.
2. The similarity of two points is the cosine of their vectors: 1 for the same words, 0 for no
   shared feature. Their distance is 1 - similarity.
3. Agglomerative clustering with average linkage: every point starts as its own theme; the two
   themes whose points are closest *on average* are joined, again and again, until no two themes
   are on average closer than the distance threshold. Average linkage means one shared word does
   not chain unrelated themes together: the whole of both themes must be alike.
4. Because the vectors have unit length, the average similarity of all point pairs between two
   themes equals (sum of the vectors of theme A) · (sum of the vectors of theme B) / (|A| × |B|),
   so it is computed from one summed vector per theme, never from a table of all pairs.
5. Two themes can only be joined if at least one pair of their points is within the threshold
   (an average cannot exceed the best pair), so only such pairs are looked up, through an index
   from each feature to the items holding it. Up to `EXACT_UP_TO` distinct wordings (far more
   than a ting produces per question) every such pair is found and the result is exact.
6. Larger inputs (benchmarks: 10,000 to 100,000 points) take two shortcuts that keep time and
   memory growing roughly in line with the number of points: near-duplicate wordings (similarity
   at least `CONDENSE_SIMILARITY`) are first grouped behind a leader, and each group only looks at
   its `NEIGHBOURS` most promising other groups, found through the heaviest features of leaders.

7. A point that opposes what it names ("ikkje slå saman", "stopp utbygginga", `negation`) is
   never joined with one that does not: opposing and other points are clustered apart, so an
   opposition gets a theme of its own. The frame's own words ("stopp", "takk") are left out of
   its stems, and among opposing points a compound also counts by its first part when that is
   another point's stem ("Ikkje fleire hyttefelt" meets "Nei til hytter", `modifier_heads`); for
   all points that split joined unrelated proposals (bench/README.md).

**The threshold is decided per question**, not once for all (`question_threshold`): for every
distinct wording its nearest neighbour (most similar other wording of the same stance) is found,
and two themes are joined while their mean similarity is at least `NEIGHBOUR_SHARE` (0.2) of the
median nearest-neighbour similarity, kept within [`LOWEST_SIMILARITY`, `HIGHEST_SIMILARITY`]
(0.05 to 0.15; below 0.05 unrelated words meet through a shared trigram, "grendene" and
"gründerar"). A small ting with terse, varied answers gets a low bar, a big one whose answers
repeat each other's words a higher one. The share was chosen on the tuning sets in
tests/fixtures (0.15 to 0.25 all meet the summary targets there) and checked on the held-out set
(bench/summary_quality.py). An organiser may still fix a threshold in the configuration; above
`EXACT_UP_TO` wordings `DEFAULT_THRESHOLD` (0.92, a similarity of 0.08) is used.

After clustering, `outliers` finds members that came in through a chain rather than the theme
(mean similarity to the other members below `BELONG_RATIO` of the theme's `coherence`); the
summary takes them out, so their group does not count for the theme.

The result does not depend on the order of the input: wordings are processed in a canonical order
(alphabetical by stems; for leaders, most repeated first), and ties are broken by that order.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence

from bot.domain.linkage import (
    CONDENSE_SIMILARITY,
    EXACT_UP_TO,
    NEIGHBOURS,
    average_linkage,
    condense,
    exact_pairs,
    neighbour_pairs,
)
from bot.domain.muting import GENERIC_STEMS
from bot.domain.negation import stance
from bot.domain.text_norm import content_stems, head_stems, normalise, word_stems
from bot.domain.vectors import (
    Vector,
    add_into,
    compound_heads,
    dot,
    modifier_heads,
    raw_features,
    tfidf_vectors,
)

DEFAULT_THRESHOLD = 0.92
"""Cosine distance under which two themes are joined (similarity above 1 - threshold)."""

BELONG_RATIO = 0.5
"""A member belongs to its theme if its mean similarity to the others is at least this share of
the theme's coherence (the mean similarity of all its pairs)."""

NEIGHBOUR_SHARE = 0.2
LOWEST_SIMILARITY = 0.05
HIGHEST_SIMILARITY = 0.15

_MIN_FOR_OUTLIERS = 3  # in a pair neither point is more typical than the other


class PointSpace:
    """The vectors of the points of one question, ready for clustering and finding labels."""

    def __init__(self, texts: Sequence[str], question: str = "") -> None:
        """Vectorise the texts (answers to `question`); equal stemmed texts share one item."""
        keys: dict[tuple[str, ...], list[int]] = {}
        eligible: set[str] = set()  # stems that may be a compound's head (`head_stems`)
        seen: set[tuple[str, ...]] = set()
        for index, text in enumerate(texts):
            words = normalise(text).split()
            view = stance(words)  # the opposition frame's own words name no subject
            stems = tuple(word_stems(view.topic))
            if stems not in seen:
                seen.add(stems)
                eligible |= head_stems(view.topic)
            # Texts without content words are kept apart by their full normalised text.
            key = stems if stems else ("\x00", " ".join(words))
            # A point and its negation share their stems but never one item.
            keys.setdefault(("-" if view.opposes else "+", *key), []).append(index)
        ordered = sorted(keys)
        self._members: list[list[int]] = [keys[key] for key in ordered]
        self._item_of: list[int] = [0] * len(texts)
        for item, members in enumerate(self._members):
            for index in members:
                self._item_of[index] = item
        self._negated = [key[0] == "-" for key in ordered]
        stem_lists = [[] if key[1:2] == ("\x00",) else list(key[1:]) for key in ordered]
        every_stem = {stem for stems in stem_lists for stem in stems}
        heads = compound_heads(every_stem, eligible)
        asked = _asked(content_stems(question), every_stem)
        muted = asked | GENERIC_STEMS
        # Opposition points also meet through a compound's first part ("hyttefelt", "hytter").
        opposing = {
            stem for item, stems in enumerate(stem_lists) if self._negated[item] for stem in stems
        }
        opposing_heads = heads | modifier_heads(opposing - heads.keys(), eligible, muted)
        features = [
            raw_features(stems, opposing_heads if self._negated[item] else heads, muted, asked)
            for item, stems in enumerate(stem_lists)
        ]
        self._vectors: list[Vector] = tfidf_vectors(features, [len(m) for m in self._members])

    def similarity(self, first: int, second: int) -> float:
        """Return the cosine similarity of two texts, by input index."""
        if self._negated[self._item_of[first]] != self._negated[self._item_of[second]]:
            return 0.0
        if self._item_of[first] == self._item_of[second]:
            return 1.0 if self._vectors[self._item_of[first]] else 0.0
        return dot(self._vectors[self._item_of[first]], self._vectors[self._item_of[second]])

    def _summed(self, members: Sequence[int]) -> tuple[Counter[int], Vector]:
        """Return how many members each item has, and the sum of the members' vectors."""
        items = Counter(self._item_of[index] for index in members)
        # Summed per distinct wording, not per point: 10,000 points hold far fewer wordings.
        return items, add_into({}, ((self._vectors[item], float(n)) for item, n in items.items()))

    def most_central(self, members: Sequence[int]) -> int:
        """Return the member with the highest mean similarity to the others (first on ties)."""
        _, total = self._summed(members)
        scores = {
            item: dot(self._vectors[item], total) for item in {self._item_of[i] for i in members}
        }
        best, best_score = members[0], float("-inf")
        for index in members:
            score = scores[self._item_of[index]]
            if score > best_score + 1e-12:
                best, best_score = index, score
        return best

    def coherence(self, members: Sequence[int]) -> float:
        """Return the mean similarity of all pairs of members (1.0 for a single point)."""
        if len(members) < 2:
            return 1.0
        items, total = self._summed(members)
        return self._coherence(items, total, len(members))

    def _coherence(self, items: Counter[int], total: Vector, size: int) -> float:
        norms = sum(n for item, n in items.items() if self._vectors[item])
        return max(0.0, (dot(total, total) - norms) / (size * (size - 1)))

    def outliers(self, members: Sequence[int], ratio: float = BELONG_RATIO) -> list[int]:
        """Return the members whose mean similarity to the others is below `ratio` x coherence.

        Such a point reached its theme through a word or two it shares with some members (a
        chain), not through what the theme is about; it must not make its group count.
        """
        if len(members) < _MIN_FOR_OUTLIERS:
            return []
        items, total = self._summed(members)
        bar = ratio * self._coherence(items, total, len(members)) - 1e-12
        lonely_items = set()
        for item in items:
            vector = self._vectors[item]
            if (dot(vector, total) - (1.0 if vector else 0.0)) / (len(members) - 1) < bar:
                lonely_items.add(item)
        return [index for index in members if self._item_of[index] in lonely_items]

    def question_threshold(self) -> float:
        """Return the distance threshold for this question, from how alike its answers are.

        Each distinct wording's nearest neighbour is found (its most similar other wording); the
        bar for joining is `NEIGHBOUR_SHARE` of the median of those similarities, kept within
        [`LOWEST_SIMILARITY`, `HIGHEST_SIMILARITY`]. Terse, varied answers (a small ting) get a
        low bar; many answers repeating each other's words get a higher one, so a shared common
        word no longer joins them. Above `EXACT_UP_TO` wordings the default threshold is used.
        """
        if not 2 <= len(self._vectors) <= EXACT_UP_TO:
            return DEFAULT_THRESHOLD
        best = [0.0] * len(self._vectors)
        for (left, right), similarity in exact_pairs(self._vectors, 1e-9).items():
            if self._negated[left] == self._negated[right]:
                best[left] = max(best[left], similarity)
                best[right] = max(best[right], similarity)
        bar = NEIGHBOUR_SHARE * statistics.median(best)
        return 1.0 - min(HIGHEST_SIMILARITY, max(LOWEST_SIMILARITY, bar))

    def cluster(self, threshold: float | None = None) -> list[list[int]]:
        """Return the clusters as sorted lists of input indices, ordered by their first index.

        Without a threshold, the question's own is used (`question_threshold`).
        """
        if threshold is None:
            threshold = self.question_threshold()
        clusters: list[list[int]] = []
        for negated in (False, True):
            # Negated points are clustered on their own: they never join a point they oppose.
            items = [item for item, flag in enumerate(self._negated) if flag == negated]
            for local in _cluster_items(
                [self._vectors[item] for item in items],
                [len(self._members[item]) for item in items],
                1.0 - threshold,
            ):
                clusters.append(
                    sorted(index for position in local for index in self._members[items[position]])
                )
        return sorted(clusters)


def _asked(question: list[str], answers: set[str]) -> frozenset[str]:
    """The question's stems, and the first part of its compounds when answers use it as a
    word and the rest begins one of theirs: asked about *hyttenæringa*, answers echo *hytte* as
    they would the whole word (but *Hallingdal* is no *hall* + *ingdal*)."""
    parts = {
        word[:cut]
        for word in question
        for cut in range(_MIN_PART, len(word) - _MIN_PART + 2)
        if word[:cut] in answers and _begins_a_word(word[cut:], answers)
    }
    return frozenset(question) | parts


def _begins_a_word(rest: str, answers: set[str]) -> bool:
    """Whether `rest` begins, or is begun by, an answer's stem: of four letters or more, or of
    three after a linking "e" or "s" (*hytte|næring*, *nærings|utvikling*)."""
    linked = rest[:1] in ("e", "s") and len(rest) > _MIN_REST
    rest = rest[1:] if linked else rest
    return len(rest) >= (_MIN_REST if linked else _MIN_PART) and any(
        len(stem) >= _MIN_PART and (stem.startswith(rest) or rest.startswith(stem))
        for stem in answers
    )


_MIN_PART = 4
_MIN_REST = 3


def _cluster_items(
    vectors: Sequence[Vector], counts: Sequence[int], minimum: float
) -> list[list[int]]:
    """Cluster items (vectors standing for `counts` points each) by average linkage."""
    if not vectors:
        return []
    if len(vectors) <= EXACT_UP_TO:
        groups: list[list[int]] = [[item] for item in range(len(vectors))]
        pairs: dict[tuple[int, int], float | None] = {
            pair: similarity * counts[pair[0]] * counts[pair[1]]
            for pair, similarity in exact_pairs(vectors, minimum).items()
        }
    else:
        # The most repeated wordings lead the near-duplicate groups.
        order = sorted(range(len(vectors)), key=lambda item: (-counts[item], item))
        similarity = max(CONDENSE_SIMILARITY, minimum)
        condensed = condense([vectors[item] for item in order], similarity)
        groups = [[order[position] for position in group] for group in condensed]
        leaders = [vectors[group[0]] for group in groups]
        pairs = dict.fromkeys(neighbour_pairs(leaders, NEIGHBOURS))
    return average_linkage(vectors, counts, groups, pairs, minimum)


def cluster_texts(
    texts: Sequence[str], threshold: float | None = DEFAULT_THRESHOLD, question: str = ""
) -> list[list[int]]:
    """Cluster texts; return sorted lists of input indices, ordered by their first index."""
    return PointSpace(texts, question).cluster(threshold)
