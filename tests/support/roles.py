"""Who is who in access and bad-input tests: a second consultation and one user per role."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.config.model import Config, Group, Localized, Question, Theme
from tests.support.harness import ORGANISER, example_config

PARTICIPANT = 5001
OTHER_PARTICIPANT = 5002
OTHER_ORGANISER = 222222222
STRANGER = 6666
GROUP_CHAT = -1001987654321
OTHER_CODE = "annat-ting-A1b2"


def two_consultations(database: Path) -> Config:
    """The example consultation, and a second one with its own organiser, group and question."""
    config = example_config(database)
    first = config.consultations[0]
    other = replace(
        first,
        key="anna-ting",
        title=Localized("Eit anna ting"),
        organisers=(OTHER_ORGANISER,),
        channel="@anna_ting_kanal",
        groups=(Group("a", "Gruppe A", OTHER_CODE),),
        themes=(Theme("t", Localized("Tema"), (Question("q", Localized("Kva meiner de?")),)),),
        meetings=(),
    )
    return replace(config, consultations=(first, other))


# Role → (user, chat): the first four in their private chat, the last two in GROUP_CHAT.
ROLES = {
    "participant": (PARTICIPANT, PARTICIPANT),
    "organiser": (ORGANISER, ORGANISER),
    "other organiser": (OTHER_ORGANISER, OTHER_ORGANISER),
    "stranger": (STRANGER, STRANGER),
    "member in group chat": (PARTICIPANT, GROUP_CHAT),
    "organiser in group chat": (ORGANISER, GROUP_CHAT),
}
