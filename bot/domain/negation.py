"""Telling whether a point opposes what it names: "ikkje slå saman", "nei takk til hytter".

The question the detector answers is not "does the point hold a negation word" but "does the
point *oppose* the thing it names". It decides from a small list of opposition frames, each a
plain rule on the normalised words (Nynorsk, Bokmål, dialect and English alike):

1. A negation word: "ikkje", "ikke", "itte", "aldri", "ingen", "imot", "not", "never",
   "against", "oppose", ... ("Ikkje fleire hytter", "Vi vil ikke ha bompenger").
2. "nei" before "til" or "takk", or closing the point ("Nei takk til fleire hytter", "Til
   vindkraft seier vi nei"; not "ja eller nei"); English "no" before "more" or "new" ("No more cabins"; not "no more
   than"), and "no to" opening the point ("No to wind power"; Nynorsk "no to" is "now two").
3. "mot" after "er", "seier", "sier", "stemmer", or opening the point ("Mot fleire hyttefelt");
   elsewhere it names a remedy ("tiltak mot mobbing" proposes the tiltak).
4. "stopp"/"stans" (and English "stop", "halt") opening the point or after "vi/me/eg/jeg/we" and
   a modal ("Stopp utbygginga", "Vi må stanse hyttebygginga"), and the passive "stoppast",
   "stoppes", "stansast", "stanses" ("Utbygginga må stoppast"). "Bussen må stoppe i Gol" is no
   opposition.
5. "slutt på/med/å" ("Slutt på sentraliseringa"), but not "til slutt".
6. "nok" of saturation: "nok er nok", or "nok" opening the point or after "er", "har", "finst",
   "fins", "finnes" (English "have", "is", "are"), followed by "av" or with "no", "nå",
   "allereie", "allerede" later in the point ("Det er nok hytter no", "Nok nå", "Vi har nok av
   hyttefelt"); English "enough is enough", "enough already". "Felles legevakt med nok legar"
   and "Vi treng nok av sjukepleiarar" want enough of something and are no opposition; "Det er
   nok lurt å gjere det no" ("nok" as *probably*) is a known false opposition of this frame.
7. Excess: "for mykje/mye/mange" after a verb of being ("er", "blir", "vert", "blitt", "bygd",
   "bygget"), "for mykje/mye" opening the point, "altfor mykje/mye/mange", English "too
   many/much" ("Det er for mange hytter", "For mykje hyttebygging"). "Viktig for mange unge" and
   "For mange unge er bussen viktig" are no opposition.

A negation word does not oppose the named thing where it only qualifies a relative or
conditional clause opened at most three words before it ("eit tilbod *som ikkje* kostar pengar",
"*så lenge det ikkje* …", "*dersom vi ikkje* …", "*if it does not* …", "*as long as it does
not* …"), a comparison ("ikkje berre", "ikkje minst"), or states a condition or a reminder
("utbygging, men det må *ikkje gå ut over* naturen", "*ikkje gå på kostnad av* …", "vi må *ikkje
gløyme* …"): those points still propose what they name. Nor does one that states a problem the
point wants solved: a negation beside a verb of getting somewhere or of being there ("ungane
*kjem seg ikkje* til Gol", "bussen *går ikkje* om kvelden", "det *finst ikkje* basseng"), a
lack ("i dag *har vi ingen* stad", "det er *ikkje nok* legar", "mange *har ikkje nokon* å snakke
med", unless in the first person), or a reason clause ("*fordi* foreldra ikkje har pengar") —
unless a refusal follows ("det går ikkje *an*", "det finst ikkje *behov*").

The frame's own words ("stopp", "slutt", "takk") say the stance, not the subject: `stance`
returns the words without them, so "Stopp utbygginga" and "Nei til meir utbygging" meet through
"utbygging" and "Stopp X" does not meet "Stopp Y". The clustering never joins a point that
opposes with one that does not.
"""

from __future__ import annotations

