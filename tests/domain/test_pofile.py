"""bot.i18n.catalogue reads every catalogue exactly as Babel does, and leaves the rest to Babel."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.i18n.catalogue import read_messages
from bot.i18n.translator import LANGUAGES, LOCALES, catalogue, read_catalogue

CATALOGUES = sorted(LOCALES.glob("*/*.po"))


def babel_messages(data: bytes, language: str = "nn") -> dict[str, str]:
    """What Babel's read_po finds in a .po file: message id → translation, header left out; a
    plural message keyed by its ids joined by NUL, its forms joined likewise ("" if one is
    missing)."""
    found: dict[str, str] = {}
    for m in read_po(io.BytesIO(data), locale=language):
        if isinstance(m.id, tuple) and isinstance(m.string, tuple):
            forms = m.string
            found["\x00".join(m.id)] = "\x00".join(forms) if all(forms) else ""
        elif m.id and isinstance(m.id, str) and isinstance(m.string, str):
            found[m.id] = m.string
    return found


def test_every_language_has_catalogues() -> None:
    assert {path.parent.name for path in CATALOGUES} == set(LANGUAGES)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_each_catalogue_reads_as_babel_reads_it(path: Path) -> None:
    data = path.read_bytes()
    found = read_messages(data)
    assert found is not None, f"{path} uses .po syntax the reader leaves to Babel"
    assert found == babel_messages(data, path.parent.name)
    assert found  # a catalogue that reads as empty would compare equal too


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_merges_the_files_as_before(language: str) -> None:
    """Later files win; untranslated entries do not hide an earlier file's translation."""
    merged: dict[str, str] = {}
    for path in sorted((LOCALES / language).glob("*.po")):
        for msgid, text in babel_messages(path.read_bytes(), language).items():
            if text:
                merged[msgid] = text
    assert catalogue(language) == merged


def test_a_file_the_reader_leaves_to_babel_is_read_by_babel(tmp_path: Path) -> None:
    plain = 'msgid "Yes"\nmsgstr "Ja"\n\nmsgid "No"\nmsgstr "Nei"\n'
    (tmp_path / "a.po").write_text(plain, encoding="utf-8")
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    contexts = 'msgctxt "menu"\nmsgid "Yes"\nmsgstr "Jau"\n\nmsgid "Later"\nmsgstr "Seinare"\n'
    (tmp_path / "b.po").write_text(header + contexts, encoding="utf-8")
    (tmp_path / "notes.txt").write_text('msgid "Yes"\nmsgstr "Nope"\n', encoding="utf-8")
    assert read_messages((tmp_path / "b.po").read_bytes()) is None
    assert read_catalogue(tmp_path, "nn") == {"Yes": "Jau", "No": "Nei", "Later": "Seinare"}


def test_escapes_continuations_comments_and_blank_lines() -> None:
    data = (
        "# a translator's comment\n"
        "#, python-brace-format\n"
        "#: bot/handlers/participant/join.py:12\n"
        'msgid ""\n'
        '"Hello "\n'
        '"{name}\\n"\n'
        "\n"
        'msgstr "Hei {name}\\n"\n'
        '"\\"quoted\\" \\\\ tab\\t bell\\a \\x kept"\n'
        "\n"
        'msgid "untranslated"\n'
        'msgstr ""\n'
        'msgid "said twice"\n'
        'msgstr "first"\n'
        'msgid "said twice"\n'
        'msgstr "second"\n'
        '  msgid   "spaced"  \r\n'
        'msgstr "ok – på nynorsk"'
    ).encode()
    expected = {
        "Hello {name}\n": 'Hei {name}\n"quoted" \\ tab\t bell\a \\x kept',
        "untranslated": "",
        "said twice": "first",
        "spaced": "ok – på nynorsk",
    }
    assert read_messages(data) == expected
    assert babel_messages(data) == expected


@pytest.mark.parametrize(
    "text",
    [
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=latin-1\\n"\n',  # a header
        'msgctxt "menu"\nmsgid "Open"\nmsgstr "Opne"\n',
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "ein"\nmsgstr[1] "fleire"\nmsgstr[2] "x"\n',
        'msgid "one"\nmsgid_plural "many"\nmsgstr "ein"\n',
        'msgid "one"\nmsgid_plural "many"\nmsgstr[1] "fleire"\n',
        '#~ msgid "gone"\n#~ msgstr "borte"\n',
        '#-#-#-#-# conflict\nmsgid "a"\nmsgstr "b"\n',
        '#: "\u2068my file.py\u2069:3"\nmsgid "a"\nmsgstr "b"\n',
        'msgid "no translation"\n',
        'msgid "a"\n# a comment before its msgstr\nmsgstr "b"\n',
        'msgstr "no id"\nmsgid "a"\nmsgstr "b"\n',
        'msgid "a"\nmsgstr "b"\nmsgstr "c"\n',
        '"stray"\nmsgid "a"\nmsgstr "b"\n',
        'msgid "a"\nmsgstr b\n',
        'msgid "a"\nmsgstr "b\n',
        'msgid\t"a"\nmsgstr "b"\n',
    ],
)
def test_anything_else_is_left_to_babel(text: str) -> None:
    assert read_messages(text.encode()) is None


def test_plural_entries_are_keyed_as_in_a_compiled_catalogue() -> None:
    data = (
        b'#, python-brace-format\nmsgid "{count} group"\nmsgid_plural "{count} groups"\n'
        b'msgstr[0] "{count} gruppe"\nmsgstr[1] ""\n"{count} grupper"\n\n'
        b'msgid "one"\nmsgid_plural "many"\nmsgstr[0] ""\nmsgstr[1] "fleire"\n'
    )
    expected = {
        "{count} group\x00{count} groups": "{count} gruppe\x00{count} grupper",
        "one\x00many": "",
    }
    assert read_messages(data) == expected
    assert babel_messages(data) == expected


def test_bytes_that_are_not_utf8_are_left_to_babel() -> None:
    assert read_messages('msgid "a"\nmsgstr "\u00e6"\n'.encode("latin-1")) is None


texts = st.text(st.characters(blacklist_categories=["Cs"]), max_size=120)


@settings(max_examples=300, deadline=None)
@given(
    entries=st.dictionaries(texts.filter(bool), texts, max_size=6),
    width=st.sampled_from([0, 40, 100]),
)
def test_generated_catalogues_read_as_babel_reads_them(entries: dict[str, str], width: int) -> None:
    """Catalogues as tests/support/po.py writes them, with any text: quotes, backslashes, newlines."""
    catalog = Catalog(locale="nn", fuzzy=False)
    for msgid, text in entries.items():
        catalog.add(msgid, text, flags=["python-brace-format"] if "{" in msgid else ())
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=width, omit_header=True, sort_output=True)
    data = buffer.getvalue()
    found = read_messages(data)
    assert found is not None, data
    assert found == babel_messages(data) == entries
