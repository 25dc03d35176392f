"""A config with mistakes: every kind of error names its key path, and all are told at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config.load import ConfigError, load
from tests.domain.test_config import ENV, EXAMPLE, problems, variant


def test_missing_key(tmp_path: Path) -> None:
    text = variant(('channel = "@hallingdal_regionrad"\n', ""))
    assert problems(tmp_path, text) == ["consultation[0].channel: missing"]


def test_missing_deadline(tmp_path: Path) -> None:
    text = variant(("deadline = 2027-01-14T23:59:00\n", ""))
    assert problems(tmp_path, text) == ["consultation[0].deadline: missing"]


def test_wrong_type(tmp_path: Path) -> None:
    text = variant(("show_names = false", 'show_names = "no"'))
    assert problems(tmp_path, text) == [
        "consultation[0].show_names: expected true or false, got a string"
    ]


def test_wrong_type_of_date_time(tmp_path: Path) -> None:
    text = variant(("deadline = 2027-01-14T23:59:00", 'deadline = "14 January"'))
    assert problems(tmp_path, text) == [
        "consultation[0].deadline: expected a date-time like 2026-06-11T10:00:00"
    ]


def test_invalid_key(tmp_path: Path) -> None:
    text = variant(('key = "hallingting-2026"', 'key = "Hallingting 2026"'))
    assert problems(tmp_path, text) == [
        'consultation[0].key: invalid key "Hallingting 2026" '
        '(use a-z, 0-9, "-" and "_", at most 40 characters)'
    ]


def test_empty_text(tmp_path: Path) -> None:
    text = variant(('name = "Gruppe 3"', 'name = "  "'))
    assert problems(tmp_path, text) == ["consultation[0].groups[2].name: must not be empty"]


def test_duplicate_question_key_in_a_theme(tmp_path: Path) -> None:
    text = variant(('key = "tiltak"', 'key = "organisering"'))
    assert problems(tmp_path, text) == [
        'consultation[0].themes[0].questions[1].key: duplicate key "organisering"'
    ]


def test_duplicate_question_key_across_themes(tmp_path: Path) -> None:
    text = variant(('key = "samarbeid-omrade"', 'key = "tiltak"'))
    assert problems(tmp_path, text) == [
        'consultation[0].themes[2].questions[0].key: duplicate key "tiltak"'
    ]


def test_duplicate_group_key(tmp_path: Path) -> None:
    text = variant(('key = "gruppe-2"', 'key = "gruppe-1"'))
    assert problems(tmp_path, text) == ['consultation[0].groups[1].key: duplicate key "gruppe-1"']


def test_duplicate_join_code(tmp_path: Path) -> None:
    text = variant(('code = "ht26-g8-Nf6u"', 'code = "ht26-g1-Kx7p"'))
    assert problems(tmp_path, text) == [
        'consultation[0].groups[7].code: duplicate code "ht26-g1-Kx7p"'
    ]


def test_join_code_used_by_two_consultations(tmp_path: Path) -> None:
    second = EXAMPLE[EXAMPLE.index("[[consultation]]") :].replace(
        'key = "hallingting-2026"', 'key = "hallingting-2027"'
    )
    problems_found = problems(tmp_path, EXAMPLE + "\n" + second)
    assert 'consultation[1].groups[0].code: join code "ht26-g1-Kx7p" is used twice' in (
        problems_found
    )
    assert len(problems_found) == 8


def test_duplicate_consultation_key(tmp_path: Path) -> None:
    second = EXAMPLE[EXAMPLE.index("[[consultation]]") :].replace('code = "ht26-', 'code = "x27-')
    assert problems(tmp_path, EXAMPLE + "\n" + second) == [
        'consultation[1].key: duplicate key "hallingting-2026"'
    ]


def test_invalid_join_code(tmp_path: Path) -> None:
    text = variant(('code = "ht26-g4-Hb2n"', 'code = "g 4"'))
    assert problems(tmp_path, text) == [
        'consultation[0].groups[3].code: invalid join code "g 4" (4-64 of A-Z, a-z, 0-9, "_", "-")'
    ]


def test_unknown_timezone(tmp_path: Path) -> None:
    text = variant(('timezone = "Europe/Oslo"', 'timezone = "Europe/Hallingdal"'))
    assert problems(tmp_path, text) == [
        'consultation[0].timezone: unknown time zone "Europe/Hallingdal"'
    ]


def test_unknown_language(tmp_path: Path) -> None:
    text = variant(('language = "nn"', 'language = "de"'))
    assert problems(tmp_path, text) == [
        'consultation[0].language: unknown language "de" (use nn, nb or en)'
    ]


def test_unknown_language_in_a_text(tmp_path: Path) -> None:
    text = variant(('text.en = "Which measures could be relevant?"', 'text.se = "Mii?"'))
    assert problems(tmp_path, text) == [
        "consultation[0].themes[0].questions[1].text.se: unknown language (use nn, nb, en)"
    ]


def test_bad_channel(tmp_path: Path) -> None:
    text = variant(('channel = "@hallingdal_regionrad"', 'channel = "hallingdal"'))
    assert problems(tmp_path, text) == [
        'consultation[0].channel: expected "@name" or a numeric id like -100…, got "hallingdal"'
    ]


def test_numeric_channel_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(variant(('channel = "@hallingdal_regionrad"', 'channel = "-1001234567890"')))
    assert load(path, ENV).consultations[0].channel == "-1001234567890"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('["kari"]', "expected positive Telegram user ids"),
        ("[-5]", "expected positive Telegram user ids"),
        ("111111111", "expected an array, got an integer"),
    ],
)
def test_bad_organisers(tmp_path: Path, value: str, message: str) -> None:
    text = variant(("organisers = [111111111]", f"organisers = {value}"))
    assert problems(tmp_path, text) == [f"consultation[0].organisers: {message}"]


def test_bad_offset(tmp_path: Path) -> None:
    text = variant(('meeting_offsets = ["7d", "1d", "2h"]', 'meeting_offsets = ["7d", "1 day"]'))
    assert problems(tmp_path, text) == [
        "consultation[0].reminders.meeting_offsets[1]: invalid reminder offset '1 day': "
        "expected a positive whole number followed by d (days), h (hours) or m (minutes), "
        'e.g. "7d", "2h", "30m"'
    ]


def test_bad_quiet_time(tmp_path: Path) -> None:
    text = variant(('quiet_start = "22:00"', 'quiet_start = "25:00"'))
    assert problems(tmp_path, text) == [
        'consultation[0].reminders.quiet_start: expected a time like "22:00", got "25:00"'
    ]


def test_meeting_for_an_unknown_group(tmp_path: Path) -> None:
    text = variant(('place = "Gol kulturhus"', 'place = "Gol kulturhus"\ngroups = ["gruppe-9"]'))
    assert problems(tmp_path, text) == [
        'consultation[0].meetings[0].groups[0]: unknown group "gruppe-9"'
    ]


def test_unknown_key_is_a_typo(tmp_path: Path) -> None:
    text = variant(("show_names = false", "show_name = false"))
    assert problems(tmp_path, text) == ["consultation[0].show_name: unknown key"]


def test_unknown_top_level_table(tmp_path: Path) -> None:
    text = variant(("[storage]", "[storrage]"))
    assert problems(tmp_path, text) == ["storrage: unknown key"]


def test_malformed_toml(tmp_path: Path) -> None:
    (problem,) = problems(tmp_path, variant(('language = "nn"', "language = nn")))
    assert problem.startswith(f"{tmp_path / 'config.toml'}: not valid TOML (")
    assert "line" in problem


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path / "nowhere.toml", ENV)
    assert caught.value.problems == [f"{tmp_path / 'nowhere.toml'}: file not found"]


def test_no_consultation(tmp_path: Path) -> None:
    text = EXAMPLE[: EXAMPLE.index("[[consultation]]")]
    assert problems(tmp_path, text) == ["consultation: missing"]


def test_several_errors_are_reported_together(tmp_path: Path) -> None:
    text = variant(
        ('timezone = "Europe/Oslo"', 'timezone = "Mars/Olympus"'),
        ('key = "tiltak"', 'key = "organisering"'),
        ('channel = "@hallingdal_regionrad"', 'channel = "regionrad"'),
        ('quiet_end = "08:00"', 'quiet_end = "8 o\'clock"'),
    )
    found = problems(tmp_path, text, env={})
    assert found == [
        "telegram.token: missing (set it here or in the TINGBOT_TOKEN variable)",
        'consultation[0].timezone: unknown time zone "Mars/Olympus"',
        'consultation[0].channel: expected "@name" or a numeric id like -100…, got "regionrad"',
        'consultation[0].themes[0].questions[1].key: duplicate key "organisering"',
        'consultation[0].reminders.quiet_end: expected a time like "22:00", got "8 o\'clock"',
    ]
