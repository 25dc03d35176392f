"""[consultation.case]: the case document's frame and the council's template."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document

from bot.cli import main
from bot.config.load import load
from tests.domain.test_config import ENV, problems, variant

TEMPLATE_LINE = '# template = "mal.docx"'


def test_the_example_holds_sak_38_26(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(variant(), encoding="utf-8")
    case = load(path, ENV).consultations[0].case
    assert (case.number, case.committee, case.officer) == ("38-26", "Regionrådet", "Dagleg leiar")
    assert case.meeting_date == date(2026, 6, 11)
    assert case.title is not None and case.title.nn.startswith("Drøftingssak – næringsutvikling")
    assert case.template is None


def test_a_template_is_found_next_to_the_config(tmp_path: Path) -> None:
    folder = tmp_path / "conf"
    folder.mkdir()
    Document().save(folder / "mal.docx")
    path = folder / "config.toml"
    path.write_text(variant((TEMPLATE_LINE, 'template = "mal.docx"')), encoding="utf-8")
    assert load(path, ENV).consultations[0].case.template == folder / "mal.docx"


def test_the_meeting_date_may_be_written_without_quotes(tmp_path: Path) -> None:
    text = variant(('"møtedato" = 2026-06-11', "motedato = 2026-06-12T10:00:00"))
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    assert load(path, ENV).consultations[0].case.meeting_date == date(2026, 6, 12)


def test_a_case_without_frame_is_fine(tmp_path: Path) -> None:
    start = variant().index("[consultation.case]")
    end = variant().index("[consultation.summary]")
    path = tmp_path / "config.toml"
    path.write_text(variant()[:start] + variant()[end:], encoding="utf-8")
    case = load(path, ENV).consultations[0].case
    assert case.number == "" and case.meeting_date is None and case.title is None


def test_mistakes_in_the_case_name_their_key_paths(tmp_path: Path) -> None:
    (tmp_path / "not-word.docx").write_text("plain text", encoding="utf-8")
    text = variant(
        ('"møtedato" = 2026-06-11', '"møtedato" = "11. juni"'),
        ('saksnummer = "38-26"', "saksnummer = 38"),
        (TEMPLATE_LINE, 'template = "not-word.docx"\nsaksbehandler = "Kari"'),
    )
    found = problems(tmp_path, text)
    assert found == [
        "consultation[0].case.saksbehandler: unknown key",
        "consultation[0].case.saksnummer: expected a string, got an integer",
        "consultation[0].case.møtedato: expected a date like 2026-06-11",
        f"consultation[0].case.template: not a Word document (.docx or .dotx): "
        f"{tmp_path / 'not-word.docx'}",
    ]


def test_a_missing_template_is_reported(tmp_path: Path) -> None:
    found = problems(tmp_path, variant((TEMPLATE_LINE, 'template = "mal.docx"')))
    assert found == [f"consultation[0].case.template: file not found: {tmp_path / 'mal.docx'}"]


def test_check_config_shows_the_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "config.toml"
    path.write_text(variant(), encoding="utf-8")
    assert main(["check-config", str(path)]) == 0
    out = capsys.readouterr().out
    assert "  case 38-26: Regionrådet, 2026-06-11, Dagleg leiar\n" in out
    assert "  case title: Drøftingssak – næringsutvikling. Oppfølging frå Hallingtinget\n" in out
