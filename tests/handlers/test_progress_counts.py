"""Progress counts come from two aggregate queries, whatever the number of groups."""

from pathlib import Path

from tests.support.harness import start_harness, stop_harness
from tests.support.organiser import consultation_id, question_id, seed


async def test_counts_per_group_and_question_in_two_queries(tmp_path: Path) -> None:
    h = await start_harness(tmp_path)
    try:
        answers = await seed(
            h,
            [
                ("gruppe-1", 501, "organisering", "Regionrådet"),
                ("gruppe-1", 501, "tiltak", "Fond"),
                ("gruppe-1", 502, "tiltak", "Trainee"),
                ("gruppe-3", 503, "tiltak", "Sats"),
                ("gruppe-3", 503, "tiltak", "Breiband"),
            ],
        )
        await seed(h, [("gruppe-5", 504, "tiltak", "Vegar")])
        withdrawn = answers[-1]
        await h.storage.answers.set_answer_status(withdrawn.id, "withdrawn", h.clock())
        await h.storage.participants.join(
            consultation_id(h), 505, "P", 4, None, h.clock()
        )  # gruppe-4, silent
        statements: list[str] = []
        await h.storage.db.reader.set_trace_callback(statements.append)
        counts = await h.storage.progress.progress_counts(consultation_id(h))
        await h.storage.db.reader.set_trace_callback(None)
        assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 2
        catalog = h.app.bot_data.deps.catalogs["hallingting-2026"]
        group = {g.key: g.id for g in catalog.groups}
        assert counts.participants == {
            group["gruppe-1"]: 2,
            group["gruppe-3"]: 1,
            group["gruppe-5"]: 1,
            group["gruppe-4"]: 1,
        }
        cells = {(c.group_id, c.question_id): (c.answers, c.participants) for c in counts.answers}
        assert cells == {
            (group["gruppe-1"], question_id(h, "organisering")): (1, 1),
            (group["gruppe-1"], question_id(h, "tiltak")): (2, 2),
            (group["gruppe-3"], question_id(h, "tiltak")): (1, 1),  # the withdrawn one is out
            (group["gruppe-5"], question_id(h, "tiltak")): (1, 1),
        }
    finally:
        await stop_harness(h)
