"""Automatic labels in the council's register, like the bullets of the council's case text.

A theme's automatic label is one of its members, chosen and cleaned so that it reads like
"Vidareføring av …" or "Det bør jobbast vidare med …": no "!", no trailing full stop, no
"Vi meiner:" or "Eg synest" frame, not in capitals, at most about 12 words; in the consultation's
language when a member is written in it, and never in dialect when a member in a standard form
exists.

The written language comes from words that only one of Nynorsk, Bokmål and English uses
(*ikkje*/*ikke*/*not*, *frå*/*fra*, *-ane*/*-ene* …), and dialect from forms that neither standard
accepts (*itte*, *ska*, *dokk* …). simplemma's detector was tried first: on the 24 council
answers of `tests/domain/test_labels.py` both get 23 right (these lists leave one undecided,
simplemma takes one for the other standard), but loading simplemma's Nynorsk and Bokmål lists
took 5.2 s and about 90 MB the first time a label was made (2-core machine), where these lists
cost a few microseconds per text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.domain.summary import QuestionSummary, SummaryPoint

MAX_WORDS = 12
# Twelve long words, or one pasted token, must still fit a headline (and a button's text).
MAX_CHARACTERS = 100
SAMPLE = 64
# Forms that are neither Nynorsk nor Bokmål, heard at Hallingdal council tables and typed in.
DIALECT_FORMS = frozenset(
    {
        "itte", "ittje", "ikkji", "ikkj", "kje", "æ", "kæ", "ka", "kass", "kåss", "dæ", "dæm",
        "dokk", "dokke", "dokker", "ska", "sku", "mykji", "hass", "hu", "bære", "aill", "ailt",
        "nåkka", "nokka",
    }
)  # fmt: skip
MARKERS: dict[str, frozenset[str]] = {
    "nn": frozenset(
        {
            "ikkje", "eg", "kva", "korleis", "kvifor", "kven", "kvar", "frå", "meir", "berre",
            "heile", "òg", "dei", "desse", "vere", "vera", "vert", "vart", "gjere", "gjera",
            "mykje", "noko", "nokon", "ein", "eit", "fleire", "sjølv", "betre", "saman",
            "mogleg", "difor", "treng", "vidare", "heilt", "byrje", "no", "sjukehus",
            "sjukepleiar", "kommunane", "gruppene", "fylket", "tenester", "tenestene",
        }
    ),
    "nb": frozenset(
        {
            "ikke", "jeg", "hva", "hvordan", "hvorfor", "hvem", "hvor", "fra", "mer", "bare",
            "hele", "også", "disse", "være", "blir", "ble", "gjøre", "mye", "noe", "noen", "en",
            "et", "flere", "selv", "bedre", "sammen", "mulig", "derfor", "trenger", "videre",
            "helt", "hverandre", "nå", "sykehus", "sykehuset", "sykepleier", "sykepleiere",
            "kommunene", "fylke", "tjenester", "tjenestene", "ønsker", "mener",
        }
    ),
    "en": frozenset(
        {
            "the", "and", "should", "is", "are", "more", "we", "of", "with", "which", "about",
            "it", "that", "this", "not", "must", "need", "needs", "better", "municipalities",
            "municipality", "our", "have", "will", "would", "could", "than", "from", "each",
        }
    ),
}  # fmt: skip
ENDINGS: dict[str, tuple[str, ...]] = {
    "nn": ("leg", "lege", "ane", "inga", "ingar", "aste"),
    "nb": ("lig", "lige", "ene", "ingen", "inger", "este"),
    "en": ("tion", "tions", "ment", "ness"),
}
BEGINNINGS: dict[str, tuple[str, ...]] = {
    "nn": ("vidare", "heil", "sjuk", "kvar"),
    "nb": ("videre", "syk", "hver"),
}
# Openings that frame an opinion instead of stating it; the rest of the sentence is the point.
FRAMES = re.compile(
    r"^(?:(?:vi|me|eg|jeg|gruppa|gruppen|vår gruppe|vi i gruppa|we|i)\s+"
    r"(?:meiner|mener|synest|syns|synes|tenkjer|tenker|trur|tror|foreslår|føreslår|ønskjer|"
    r"ønsker|vil|think|believe|feel|suggest|propose)"
    r"(?:\s+(?:at|that|også|òg|og))?\s*[:,\-–]?\s*)",
    re.IGNORECASE,
)
BULLETS = re.compile(r"^[\s\-–—•*·>]+|^\d+[.)]\s+")
WORD = re.compile(r"\w+", re.UNICODE)
CLAUSE_BREAKS = re.compile(r"\s*(?:[;:]|\s[–—-]\s|,)\s*")
SENTENCE_END = re.compile(r"(?<=\w)[.!?]+\s+(?=[A-ZÆØÅ])")
# Abbreviations that stay in capitals when a shouted text is put in sentence case.
ACRONYMS = frozenset(
    {"PPT", "NAV", "IKT", "IT", "GPS", "SMS", "KS", "NVE", "EU", "RV", "FV", "BUP", "DPS"}
)


def register(text: str, names: frozenset[str] = frozenset()) -> str:
    """One member text as a label: first sentence, no frame, no "!", no final stop, ≤ 12 words;
    a text in capitals in sentence case, but for abbreviations and `names` (as written)."""
    text = " ".join(text.split())
    text = BULLETS.sub("", text)
    text = SENTENCE_END.split(text, maxsplit=1)[0]
    while True:
        unframed = FRAMES.sub("", text, count=1)
        if unframed == text:
            break
        text = unframed
    text = text.replace("!", "").strip()
    if is_shouted(text):
        spelled = {name.upper(): name for name in names}
        text = " ".join(_unshouted(word, spelled) for word in text.split())
    text = re.sub(r"[\s.…,;:]+$", "", text)
    words = text.split()
    if len(words) > MAX_WORDS:
        text = _shorten(text)
    if len(text) > MAX_CHARACTERS:
        cut = text[:MAX_CHARACTERS].rsplit(" ", 1)[0] if " " in text[:MAX_CHARACTERS] else ""
        text = (cut or text[:MAX_CHARACTERS]).rstrip(" ,;:.…") + " …"
    return text[:1].upper() + text[1:] if text else text


def _unshouted(word: str, names: Mapping[str, str]) -> str:
    """A word of a text in capitals: an abbreviation stays, a name as written elsewhere."""
    bare = word.strip(".,;:?()")
    if bare in ACRONYMS:
        return word
    return word.replace(bare, names[bare]) if bare in names else word.lower()


def names_in(texts: Sequence[str]) -> frozenset[str]:
    """Words written with a capital inside a sentence ("på Gol", "i Hallingdal"): names."""
    found: set[str] = set()
    for text in texts:
        if is_shouted(text):
            continue
        words = text.split()
        for before, word in pairwise(words):
            bare = word.strip(".,;:?()!")
            if bare[:1].isupper() and not bare.isupper() and not before.endswith((".", "!", "?")):
                found.add(bare)
    return frozenset(found)


def is_shouted(text: str) -> bool:
    """Tell whether a text is written in capitals ("FELLES SJUKEHEIM PÅ GOL")."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters)


