"""Automatic labels in the council's register, on member sets as council tables write them."""

from __future__ import annotations

import pytest

from bot.domain.labels import (
    MAX_CHARACTERS,
    MAX_WORDS,
    by_typicality,
    council_label,
    is_dialect,
    names_in,
    register,
    relabelled,
    typical_members,
    written_in,
)
from bot.domain.summary import MajorityRule, Point, compile_question

# The seed's bullets, as the council wrote them: the register labels must keep.
SEED = [
    'Vidareføring av omstillingsprogrammet "Sats på Hallingdal" gjennom "Sats på Hallingdal 2.0"',
    "Prioritere større regionale utviklingsprosjekt og kompetansesarbeidsplassar",
    "Halde fram med ei regional traineeordning som rekrutterings- og kompetansetiltak",
    "Det bør vera større fokus på næringsutvikling i Hallingdal",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vi meiner: Vidareføring av Sats på Hallingdal 2.0!", "Vidareføring av Sats på Hallingdal 2.0"),
        ("Eg synest at det bør jobbast vidare med eit regionalt fond.", "Det bør jobbast vidare med eit regionalt fond"),
        ("Vi synest det bør vera større fokus på næringsutvikling!!", "Det bør vera større fokus på næringsutvikling"),
        ("- Regional traineeordning.", "Regional traineeordning"),
        ("Gruppa meiner at Næringshagen må få ei tydelegare rolle. Og meir pengar.", "Næringshagen må få ei tydelegare rolle"),
        ("We think the municipalities should cooperate on roads.", "The municipalities should cooperate on roads"),
        ("Vi mener kommunene må samarbeide mer", "Kommunene må samarbeide mer"),
    ],
)  # fmt: skip
def test_register_drops_frames_exclamations_and_the_final_stop(text: str, expected: str) -> None:
    assert register(text) == expected


@pytest.mark.parametrize("bullet", SEED)
def test_the_seeds_bullets_stay_as_they_are(bullet: str) -> None:
    assert register(bullet) == bullet


def test_a_long_answer_is_cut_at_a_clause_within_twelve_words() -> None:
    long = (
        "Det bør jobbast vidare med eit regionalt nærings- og utviklingsfond for Hallingdal, "
        "og kommunane må finne ut korleis fondet skal finansierast over fleire år framover"
    )
    label = register(long)
    assert (
        label
        == "Det bør jobbast vidare med eit regionalt nærings- og utviklingsfond for Hallingdal"
    )
    assert len(label.split()) <= MAX_WORDS
    unbroken = " ".join(["vegar breiband bussar"] * 8)
    cut = register(unbroken)
    assert cut.endswith("…") and len(cut.split()) == MAX_WORDS + 1


def test_a_label_fits_a_headline_in_characters_too() -> None:
    long_words = " ".join(["Interkommunalsamarbeidsordningane"] * 6)  # six words, 203 characters
    label = register(long_words)
    assert label.endswith(" …") and len(label) <= MAX_CHARACTERS + 2
    assert label.removesuffix(" …") in long_words  # cut at a word
    pasted = register("https://example.invalid/" + "x" * 400)
    assert len(pasted) <= MAX_CHARACTERS + 2 and pasted.startswith("Https://example")


def test_languages_and_dialect_are_told_apart() -> None:
    assert "nn" in written_in("Kommunane må samarbeide meir om næringsutvikling i heile dalen")
    assert "nb" in written_in("Kommunene må samarbeide mer om næringsutvikling i hele dalen")
    assert written_in("The municipalities should cooperate more") == {"en"}
    assert is_dialect("Me ska itte slå saman kommunane")
    assert not is_dialect("Vi skal ikkje slå saman kommunane")


def test_the_consultations_language_wins_over_a_more_typical_member() -> None:
    members = [
        "Vi mener kommunene må satse mer på felles næringsutvikling",
        "Kommunane må satse meir på felles næringsutvikling",
        "The municipalities should invest more in joint business development",
    ]
    assert council_label(members, "nn") == "Kommunane må satse meir på felles næringsutvikling"
    assert council_label(members, "nb") == "Kommunene må satse mer på felles næringsutvikling"
    assert council_label(members, "en").startswith("The municipalities should")


def test_never_dialect_when_a_standard_form_member_exists() -> None:
    members = [
        "Me ska itte slå saman kommunane, dæ e for stort",
        "Ikkje slå saman kommunane i Hallingdal",
        "Itte slå saman kommunane",
    ]
    assert council_label(members, "nn") == "Ikkje slå saman kommunane i Hallingdal"
    # With dialect only, a dialect member is still a label (cleaned).
    assert council_label(["Me ska itte ha ny legevakt!"], "nn") == "Me ska itte ha ny legevakt"


def test_a_short_member_beats_a_long_one_of_the_same_rank() -> None:
    members = [
        "Vi meiner det bør vera ei regional traineeordning som òg tek med dei minste bedriftene "
        "i dalen og dei som har lite kompetanse frå før",
        "Regional traineeordning for unge",
    ]
    assert council_label(members, "nn") == "Regional traineeordning for unge"


