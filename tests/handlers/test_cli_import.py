"""`tingbot import-answers` and `tingbot export --format channel` on a real SQLite file."""

from __future__ import annotations

import asyncio
import io
import json
import sqlite3
from pathlib import Path

import pytest
from docx import Document

from bot.cli import main
from bot.cli_offline import message_of
from tests.handlers.test_cli_export import config_path  # noqa: F401 - the fixture
from tests.support.channel import channel_calls
from tests.support.harness import ORGANISER, start_harness, stop_harness

# Gruppe 5 wrote on paper: its answers join the seed's (groups 1-4, on Telegram).
PAPER_CSV = (
    "group,question,text,participant\n"
    "gruppe-5,organisering,Sats på Hallingdal 2.0 må vidareførast,Bord 5\n"
    'Gruppe 5,2,"Regional traineeordning for unge, saman med næringslivet",\n'
    "Gruppe 6,tiltak,Eit regionalt næringsfond,\n"
)


def run(*args: str) -> int:
    """Run `tingbot` in-process."""
    return main(list(args))


def paper_rows(config: Path) -> list[tuple[str, str, str]]:
    """(group key, label, text) of every paper answer in the database next to `config`."""
    with sqlite3.connect(config.parent / "tingbot.sqlite3") as db:
        return db.execute(
            "SELECT g.key, p.paper_label, a.text FROM answer a "
            "JOIN participant p ON p.id = a.participant_id "
            "JOIN discussion_group g ON g.id = p.group_id "
            "WHERE a.source = 'paper' ORDER BY a.id"
        ).fetchall()


def answer_count(config: Path) -> int:
    """Every answer in the database, from Telegram or paper."""
    with sqlite3.connect(config.parent / "tingbot.sqlite3") as db:
        return int(db.execute("SELECT count(*) FROM answer").fetchone()[0])


def test_paper_answers_are_stored_once_and_marked(
    config_path: Path,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sheet = tmp_path / "papir.csv"
    sheet.write_text(PAPER_CSV, encoding="utf-8")
    before = answer_count(config_path)
    assert run("import-answers", "--config", str(config_path), str(sheet)) == 0
    assert "3 answer(s) from paper stored, 0 already stored before" in capsys.readouterr().out
    assert paper_rows(config_path) == [
        ("gruppe-5", "Bord 5", "Sats på Hallingdal 2.0 må vidareførast"),
        ("gruppe-5", "", "Regional traineeordning for unge, saman med næringslivet"),
        ("gruppe-6", "", "Eit regionalt næringsfond"),
    ]
    assert run("import-answers", "--config", str(config_path), str(sheet)) == 0
    assert "0 answer(s) from paper stored, 3 already stored before" in capsys.readouterr().out
    assert answer_count(config_path) == before + 3
    with sqlite3.connect(config_path.parent / "tingbot.sqlite3") as db:
        writers = db.execute(
            "SELECT p.active, p.reminders, p.telegram_id < 0 FROM participant p "
            "WHERE p.paper_label IS NOT NULL"
        ).fetchall()
    assert writers == [(0, 0, 1), (0, 0, 1), (0, 0, 1)]  # never sent a reminder


def test_every_bad_record_is_named_and_nothing_is_stored(
    config_path: Path,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = [
        {"group": "gruppe-5", "question": "organisering", "text": "Eit godt svar"},
        {"group": "Gruppe 9", "question": "organisering", "text": "Ukjend gruppe"},
        {"group": "gruppe-5", "question": "6", "text": "Ukjent spørsmål"},
        {"group": "gruppe-5", "question": "tiltak", "text": "   "},
    ]
    text = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n{broken\n"
    sheet = tmp_path / "papir.jsonl"
    sheet.write_text(text, encoding="utf-8")
    before = answer_count(config_path)
    assert run("import-answers", "--config", str(config_path), str(sheet)) == 2
    err = capsys.readouterr().err
    assert f"tingbot: {sheet}: 4 bad record(s) of 5; nothing was stored" in err
    assert err.splitlines()[1:] == [
        "  record 2: no group 'Gruppe 9' (use a group's key or name)",
        "  record 3: no question '6' (use its key or 1-5)",
        "  record 4: the text is empty",
        "  record 5: not valid JSON (Expecting property name enclosed in double quotes at "
        "column 2)",
    ]
    assert answer_count(config_path) == before and paper_rows(config_path) == []


def test_a_file_without_the_columns_is_refused(
    config_path: Path,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sheet = tmp_path / "papir.csv"
    sheet.write_text("gruppe,svar\ngruppe-5,Eit svar\n", encoding="utf-8")
    assert run("import-answers", "--config", str(config_path), str(sheet)) == 2
    assert "the header row has no column 'group', 'question', 'text'" in capsys.readouterr().err


async def through_the_bot(tmp_path: Path) -> tuple[str, list[str]]:
    """/status, then /publiser confirmed, on the database of the config under `tmp_path`:
    the status text and what reached the channel."""
    h = await start_harness(tmp_path)
    try:
        await h.command(ORGANISER, "status")
        status = h.last_text(ORGANISER)
        await h.command(ORGANISER, "publiser")
        await h.press(ORGANISER, "✅ Publiser")
        return status, [call.text for call in channel_calls(h)]
    finally:
        await stop_harness(h)


def test_paper_answers_count_everywhere_and_the_channel_export_is_the_post(
    config_path: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "papir.csv"
    sheet.write_text(PAPER_CSV, encoding="utf-8")
    assert run("import-answers", "--config", str(config_path), str(sheet)) == 0
    out = tmp_path / "kanal"
    assert (
        run("export", "--config", str(config_path), "--format", "channel", "--out", str(out)) == 0
    )
    pages = sorted(out.glob("message-*.html"))
    messages = [message_of(page.read_text(encoding="utf-8")) for page in pages]
    assert "• Vidareføring av Sats på Hallingdal 2.0 (4 av 5 grupper)" in messages[0]
    assert "• Traineeordning for unge (3 av 4 grupper)" in messages[0]
    assert "• Eit regionalt næringsfond (1 av 4 grupper)" in messages[0]
    assert "Sats på Hallingdal 2.0 må vidareførast" not in "".join(messages)  # no raw answer
    docx = tmp_path / "sak.docx"
    assert run("export", "--config", str(config_path), "--format", "docx", "--out", str(docx)) == 0
    texts = [p.text for p in Document(io.BytesIO(docx.read_bytes())).paragraphs]
    assert "6 av 8 grupper og 7 deltakarar har svara." in texts
    assert "3 av svara vart skrivne inn frå papirark." in texts
    # The appendix, for organisers, marks what came from paper.
    assert "Sats på Hallingdal 2.0 må vidareførast – frå papir" in texts
    assert "Sats på Hallingdal 2.0 bør vidareførast" in texts  # from Telegram: unmarked
    status, posted = asyncio.run(through_the_bot(tmp_path))
    assert "Gruppe 5: 0 deltakarar, 2 svar (2/5 spørsmål)" in status.splitlines()
    assert posted == messages
