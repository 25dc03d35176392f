"""Every text of the console's templates is translated in every catalogue."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from bot.i18n.translator import LANGUAGES, catalogue

TEMPLATES = Path(__file__).resolve().parents[2] / "bot" / "console" / "templates"


def template_ids() -> set[str]:
    """Message ids marked with _() or n_() in the templates."""
    found: set[str] = set()
    for _name, _line, message, _comments, _context in extract_from_dir(
        str(TEMPLATES),
        method_map=[("**.html", "jinja2.ext:babel_extract")],
        keywords={"_": None, "n_": (1, 2)},
    ):
        for text in message if isinstance(message, tuple) else (message,):
            if isinstance(text, str) and text:
                found.add(text)
    return found


def test_the_templates_are_read() -> None:
    assert {"Merge the ticked points", "Log in"} <= template_ids()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_template_text_is_translated(language: str) -> None:
    known = catalogue(language)
    assert sorted(m for m in template_ids() if m not in known) == []


def test_nynorsk_template_texts_are_not_english() -> None:
    nn = catalogue("nn")
    same = [m for m in template_ids() if nn.get(m) == m and len(m) > 12]
    assert same == []