def test_typicality_puts_the_member_sharing_most_words_first() -> None:
    texts = [
        "Betre kollektivtilbod",
        "Vidareføre Sats på Hallingdal",
        "Sats på Hallingdal 2.0 må vidareførast",
        "Vidareføring av Sats på Hallingdal 2.0",
    ]
    order = by_typicality(texts)
    assert order[0] in (1, 2, 3) and order[-1] == 0


def test_relabelled_keeps_renamed_points_and_shows_two_typical_members() -> None:
    texts = [
        ("g1", "Vi meiner: Vidareføring av Sats på Hallingdal 2.0!"),
        ("g2", "Vidareføring av Sats på Hallingdal 2.0."),
        ("g3", "Sats på Hallingdal 2.0 må vidareførast"),
    ]
    points = [Point(f"{i}.0", i, group, i, text) for i, (group, text) in enumerate(texts, 1)]
    summary = compile_question("q", points, MajorityRule(), threshold=0.05)
    (theme,) = summary.headline
    by_ref = {p.ref: p.text for p in points}
    label = relabelled(summary, by_ref, "nn").headline[0].label
    assert label == "Vidareføring av Sats på Hallingdal 2.0"
    assert len(typical_members(theme, by_ref)) == 2
    from dataclasses import replace

    renamed = replace(summary, headline=(replace(theme, label="Eige namn!", renamed=True),))
    assert relabelled(renamed, by_ref, "nn").headline[0].label == "Eige namn!"


# Answers as typed at council tables, with the language each is written in.
WRITTEN = [
    ("nn", "Kommunane må samarbeide meir om næringsutvikling"),
    ("nn", "Vidareføring av Sats på Hallingdal 2.0"),
    ("nn", "Det bør jobbast vidare med eit regionalt fond"),
    ("nn", "Ikkje slå saman kommunane"),
    ("nn", "Legevakta må vere open heile natta"),
    ("nn", "Fleire sjukepleiarar i heimetenesta"),
    ("nn", "Betre kollektivtilbod mellom bygdene"),
    ("nn", "Eg trur vi treng eit felles næringsfond"),
    ("nn", "Kva med breiband til alle grender?"),
    ("nn", "Styrke Næringshagen si regionale rolle"),
    ("nb", "Kommunene må samarbeide mer om næringsutvikling"),
    ("nb", "Videreføring av Sats på Hallingdal"),
    ("nb", "Ikke slå sammen kommunene"),
    ("nb", "Legevakten må være åpen hele natten"),
    ("nb", "Flere sykepleiere i hjemmetjenesten"),
    ("nb", "Jeg tror vi trenger et felles næringsfond"),
    ("nb", "Hva med bredbånd til alle grender?"),
    ("nb", "Bedre kollektivtilbud mellom bygdene"),
    ("en", "The municipalities should cooperate more"),
    ("en", "We need a regional business fund"),
    ("en", "Keep the emergency room open at night"),
    ("en", "Better bus connections between the villages"),
    ("en", "More nurses in home care"),
    ("en", "Do not merge the municipalities"),
]


def test_written_language_is_right_on_council_answers() -> None:
    wrong = [(lang, text) for lang, text in WRITTEN if written_in(text) != {lang}]
    # Shared words leave a few undecided; none may be taken for another language.
    assert not [w for w in wrong if written_in(w[1])], wrong
    assert len(wrong) <= 2, wrong


def test_a_label_is_not_shouted() -> None:
    # A member in capitals is the label only if no other member of the few will do.
    members = ["MEIR VELFERDSTEKNOLOGI OG HEIMESJUKEPLEIE OM NATTA", "Velferdsteknologi i heimane"]
    assert council_label(members, "nn") == "Velferdsteknologi i heimane"
    # Alone it is put in sentence case; abbreviations stay, and names as the others wrote them.
    assert council_label(["PPT MÅ FÅ FLEIRE TILSETTE!"], "nn") == "PPT må få fleire tilsette"
    assert register("FELLES SJUKEHEIM PÅ GOL", frozenset({"Gol"})) == "Felles sjukeheim på Gol"
    assert names_in(["Ein felles sjukeheim på Gol", "Kulturhus i Hallingdal. Det trengst"]) == {
        "Gol",
        "Hallingdal",
    }
    # "NAV" and "Ål" are not shouting: too few letters to tell.
    assert register("NAV på Ål") == "NAV på Ål"


def test_a_question_is_the_label_only_when_no_statement_will_do() -> None:
    members = ["Kvifor ikkje ei lita avgift per hyttedøgn?", "Ei lita avgift per hyttedøgn"]
    assert council_label(members, "nn") == "Ei lita avgift per hyttedøgn"
    assert council_label(members[:1], "nn") == "Kvifor ikkje ei lita avgift per hyttedøgn?"
