"""Withdrawn answers stay out of the raw data unless the organiser asks for them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.render.export_data import read_csv, read_json
from tests.support.cli_config import seeded_config
from tests.support.harness import ORGANISER, Harness
from tests.support.seeding import seed_answers

WITHDRAWN_TEXT = "Traineeordning for unge"


async def seed_with_one_withdrawn(h: Harness) -> None:
    """The seeded answers, with group 4's answer to question 2 withdrawn by its writer."""
    participants = await seed_answers(h)
    answers = await h.storage.answers.answers_of(participants["gruppe-4"])
    assert answers[-1].text == WITHDRAWN_TEXT
    await h.storage.answers.set_answer_status(answers[-1].id, "withdrawn", h.clock())


def documents(h: Harness) -> dict[str, bytes]:
    """The files the organiser got, by name (the newest of each name)."""
    return {
        c.filenames["document"]: c.files["document"] for c in h.tg.to(ORGANISER, "sendDocument")
    }


async def test_eksport_leaves_withdrawn_answers_out_and_says_so(h: Harness) -> None:
    await seed_with_one_withdrawn(h)
    await h.command(ORGANISER, "eksport")
    assert h.replies(ORGANISER)[0].endswith(
        "Svar som er trekte tilbake, er ikkje med i rådataa; /eksport trekte tek dei med."
    )
    files = documents(h)
    csv_rows = read_csv(files["hallingting-2026-data.csv"].decode("utf-8-sig"))
    json_rows = read_json(files["hallingting-2026-data.json"].decode())
    assert csv_rows == json_rows and len(csv_rows) == 7
    assert WITHDRAWN_TEXT not in files["hallingting-2026-data.csv"].decode("utf-8-sig")
    assert {r.status for r in csv_rows} == {"headline", "other"}


async def test_eksport_trekte_includes_them_marked(h: Harness) -> None:
    await seed_with_one_withdrawn(h)
    await h.command(ORGANISER, "eksport", "trekte")
    assert h.replies(ORGANISER)[0].endswith(
        "Rådataa tek med svara som er trekte tilbake, merkte som trekte tilbake."
    )
    files = documents(h)
    rows = read_json(files["hallingting-2026-data.json"].decode())
    assert [(r.point, r.status) for r in rows if r.status == "withdrawn"] == [
        (WITHDRAWN_TEXT, "withdrawn")
    ]
    assert rows == read_csv(files["hallingting-2026-data.csv"].decode("utf-8-sig"))


@pytest.fixture
async def config_path(tmp_path: Path) -> Path:
    """A config file whose database (next to it) holds the seeded answers, one withdrawn."""
    return await seeded_config(tmp_path, seed_with_one_withdrawn)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_cli_export_includes_them_only_when_asked(
    config_path: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    plain, kept = tmp_path / f"plain.{fmt}", tmp_path / f"kept.{fmt}"
    args = ["export", "--config", str(config_path), "--format", fmt]
    assert main([*args, "--out", str(plain)]) == 0
    assert "withdrawn answers left out (--include-withdrawn keeps them)" in capsys.readouterr().out
    assert main([*args, "--out", str(kept), "--include-withdrawn"]) == 0
    assert "withdrawn answers included" in capsys.readouterr().out
    read = read_csv if fmt == "csv" else read_json
    plain_rows = read(plain.read_text(encoding="utf-8-sig"))
    kept_rows = read(kept.read_text(encoding="utf-8-sig"))
    assert [r for r in plain_rows if r.status == "withdrawn"] == []
    assert [r.point for r in kept_rows if r.status == "withdrawn"] == [WITHDRAWN_TEXT]
    assert [r for r in kept_rows if r.status != "withdrawn"] == plain_rows
