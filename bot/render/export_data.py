"""Raw data for analysis: one row per point, as CSV or JSON, with pseudonymous participants.

A participant appears as a stable hash of the consultation key and their participant id, never
by Telegram id or name, so rows of one person can be grouped without saying who they are.
Each row carries the support of the summary point it landed in (the cross-group round's
figures; zeros and no share without votes) and whether it is part of its group's confirmed
joint answer to the question (empty when the group has confirmed none).
In CSV, a cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a
carriage return) or that starts with an apostrophe gets one leading apostrophe; `read_csv`
removes it again, so the round trip is exact. Numbers are written as numbers, yes/no as
true/false, and nothing as an empty cell.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from functools import lru_cache
from operator import attrgetter
from typing import Any

from bot.domain.summary import Point, SummaryPoint, answer_points, natural_key
from bot.domain.support import Support
from bot.model.report import ReportSource
from bot.model.summary import AnswerView


@dataclass(frozen=True)
class ExportRow:
    """One point of one answer, with where it landed in the summary."""

    consultation: str
    theme: str
    question: str
    group: str
    participant: str
    point_ref: str
    point: str
    cluster_key: str
    cluster: str
    status: str
    created_at: str
    updated_at: str
    agree: int = 0
    disagree: int = 0
    passed: int = 0
    votes: int = 0
    agree_share: float | None = None
    groups_voting: int = 0
    groups_agreeing: int = 0
    common_ground: bool = False
    in_joint_answer: bool | None = None


COLUMNS = tuple(f.name for f in fields(ExportRow))
# How a CSV cell is read back, by the field's annotation.
_READERS: dict[str, Callable[[str], Any]] = {
    "str": str,
    "int": int,
    "float | None": lambda v: float(v) if v else None,
    "bool": lambda v: v == "true",
    "bool | None": lambda v: None if v == "" else v == "true",
}
_TYPES = {f.name: str(f.type) for f in fields(ExportRow)}
_VALUES = attrgetter(*COLUMNS)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def _stamp(moment: datetime) -> str:
    """A moment as UTC ISO 8601 text."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _cell(value: str) -> str:
    """A CSV cell that spreadsheets show as text, never run as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _uncell(value: str) -> str:
    """A CSV cell back to its value."""
    return value[1:] if value.startswith("'") else value


def _text(value: object) -> str:
    """A value as CSV text: true/false, numbers as written, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _figures(support: Support | None) -> dict[str, Any]:
    """The support columns of a row."""
    if support is None:
        return {}
    return {
        "agree": support.agree,
        "disagree": support.disagree,
        "passed": support.passed,
        "votes": support.votes,
        "agree_share": support.agree_share,
        "groups_voting": support.groups_voting,
        "groups_agreeing": support.groups_agreeing,
        "common_ground": support.common_ground,
    }


@lru_cache(maxsize=65_536)
def pseudonym(consultation_key: str, participant_id: int, secret: bytes = b"") -> str:
    """A stable pseudonymous id for a participant: keyed with the installation's secret, so
    that nobody can recompute it from the (sequential) participant ids. Remembered: each
    participant has a row per point, and a publication's content hash covers every row."""
    message = f"{consultation_key}:{participant_id}".encode()
    return "p-" + hmac.new(secret, message, hashlib.sha256).hexdigest()[:12]


@dataclass(frozen=True)
class QuestionRows:
    """Everything one question's rows are drawn from, and nothing else (`question_rows` reads
    only this): equal inputs give equal rows, so a drawing of them may be kept while the input
    stays equal (publishing: a curation step changes one question's rows, not all of them)."""

    consultation: str
    theme: str
    question: str
    pseudonym_key: bytes
    # Each shown or hidden summary point with its status and support, in summary order.
    placed: tuple[tuple[SummaryPoint, str, Support | None], ...]
    # Per ref of the placed points, in that order: the point, its answer's created and
    # updated moments.
    points: tuple[tuple[Point, datetime, datetime], ...]
    confirmed: tuple[tuple[str, frozenset[str]], ...]
    withdrawn: tuple[AnswerView, ...] = ()