def _shorten(text: str) -> str:
    """The longest run of whole clauses within about 12 words, else the first 12 words and "…"."""
    kept = ""
    for match in CLAUSE_BREAKS.finditer(text):
        head = text[: match.start()]
        if len(head.split()) > MAX_WORDS:
            break
        if len(head.split()) >= 4:
            kept = head
    if kept:
        return kept.rstrip(" ,;:")
    return " ".join(text.split()[:MAX_WORDS]).rstrip(" ,;:.") + " …"


def is_dialect(text: str) -> bool:
    """Tell whether the text holds a form that neither Nynorsk nor Bokmål accepts."""
    return any(word in DIALECT_FORMS for word in WORD.findall(text.casefold()))


def written_in(text: str) -> frozenset[str]:
    """The languages the text may be written in: all that score best (Nynorsk and Bokmål
    share most words), or none if it holds no word that tells them apart."""
    score = dict.fromkeys(MARKERS, 0.0)
    for word in WORD.findall(text.casefold()):
        for language, words in MARKERS.items():
            if word in words:
                score[language] += 1.0
        for language, endings in ENDINGS.items():
            if len(word) > 5 and word.endswith(endings):
                score[language] += 0.5
        for language, starts in BEGINNINGS.items():
            if len(word) > 6 and word.startswith(starts):
                score[language] += 0.5
    best = max(score.values())
    if best <= 0.0:
        return frozenset()
    return frozenset(language for language, value in score.items() if value == best)


