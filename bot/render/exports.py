"""The report and the raw data in each export format, as file bytes with a file name."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from bot.i18n.translator import N_, translator
from bot.model.report import ReportSource
from bot.render.export_data import export_rows, rows_csv, rows_json
from bot.render.report_docx import report_docx
from bot.render.report_md import report_markdown

FORMATS = ("docx", "md", "csv", "json")
CASE_DOCUMENT = N_("case-document")
_RENDERERS: dict[str, Callable[[ReportSource, bool], bytes]] = {
    "docx": lambda source, _withdrawn: report_docx(source),
    "md": lambda source, _withdrawn: report_markdown(source).encode(),
    "csv": lambda source, withdrawn: rows_csv(export_rows(source, withdrawn)).encode("utf-8-sig"),
    "json": lambda source, withdrawn: rows_json(export_rows(source, withdrawn)).encode(),
}


def export_bytes(source: ReportSource, fmt: str, include_withdrawn: bool = False) -> bytes:
    """The report (docx, md) or the raw data (csv, json) as the bytes of a file; the raw data
    holds withdrawn answers only with `include_withdrawn`."""
    if fmt not in _RENDERERS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return _RENDERERS[fmt](source, include_withdrawn)


def export_name(source: ReportSource, fmt: str, version: int | None = None) -> str:
    """A file name like "hallingting-2026-saksframlegg-v2.docx" or "hallingting-2026-data.csv"."""
    _ = translator(source.language)
    kind = _(CASE_DOCUMENT) if fmt in ("docx", "md") else "data"
    suffix = f"-v{version}" if version is not None else ""
    return f"{source.consultation.key}-{kind}{suffix}.{fmt}"


def packed(data: bytes, name: str) -> tuple[bytes, str]:
    """`data` compressed in a zip archive that holds it as `name`; the archive's bytes and name.

    For raw data too large to send as it is: at 200,000 answers (bench.scale) the JSON is about
    150 MB and the CSV 65 MB, and deflate makes them 23 and 13 times smaller.
    """
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(name, data)
    return archive.getvalue(), f"{name}.zip"
