"""Two points in one message are split; negation is detected; variants and English fold."""

from __future__ import annotations

import pytest

from bot.domain.clustering import HIGHEST_SIMILARITY, LOWEST_SIMILARITY, PointSpace
from bot.domain.negation import is_negated
from bot.domain.points import split_points
from bot.domain.summary import MajorityRule, Point, compile_question
from bot.domain.text_norm import content_stems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Felles legevakt for heile regionen og rekruttere fleire sjukepleiarar",
            ["Felles legevakt for heile regionen", "rekruttere fleire sjukepleiarar"],
        ),
        ("Felles IKT-drift; felles innkjøp", ["Felles IKT-drift", "felles innkjøp"]),
        (
            "Betre breiband i grendene; og eit regionalt gründerfond",
            ["Betre breiband i grendene", "eit regionalt gründerfond"],
        ),
        ("Felles IKT-drift; og", ["Felles IKT-drift; og"]),
        ("Felles tilbod innan psykisk helse og rus", ["Felles tilbod innan psykisk helse og rus"]),
        ("Vegar, buss og breiband", ["Vegar, buss og breiband"]),
        (
            "Eit regionalt nærings- og utviklingsfond for Hallingdal og finansiering av dette",
            ["Eit regionalt nærings- og utviklingsfond for Hallingdal og finansiering av dette"],
        ),
        (
            "Interkommunal legevakt, men med kort reiseveg og nok legar",
            ["Interkommunal legevakt, men med kort reiseveg og nok legar"],
        ),
        (
            "Vertskommunesamarbeid om barnevern og PPT, vi vil ikkje ha kommunesamanslåing",
            ["Vertskommunesamarbeid om barnevern og PPT", "vi vil ikkje ha kommunesamanslåing"],
        ),
    ],
)
def test_a_message_is_split_only_where_it_holds_two_points(text: str, expected: list[str]) -> None:
    assert split_points(text) == expected


def test_a_long_answer_about_many_things_is_split_by_sentence() -> None:
    text = (
        "Vi brukte mykje tid på dette. Riksvegen gjennom dalen er smal og må utbetrast. "
        "Bussen går for sjeldan om kvelden for ungdomen. "
        "Breibandet er dårleg mange stader og rammar heimekontora."
    )
    points = split_points(text)
    assert len(points) == 3
    assert points[0].startswith("Vi brukte") and "Riksvegen" in points[0]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Ikkje slå saman kommunane", True),
        ("Nei til bompenger", True),
        ("We do not want to merge the municipalities", True),
        ("Vi er imot samanslåing", True),
        ("Fleire fritidsaktivitetar som ikkje kostar pengar", False),
        ("Ikkje berre turisme, men industri", False),
        ("No må vi satse på legevakta", False),
        ("Slå saman kommunane", False),
    ],
)
def test_negation_is_detected(text: str, negated: bool) -> None:
    assert is_negated(text) is negated


def test_variants_and_english_fold_to_one_stem() -> None:
    assert content_stems("sjukepleiarar") == content_stems("sykepleiere")
    assert content_stems("sjukehuset") == content_stems("spesialisthelsetenesta")
    assert content_stems("slå saman kommunane")[0] == content_stems("merge")[0]


@pytest.mark.parametrize(
    "text",
    [
        "Ikke slå oss sammen med de andre kommunene",
        "Eg ynskjer ikkje at kommunane slår seg saman",
        "Nesbyen må ikkje bli slått saman med Gol",
        "Kommunane skal ikkje slåast saman",
    ],
)
def test_a_verb_and_its_particle_fold_with_words_between(text: str) -> None:
    assert content_stems("slå saman")[0] in content_stems(text)
    # Three words between are too far: the particle belongs to something else.
    assert content_stems("slå") != content_stems("slå saman")
    assert content_stems("slå dei små brannstasjonane saman")[0] != content_stems("slå saman")[0]


def test_aa_typed_for_å_reads_as_å() -> None:
    assert content_stems("Regionraadet må få meir makt") == content_stems(
        "Regionrådet må få meir makt"
    )


def test_a_point_and_its_negation_never_share_a_theme() -> None:
    texts = ["Slå saman kommunane", "Ikkje slå saman kommunane"] * 3
    space = PointSpace(texts)
    assert space.similarity(0, 1) == 0.0
    assert len(space.cluster(1.0)) == 2


def test_negated_points_get_their_own_headline() -> None:
    points = [
        Point(f"{n}.0", n, f"g{n}", n, "Ikkje slå saman kommunane" if n < 4 else "Slå saman")
        for n in range(1, 6)
    ]
    summary = compile_question("q", points, MajorityRule())
    assert [p.groups for p in summary.headline] == [("g1", "g2", "g3")]
    assert summary.others[0].groups == ("g4", "g5")


def test_an_outlier_does_not_make_its_group_count() -> None:
    texts = ["Felles legevakt for regionen"] * 3 + ["Felles legevakt"] + ["Felles innkjøp"]
    space = PointSpace(texts)
    assert space.outliers(list(range(5))) == [4]


def test_the_threshold_is_decided_per_question() -> None:
    varied = [
        "Felles legevakt",
        "Rekruttere sjukepleiarar",
        "Betre samhandling med sjukehuset",
        "Velferdsteknologi i heimetenesta",
        "Meir førebygging",
    ]
    repetitive = ["Felles legevakt for regionen", "Felles legevakt med nok legar"] * 4 + [
        "Rekruttere fleire sjukepleiarar",
        "Rekruttere sjukepleiarar og legar",
    ]
    varied_bar = 1.0 - PointSpace(varied).question_threshold()
    repetitive_bar = 1.0 - PointSpace(repetitive).question_threshold()
    assert varied_bar < repetitive_bar
    assert varied_bar >= LOWEST_SIMILARITY - 1e-9
    assert repetitive_bar <= HIGHEST_SIMILARITY + 1e-9


def test_an_incoherent_theme_is_not_a_headline() -> None:
    points = [
        Point(f"{n}.0", n, f"g{n}", n, text)
        for n, text in enumerate(
            ["Felles legevakt", "Felles innkjøp", "Felles IKT", "Felles brannvesen"], start=1
        )
    ]
    # A threshold of 1.0 joins them all: four of four groups, but no shared subject.
    summary = compile_question("q", points, MajorityRule(), threshold=1.0)
    assert summary.headline == ()
    assert [(len(p.groups), p.uncertain) for p in summary.others] == [(4, True)]
