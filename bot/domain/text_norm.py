"""Normalisation of Norwegian answer text (Nynorsk, Bokmål and dialect) for comparison.

Every step is a plain rule a reader can check:

1. Unicode NFKC and lower case, so "Næringshage", "NÆRINGSHAGE" and compatibility characters agree.
2. Hyphens inside words are dropped ("trainee-ordning" = "traineeordning"), a dot or comma between
   digits is dropped ("2.0" = "20"), every other punctuation mark becomes a space; "aa" typed for
   "å" on a keyboard without it is read as "å" ("Regionraadet").
3. Variant folding (and the council glossary, `glossary`, for paraphrases and English): Nynorsk, Bokmål and common dialect spellings of the same word are mapped to
   one form (ikkje/ikke, kva/hva, korleis/hvordan, verksemd/virksomhet, vidare/videre, ...). A
   short list of stems is also folded inside compounds ("verkemiddelapparatet" and
   "virkemiddelapparatet" become one word), and a verb with its particle a word or two on
   ("slå oss saman", "slår seg saman", "bli slått saman") is read as the phrase's one word.
4. Stop words (function words of both written standards and of English, since some answers are
   written in English and would otherwise meet through "should" and "be") and one-letter words
   are dropped.
5. A light stemmer removes one inflection suffix (plural, definite form, -ing, -leg/-lig, ...), so
   "kommunane", "kommunene" and "kommunar" all become "kommun".

The result is only used to measure similarity between points; the text shown to people is never
changed.

Why hand-written tables and not a lemmatiser: simplemma 2.0 (which ships nn and nb data) was
measured on the labelled sets (bench/README.md). It lemmatises within one standard but does not
fold the two ("sjukepleiar" and "sykepleier" stay apart), and every way of using it scored lower:
lemma then stem gave ARI 0.86 / 0.90 / 0.71 on helse / kommunestruktur / samferdsel (tables:
0.92 / 0.93 / 0.80) and lost the kollektiv headline; lemmas in place of the tables and stemmer
lost three headlines.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bot.domain import glossary
from bot.domain.variants import (
    PARTICLE_REACH,
    PARTICLE_VERBS,
    PHRASE_VARIANTS,
    STEM_VARIANTS,
    WORD_VARIANTS,
)


def _words(text: str) -> list[str]:
    return text.split()


STOP_WORDS: frozenset[str] = frozenset(
    _words(
        """
    og å i på til for med av som at det den de dem der her da når så om men eller også både enn
    fra ut inn opp ned over under etter mot imot mellom gjennom hos ved uten rundt
    en et ene eitt jeg du han hun vi dere seg sin si sitt sine min mi mitt mine din ditt dine
    vår vårt våre deres hans hennar hennes dette desse disse denne slik sånn slike
    er var være vært har ha hadde blir bli ble kan kunne skal skulle vil ville må måtte bør burde
    får få fikk gjør gjøre gjort gi gir gitt ta tar la
    ikke hva hvordan hvorfor hvem hvor hver hvert hverandre alle all alt andre anna annen annet
    mange mye mer mest noe noen ingen inga selv bare heller litt svært veldig vel jo nok altså
    hel hele heil heile heilt helt
    dei deira me eg ho ein eit ei ikkje kva korleis kvar kvart noko nokon nokre mykje meir berre
    også òg ja nei nå da derfor enda ennå kanskje gjerne dessuten dessutan samt pluss
    feks eks osv mv etc ca bl a t f
    the an to of in on and or be is are was should must need needs we our us it its this that
    these those with by at from as will would can could do does did not no there their they have
    has want wants more most very also into than then so such just only
    """
    )
)

# Inflection suffixes, longest first; one is removed if at least _MIN_STEM letters remain.
_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        _words(
            """
        ingane ingene ingar inger ingen inga ing
        arane erane arar erar
        heitene hetene heita heiten heiter heten heter heit het
        legaste ligste legast ligst legare ligere lege lige leg lig
        ande ende ane ene ar er ast est are ere ert es
        aste este
        a e en et
        """
        ),
        key=lambda suffix: (-len(suffix), suffix),
    )
)
_MIN_STEM = 3
_MIN_STEM_ING = 5  # "næring" stays "næring", not "nær"; "satsing" is not "Sats"

_WORD = re.compile(r"[^\W_]+")
_HYPHEN_IN_WORD = re.compile(r"(?<=[^\W\d_])[-‐‑–](?=[^\W\d_])")
_SEPARATOR_IN_NUMBER = re.compile(r"(?<=\d)[.,](?=\d)")
_APOSTROPHES = re.compile(r"['’ʼ`´]")


def normalise(text: str) -> str:
    """Return the text in NFKC, lower case, with punctuation replaced by spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _APOSTROPHES.sub("", text)
    text = _HYPHEN_IN_WORD.sub("", text)
    text = _SEPARATOR_IN_NUMBER.sub("", text)
    text = text.replace("aa", "å")  # "Regionraadet": å typed on a keyboard without it
    return " ".join(_WORD.findall(text))


