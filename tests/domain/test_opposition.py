"""The opposition frames of `bot.domain.negation`, each tested both ways, and what they do."""

from __future__ import annotations

import pytest

from bot.domain.clustering import PointSpace
from bot.domain.negation import is_negated, stance
from bot.domain.points import split_points
from bot.domain.text_norm import normalise

# (frame, a point that opposes through it, a point with the same words that does not)
FRAMES: list[tuple[str, str, str]] = [
    ("negation word, nn", "Ikkje fleire hytter", "Fleire hytter"),
    ("negation word, nb", "Vi vil ikke ha flere hytter", "Vi vil ha flere hytter"),
    ("negation word, en", "We do not want more cabins", "We want more cabins"),
    ("imot", "Vi er imot vindkraft", "Vi er for vindkraft"),
    ("nei til", "Nei til fleire hytter", "Ja til fleire hytter"),
    ("nei takk", "Nei takk til fleire hytter", "Ja takk til fleire hytter"),
    ("nei closing", "Til vindkraft seier vi nei", "Nei, vi ønskjer vindkraft"),
    ("nei closing, a question", "Vi seier nei", "Kommunesamanslåing: ja eller nei"),
    ("no more", "No more cabins in the valley", "More cabins in the valley"),
    ("mot opening", "Mot fleire hyttefelt", "Tiltak mot mobbing i skulen"),
    ("mot after er", "Vi er mot vindkraft", "Vi går mot ein betre skule"),
    ("stopp opening, nn", "Stopp utbygginga", "Bussen må stoppe i sentrum"),
    ("stopp opening, nb", "Stopp hyttebyggingen nå", "Fleire stopp for bussen"),
    ("stans after a modal", "Vi må stanse hyttebygginga", "Bussen må stanse ved skulen"),
    ("stop, en", "Stop the wind farms", "A bus stop at the school"),
    ("passive stop", "Utbygginga må stoppast", "Utbygginga må planleggast"),
    ("slutt på", "Slutt på sentraliseringa", "Til slutt: meir sentralisering"),
    ("nok no, nn", "Det er nok hytter no", "Felles legevakt med nok legar"),
    ("nok nå, nb", "Nok nå", "Skaffe nok sykepleiere nå"),
    ("nok av", "Vi har nok av hyttefelt", "Vi treng nok av sjukepleiarar"),
    ("nok er nok", "Nok er nok med hyttebygging", "Nok folk i barnevernet"),
    ("enough", "Enough cabins already", "Enough doctors at night"),
    ("for mykje", "Det er for mykje hyttebygging", "Viktig for mange unge"),
    ("for mykje, opening", "For mykje hyttebygging i fjellet", "For mange unge er bussen viktig"),
    ("for mange", "Det blir bygd for mange hytter", "Hytter for mange familiar"),
    ("no to, en", "No to wind power", "Vi treng no to nye legar"),
    ("altfor", "Altfor mange hytter", "Fleire hytter for alle"),
    ("too many", "Too many cabins", "Cabins for many families"),
]


@pytest.mark.parametrize(("frame", "opposes", "proposes"), FRAMES, ids=[f[0] for f in FRAMES])
def test_each_frame_opposes_and_its_counterpart_does_not(
    frame: str, opposes: str, proposes: str
) -> None:
    assert is_negated(opposes), frame
    assert not is_negated(proposes), frame


# A negation word that does not oppose what the point names: a condition, a reminder, a
# qualifier, a comparison.
CONDITIONS: list[tuple[str, str]] = [
    ("gå ut over", "Fleire hytter, men det må ikkje gå ut over naturen"),
    ("gå utover, nb", "Utbygging er greit, men det må ikke gå utover beitene"),
    ("gå på kostnad av", "Meir turisme som ikkje går på kostnad av bygdene"),
    ("on condition", "Vindkraft er greitt så lenge det ikkje øydelegg fjellet"),
    ("dersom", "Felles legevakt dersom vi ikkje får nok legar"),
    ("as long as, en", "Wind power is fine as long as it does not harm the mountains"),
    ("if, en", "A shared emergency room, if it does not mean longer travel"),
    ("gløyme", "Vi må ikkje gløyme dei eldre"),
    ("glemme, nb", "Vi må ikke glemme de eldre"),
    ("expense, en", "Tourism must not come at the expense of farming"),
    ("relative clause", "Fleire fritidsaktivitetar som ikkje kostar pengar"),
    ("comparison", "Ikkje berre turisme, men industri"),
    ("a reason", "Gratis utstyr til borna fordi foreldra ikkje har pengar"),
    ("so that", "Nok legar på vakt så reisevegen ikkje blir farleg"),
    ("cost, en", "Kids should not have to pay to join sports clubs"),
    ("cost", "Det må ikkje koste skjorta å gå på fotball"),
    ("an urge", "Vi bør ikkje vente lenger med å slå saman kommunane"),
    ("an urge, en", "We should not wait any longer with a shared fire service"),
]

