"""Answers typed in from paper, as an import stores them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PaperAnswer:
    """One answer to store: its group and question (database ids), the sheet's label ('' for
    none), the text and the record's content hash (hex SHA-256)."""

    group_id: int
    question_id: int
    label: str
    text: str
    import_hash: str


@dataclass(frozen=True)
class PaperImport:
    """How an import went: answers stored now, and records that were stored before."""

    added: int
    already: int
