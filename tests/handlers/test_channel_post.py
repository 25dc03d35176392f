"""The channel post: the seed's shape, in the consultation's language, names only when shown."""

from pathlib import Path
from typing import Any

from bot.config.model import SummaryRule
from bot.model.report import ReportSource
from bot.render.channel import channel_post
from bot.services.reports import gather
from tests.support.harness import ORGANISER, Harness, start_harness, stop_harness
from tests.support.seeding import EXPECTED_NN, TITLE_NN, seed_answers


async def seeded_source(tmp_path: Path, **changes: Any) -> tuple[Harness, ReportSource]:
    """A harness with the seeded answers and the report source compiled from them."""
    h = await start_harness(tmp_path, **changes)
    await seed_answers(h)
    return h, await gather(h.app.bot_data.deps, h.config.consultations[0])


async def test_nynorsk_post_has_the_seed_shape(tmp_path: Path) -> None:
    h, source = await seeded_source(tmp_path)
    try:
        assert channel_post(source) == EXPECTED_NN
    finally:
        await stop_harness(h)


async def test_bokmal_post_uses_bokmal_texts(tmp_path: Path) -> None:
    h, source = await seeded_source(tmp_path, language="nb")
    try:
        post = channel_post(source)
    finally:
        await stop_harness(h)
    blocks = post.split("\n\n")
    assert blocks[:4] == [
        f"<b>{TITLE_NN}</b>",
        "<b><u>Næringsutvikling</u></b>",
        "<i>1. Hvordan kan kommunene i Hallingdal organisere en felles satsing på regional "
        "næringsutvikling, slik at man får reell kraftsamling, bred deltakelse og større effekt "
        "for næringslivet i hele dalen?</i>",
        "<b>Kort sammenstilling av svarene fra et flertall av gruppene</b>\n"
        "• Sats på Hallingdal 2.0 (3 av 4 grupper)",
    ]
    assert blocks[4] == (
        "<b>Andre punkter som noen grupper tok opp</b>\n"
        "• Regionalt næringsfond for Hallingdal (2 av 4 grupper)\n"
        "• Slå saman kommunane (1 av 4 grupper)"
    )
    assert blocks[5] == "<i>2. Hvilke tiltak kan være aktuelle?</i>"
    assert blocks[-1] == (
        "<b>Kort sammenstilling av svarene fra et flertall av gruppene</b>\n"
        "• Regional traineeordning (2 av 2 grupper)"
    )
    assert "Ingen svar" not in post and "(ingen)" not in post


async def test_names_only_when_the_consultation_shows_them(tmp_path: Path) -> None:
    h, hidden_names = await seeded_source(tmp_path)
    await stop_harness(h)
    h, shown = await seeded_source(tmp_path / "names", show_names=True)
    await stop_harness(h)
    for name in ("Kari", "Ola", "Ingrid", "Per"):
        assert name not in channel_post(hidden_names)
    lines = channel_post(shown).splitlines()
    assert (
        "• Vidareføring av Sats på Hallingdal 2.0 (3 av 4 grupper) – <i>Ingrid, Kari, Ola</i>"
        in lines
    )
    assert "• Slå saman kommunane (1 av 4 grupper) – <i>Per</i>" in lines
    assert "• Regional traineeordning (2 av 2 grupper) – <i>Ola, Per</i>" in lines


async def test_hidden_points_are_never_shown(tmp_path: Path) -> None:
    h, source = await seeded_source(tmp_path)
    try:
        merger = source.digest.question("organisering")
        assert merger is not None
        target = next(p for p in merger.summary.others if p.label == "Slå saman kommunane")
        await h.storage.summaries.add_curation(
            source.digest.consultation_id,
            "organisering",
            "hide",
            ORGANISER,
            h.clock(),
            ref=target.key,
        )
        again = await gather(h.app.bot_data.deps, h.config.consultations[0])
    finally:
        await stop_harness(h)
    assert "Slå saman kommunane" in channel_post(source)
    assert "Slå saman kommunane" not in channel_post(again)
    assert "• Eit regionalt næringsfond (2 av 4 grupper)" in channel_post(again)


async def test_at_least_rule_has_its_own_wording(tmp_path: Path) -> None:
    h, source = await seeded_source(tmp_path, summary=SummaryRule("at_least", 2))
    await stop_harness(h)
    post = channel_post(source)
    assert "fleirtal" not in post
    assert (
        "<b>Kort samanstilling av svara frå minst 2 grupper</b>\n"
        "• Vidareføring av Sats på Hallingdal 2.0 (3 av 4 grupper)\n"
        "• Eit regionalt næringsfond (2 av 4 grupper)\n\n"
        "<b>Andre punkt som nokre grupper tok opp</b>\n"
        "• Slå saman kommunane (1 av 4 grupper)"
    ) in post


async def test_updated_version_is_marked_under_the_title(tmp_path: Path) -> None:
    h, source = await seeded_source(tmp_path)
    await stop_harness(h)
    assert channel_post(source, 3).startswith(f"<b>{TITLE_NN}</b>\n<i>Oppdatert versjon 3</i>\n\n")
    assert channel_post(source, 3).split("\n\n", 1)[1] == EXPECTED_NN.split("\n\n", 1)[1]


async def test_answer_text_is_escaped(tmp_path: Path) -> None:
    h = await start_harness(tmp_path)
    await seed_answers(h, {"gruppe-1": [("tiltak", "Fond <50 mill> & meir")]})
    source = await gather(h.app.bot_data.deps, h.config.consultations[0])
    await stop_harness(h)
    assert "• Fond &lt;50 mill&gt; &amp; meir (1 av 1 gruppe)" in channel_post(source)
