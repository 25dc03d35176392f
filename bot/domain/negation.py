"""Telling whether a point says no: "ikkje slå saman", "nei til bompengar", "not merge".

Negation words are stop words for similarity (they carry no topic), so without this step a point
and its opposite look alike. A point is *negated* when it holds a negation cue of Nynorsk,
Bokmål, dialect or English ("ikkje", "ikke", "itte", "aldri", "ingen", "imot", "nei til",
"not", "never", "against", ...), except where the cue only qualifies a relative clause ("eit
tilbod *som ikkje* kostar pengar" still proposes the tilbod) or a comparison ("ikkje berre",
"ikkje minst"). The clustering never joins a negated point with one that is not.
"""

from __future__ import annotations

from bot.domain.text_norm import normalise

_CUES = frozenset(
    [
        "ikkje",
        "ikke",
        "ikkj",
        "ikkji",
        "itte",
        "ittje",
        "aldri",
        "ingen",
        "inga",
        "ingenting",
        "imot",
        "mot",
        "nei",
        "not",
        "never",
        "against",
        "dont",
        "don't",
        "cannot",
    ]
)
_ONLY_AFTER = {"mot": frozenset({"er", "seier", "sier", "stemmer"})}
_QUALIFIERS = frozenset({"som", "der", "that", "which", "who"})
_NOT_A_DENIAL = frozenset({"berre", "bare", "minst", "only", "just", "least"})
_NEI_NEEDS = frozenset({"til"})


def is_negated(text: str) -> bool:
    """Tell whether a point opposes what it names (see the module docstring)."""
    return words_negated(normalise(text).split())


def words_negated(words: list[str]) -> bool:
    """Tell whether normalised words hold a negation cue that denies (see `is_negated`)."""
    for position, word in enumerate(words):
        if word not in _CUES:
            continue
        before = words[position - 1] if position else ""
        after = words[position + 1] if position + 1 < len(words) else ""
        if word in _ONLY_AFTER and before not in _ONLY_AFTER[word]:
            continue
        if word == "nei" and after not in _NEI_NEEDS:
            continue
        if after in _NOT_A_DENIAL:
            continue
        if before in _QUALIFIERS or (position > 1 and words[position - 2] in _QUALIFIERS):
            continue
        return True
    return False
