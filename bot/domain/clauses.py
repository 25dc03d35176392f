"""Splitting one point that holds two or more points, and long many-topic paragraphs.

A writer often puts two proposals in one sentence: "Felles legevakt for heile regionen og
rekruttere fleire sjukepleiarar", "... ; ...", "... samt ...", "A, B". A split is made at such a
joint only when *both* sides hold a point of their own, which here means at least
`MIN_CONTENT_WORDS` content words each (2 at ";"; 1 at the adding words "samt", "dessutan",
"dessuten", "og i tillegg", "and also", "as well as", which add a second point and rarely join
anything else: "Fleire utleigeleilegheiter samt omsorgsbustader" is two points), so
"psykisk helse og rus", "Næringshagen og næringsforum" or "vegar, buss og breiband" stay whole.
"nærings- og utviklingsfond" (a hyphen before "og") is never split, nor a comma that opens a
subordinate clause ("..., men ...", "..., som ...") or a continuation that only qualifies the
point before it ("..., også dei minste", "..., med eigne folk", "..., t.d. innan energi"). Content words are stems of three letters or
more that are not numbers ("3.5 mill. kr" holds one). A change of stance is a joint of its own:
in "X, vi vil ikkje ha Y" the negated side needs only its object, the other side a full point.

A short paragraph whose sentences change stance ("Itte fleire hytter! Vi treng bustader til dei
som skal bu her fast") holds two points, one each; a sentence opened by a pronoun ("Ikkje legg
ned bygdehusa. Det er der ting skjer") explains the one before it and stays with it.

A paragraph longer than `LONG_PARAGRAPH` characters holding several sentences is one answer about
many things: it is split into sentences, and a sentence too short to be a point of its own ("Vi
brukte mykje tid på dette.") stays with the sentence after it.
"""

from __future__ import annotations

import re

from bot.domain.negation import is_negated
from bot.domain.text_norm import content_stems

MIN_CONTENT_WORDS = 3
MIN_CONTENT_WORDS_STRONG = 2
MIN_CONTENT_WORDS_ADDING = 1
LONG_PARAGRAPH = 160

# A conjunction after the semicolon ("…; og eit fond") belongs to the joint, not to the point.
_STRONG = re.compile(r"(?:\s*;\s*|\s+[–—-]\s+)(?:(?:og|samt|and)\s+)?", re.IGNORECASE)
# Words that add a second point as "og" does, but that rarely join anything else.
_ADDING = re.compile(
    r"\s*,?\s+(?:samt|(?:og\s+)?dessutan|(?:og\s+)?dessuten|og\s+i\s+tillegg|"
    r"and\s+also|as\s+well\s+as)\s+",
    re.IGNORECASE,
)
_WEAK = re.compile(r"(?<![-‐‑–])(?:\s*,\s*og\s+|\s+og\s+|\s*,\s+)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ\"«])")
# Words that open a subordinate clause ("..., men ...", "..., som ..."), then words that open a
# continuation which only qualifies what came before ("..., også dei minste", "..., med eigne
# folk og pengar", "..., t.d. innan energi", "..., uansett kva kommune"): neither is a point of
# its own, so it stays with the point before it.
_DEPENDENT_WORDS = """
    men som slik så der dersom viss om fordi for at når sidan då da but which that so when if
    også òg særleg særlig spesielt især helst gjerne endå enda t.d. td. f.eks. f.eks feks
    blant inkludert iberekna medrekna med utan uten uansett anten enten kor hvor kva hva
    kven hvem hvis siden både gjennom ved via frå fra also especially including e.g. with
    without regardless even where because whether through by
"""
_SUBORDINATE = frozenset(_DEPENDENT_WORDS.split())
_EXPLAINING = frozenset(
    [
        "det",
        "dette",
        "den",
        "dei",
        "dæ",
        "dem",
        "de",
        "it",
        "this",
        "that",
        "they",
        "these",
        "those",
    ]
)


def _joins_two(left: str, right: str, minimum: int) -> bool:
    """Tell whether both sides of a joint hold a point of their own."""
    first = right.split(maxsplit=1)[0].casefold() if right.split() else ""
    if first in _SUBORDINATE:
        return False
    if is_negated(left) != is_negated(right):
        # "X, vi vil ikkje ha Y": a change of stance makes two points, and "ikkje Y" needs no
        # more than its object; the other side must still hold a point of its own.
        negated, other = (left, right) if is_negated(left) else (right, left)
        return _content_words(negated) >= 1 and _content_words(other) >= minimum
    return _content_words(left) >= minimum and _content_words(right) >= minimum


