"""Sparse TF-IDF vectors of short Norwegian texts, built from word stems and character n-grams.

A point is described by two kinds of features, both taken from its normalised, stemmed content
words (see `text_norm`):

- its word stems ("kommun", "traineeordn"), plus the last part of a compound when that part is a
  word of its own in some other point of the question ("næringsfond" also counts as "fond"), and
- the character n-grams of each stem, with "<" and ">" marking the word's start and end
  ("<tra", "trai", "rain", ...). N-grams let compounds and spelling variants meet halfway:
  "næringsfond" and "fond for næringslivet" share "fond>" and "<nær", "ærin", ...

Words of the question itself ("kommunane", "næringslivet", "felles") are echoed by many answers
without telling them apart, so they count with weight `QUESTION_WORD_WEIGHT` (0.25) and add no
n-grams (the first part of a question's compound too, when answers use it as a word: asked
about "hyttenæringa", every answer is about "hytter"); so do the words that chain unrelated council answers (`muting.GENERIC_STEMS`). The
first part of a compound is not split off when it is a prefix ("inter-", "føre-").

Each feature is weighted by TF-IDF: (1 + log of its count in the point) × (log((1 + n) / (1 + df))
+ 1), where n is the number of points and df the number of points holding it, so features found
in most points (such as "hallingdal") count little; a feature held by more than `COMMON_SHARE`
of the points of a question (with at least 20 points) counts `COMMON_FACTOR` of that. Each kind is scaled to unit length and the two
are joined with weights `WORD_WEIGHT` and 1 - `WORD_WEIGHT`, so the cosine similarity of two
points is the weighted mean of their word cosine and their n-gram cosine.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from bot.domain import english, glossary
from bot.domain.text_norm import stem
from bot.domain.variants import PARTICLE_VERBS, PHRASE_VARIANTS

Vector = dict[str, float]

NGRAM_SIZES: tuple[int, ...] = (3, 4, 5)
WORD_WEIGHT = 0.5
IDF_OFFSET = 1.0
QUESTION_WORD_WEIGHT = 0.25
COMMON_SHARE = 0.3
COMMON_FACTOR = 0.3
_WORD_PREFIX = "#"  # word features never clash with n-grams, which hold no "#" or "~"
_QUESTION_PREFIX = "~"
_MIN_HEAD = 4  # "fond" is a head of "næringsfond"; "dal" of "hallingdal" is too short to count
_MIN_MODIFIER = 3
# Prefixes, not words: "interkommunal" is not "inter" + "kommunal", "førebygging" not "føre" + "bygg".
_PREFIXES = frozenset(
    [
        "inter",
        "føre",
        "fore",
        "sam",
        "sams",
        "mot",
        "gjen",
        "over",
        "under",
        "an",
        "be",
        "for",
        "mis",
        "til",
    ]
)
# The one-word forms phrases and glossary words are folded to: one concept, not a compound.
_FOLDED = frozenset(
    stem(word)
    for words in (
        *PHRASE_VARIANTS.values(),
        *glossary.PHRASES.values(),
        glossary.WORDS.values(),
        english.WORDS.values(),
        [word for _, word in PARTICLE_VERBS.values()],
    )
    for word in words
)
_COMMON_MIN = 20  # below this many points a shared word is no evidence of being common


@lru_cache(maxsize=65536)
def _ngrams(stem: str) -> tuple[str, ...]:
    marked = f"<{stem}>"
    grams: list[str] = []
    for size in NGRAM_SIZES:
        grams.extend(marked[start : start + size] for start in range(len(marked) - size + 1))
    return tuple(grams) if grams else (marked,)


def compound_heads(stems: set[str], eligible: set[str] | None = None) -> dict[str, str]:
    """Map each compound stem to the longest other stem it ends with ("næringsfond" → "fond").

    Only stems in `eligible` (all of them when None) may be a head: the caller leaves out the
    stems of comparatives, so "fritidskort" does not split off the "kort" of "kortare".
    """
    heads: dict[str, str] = {}
    candidates = stems if eligible is None else eligible
    for word in stems:
        for start in range(_MIN_MODIFIER, len(word) - _MIN_HEAD + 1):
            if word[start:] in candidates and word[:start] not in _PREFIXES:
                heads[word] = word[start:]
                break
    return heads


def modifier_heads(
    stems: set[str], eligible: set[str], muted: frozenset[str] = frozenset()
) -> dict[str, str]:
    """Map each compound stem that *begins* with another point's stem to its last part.

    "hyttefelt" begins with the "hytt" of "hytter": it maps to "felt" (a linking "e" or "s" is
    dropped), so `raw_features` counts it as "hytt" + "felt". Used for the points that oppose
    (see `clustering`): "Ikkje fleire hyttefelt" and "Nei til fleire hytter" name one thing.
    A first part that is muted (a question or generic word) or a prefix does not count, nor do
    the one-word forms that phrases are folded to ("sammenslåing" is no "samme" + "nslåing").
    """
    heads: dict[str, str] = {}
    for word in stems - _FOLDED:
        for end in range(len(word) - _MIN_HEAD, _MIN_HEAD - 1, -1):
            first, rest = word[:end], word[end:]
            part = stem(first)
            if part in eligible and part not in muted and part != word and first not in _PREFIXES:
                linked = rest[0] in "es" and len(rest) > _MIN_HEAD
                heads[word] = rest[1:] if linked else rest
                break
    return heads


def raw_features(
    stems: Sequence[str],
    heads: Mapping[str, str] | None = None,
    question: frozenset[str] = frozenset(),
    asked: frozenset[str] = frozenset(),
) -> tuple[Counter[str], Counter[str]]:
    """Return the counts of word features and n-gram features of a point's stems.

    `heads` maps compound stems to their last part (see `compound_heads`); such a compound also
    counts as its two parts, and its n-grams are taken from the parts. Stems in `question` (the
    question's own words and the generic ones) become muted word features and add no n-grams; a
    compound's part in `asked` (the question's own words only) is muted the same way, so
    "omsorgsbustader" and "utleigebustader", asked about bustader, do not meet through "bustad".
    (Muting the generic words as parts too was measured: it loosened "vertskommunesamarbeid"
    and "kompetansearbeidsplassar" from their themes on the seed.)
    """
    heads = heads or {}
    words: Counter[str] = Counter()
    grams: Counter[str] = Counter()
    for word in stems:
        if word in question:
            words[_QUESTION_PREFIX + word] += 1
            continue
        words[_WORD_PREFIX + word] += 1
        head = heads.get(word)
        if head is None:
            grams.update(_ngrams(word))
            continue
        # "nærings" + "fond": the linking s is not part of the modifier "næring".
        modifier = stem(word[: -len(head)].rstrip("s") or word[: -len(head)])
        for part in (head, modifier):
            # A part that is a word of the question ("omsorgs|bustad" asked about bustader) is
            # muted like the whole word would be.
            if part in asked:
                words[_QUESTION_PREFIX + part] += 1
                continue
            words[_WORD_PREFIX + part] += 1
            grams.update(_ngrams(part))
    return words, grams


def _weighted(counts: Counter[str], idf: dict[str, float], scale: float) -> Vector:
    weights = {
        feature: (1.0 + math.log(count))
        * idf[feature]
        * (QUESTION_WORD_WEIGHT if feature[0] == _QUESTION_PREFIX else 1.0)
        for feature, count in counts.items()
    }
    norm = math.sqrt(sum(weight * weight for weight in weights.values()))
    if norm == 0.0:
        return {}
    factor = scale / norm
    return {feature: weight * factor for feature, weight in weights.items()}


def tfidf_vectors(
    features: Sequence[tuple[Counter[str], Counter[str]]], counts: Sequence[int]
) -> list[Vector]:
    """Return one unit-length vector per feature set; counts[i] is how many points share set i."""
    total = sum(counts)
    document_frequency: Counter[str] = Counter()
    for (words, grams), count in zip(features, counts, strict=True):
        for feature in (*words, *grams):
            document_frequency[feature] += count
    idf = {
        feature: (math.log((1 + total) / (1 + frequency)) + IDF_OFFSET)
        * (COMMON_FACTOR if frequency > COMMON_SHARE * total and total >= _COMMON_MIN else 1.0)
        for feature, frequency in document_frequency.items()
    }
    word_scale, gram_scale = math.sqrt(WORD_WEIGHT), math.sqrt(1.0 - WORD_WEIGHT)
    vectors: list[Vector] = []
    for words, grams in features:
        if grams:
            vectors.append(_weighted(words, idf, word_scale) | _weighted(grams, idf, gram_scale))
        else:  # only question words (or none at all): the word part is the whole vector
            vectors.append(_weighted(words, idf, 1.0))
    return vectors


def dot(left: Vector, right: Vector) -> float:
    """Return the dot product of two sparse vectors."""
    if len(left) > len(right):
        left, right = right, left
    get = right.get
    return sum(weight * get(feature, 0.0) for feature, weight in left.items())


def add_into(total: Vector, vectors: Iterable[tuple[Vector, float]]) -> Vector:
    """Add each vector times its factor into total (changed in place) and return it."""
    for vector, factor in vectors:
        for feature, weight in vector.items():
            total[feature] = total.get(feature, 0.0) + weight * factor
    return total
