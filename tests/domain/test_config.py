"""Loading and validating the TOML config: every kind of error names its key path."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from bot.config.load import ConfigError, load
from tests.support.harness import ROOT, TOKEN

EXAMPLE = (ROOT / "config.example.toml").read_text(encoding="utf-8")
ENV = {"TINGBOT_TOKEN": TOKEN}


def variant(*edits: tuple[str, str]) -> str:
    """The example config with each `old` text (which must occur exactly once) replaced."""
    text = EXAMPLE
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in the example"
        text = text.replace(old, new)
    return text


def problems(tmp_path: Path, text: str, env: dict[str, str] | None = None) -> list[str]:
    """The problems ConfigError reports for a config file with `text`."""
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(path, ENV if env is None else env)
    assert str(caught.value) == "\n".join(caught.value.problems)
    return caught.value.problems


def test_example_config_loads_the_hallingting(tmp_path: Path) -> None:
    config = load(ROOT / "config.example.toml", ENV)
    (c,) = config.consultations
    assert c.key == "hallingting-2026"
    assert [t.key for t in c.themes] == [
        "naeringsutvikling",
        "helsesamarbeid",
        "regionalt-samarbeid",
    ]
    assert c.questions[0].text.nn.startswith("Korleis kan kommunane i Hallingdal organisere")
    assert c.questions[1].text.nn == "Kva tiltak kan vera aktuelle?"
    assert c.questions[1].text.get("nb") == "Hvilke tiltak kan være aktuelle?"
    assert c.questions[1].text.get("en") == "Which measures could be relevant?"
    assert len(c.groups) == 8
    assert len({g.code for g in c.groups}) == 8
    assert c.language == "nn"
    assert c.timezone == "Europe/Oslo"
    # Local time in the consultation's zone: 23:59 in Oslo is 22:59 UTC in winter.
    assert c.deadline.astimezone(UTC) == datetime(2027, 1, 14, 22, 59, tzinfo=UTC)
    june = next(m for m in c.meetings if m.key == "regionradet-juni")
    assert june.start.astimezone(UTC) == datetime(2026, 6, 11, 8, 0, tzinfo=UTC)
    assert c.channel == "@hallingdal_regionrad"
    assert c.organisers == (111111111,)
    assert c.reminders.quiet_start == time(22, 0)
    assert config.telegram.api_base_url is None
    assert config.database == ROOT / "data" / "tingbot.sqlite3"


def test_database_path_is_relative_to_the_config_file(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "config.toml"
    path.parent.mkdir()
    path.write_text(variant(('path = "data/tingbot.sqlite3"', 'path = "db/ting.sqlite3"')))
    assert load(path, ENV).database == tmp_path / "conf" / "db" / "ting.sqlite3"


def test_database_path_defaults_under_data(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(variant(('path = "data/tingbot.sqlite3"\n', "")))
    assert load(path, ENV).database == tmp_path / "data" / "tingbot.sqlite3"


def test_self_hosted_bot_api_urls(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        variant(
            ('# api_base_url = "http://127.0.0.1:8081/bot"', 'api_base_url = "http://h:1/bot"'),
            ('# file_base_url = "http://127.0.0.1:8081/file/bot"', 'file_base_url = "http://h/f"'),
        )
    )
    telegram = load(path, ENV).telegram
    assert (telegram.api_base_url, telegram.file_base_url) == ("http://h:1/bot", "http://h/f")


def test_tingbot_token_wins_over_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    # At the start of a line: the webhook's commented-out `secret_token = ""` is not the token.
    path.write_text(variant(('\ntoken = ""', '\ntoken = "42:file-token-abcdefghijklmnopqrst"')))
    assert load(path, {}).telegram.token == "42:file-token-abcdefghijklmnopqrst"
    assert load(path, ENV).telegram.token == TOKEN


def test_token_is_never_in_the_repr() -> None:
    config = load(ROOT / "config.example.toml", ENV)
    assert TOKEN not in repr(config)
    assert TOKEN.split(":")[1] not in repr(config.telegram)


def test_missing_token(tmp_path: Path) -> None:
    assert problems(tmp_path, EXAMPLE, env={}) == [
        "telegram.token: missing (set it here or in the TINGBOT_TOKEN variable)"
    ]


def test_malformed_token(tmp_path: Path) -> None:
    assert problems(tmp_path, EXAMPLE, env={"TINGBOT_TOKEN": "not-a-token"}) == [
        "telegram.token: does not look like a bot token from BotFather"
    ]


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
