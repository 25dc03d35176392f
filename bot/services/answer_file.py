"""Reading answers typed in from paper: a CSV file (header row) or JSON Lines.

Each record holds `group`, `question` and `text`, optionally `question_text` and `participant`.
`tingbot summarise` stops at the first bad record; `tingbot import-answers` reads them all
(`read_all`) so that every bad one is reported at once.
Records are numbered from 1 in the file: in a CSV file record 1 is the first row after the
header; in JSON Lines it is the line number (blank lines are skipped but still counted). Every
problem is an `AnswerFileError` naming the record, so the command can print one clear line.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

REQUIRED = ("group", "question", "text")
OPTIONAL = ("question_text", "participant")
# An answer typed in from paper is a few thousand characters at most (the longest in the
# labelled sets is 3,990); a record far above that is a broken file, not an answer.
MAX_RECORD_CHARS = 64 * 1024
MAX_FILE_BYTES = 64 * 1024 * 1024

FileFormat = Literal["csv", "jsonl"]


@dataclass(frozen=True)
class AnswerRecord:
    """One answer as read from the file, with its 1-based record number."""

    row: int
    group: str
    question: str
    text: str
    question_text: str = ""
    participant: str = ""


class AnswerFileError(Exception):
    """A problem with the answer file; `row` is the record it concerns (None: the whole file)."""

    def __init__(self, row: int | None, message: str) -> None:
        """Keep the record number and the message apart for tests and for printing."""
        super().__init__(message)
        self.row = row
        self.message = message

    def __str__(self) -> str:
        """ "record 3: the text is empty", or the message alone for the whole file."""
        return f"record {self.row}: {self.message}" if self.row is not None else self.message


def format_of(path: Path, data: bytes) -> FileFormat:
    """The file's format from its suffix, or from its first character if the suffix is neither."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    return "jsonl" if data.lstrip().startswith(b"{") else "csv"


def read_answers(path: Path, fmt: FileFormat | None = None) -> list[AnswerRecord]:
    """Read every record of the file, or raise `AnswerFileError` at the first bad one."""
    records, problems = read_all(path, fmt)
    if problems:
        raise problems[0]
    return records


def read_all(
    path: Path, fmt: FileFormat | None = None
) -> tuple[list[AnswerRecord], list[AnswerFileError]]:
    """Every good record of the file and every bad one's error, in file order; raise
    `AnswerFileError` only when the file as a whole cannot be read. A CSV file that stops
    being CSV part-way is reported at that record, and nothing after it is read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise AnswerFileError(None, f"{path} is {size:,} bytes; at most {MAX_FILE_BYTES:,}")
        data = path.read_bytes()
    except OSError as exc:
        raise AnswerFileError(None, f"cannot read {path}: {exc.strerror or exc}") from None
    fmt = fmt or format_of(path, data)
    text = _decode(data, fmt)
    records: list[AnswerRecord] = []
    problems: list[AnswerFileError] = []
    for item in _csv_records(text) if fmt == "csv" else _jsonl_records(text):
        if isinstance(item, AnswerRecord):
            records.append(item)
        else:
            problems.append(item)
    if not records and not problems:
        raise AnswerFileError(None, f"{path} holds no answers")
    return records, problems


def _checked(row: int, values: dict[str, str]) -> AnswerRecord | AnswerFileError:
    """The record, or the error that says what is wrong with it."""
    try:
        return _record(row, values)
    except AnswerFileError as exc:
        return exc


def _decode(data: bytes, fmt: FileFormat) -> str:
    """The file as text; a byte that is not UTF-8 is reported with its record."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8-sig")
        if fmt == "jsonl":
            row: int | None = prefix.count("\n") + 1
        else:
            rows = sum(1 for _ in csv.reader(io.StringIO(prefix)))
            complete = not prefix or prefix.endswith(("\n", "\r"))
            row = rows if complete else rows - 1
        if row == 0:
            raise AnswerFileError(None, "the header row is not UTF-8 text") from None
        raise AnswerFileError(row, f"not UTF-8 text (byte {exc.start + 1} of the file)") from None


def _csv_records(text: str) -> Iterator[AnswerRecord | AnswerFileError]:
    """The records of a CSV file whose first row names the columns."""
    reader = csv.reader(io.StringIO(text, newline=""))
    row = 0
    try:
        header = [name.strip().casefold() for name in next(reader, [])]
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            raise AnswerFileError(
                None,
                "the header row has no column "
                + ", ".join(repr(m) for m in missing)
                + f" (it needs {', '.join(REQUIRED)})",
            )
        column = {name: header.index(name) for name in REQUIRED + OPTIONAL if name in header}
        for row, cells in enumerate(reader, start=1):
            if not any(cell.strip() for cell in cells):
                continue
            too_long = _size_error(row, sum(len(cell) for cell in cells))
            values = {n: cells[i] if i < len(cells) else "" for n, i in column.items()}
            yield too_long or _checked(row, values)
    except csv.Error as exc:
        row += 1  # the reader failed on the record after the last one it gave
        if "field larger" in str(exc):
            yield AnswerFileError(
                row, f"too long; a record holds at most {MAX_RECORD_CHARS:,} characters"
            )
        else:
            yield AnswerFileError(row, f"not valid CSV ({exc})")


def _jsonl_records(text: str) -> Iterator[AnswerRecord | AnswerFileError]:
    """The records of a JSON Lines file: one object per line."""
    for row, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _size_error(row, len(line)) or _json_record(row, line)


def _json_record(row: int, line: str) -> AnswerRecord | AnswerFileError:
    """One line of JSON Lines as a record, or what is wrong with it."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return AnswerFileError(row, f"not valid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(value, dict):
        return AnswerFileError(row, "not a JSON object with group, question and text")
    values: dict[str, str] = {}
    for name in REQUIRED + OPTIONAL:
        field = value.get(name)
        if field is None:
            continue
        if isinstance(field, bool) or not isinstance(field, str | int):
            return AnswerFileError(row, f"the field {name!r} must be a string")
        values[name] = str(field)
    missing = [name for name in REQUIRED if name not in values]
    if missing:
        return AnswerFileError(row, "no field " + ", ".join(repr(m) for m in missing))
    return _checked(row, values)


def _size_error(row: int, chars: int) -> AnswerFileError | None:
    """The error of a record too long to be an answer, or None."""
    if chars > MAX_RECORD_CHARS:
        return AnswerFileError(
            row,
            f"{chars:,} characters long; a record holds at most {MAX_RECORD_CHARS:,} characters",
        )
    return None


def _record(row: int, values: dict[str, str]) -> AnswerRecord:
    """A record from its field values; group, question and text must not be empty."""
    clean = {name: value.strip() for name, value in values.items()}
    for name in REQUIRED:
        if not clean.get(name):
            raise AnswerFileError(row, f"the {name} is empty")
    return AnswerRecord(
        row,
        clean["group"],
        clean["question"],
        values["text"].strip(),
        clean.get("question_text", ""),
        clean.get("participant", ""),
    )
