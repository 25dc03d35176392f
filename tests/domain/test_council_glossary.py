"""The council glossary: paraphrases and English read as one word, through a typing slip too."""

from __future__ import annotations

import pytest

from bot.domain.clustering import PointSpace
from bot.domain.glossary import TYPO_FROM, concept


@pytest.mark.parametrize(
    ("word", "read_as"),
    [
        ("kontaktpunkt", "inngang"),  # the word itself
        ("kontakpunkt", "inngang"),  # a letter left out
        ("kontaktpunktt", "inngang"),  # a letter added
        ("kontsktpunkt", "inngang"),  # a letter changed
        ("kontatkpunkt", "inngang"),  # two letters swapped
        ("næringshagn", "verkemiddel"),
        ("helseforetake", "sykehus"),
        ("pengesek", "fond"),
        ("kommunen", "kommunen"),  # not near any glossary word
        ("nurse", "sykepleier"),
        ("nurss", "nurss"),  # shorter than TYPO_FROM: a slip is too often another word
    ],
)
def test_a_word_is_read_through_the_glossary(word: str, read_as: str) -> None:
    assert concept(word) == read_as


def test_short_words_need_the_exact_form() -> None:
    assert TYPO_FROM >= 7
    assert concept("doctr") == "doctr"


def test_a_slip_never_changes_the_first_letter() -> None:
    assert concept("walking") == "gange"
    assert concept("talking") == "talking"


def test_a_misspelt_glossary_word_still_meets_its_theme() -> None:
    space = PointSpace(["Eitt kontaktpunkt for bedriftene", "Kontakpunkt for bedrifter", "Veg"])
    assert space.similarity(0, 1) > 0.9


@pytest.mark.parametrize(
    ("word", "read_as"),
    [
        ("procurement", "innkjøp"),
        ("relatives", "pårørande"),
        ("libraries", "bibliotek"),  # -ies read as -y
        ("cabins", "hytte"),  # -s
        ("floods", "flaum"),
        ("hostmunicipality", "vertskommune"),  # "host-municipality", its hyphen dropped
        ("power", "power"),  # electricity or influence: left alone
        ("fire", "fire"),  # a Norwegian number
        ("rent", "rent"),  # a Norwegian adjective
        ("gps", "gps"),  # no plural of "gp": too short to strip
    ],
)
def test_an_english_word_is_read_as_its_norwegian_word(word: str, read_as: str) -> None:
    assert concept(word) == read_as


@pytest.mark.parametrize(
    ("english", "norwegian"),
    [
        ("Respite care for relatives", "Avlastning for pårørande"),
        ("Joint procurement to get better prices", "Felles innkjøp"),
        ("More nursing homes", "Fleire sjukeheimar"),
        ("Mental health services for young people", "Psykisk helse for unge"),
        ("We do not want wind turbines in the mountains", "Ikkje vindkraft på fjellet"),
    ],
)
def test_an_english_answer_meets_its_norwegian_theme(english: str, norwegian: str) -> None:
    space = PointSpace([english, norwegian, "Betre vegar", "Meir kultur i skulen"])
    assert space.similarity(0, 1) > 0.3
    assert space.similarity(0, 1) > 2 * max(space.similarity(0, 2), space.similarity(0, 3))
