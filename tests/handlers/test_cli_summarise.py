"""`tingbot summarise`: answers typed in from paper, compiled without Telegram."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.support.harness import ROOT

EXAMPLE = ROOT / "config.example.toml"

# The seed's first question, answered at four tables: three raise Sats på Hallingdal 2.0, two
# the traineeship; one message holds two points.
ROWS = [
    ("Gruppe 1", "organisering", "Vidareføring av Sats på Hallingdal 2.0!", "Kari"),
    ("Gruppe 2", "organisering", "Vi meiner: Sats på Hallingdal 2.0 må vidareførast.", "Ola"),
    ("Gruppe 3", "organisering", "Halde fram med Sats på Hallingdal 2.0", "Per"),
    ("Gruppe 4", "organisering", "- Regional traineeordning\n- Betre vegar i dalen", "Anne"),
    ("Gruppe 1", "organisering", "Regional traineeordning for unge", "Siri"),
]


def write_csv(path: Path, rows: list[tuple[str, ...]], header: str = "") -> Path:
    """A CSV file with a header row and these records."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow((header or "group,question,text,participant").split(","))
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def summarise_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    """Run `tingbot summarise --format json` in-process and parse what it printed."""
    assert main(["summarise", *args, "--format", "json"]) == 0, capsys.readouterr().err
    parsed = json.loads(capsys.readouterr().out)
    assert isinstance(parsed, dict)
    return parsed


def test_csv_without_config_takes_questions_and_groups_from_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "svar.csv", ROWS)
    result = summarise_json(capsys, str(path))
    (question,) = result["questions"]  # type: ignore[misc]
    assert question["question"] == "organisering"
    assert question["groups_answering"] == 4
    assert set(question) == {"question", "groups_answering", "headline", "others"}
    (headline,) = question["headline"]
    assert headline["groups"] == ["Gruppe 1", "Gruppe 2", "Gruppe 3"]
    assert [m["row"] for m in headline["members"]] == [1, 2, 3]
    assert headline["members"][1] == {"row": 2, "text": ROWS[1][2]}
    assert "!" not in headline["label"] and not headline["label"].endswith(".")
    assert not headline["label"].startswith("Vi meiner")
    assert set(headline) == {"label", "groups", "members"}
    others = question["others"]
    rows_in_others = sorted(m["row"] for p in others for m in p["members"])
    assert rows_in_others == [4, 4, 5]  # record 4 holds two points
    texts = {m["text"] for p in others for m in p["members"]}
    assert "Betre vegar i dalen" in texts


def test_jsonl_with_config_takes_numbers_names_and_the_rule_from_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        {"group": "gruppe-1", "question": 1, "text": "Vidareføring av Sats på Hallingdal 2.0"},
        {"group": "Gruppe 2", "question": "organisering", "text": "Sats på Hallingdal 2.0"},
        {"group": "gruppe 3", "question": "1", "text": "Ein regional traineeordning"},
        {"group": "Gruppe 4", "question": "tiltak", "text": "Regional traineeordning"},
    ]
    path = tmp_path / "svar.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n")
    result = summarise_json(capsys, str(path), "--config", str(EXAMPLE))
    first, second = result["questions"]  # type: ignore[misc]
    assert first["question"] == "1"  # as the file first gave it
    assert first["groups_answering"] == 3
    # Majority rule from the config: 2 of 3 groups is a headline.
    assert [p["groups"] for p in first["headline"]] == [["gruppe-1", "gruppe-2"]]
    assert second["question"] == "tiltak" and second["groups_answering"] == 1


def test_text_prints_what_the_channel_would_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "svar.csv", ROWS)
    assert main(["summarise", str(path), "--config", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Hallingtinget 2026")
    assert "Kort samanstilling av svara frå eit fleirtal av gruppene" in out
    assert "(3 av 4 grupper)" in out
    assert "Andre punkt som nokre grupper tok opp" in out
    assert "<b>" not in out and "Kari" not in out  # no markup, no names (show_names is off)


def bad(tmp_path: Path, name: str, data: bytes, *extra: str) -> tuple[int, str]:
    """Run summarise on a bad file; the exit status and what went to stderr."""
    path = tmp_path / name
    path.write_bytes(data)
    captured = io.StringIO()
    old, sys.stderr = sys.stderr, captured
    try:
        status = main(["summarise", str(path), *extra])
    finally:
        sys.stderr = old
    return status, captured.getvalue()


HEADER = b"group,question,text\n"


@pytest.mark.parametrize(
    ("name", "data", "extra", "expected"),
    [
        ("a.csv", b"group,text\nG1,svar\n", (), "header row has no column 'question'"),
        ("a.csv", HEADER + b"G1,q,svar\nG2,q,   \n", (), "record 2: the text is empty"),
        ("a.csv", HEADER + b"G1,q,ok\nG1,q,\xff\xfe\n", (), "record 2: not UTF-8"),
        ("a.csv", HEADER + b'G1,q,"' + b"x" * 5_000_000 + b'"\n', (), "record 1: "),
        ("a.jsonl", b'{"group": "G1", "question": "q", "text": "ok"}\n{"group": ', (), "record 2: not valid JSON"),
        ("a.jsonl", b'{"group": "G1", "question": "q"}\n', (), "record 1: no field 'text'"),
        ("a.jsonl", b'\n{"group": "G", "question": "q", "text": "' + b"y" * 5_000_000 + b'"}\n', (), "record 2: "),
        ("a.jsonl", b'["G1", "q", "t"]\n', (), "record 1: not a JSON object"),
        ("a.csv", HEADER + b"gruppe-1,1,ok\nGruppe 99,1,svar\n", ("--config", str(EXAMPLE)), "record 2: no group 'Gruppe 99'"),
        ("a.csv", HEADER + b"gruppe-1,9,ok\n", ("--config", str(EXAMPLE)), "record 1: no question '9'"),
        ("a.csv", HEADER, (), "holds no answers"),
    ],
)  # fmt: skip
def test_bad_input_is_one_clear_line_and_exit_2(
    tmp_path: Path, name: str, data: bytes, extra: tuple[str, ...], expected: str
) -> None:
    status, err = bad(tmp_path, name, data, *extra)
    assert status == 2
    assert expected in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_the_installed_command_runs_in_a_process_of_its_own(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "svar.csv", ROWS)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "summarise", str(path), "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["questions"][0]["groups_answering"] == 4
    broken = tmp_path / "broken.jsonl"
    broken.write_bytes(b'{"group": "G1", "question": "q", "text": "ok"}\n{oops}\n')
    failed = subprocess.run(
        [sys.executable, "-m", "bot", "summarise", str(broken)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert failed.returncode == 2
    assert failed.stderr.startswith("tingbot: ") and "record 2: not valid JSON" in failed.stderr
    assert "Traceback" not in failed.stderr