from dataclasses import dataclass

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
        "not",
        "never",
        "against",
        "dont",
        "cannot",
        "oppose",
        "opposes",
        "opposed",
    ]
)
_MOT_AFTER = frozenset({"er", "seier", "sier", "stemmer", "stemme", "røyster"})
_NEI_BEFORE = frozenset({"til", "takk"})
_QUALIFIERS = frozenset(
    {"som", "der", "dersom", "viss", "hvis", "om", "that", "which", "who", "if", "unless"}
    | {"fordi", "because", "ettersom", "slik", "så"}
)
# A negation next to a verb of getting somewhere or of being there states a problem
# ("ungane kjem seg ikkje til Gol", "bussen går ikkje", "det finst ikkje basseng"), unless
# what follows refuses something ("det går ikkje an", "det kjem ikkje på tale"). Verbs that
# also refuse ("teknologi kan ikkje ta over", "vi har ikkje råd til ein ny hall", "modellen
# fungerer ikkje") are left out: a missed problem only keeps a point apart, a missed refusal
# could put a point and its negation in one headline.
_PROBLEM_VERBS = frozenset(
    ["kjem", "kommer", "går", "gjekk", "finst", "fins", "finnes", "rekk", "rekker"]
)
_REFLEXIVES = frozenset({"seg", "oss", "meg", "deg"})
_REFUSALS = frozenset(
    {"an", "tale", "bruk", "behov", "interesse", "ønske", "plass", "grunn", "reason"}
)
_NONE = frozenset({"ingen", "inga", "ingenting"})
_LACK_VERBS = frozenset({"har", "hadde", "finst", "fins", "finnes"})
# "ikkje nok legar", "har ikkje nokon å snakke med": a lack, when nobody in the first person
# speaks ("vi har ikkje nok pengar til ein hall" refuses the hall).
_SOMEONE = frozenset({"nokon", "noen", "noko", "noe"})
_FIRST_PERSON = frozenset({"vi", "me", "eg", "jeg", "we"})  # not "i": in Norwegian it is "in"
_AS_LONG = frozenset({("så", "lenge"), ("as", "long"), ("long", "as")})
_QUALIFIER_REACH = 3  # "som ikkje", "dersom vi ikkje", "if it does not"
_NOT_A_DENIAL = frozenset({"berre", "bare", "minst", "only", "just", "least"})
# Negation + these words is a condition or a reminder, not opposition of what the point names.
_CONDITIONS: tuple[tuple[str, ...], ...] = (
    ("gå", "ut", "over"),
    ("går", "ut", "over"),
    ("gå", "utover"),
    ("går", "utover"),
    ("gå", "på", "kostnad"),
    ("går", "på", "kostnad"),
    ("gå", "på", "bekostning"),
    ("går", "på", "bekostning"),
    ("gløyme",),
    ("gløym",),
    ("glemme",),
    ("glem",),
    ("forget",),
    ("vente",),
    ("vent",),
    ("venta",),
    ("utsetje",),
    ("utsette",),
    ("wait",),
    ("delay",),
    ("koste",),
    ("kosta",),
    ("cost",),
    ("have", "to"),
    ("go", "out"),
    ("be", "at", "the", "expense"),
    ("come", "at", "the", "expense"),
)
_CONDITION_REACH = 2  # a condition may follow the negation after one word ("ikkje eingong gå …")
_STOPS = frozenset({"stopp", "stans", "stop", "halt"})
_STOP_VERBS = frozenset({"stoppe", "stoppa", "stanse", "stansa", "stop", "halt"})
_STOP_PASSIVES = frozenset({"stoppast", "stoppes", "stansast", "stanses", "stopped", "halted"})
_SUBJECTS = frozenset({"vi", "me", "eg", "jeg", "we", "dei", "de"})
_MODALS = frozenset({"må", "bør", "skal", "vil", "burde", "should", "must", "need", "to"})
_SLUTT = frozenset({"slutt", "slutte", "slutta"})
_SLUTT_BEFORE = frozenset({"på", "med", "å"})
_NOK_AFTER = frozenset({"er", "har", "finst", "fins", "finnes", "have", "is", "are"})
_NOW = frozenset({"no", "nå", "allereie", "allerede", "already"})
_EXCESS_AFTER = frozenset({"er", "blir", "vert", "blitt", "vorte", "bygd", "bygget", "is", "are"})
_MUCH = frozenset({"mykje", "mye", "mange", "much", "many"})

# Every word an opposition frame can start with.
_TRIGGERS = (
    _CUES
    | _STOPS
    | _STOP_VERBS
    | _STOP_PASSIVES
    | _SLUTT
    | {"nei", "no", "mot", "nok", "enough", "for", "too", "altfor"}
)


@dataclass(frozen=True)
class Stance:
    """Whether a point opposes what it names, and the words that name it (frame words out)."""

    opposes: bool
    topic: list[str]


def is_negated(text: str) -> bool:
    """Tell whether a point opposes what it names (see the module docstring)."""
    return stance(normalise(text).split()).opposes


def words_negated(words: list[str]) -> bool:
    """Tell whether normalised words oppose what they name (see `is_negated`)."""
    return stance(words).opposes