def _rank(text: str, language: str) -> int:
    """0: standard form in the consultation's language (or in words Nynorsk and Bokmål
    share, for either); 1: its neighbour (Nynorsk/Bokmål); 2: another language; 3: dialect."""
    if is_dialect(text):
        return 3
    found = written_in(register(text))
    if language in found or (not found and language in ("nn", "nb")):
        return 0
    if found & ({"nn", "nb"} - {language}) and language in ("nn", "nb"):
        return 1
    return 2


def council_label(members: Sequence[str], language: str, candidates: int = 5) -> str:
    """The label of a theme from its member texts, most typical first (see `by_typicality`).

    Among the most typical few members, the best-ranked language wins (see `_rank`), then one
    not written in capitals and not a question, then a member short enough to stand as a label
    whole, then the more typical one.
    """
    if not members:
        return ""
    if len(members) == 1:
        return register(members[0])
    pool = list(members[: max(candidates, 1)])
    # A member in the right form further down beats a typical one in dialect or another
    # language, so look through all members for one if the typical few have none.
    if all(_rank(text, language) > 0 for text in pool):
        better = next((t for t in members[len(pool) :] if _rank(t, language) == 0), None)
        if better is not None:
            pool.append(better)

    def order(indexed: tuple[int, str]) -> tuple[int, int, int, int]:
        index, text = indexed
        label = register(text)
        long = len(label.split()) > MAX_WORDS or label.endswith("…")
        # A question ("Kvifor ikkje ei avgift?") is no bullet of a case text: after the others.
        asks = label.endswith("?")
        return (_rank(text, language), int(is_shouted(text)) + int(asks), int(long), index)

    chosen = min(enumerate(pool), key=order)[1]
    return register(chosen, names_in(members[:SAMPLE])) or register(members[0])


def stems(text: str) -> frozenset[str]:
    """Word stems for comparing members: the first five letters of words of four or more."""
    return frozenset(word[:5] for word in WORD.findall(text.casefold()) if len(word) >= 4)


def by_typicality(texts: Sequence[str]) -> list[int]:
    """Indexes of `texts`, the most typical first: highest mean overlap of word stems with the
    other members (Dice coefficient), ties in the order given."""
    sets = [stems(text) for text in texts]
    # Compared with an even sample of at most SAMPLE members: a theme of thousands of points
    # costs thousands of comparisons each, not millions.
    step = max(1, len(sets) // SAMPLE)
    sample = list(range(0, len(sets), step))
    score: list[float] = []
    for i, own in enumerate(sets):
        total = 0.0
        for j in sample:
            other = sets[j]
            if i != j and own and other:
                total += 2 * len(own & other) / (len(own) + len(other))
        score.append(total)
    return sorted(range(len(texts)), key=lambda i: (-score[i], i))


def typical_members(point: SummaryPoint, texts: Mapping[str, str], count: int = 2) -> list[str]:
    """The texts of the `count` most typical members of a summary point."""
    members = [texts[ref] for ref in point.refs if ref in texts]
    return [members[i] for i in by_typicality(members)[:count]]


def relabelled(
    summary: QuestionSummary, texts: Mapping[str, str], language: str
) -> QuestionSummary:
    """The summary with every automatic label in the council's register (renamed ones stay,
    and so do labels pinned by curation: see `SummaryPoint.pinned`).

    `texts` maps each point ref to its text; the order of the points is kept.
    """

    def label(point: SummaryPoint) -> SummaryPoint:
        if point.renamed or point.pinned:
            return point
        members = [texts[ref] for ref in point.refs if ref in texts]
        ordered = [members[i] for i in by_typicality(members)]
        # The compile's own choice (its most central point) goes first among equals.
        if point.label in ordered:
            ordered.remove(point.label)
            ordered.insert(0, point.label)
        return replace(point, label=council_label(ordered, language) or point.label)

    return replace(
        summary,
        headline=tuple(label(p) for p in summary.headline),
        others=tuple(label(p) for p in summary.others),
        hidden=tuple(label(p) for p in summary.hidden),
    )
