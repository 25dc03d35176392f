"""Maintain the gettext catalogues: add or update entries of one .po file per feature."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

LOCALES = Path(__file__).resolve().parents[2] / "bot" / "i18n" / "locales"


def write_entries(feature: str, entries: dict[str, tuple[str, str, str]]) -> None:
    """Merge `msgid -> (nn, nb, en)` (plural ones as made by `P_`) into bot/i18n/locales/<lang>/<feature>.po for each language."""
    for index, language in enumerate(("nn", "nb", "en")):
        path = LOCALES / language / f"{feature}.po"
        catalog = Catalog(locale=language, project="tingbot", fuzzy=False)
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=language)
        for msgid, texts in entries.items():
            # A plural message: its ids and forms joined by NUL, as the catalogues key it.
            if "\x00" in msgid:
                catalog.add(tuple(msgid.split("\x00")), tuple(texts[index].split("\x00")))
            else:
                catalog.add(msgid, texts[index])
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=True, sort_output=True)
