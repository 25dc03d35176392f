"""Answers stored the way the bot stores them, for summary, publishing and export tests."""

from __future__ import annotations

import random

from tests.support.harness import Harness

# Four groups answering the seed's two questions: one headline point per question, others below.
SEED_ANSWERS: dict[str, list[tuple[str, str]]] = {
    "gruppe-1": [
        ("organisering", "Vidareføring av Sats på Hallingdal 2.0\nEit regionalt næringsfond")
    ],
    "gruppe-2": [
        ("organisering", "Sats på Hallingdal 2.0 bør vidareførast"),
        ("tiltak", "Regional traineeordning"),
    ],
    "gruppe-3": [
        ("organisering", "- Sats på Hallingdal 2.0\n- Regionalt næringsfond for Hallingdal")
    ],
    "gruppe-4": [("organisering", "Slå saman kommunane"), ("tiltak", "Traineeordning for unge")],
}
TITLE_NN = "Hallingtinget 2026: Næringsutvikling, helsesamarbeid og regionalt samarbeid"
Q1_NN = (
    "Korleis kan kommunane i Hallingdal organisere ei felles satsing på regional "
    "næringsutvikling, slik at ein får reell kraftsamling, brei deltaking og større effekt "
    "for næringslivet i heile dalen?"
)
# The channel post of SEED_ANSWERS in the example consultation (Nynorsk, majority rule): the
# questions without answers are not in it.
EXPECTED_NN = f"""<b>{TITLE_NN}</b>

<b><u>Næringsutvikling</u></b>

<i>1. {Q1_NN}</i>

<b>Kort samanstilling av svara frå eit fleirtal av gruppene</b>
• Vidareføring av Sats på Hallingdal 2.0 (3 av 4 grupper)

<b>Andre punkt som nokre grupper tok opp</b>
• Eit regionalt næringsfond (2 av 4 grupper)
• Slå saman kommunane (1 av 4 grupper)

<i>2. Kva tiltak kan vera aktuelle?</i>

<b>Kort samanstilling av svara frå eit fleirtal av gruppene</b>
• Regional traineeordning (2 av 2 grupper)"""
FIRST_USER = 501  # gruppe-1 is user 501 "Kari", gruppe-2 user 502 "Ola", …
NAMES = ("Kari", "Ola", "Ingrid", "Per", "Siri", "Nils", "Astrid", "Lars")


async def seed_answers(
    h: Harness, answers: dict[str, list[tuple[str, str]]] | None = None, key: str = ""
) -> dict[str, int]:
    """Store one participant per group with their answers; returns group key → participant id."""
    deps = h.app.bot_data.deps
    catalog = deps.catalogs[key or h.config.consultations[0].key]
    participants = {}
    for index, (group_key, items) in enumerate((answers or SEED_ANSWERS).items()):
        group = catalog.group_by_key(group_key)
        assert group is not None
        uid = FIRST_USER + index
        participant = await h.storage.participants.join(
            catalog.consultation_id, uid, NAMES[index % len(NAMES)], group.id, None, h.clock()
        )
        participants[group_key] = participant.id
        for number, (question_key, text) in enumerate(items, start=1):
            question = catalog.question_by_key(question_key)
            assert question is not None
            await h.storage.answers.add_answer(
                participant.id, question.id, text, uid, 900 + number, h.clock()
            )
    return participants


def long_answers(points_per_group: int = 6, seed: int = 38) -> dict[str, list[tuple[str, str]]]:
    """Eight groups with many long points that share no word part: a post of several messages.

    Each point is written in its own run of CJK characters, so no two points look alike to the
    clustering and each stays a point of its own with a full-length label; "&<" in every point
    checks the escaping.
    """
    rng = random.Random(seed)

    def point(index: int) -> str:
        base = 0x4E00 + index * 200
        words = [
            "".join(chr(base + rng.randrange(200)) for _ in range(rng.randint(8, 13)))
            for _ in range(30)
        ]
        words.insert(rng.randrange(len(words)), "&<")
        return " ".join(words)

    counter = iter(range(1_000))
    return {
        f"gruppe-{n}": [
            ("tiltak", "\n".join(point(next(counter)) for _ in range(points_per_group)))
        ]
        for n in range(1, 9)
    }
