"""`tingbot export`: the same files as /eksport, written without starting the bot."""

import io
from pathlib import Path

import pytest
from docx import Document

from bot.cli import main
from bot.render.export_data import read_csv, read_json
from tests.support.cli_config import seeded_config
from tests.support.harness import TOKEN
from tests.support.seeding import seed_answers


@pytest.fixture
async def config_path(tmp_path: Path) -> Path:
    """A config file whose database (next to it) holds the seeded answers."""
    return await seeded_config(tmp_path, seed_answers)


def export(config: Path, fmt: str, out: Path) -> int:
    """Run `tingbot export` in-process."""
    return main(["export", "--config", str(config), "--format", fmt, "--out", str(out)])


def test_markdown(config_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "rapport.md"
    assert export(config_path, "md", out) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Drøftingssak – næringsutvikling")
    assert "- Regional traineeordning (2 av 2 grupper)\n" in text
    assert "| Regional traineeordning | Gruppe 2, Gruppe 4 |" in text
    assert f"md export of hallingting-2026 written to {out}" in capsys.readouterr().out


def test_docx(config_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "saksframlegg.docx"
    assert export(config_path, "docx", out) == 0
    texts = [p.text for p in Document(io.BytesIO(out.read_bytes())).paragraphs]
    assert "Kort samanstilling av svara frå eit fleirtal av gruppene" in texts
    assert "Vidareføring av Sats på Hallingdal 2.0 (3 av 4 grupper)" in texts
    document = Document(io.BytesIO(out.read_bytes()))
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["Vidareføring av Sats på Hallingdal 2.0", "Gruppe 1, Gruppe 2, Gruppe 3"] in cells


def test_csv_and_json_hold_the_same_rows(config_path: Path, tmp_path: Path) -> None:
    assert export(config_path, "csv", tmp_path / "data.csv") == 0
    assert export(config_path, "json", tmp_path / "data.json") == 0
    csv_rows = read_csv((tmp_path / "data.csv").read_text(encoding="utf-8-sig"))
    json_rows = read_json((tmp_path / "data.json").read_text(encoding="utf-8"))
    assert csv_rows == json_rows
    assert [r.status for r in csv_rows] == [
        "headline",
        "other",
        "headline",
        "headline",
        "other",
        "other",
        "headline",
        "headline",
    ]


def test_unknown_format_and_consultation_are_refused(
    config_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        export(config_path, "pdf", tmp_path / "x.pdf")
    status = main(
        [
            "export",
            "--config",
            str(config_path),
            "--format",
            "md",
            "--out",
            str(tmp_path / "x"),
            "--consultation",
            "nope",
        ]
    )
    assert status == 2
    assert "no consultation nope" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_offline_commands_need_no_token(
    config_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exporting after the ting talks to no Telegram: a config without a token will do."""
    text = config_path.read_text(encoding="utf-8").replace(f'token = "{TOKEN}"', 'token = ""')
    config_path.write_text(text, encoding="utf-8")
    monkeypatch.delenv("TINGBOT_TOKEN", raising=False)
    assert export(config_path, "md", tmp_path / "rapport.md") == 0
    assert export(config_path, "channel", tmp_path / "kanal") == 0
    assert list((tmp_path / "kanal").glob("*.html"))
    # Running the bot still needs one.
    assert main(["run", "--config", str(config_path)]) != 0
