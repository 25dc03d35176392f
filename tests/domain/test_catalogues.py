"""Every message id used in the code is translated in every catalogue."""

import pytest

from bot.i18n.translator import LANGUAGES, catalogue
from tests.support.catalogue import used_message_ids


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete(language: str) -> None:
    known = catalogue(language)
    missing = {msgid: where for msgid, where in used_message_ids().items() if msgid not in known}
    assert not missing, f"{language} lacks {len(missing)} message(s): {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match(language: str) -> None:
    import string

    fields = string.Formatter()
    for msgid, text in catalogue(language).items():
        wanted = {f for _, f, _, _ in fields.parse(msgid) if f}
        got = {f for _, f, _, _ in fields.parse(text) if f}
        assert wanted == got, f"{language}: {msgid!r} has {got}, expected {wanted}"


def test_nynorsk_is_not_english() -> None:
    nn = catalogue("nn")
    same = [
        m
        for m in used_message_ids()
        if nn.get(m) == m and any(c.isalpha() for c in m) and len(m) > 12
    ]
    assert not same, f"untranslated Nynorsk: {same}"
