"""Compound parts and adjective stems do not make unrelated points meet; adding words split."""

from __future__ import annotations

import pytest

from bot.domain.clustering import PointSpace
from bot.domain.points import split_points
from bot.domain.text_norm import head_stems, normalise
from bot.domain.vectors import compound_heads, modifier_heads


def test_a_comparative_gives_no_compound_head() -> None:
    assert head_stems(normalise("Kortare ventetid").split()) == {"ventetid"}
    assert head_stems(normalise("sterkere fagmiljø").split()) == {"fagmiljø"}
    assert head_stems(normalise("Kort ventetid").split()) == {"kort", "ventetid"}
    stems = {"fritidskort", "kort"}
    assert compound_heads(stems, eligible={"fritidskort"}) == {}
    assert compound_heads(stems) == {"fritidskort": "kort"}


def test_fritidskort_does_not_meet_kortare() -> None:
    space = PointSpace(["Fritidskortet bør gjelde overalt", "Kortare ventetid i PPT"])
    assert space.similarity(0, 1) < 0.05
    # A compound still meets the whole word it ends with.
    fund = PointSpace(["Eit næringsfond", "Eit fond for gode prosjekt"])
    assert fund.similarity(0, 1) > 0.2


def test_a_compound_part_that_is_a_question_word_is_muted() -> None:
    texts = ["Fleire omsorgsbustader", "Fleire utleigebustader", "Bustader for unge"]
    question = "Kva kan kommunane gjere for å få fleire bustader?"
    unmuted = PointSpace(texts)
    muted = PointSpace(texts, question)
    assert muted.similarity(0, 1) < unmuted.similarity(0, 1)
    assert muted.similarity(0, 1) < 0.05


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fleire utleigeleilegheiter samt omsorgsbustader",
            ["Fleire utleigeleilegheiter", "omsorgsbustader"],
        ),
        (
            "Felles legevakt, og i tillegg fleire sjukepleiarar",
            ["Felles legevakt", "fleire sjukepleiarar"],
        ),
        (
            "Breiband til alle, dessutan betre mobildekning",
            ["Breiband til alle", "betre mobildekning"],
        ),
        ("Bedre bredbånd og dessuten flere busser", ["Bedre bredbånd", "flere busser"]),
        ("Shared emergency room as well as more nurses", ["Shared emergency room", "more nurses"]),
        # An adding word with no point on one side is no joint.
        ("Fleire samt", ["Fleire samt"]),
        ("Felles legevakt og i tillegg", ["Felles legevakt og i tillegg"]),
    ],
)
def test_adding_words_split_like_og_where_both_sides_are_points(
    text: str, expected: list[str]
) -> None:
    assert split_points(text) == expected


def test_a_compound_that_begins_with_another_stem_splits_for_opposition_points() -> None:
    assert modifier_heads({"hyttefelt"}, {"hytt"}) == {"hyttefelt": "felt"}
    assert modifier_heads({"hyttebygg"}, {"hytt"}) == {"hyttebygg": "bygg"}
    # A muted first part, a prefix or a folded phrase ("slå saman") is no compound's first part.
    assert modifier_heads({"kommunegrens"}, {"kommun"}, frozenset({"kommun"})) == {}
    assert modifier_heads({"sammenslå"}, {"samm"}) == {}
    texts = ["Ikkje fleire hyttefelt", "Nei til fleire hytter", "Fleire hyttefelt", "Fleire hytter"]
    space = PointSpace(texts)
    assert space.similarity(0, 1) > 0.2
    assert space.similarity(0, 1) > space.similarity(2, 3)


def test_the_first_part_of_a_compound_question_word_is_muted_like_the_word() -> None:
    # Asked about "hyttenæringa", answers echo "hytte": two oppositions to different things
    # about cabins do not meet through it.
    question = "Korleis kan kommunane utvikle reiselivet og hyttenæringa?"
    texts = [
        "Ikkje fleire hyttefelt i fjellet",
        "Vil ikkje ha ny hytteavgift",
        "Næringa treng hyttene",
    ]
    asked, plain = PointSpace(texts, question), PointSpace(texts)
    assert asked.similarity(0, 1) < plain.similarity(0, 1)
    # "Hallingdal" is no "hall" + "ingdal": a symjehall still meets a svømmehall.
    halls = ["Symjehall i Hallingdal", "Ein svømmehall", "Hall for alle"]
    near = PointSpace(halls, "Kva bør kommunane i Hallingdal gjere?")
    assert near.similarity(0, 1) == PointSpace(halls).similarity(0, 1)