# A negation that states a problem (getting somewhere, being there, a lack) proposes a remedy;
# one that refuses a thing opposes it, with the same verb or beside it.
PROBLEMS: list[tuple[str, str, str]] = [
    ("getting there", "Ungane kjem seg ikkje til Gol", "Det kjem ikkje på tale å legge ned skulen"),
    ("getting there, nb", "Hol kommer seg ikke til Gol på egen hånd", "Ikke kom med flere hytter"),
    ("running", "Bussen går ikkje når treninga er slutt", "Det går ikkje an å legge ned skulen"),
    ("being there", "Det finst ikkje basseng i dalen", "Det finst ikkje behov for fleire hytter"),
    ("a lack", "I dag har vi ingen stad for konsertar", "Ingen fleire hytter i fjellet"),
    (
        "a lack, nb",
        "I dag finnes det nesten ingenting å leie",
        "Vi har ingen interesse av vindkraft",
    ),
    ("able: a refusal", "Ungane kjem seg ikkje på trening", "Teknologi kan ikkje ta over for folk"),
    ("having: a refusal", "Bussen går ikkje om kvelden", "Vi har ikkje råd til ein ny storhall"),
    ("not enough", "Det er ikkje nok sjukepleiarar", "Vi har ikkje nok pengar til ein storhall"),
    ("nobody", "Mange har ikkje nokon å snakke med", "Vi vil ikkje ha noko vindkraft"),
    (
        "no reason",
        "Folk i bygda har ikkje nokon å prate med",
        "Det finst ingen grunn til å slå saman",
    ),
]


@pytest.mark.parametrize(("frame", "problem", "refusal"), PROBLEMS, ids=[p[0] for p in PROBLEMS])
def test_a_problem_is_no_opposition_but_a_refusal_is(
    frame: str, problem: str, refusal: str
) -> None:
    assert not is_negated(problem), frame
    assert is_negated(refusal), frame


@pytest.mark.parametrize(("frame", "text"), CONDITIONS, ids=[c[0] for c in CONDITIONS])
def test_a_condition_is_not_opposition(frame: str, text: str) -> None:
    assert not is_negated(text), frame


@pytest.mark.parametrize(
    ("text", "denial"),
    [
        ("Utbygginga må ikkje gå fortare", True),
        ("Vi må ikkje bygge fleire hytter", True),
        ("Grendeskulane må ikkje leggjast ned", True),
        ("Vi har venta lenge, ikkje fleire utsettingar", True),
    ],
)
def test_a_negation_of_other_verbs_still_opposes(text: str, denial: bool) -> None:
    assert is_negated(text) is denial


def test_the_frame_words_name_no_subject() -> None:
    assert stance(normalise("Stopp utbygginga").split()).topic == ["utbygginga"]
    assert stance(normalise("Nei takk til hytter").split()).topic == ["nei", "til", "hytter"]
    assert stance(normalise("Slutt på sentraliseringa").split()).topic == ["på", "sentraliseringa"]
    assert stance(normalise("Fleire stopp for bussen").split()).topic == [
        "fleire",
        "stopp",
        "for",
        "bussen",
    ]


def test_opposition_points_cluster_together_and_apart_from_their_opposite() -> None:
    texts = [
        "Stopp hyttebygginga",
        "Nei takk til meir hyttebygging",
        "Det er nok hyttebygging no",
        "Meir hyttebygging i fjellet",
        "Meir hyttebygging",
    ]
    space = PointSpace(texts)
    clusters = space.cluster(0.95)
    assert [0, 1, 2] in clusters
    assert [3, 4] in clusters
    assert space.similarity(0, 3) == 0.0


def test_stopp_x_does_not_meet_stopp_y_through_the_frame() -> None:
    space = PointSpace(["Stopp vindkrafta", "Stopp hyttebygginga"])
    assert space.similarity(0, 1) < 0.05


def test_a_change_of_stance_through_a_frame_splits_a_message() -> None:
    assert split_points("Fleire utleigebustader i sentrum, stopp hyttebygginga") == [
        "Fleire utleigebustader i sentrum",
        "stopp hyttebygginga",
    ]