def stance(words: list[str]) -> Stance:
    """Return whether normalised words oppose what they name, and the words naming it."""
    if _TRIGGERS.isdisjoint(words):  # most points: no frame can start anywhere
        return Stance(False, words)
    opposes = False
    frame: set[int] = set()
    for position in range(len(words)):
        found = _frame_at(words, position)
        if found is None:
            continue
        opposes = True
        frame.update(found)
    return Stance(opposes, [word for position, word in enumerate(words) if position not in frame])


def _frame_at(words: list[str], position: int) -> tuple[int, ...] | None:
    """Return the positions of the frame's own content words if an opposition frame starts here."""
    word = words[position]
    before = words[position - 1] if position else ""
    after = words[position + 1] if position + 1 < len(words) else ""
    if word in _CUES:
        return (position,) if _denies(words, position) else None
    if word == "nei":
        if after in _NEI_BEFORE:
            return (position + 1,) if after == "takk" else ()
        closing = position == len(words) - 1 and before not in {"", "ja", "eller", "or"}
        return () if closing else None
    if word == "no" and after in {"more", "new"} and words[position + 2 : position + 3] != ["than"]:
        return ()
    if word == "no" and after == "to" and position == 0:  # Nynorsk "no to" is "now two"
        return ()
    if word == "mot":
        return () if before in _MOT_AFTER or position == 0 else None
    if word in _STOPS and position == 0:
        return (position,)
    if word in _STOP_VERBS and before in _MODALS and position >= 2:
        return (position,) if words[position - 2] in _SUBJECTS else None
    if word in _STOP_PASSIVES:
        return (position,)
    if word in _SLUTT and after in _SLUTT_BEFORE and before != "til":
        return (position,)
    if word in {"nok", "enough"}:
        return (position,) if _saturation(words, position) else None
    if word in {"for", "too", "altfor"} and after in _MUCH:
        # "For mange unge er bussen viktig" is "for many": only "for mykje" may open the point.
        opening = position == 0 and after not in {"mange", "many"}
        return (position,) if word != "for" or opening or before in _EXCESS_AFTER else None
    return None


def _denies(words: list[str], position: int) -> bool:
    """Tell whether the negation word at `position` denies what the point names."""
    after = words[position + 1] if position + 1 < len(words) else ""
    if after in _NOT_A_DENIAL or _states_a_problem(words, position):
        return False
    for p in range(max(0, position - _QUALIFIER_REACH), position):
        if words[p] in _QUALIFIERS or (p and (words[p - 1], words[p]) in _AS_LONG):
            return False
    for skip in range(1, _CONDITION_REACH + 1):
        rest = tuple(words[position + skip : position + skip + 4])
        if any(rest[: len(condition)] == condition for condition in _CONDITIONS):
            return False
    return True


def _states_a_problem(words: list[str], position: int) -> bool:
    """Tell whether the negation at `position` states a problem rather than refusing a thing:
    next to a verb of getting somewhere or of being there ("kjem seg ikkje", "Nesbyen ikkje
    kjem seg"), or a lack ("i dag har vi ingen stad", "det er ikkje nok legar"), and not
    followed by a refusal."""
    word = words[position]
    if not _REFUSALS.isdisjoint(words[position + 1 : position + 4]):
        return False
    before_words = words[max(0, position - _QUALIFIER_REACH) : position]
    if word in _NONE:
        return not _LACK_VERBS.isdisjoint(before_words)
    after = words[position + 1] if position + 1 < len(words) else ""
    if _FIRST_PERSON.isdisjoint(before_words) and (
        after == "nok" or (after in _SOMEONE and not _LACK_VERBS.isdisjoint(before_words))
    ):
        return True
    verb_at = position - 2 if position >= 2 and words[position - 1] in _REFLEXIVES else position - 1
    before = words[verb_at] if verb_at >= 0 else ""
    return before in _PROBLEM_VERBS or after in _PROBLEM_VERBS


def _saturation(words: list[str], position: int) -> bool:
    """Tell whether "nok"/"enough" at `position` says there is enough already."""
    before = words[position - 1] if position else ""
    after = words[position + 1] if position + 1 < len(words) else ""
    if after in {"er", "is"} and words[position + 2 : position + 3] == [words[position]]:
        return True  # "nok er nok", "enough is enough"
    if after == "already":
        return True
    opening = position == 0 or before in _NOK_AFTER
    return opening and (after == "av" or any(word in _NOW for word in words[position + 1 :]))