def rows_inputs(source: ReportSource, include_withdrawn: bool = False) -> list[QuestionRows]:
    """What each asked question's rows are drawn from, in question order."""
    digest = source.digest
    found = []
    for question in digest.questions:
        qkey = question.question.key
        summary = question.summary
        placed = tuple(
            (cluster, status, source.support_of(cluster))
            for clusters, status in (
                (summary.headline, "headline"),
                (summary.others, "other"),
                (summary.hidden, "hidden"),
            )
            for cluster in clusters
        )
        points = []
        for cluster, _status, _support in placed:
            for ref in cluster.refs:
                point = digest.points[ref]
                answer = digest.answers[point.answer_id]
                points.append((point, answer.created_at, answer.updated_at))
        confirmed = digest.confirmed.get(qkey, {})
        withdrawn = tuple(
            a
            for a in (source.withdrawn if include_withdrawn else ())
            if a.question_id == question.question_id and a.group_key
        )
        found.append(
            QuestionRows(
                digest.consultation.key,
                digest.consultation.theme_of(qkey).key,
                qkey,
                source.pseudonym_key,
                placed,
                tuple(points),
                tuple((group, frozenset(refs)) for group, refs in confirmed.items()),
                withdrawn,
            )
        )
    return found


def question_rows(given: QuestionRows) -> list[ExportRow]:
    """One question's rows, in answer order (drawn from `given` alone)."""
    key, theme, qkey, secret = given.consultation, given.theme, given.question, given.pseudonym_key
    confirmed = dict(given.confirmed)

    def joint(group: str, ref: str) -> bool | None:
        refs = confirmed.get(group)
        return None if refs is None else ref in refs

    found: list[ExportRow] = []
    points = iter(given.points)
    for cluster, status, support in given.placed:
        figures = _figures(support)
        for ref in cluster.refs:
            point, created, updated = next(points)
            found.append(
                ExportRow(
                    key,
                    theme,
                    qkey,
                    point.group,
                    pseudonym(key, point.participant, secret),
                    ref,
                    point.text,
                    cluster.key,
                    cluster.label,
                    status,
                    _stamp(created),
                    _stamp(updated),
                    **figures,
                    in_joint_answer=joint(point.group, ref),
                )
            )
    for answer in given.withdrawn:
        group = answer.group_key
        for part in answer_points(answer.answer_id, group, answer.participant_id, answer.text):
            found.append(
                ExportRow(
                    key,
                    theme,
                    qkey,
                    group,
                    pseudonym(key, answer.participant_id, secret),
                    part.ref,
                    part.text,
                    "",
                    "",
                    "withdrawn",
                    _stamp(answer.created_at),
                    _stamp(answer.updated_at),
                    in_joint_answer=joint(group, part.ref),
                )
            )
    return sorted(found, key=lambda row: natural_key(row.point_ref))


def export_rows(source: ReportSource, include_withdrawn: bool = False) -> list[ExportRow]:
    """Every point of every answer to the asked questions, in question and answer order; the
    points of withdrawn answers (status "withdrawn") only when `include_withdrawn`: a
    participant who withdrew an answer expects it gone from what organisers pass on."""
    return [row for given in rows_inputs(source, include_withdrawn) for row in question_rows(given)]


def rows_csv(rows: list[ExportRow]) -> str:
    """The rows as CSV with a header line (RFC 4180 quoting, UTF-8 text)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: _cell(_text(v)) for k, v in asdict(row).items()} for row in rows)
    return buffer.getvalue()


def rows_json(rows: list[ExportRow]) -> str:
    """The rows as a JSON array of objects, one per point, indented by one space a level.

    The text is exactly `json.dumps([asdict(row) ...], ensure_ascii=False, indent=1)`, but
    built from one call of the standard library's C encoder per row (whose separators carry
    the indentation: a row holds only numbers, text, true/false and null): with `indent` the
    encoder falls back to pure Python, and a publication's content hash covers this text, so
    the preview of 10,000 points paid ~0.5 s for it."""
    objects = json_objects(rows)
    return "[\n" + ",\n".join(objects) + "\n]\n" if objects else "[]\n"


def json_objects(rows: list[ExportRow]) -> list[str]:
    """Each row as `rows_json` writes it inside the array (without the comma between)."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",\n  ", ": ")).encode
    objects = [encode(dict(zip(COLUMNS, _VALUES(row), strict=True))) for row in rows]
    return [f" {{\n  {o[1:-1]}\n }}" for o in objects]


def read_csv(text: str) -> list[ExportRow]:
    """Rows back from `rows_csv` output."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return [
        ExportRow(**{k: _READERS[_TYPES[k]](_uncell(v)) for k, v in row.items()}) for row in reader
    ]


def read_json(text: str) -> list[ExportRow]:
    """Rows back from `rows_json` output."""
    return [ExportRow(**row) for row in json.loads(text)]
