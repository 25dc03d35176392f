"""Words that many answers use without saying what they are about, muted for similarity.

Council-table answers are full of words that chain unrelated points: the region's and the
municipalities' names ("Hallingdal", "dalen", "kommunane", "regionen"), the vocabulary of
cooperation itself ("felles", "samarbeid", "interkommunal") and of wanting more ("fleire",
"betre", "styrke", "satse", "prioritere"). They are kept as word features, so two points that
share nothing else are still slightly alike, but with the low weight of the question's own
words (`vectors.QUESTION_WORD_WEIGHT`) and without character n-grams. Words found in most points
of a question are down-weighted as well, from their counts (`vectors.COMMON_SHARE`).
"""

from __future__ import annotations

from bot.domain.text_norm import content_stems

_GENERIC_TEXT = """
hallingdal hallingdalen dalen dal region regionen regional regionalt regionale kommune kommunen
kommunane kommunene kommunar kommuner kommunal kommunale interkommunal interkommunalt
interkommunale felles fellesskap samarbeid samarbeide samarbeidet samarbeida
fleire flere betre bedre større meir styrke styrkje styrkes styrkjast
prioritere prioriterast prioriteres viktig viktigaste viktigste god godt gode tiltak arbeid
jobbe jobbast jobbes heile hele alle innbyggjarane innbyggerne folk
region municipality municipalities shared better improve
"""

GENERIC_STEMS: frozenset[str] = frozenset(content_stems(_GENERIC_TEXT))
"""Stems muted like the question's own words."""
