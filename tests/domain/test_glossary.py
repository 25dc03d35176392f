"""Every catalogue follows docs/glossary.md: no string uses a form the glossary rules out."""

import re
from pathlib import Path

import pytest

from bot.i18n.translator import catalogue

ROOT = Path(__file__).resolve().parents[2]
RULED_OUT = re.compile(r"^- (nn|nb|en): `([^`]+)` → `([^`]+)`", re.MULTILINE)


def ruled_out() -> list[tuple[str, str, str]]:
    """(language, form, instead) for every line of the glossary's "Forms ruled out"."""
    text = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    return RULED_OUT.findall(text)


def uses(form: str, text: str) -> bool:
    """Whether `text` holds `form` as a whole word (any case); "/referent" is a command."""
    pattern = r"(?<![\w/])" + re.escape(form) + r"(?!\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def test_the_glossary_rules_out_forms_in_every_language() -> None:
    languages = {language for language, _, _ in ruled_out()}
    assert languages == {"nn", "nb", "en"} and len(ruled_out()) >= 20


@pytest.mark.parametrize(("language", "form", "instead"), ruled_out())
def test_no_catalogue_string_uses_a_ruled_out_form(language: str, form: str, instead: str) -> None:
    offending = [s for s in catalogue(language).values() if uses(form, s)]
    assert offending == [], f"{language}: write {instead!r} instead of {form!r}"


def test_the_check_finds_a_ruled_out_form() -> None:
    assert uses("vera", "Det må vera minst to")
    assert not uses("vera", "Det må vere minst to") and not uses("referent", "med /referent")
