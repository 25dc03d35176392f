"""Words of council business that say the same thing without sharing letters, folded to one.

Character n-grams and a stemmer meet spelling variants halfway, but not a paraphrase in other
words ("spesialisthelsetenesta" for "sjukehuset", "storkommune" for "slå saman kommunane") nor an
answer in English ("the hospital", "merge the municipalities"). This glossary maps such words
and two-word phrases of Nynorsk and Bokmål onto one word before stemming, and reads English
ones through `english`, the one table of them. It is kept short on purpose: only words that name
one thing in every answer a council gets, and the instruments the case itself names as one point
(sak 38/26: "Styrke verkemiddelapparatet … og gje Næringshagen og næringsforum ei tydelegare
regional rolle").
A word one typing slip away from a (Norwegian) glossary word ("kontakpunkt") is read as that
word too (`concept`), so folding a word does not lose the typo tolerance its letters gave it.
No package does this for Norwegian council vocabulary; the general multilingual embedding model
that can be installed from PyPI was measured and did not separate these themes (bench/README.md).
"""

from __future__ import annotations

from bot.domain import english

_TABLE = """
sykehus: sjukehus sjukehuset sykehuset helseforetak helseforetaket spesialisthelsetenesta
  spesialisthelsetjenesten spesialisthelseteneste spesialisthelsetjeneste
legevakt: legevakta legevakten legevakto akuttberedskap akuttberedskapen
sammenslåing: storkommune kommunesamanslåing kommunesammenslåing samanslåing samanslåinga
  sammenslåingen
digitalisering: digital digitale digitalt
fond: pott potten pengepott pengepotten pengesekk pengesekken
inngang: kontaktpunkt kontaktpunktet førstelinje førstelinja førstelinjeteneste
  førstelinjetenesta førstelinjetjeneste førstelinjetjenesten
verkemiddel: verkemiddelapparat verkemiddelapparatet virkemiddelapparat virkemiddelapparatet
  næringshage næringshagen næringshagar næringshagane næringshager næringshagene
  næringsforum næringsforumet næringsforuma
"""

WORDS: dict[str, str] = {
    variant: concept
    for entry in _TABLE.replace("\n  ", " ").strip().splitlines()
    for concept, variants in [entry.split(":")]
    for variant in variants.split()
}
"""A word (lower case) and the one word it is read as."""

PHRASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("dør", "inn"): ("inngang",),
    **english.PHRASES,
}
"""Two-word phrases read as one or two words."""

TYPO_FROM = 7
"""A word of at least this many letters one typing slip away from a glossary word (a letter
left out, added, changed or two swapped: "kontakpunkt", "legevakto") is read as that word too;
shorter words are too often another word one letter away."""


def _slips(word: str) -> set[str]:
    """The word with one letter left out, at every place but the first (a slip rarely hits the
    first letter, and "talking" is no "walking")."""
    return {word[:i] + word[i + 1 :] for i in range(1, len(word))}


def _by_slip() -> dict[str, set[str]]:
    """Each glossary word of `TYPO_FROM` letters or more, and each of its slips: the words."""
    found: dict[str, set[str]] = {}
    for word in WORDS:
        if len(word) >= TYPO_FROM:
            for slip in _slips(word) | {word}:
                found.setdefault(slip, set()).add(word)
    return found


_BY_SLIP = _by_slip()


def concept(word: str) -> str:
    """The word a (lower-case) word is read as: its glossary word or its Norwegian word if it
    is English (`english`), also through one typing slip when exactly one (Norwegian) glossary
    word is that close; else the word itself."""
    found = WORDS.get(word) or english.word(word)
    if found is not None:
        return found
    if len(word) < TYPO_FROM - 1:
        return word
    near: set[str] = set(_BY_SLIP.get(word, ()))  # a letter left out
    for slip in _slips(word):  # a letter added, changed or two swapped
        near |= _BY_SLIP.get(slip, set())
    concepts = {WORDS[key] for key in near}
    return concepts.pop() if len(concepts) == 1 else word
