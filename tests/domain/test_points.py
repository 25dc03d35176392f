"""Splitting answers into points."""

import pytest

from bot.domain.points import split_points


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Traineeordning", ["Traineeordning"]),
        ("  Sats på Hallingdal 2.0!  ", ["Sats på Hallingdal 2.0!"]),
        ("- fond\n- trainee\n* prosjekt", ["fond", "trainee", "prosjekt"]),
        ("• fond\n– trainee\n— prosjekt", ["fond", "trainee", "prosjekt"]),
        ("1. Fond\n2) Trainee\n(3) Prosjekt", ["Fond", "Trainee", "Prosjekt"]),
        ("a) fond\nb) trainee", ["fond", "trainee"]),
        ("fond\r\ntrainee\r\n\r\nprosjekt\r\n", ["fond", "trainee", "prosjekt"]),
        ("fond\rtrainee", ["fond", "trainee"]),
        ("Tiltak:\n- fond\n- trainee", ["fond", "trainee"]),
        ("Vi foreslår: 1) fond 2) trainee 3) meir fokus", ["fond", "trainee", "meir fokus"]),
        ("• fond • trainee", ["fond", "trainee"]),
        ("\ufeff\u200b- fond;\n-\n--\n...\n", ["fond"]),
        ("", []),
        ("   \n\n  ", []),
        ("10. juni er fristen for svar", ["10. juni er fristen for svar"]),
        ("Sats på Hallingdal 2.0 og 3.5 mill. kr", ["Sats på Hallingdal 2.0 og 3.5 mill. kr"]),
    ],
)
def test_split_points(text: str, expected: list[str]) -> None:
    assert split_points(text) == expected


def test_a_paragraph_of_several_sentences_stays_one_point() -> None:
    text = "Kommunane må samarbeide betre. Det er viktig! Kva med eit fond? Me trur det."
    assert split_points(text) == [text]


def test_hard_wrapped_lines_are_joined() -> None:
    text = (
        "Dette er ei lang linje som vart broten fordi ho vart limt inn frå ein\n"
        "e-post, og ho held fram her."
    )
    assert split_points(text) == [
        "Dette er ei lang linje som vart broten fordi ho vart limt inn frå ein "
        "e-post, og ho held fram her."
    ]


def test_short_lines_in_lower_case_are_separate_points() -> None:
    assert split_points("fond\ntrainee\nsats på hallingdal") == [
        "fond",
        "trainee",
        "sats på hallingdal",
    ]


def test_a_long_heading_with_colon_is_kept() -> None:
    text = "Me meiner at kommunane bør samarbeide tettare om næringsutvikling i dalen:\n- fond"
    assert split_points(text) == [
        "Me meiner at kommunane bør samarbeide tettare om næringsutvikling i dalen",
        "fond",
    ]


def test_a_bullet_item_wrapped_over_two_lines_is_one_point() -> None:
    text = (
        "- Eit regionalt næringsfond som alle seks kommunane i dalen skyt\n  inn pengar i\n"
        "- trainee"
    )
    assert split_points(text) == [
        "Eit regionalt næringsfond som alle seks kommunane i dalen skyt inn pengar i",
        "trainee",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Viktig at alle seks kommunane er med, også dei minste",
        "Større satsing på næringsutvikling, med eigne folk og pengar i budsjetta",
        "Satse på store utviklingsprosjekt i dalen, t.d. innan energi og reiseliv",
        "Felles næringsarbeid for alle bedrifter, uansett hvilken kommune de holder til i",
        "Better roads for every village, especially the smallest ones far from town",
    ],
)
def test_a_continuation_that_only_qualifies_the_point_is_no_point_of_its_own(text: str) -> None:
    assert split_points(text) == [text]


def test_two_proposals_after_a_comma_are_still_two_points() -> None:
    text = "Opprette eit regionalt næringsfond, styrke næringshagen i kvar kommune"
    assert split_points(text) == [
        "Opprette eit regionalt næringsfond",
        "styrke næringshagen i kvar kommune",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Svømmhall, lysløyper", ["Svømmhall", "lysløyper"]),
        ("Buss, tog, fly", ["Buss", "tog", "fly"]),
        (
            "Symjehall, og gratis symjetrening for ungar",
            ["Symjehall", "gratis symjetrening for ungar"],
        ),
        ("Boplikt, det held folk i bygda", ["Boplikt, det held folk i bygda"]),
        ("Kulturhuset bør ligge sentralt, på Gol", ["Kulturhuset bør ligge sentralt, på Gol"]),
        ("Hytter er bra for dalen, bygg fleire", ["Hytter er bra for dalen, bygg fleire"]),
        ("Ja, absolutt", ["Ja, absolutt"]),
    ],
)
def test_a_bare_list_is_split_at_its_commas(text: str, expected: list[str]) -> None:
    assert split_points(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Itte fleire hytter! Vi treng bustader til dei som skal bu her fast",
            ["Itte fleire hytter!", "Vi treng bustader til dei som skal bu her fast"],
        ),
        (
            "Ikkje legg ned bygdehusa. Det er der ting skjer i grendene",
            ["Ikkje legg ned bygdehusa. Det er der ting skjer i grendene"],
        ),
        (
            "Fleire hytter i fjellet. Vi treng fleire arbeidsplassar",
            ["Fleire hytter i fjellet. Vi treng fleire arbeidsplassar"],
        ),
    ],
)
def test_sentences_that_change_stance_are_two_points(text: str, expected: list[str]) -> None:
    assert split_points(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nei til samanslåing – la heller regionrådet få meir makt",
            ["Nei til samanslåing", "la heller regionrådet få meir makt"],
        ),
        (
            "ikkje kommunesamanslåing – då forsvinn arbeidsplassane frå bygdene",
            ["ikkje kommunesamanslåing – då forsvinn arbeidsplassane frå bygdene"],
        ),
        ("Sats på Hallingdal - vidareføring", ["Sats på Hallingdal - vidareføring"]),
    ],
)
def test_a_spaced_dash_is_a_joint_like_a_semicolon(text: str, expected: list[str]) -> None:
    assert split_points(text) == expected