def fold_variants(words: list[str]) -> list[str]:
    """Fold Nynorsk, Bokmål and dialect spellings of phrases and words to one form."""
    folded: list[str] = []
    index = 0
    while index < len(words):
        pair = tuple(words[index : index + 2])
        if len(pair) == 2 and pair in PHRASE_VARIANTS:
            folded.extend(PHRASE_VARIANTS[pair])
            index += 2
            continue
        if len(pair) == 2 and pair in glossary.PHRASES:
            folded.extend(glossary.PHRASES[(pair[0], pair[1])])
            index += 2
            continue
        particle = _particle_at(words, index)
        if particle is not None:
            word, end = particle
            folded.append(word)
            index = end
            continue
        folded.append(_fold_word(words[index]))
        index += 1
    return folded


def _particle_at(words: list[str], index: int) -> tuple[str, int] | None:
    """The one word a verb and its particle a few words on are read as, and where they end."""
    found = PARTICLE_VERBS.get(words[index])
    if found is None:
        return None
    particles, word = found
    for end in range(index + 1, min(len(words), index + 2 + PARTICLE_REACH)):
        if words[end] in particles:
            return word, end + 1
    return None


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    word = glossary.concept(word)
    word = WORD_VARIANTS.get(word, word)
    for variant, standard in STEM_VARIANTS:
        if variant in word:
            word = word.replace(variant, standard)
    # Nynorsk -kje/-gje infinitives (tenkje, byggje) are -ke/-ge in Bokmål.
    if len(word) > 5 and word.endswith(("kje", "gje")):
        word = word[:-2] + "e"
    return word


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Remove one Norwegian inflection suffix, keeping at least three letters."""
    for suffix in _SUFFIXES:
        minimum = _MIN_STEM_ING if suffix.startswith("ing") else _MIN_STEM
        if word.endswith(suffix) and len(word) - len(suffix) >= minimum:
            return word[: -len(suffix)]
    return word


# Comparative and superlative endings of adjectives ("kortare", "sterkere", "billegaste"): such a
# word's stem ("kort") is an adjective, not the head of a compound noun ("fritidskort").
_DEGREE_SUFFIXES = frozenset(_words("are ere aste este legare ligere legaste ligste legast ligst"))


@lru_cache(maxsize=65536)
def _degree_inflected(word: str) -> bool:
    """Tell whether `stem` removes a comparative or superlative ending from the word."""
    for suffix in _SUFFIXES:
        minimum = _MIN_STEM_ING if suffix.startswith("ing") else _MIN_STEM
        if word.endswith(suffix) and len(word) - len(suffix) >= minimum:
            return suffix in _DEGREE_SUFFIXES
    return False


def head_stems(words: list[str]) -> set[str]:
    """Return the stems of normalised content words that may be a compound's head.

    Those of comparatives and superlatives may not: "kortare" must not meet "fritidskort".
    """
    folded = fold_variants(words)
    return {
        stem(word)
        for word in folded
        if len(word) > 1 and word not in STOP_WORDS and not _degree_inflected(word)
    }


def content_stems(text: str) -> list[str]:
    """Return the stems of the content words of a text, in order."""
    return word_stems(normalise(text).split())


def word_stems(words: list[str]) -> list[str]:
    """Return the stems of the content words among normalised words, in order."""
    folded = fold_variants(words)
    return [stem(word) for word in folded if len(word) > 1 and word not in STOP_WORDS]
