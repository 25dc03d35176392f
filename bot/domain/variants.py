"""Nynorsk, Bokmål and dialect spellings of one word or phrase, and the one form they are read as.

The tables `text_norm` folds with before stemming: whole words ("ikkje"/"ikke"), two-word
phrases ("slå saman"), a verb with its particle a word or two on ("slår seg saman"), and stems
inside compounds ("verkemiddel"/"virkemiddel"). Kept apart from the folding itself so the
tables can grow without the code around them.
"""

from __future__ import annotations

# Whole words written differently in Nynorsk, Bokmål or dialect: "form: variants", one form a line.
_WORD_VARIANT_TABLE = """
ikke: ikkje ikkji itte ittje ikkj
hva: kva ka kå ko va
hvordan: korleis koss kossen åssen
hvorfor: kvifor
hvem: kven
hvor: kvar
hverandre: kvarandre
et: eit
en: ei ein ain
være: vera vere
vært: vore
jeg: eg æg æ je
vi: me mæ
dere: dykk dokker
de: dei
deres: deira
hun: ho
det: dæ
fra: frå
uten: utan
også: òg au
nå: no
mer: meir
flere: fleire
mye: mykje mykji
noe: noko
noen: nokon nokre
bare: berre bære
selv: sjølv
derfor: difor
da: då
enda: endå
ennå: enno
blir: vert
bli: verte bi
ble: vart blei
gjøre: gjere gjera
gjør: gjer
gi: gje
gir: gjev
gitt: gjeve
kommer: kjem
komme: kome
se: sjå ser
sammen: saman
samlet: samla
hele: heile
hel: heil
egen: eigen
eget: eige
egne: eigne
videre: vidare
frem: fram
fortsatt: framleis
vei: veg
veier: vegar
veiene: vegane
sted: stad
steder: stader
øke: auke
økt: auka
satsing: satsning
satsingen: satsningen
ansatte: tilsette
ønske: ynskje
bred: brei
bredt: breitt
stor: større store stort
sterkere: sterkare
eksempel: døme
"""
WORD_VARIANTS: dict[str, str] = {
    variant: form
    for line in _WORD_VARIANT_TABLE.strip().splitlines()
    for form, variants in [line.split(":")]
    for variant in variants.split()
}

# Multi-word expressions folded before single words ("halde fram" = "fortsette").
PHRASE_VARIANTS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("halde", "fram"): ("fortsette",),
    ("halda", "fram"): ("fortsette",),
    ("held", "fram"): ("fortsette",),
    ("holde", "frem"): ("fortsette",),
    ("føre", "vidare"): ("videreføre",),
    ("føre", "videre"): ("videreføre",),
    ("til", "dømes"): (),
    ("for", "eksempel"): (),
}

# A verb and its particle with up to `PARTICLE_REACH` words between, the particle next to it
# too ("slå saman", "slå oss saman", "slår seg saman", "bli slått saman"): each form of the verb,
# the particles it takes, and the one word the phrase is read as.
_PARTICLE_TABLE = """
slå slår slått slåtte slåast slåst slås slåes slo slegne slegen: saman sammen = sammenslåing
"""
PARTICLE_VERBS: dict[str, tuple[frozenset[str], str]] = {
    form: (frozenset(particles.split()), word.strip())
    for line in _PARTICLE_TABLE.strip().splitlines()
    for forms, rest in [line.split(":")]
    for particles, word in [rest.split("=")]
    for form in forms.split()
}
PARTICLE_REACH = 2

# Word stems folded inside compounds (Nynorsk/dialect spelling first, Bokmål second).
STEM_VARIANTS: tuple[tuple[str, str], ...] = (
    ("verkemiddel", "virkemiddel"),
    ("verkemidl", "virkemidl"),
    ("verksemd", "virksomhet"),
    ("vidare", "videre"),
    ("teneste", "tjeneste"),
    ("bustad", "bolig"),
    ("tilbod", "tilbud"),
    ("mogleg", "mulig"),
    ("breiband", "bredbånd"),
    ("røynsle", "erfaring"),
    ("kunnskap", "kunnskap"),
    ("tilflyttar", "tilflytter"),
    ("rekrutter", "rekrutter"),
    ("eigar", "eier"),
    ("samanslåing", "sammenslåing"),
    ("sjukepleiar", "sykepleier"),
    ("sjukehus", "sykehus"),
    ("sjukeheim", "sykehjem"),
    ("førebygg", "forebygg"),
    ("lærar", "lærer"),
    ("skule", "skole"),
)