def _content_words(text: str) -> int:
    """Count the content words of a text that are words, not numbers or abbreviations."""
    return sum(len(stem) >= 3 and not stem.isdecimal() for stem in content_stems(text))


def _split_at(text: str, joint: re.Pattern[str], minimum: int) -> list[str]:
    """Split at the joints whose two sides each hold a point; keep the rest whole."""
    pieces: list[str] = []
    separators: list[str] = []
    ends: list[int] = []
    last = 0
    for match in joint.finditer(text):
        pieces.append(text[last : match.start()])
        separators.append(match.group(0))
        ends.append(match.end())
        last = match.end()
    pieces.append(text[last:])
    if len(pieces) == 1:
        return [text]
    # A cut needs a point on its left (since the last cut) and one in all that follows it.
    result: list[str] = []
    current = pieces[0]
    for position, (separator, piece) in enumerate(zip(separators, pieces[1:], strict=True)):
        rest = text[ends[position] :]
        if _joins_two(current, rest, minimum):
            result.append(current)
            current = piece
        else:
            current = f"{current}{separator}{piece}"
    result.append(current)
    if len(result) == 1:
        return [text]
    return [piece.strip(" ,;") for piece in result if piece.strip(" ,;")]


def _sentences(text: str) -> list[str]:
    """Split a long paragraph into sentences; a short sentence joins the one after it."""
    sentences = _SENTENCE_END.split(text)
    result: list[str] = []
    pending = ""
    for sentence in sentences:
        sentence = f"{pending} {sentence}".strip() if pending else sentence
        if _content_words(sentence) < MIN_CONTENT_WORDS:
            pending = sentence
            continue
        result.append(sentence)
        pending = ""
    if pending:
        if result:
            result[-1] = f"{result[-1]} {pending}"
        else:
            result.append(pending)
    return result


_ITEM_JOINT = re.compile(r"\s*,\s*((?:og|and)\s+)?", re.IGNORECASE)
LIST_ITEM_WORDS = 2


def _list_items(text: str) -> list[str]:
    """Split a bare list at its commas: "Svømmhall, lysløyper" (both sides items of at most
    `LIST_ITEM_WORDS` words with a content word), "Symjehall, og gratis trening for alle" (an
    item, then ", og" and a point). "Ikkje boplikt, det skremmer folk" (a reason) and
    "Kulturhuset bør ligge sentralt, på Gol" (a place) stay whole."""
    parts = _ITEM_JOINT.split(text)
    if len(parts) == 1:
        return [text]
    pieces, joins = parts[0::2], [conjunction or "" for conjunction in parts[1::2]]

    def item(piece: str) -> bool:
        return len(piece.split()) <= LIST_ITEM_WORDS and _content_words(piece) >= 1

    result = [pieces[0]]
    for piece, with_og in zip(pieces[1:], joins, strict=True):
        left_item = item(result[-1])
        if left_item and (item(piece) or (with_og and _content_words(piece) >= 1)):
            result.append(piece)
        else:
            result[-1] = f"{result[-1]}, {with_og}{piece}"
    return [piece.strip(" ,;") for piece in result if piece.strip(" ,;")]


def _stance_sentences(text: str) -> list[str]:
    """Split a short paragraph where the stance changes from one sentence to the next ("Itte
    fleire hytter! Vi treng bustader til dei som skal bu her fast"): two points."""
    sentences = _SENTENCE_END.split(text)
    result = [sentences[0]]
    for sentence in sentences[1:]:
        first = sentence.split(maxsplit=1)[0].casefold() if sentence.split() else ""
        # "Det er der ting skjer": a sentence opened by a pronoun explains the one before it.
        if (
            first not in _EXPLAINING
            and _joins_two(result[-1], sentence, MIN_CONTENT_WORDS_STRONG)
            and is_negated(result[-1]) != is_negated(sentence)
        ):
            result.append(sentence)
        else:
            result[-1] = f"{result[-1]} {sentence}"
    return result


def split_clauses(point: str) -> list[str]:
    """Split a point into the points it holds: long paragraphs by sentence, then at joints."""
    parts = _sentences(point) if len(point) > LONG_PARAGRAPH else _stance_sentences(point)
    result: list[str] = []
    for part in parts:
        for strong in _split_at(part, _STRONG, MIN_CONTENT_WORDS_STRONG):
            for added in _split_at(strong, _ADDING, MIN_CONTENT_WORDS_ADDING):
                for clause in _split_at(added, _WEAK, MIN_CONTENT_WORDS):
                    result.extend(_list_items(clause))
    return result or [point]
