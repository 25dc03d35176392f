"""Answers stored the way the bot stores them, for summary, publishing and export tests."""

from __future__ import annotations

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
        participant = await h.storage.join(
            catalog.consultation_id, uid, NAMES[index % len(NAMES)], group.id, None, h.clock()
        )
        participants[group_key] = participant.id
        for number, (question_key, text) in enumerate(items, start=1):
            question = catalog.question_by_key(question_key)
            assert question is not None
            await h.storage.add_answer(
                participant.id, question.id, text, uid, 900 + number, h.clock()
            )
    return participants
