"""The publication's content hash drawn question by question (services.publishing with a
memo) is the hash of the whole post and every row: never stale after a curation step, an
vote, or an edited or withdrawn answer, and equal to the hash drawn from scratch."""

import hashlib

from bot.domain.curation import Hide
from bot.domain.drawn_memo import DrawnMemo
from bot.model.report import ReportSource
from bot.render.channel import channel_post
from bot.render.export_data import export_rows, rows_json
from bot.services import curation
from bot.services.publishing import content_hash
from bot.services.reports import gather
from tests.support.harness import ORGANISER, Harness
from tests.support.round import SATS, run_round
from tests.support.seeding import seed_answers


def from_scratch(source: ReportSource) -> str:
    """The hash as its definition says: the post, a separator, every row as JSON."""
    rows = rows_json(export_rows(source, include_withdrawn=True))
    return hashlib.sha256((channel_post(source) + "\n\x00\n" + rows).encode()).hexdigest()


async def test_the_hash_drawn_per_question_follows_every_change(h: Harness) -> None:
    participants = await seed_answers(h)
    deps = h.app.bot_data.deps
    consultation = deps.config.consultations[0]
    memo = DrawnMemo()
    seen: list[str] = []

    async def step() -> None:
        source = await gather(deps, consultation)
        drawn = content_hash(source, memo=memo)
        assert drawn == content_hash(source) == from_scratch(source)
        assert drawn not in seen  # every step below changes what is published
        seen.append(drawn)

    await step()
    await run_round(h, {SATS: {504: "a"}})
    await step()
    record = deps.catalogs[consultation.key].question_by_key("organisering")
    assert record is not None
    view = await curation.preview(deps, consultation, record.id)
    assert view is not None
    point = view.entry.summary.headline[0]
    assert await curation.curate(deps, view, ORGANISER, Hide(point.key)) is not None
    await step()
    answers = await h.storage.answers.answers_of(participants["gruppe-1"])
    await h.storage.answers.revise_answer(answers[0].id, answers[0].text + "!", 9_999, h.clock())
    await step()
    await h.storage.answers.set_answer_status(answers[-1].id, "withdrawn", h.clock())
    await step()
    assert len(memo) == len(deps.catalogs[consultation.key].active_questions)


async def test_the_same_source_gives_the_same_hash_from_the_memo(h: Harness) -> None:
    await seed_answers(h)
    deps = h.app.bot_data.deps
    source = await gather(deps, deps.config.consultations[0])
    memo = DrawnMemo()
    assert content_hash(source, memo=memo) == content_hash(source, memo=memo)
    assert content_hash(source, memo=memo) == from_scratch(source)
