"""Load and validate the TOML configuration; every error names its key path."""

from __future__ import annotations

import os
import re
import tomllib
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.config import options
from bot.config.case import case_frame
from bot.config.console import console_settings
from bot.config.discussion import groupchat_settings, round_settings
from bot.config.model import (
    LANGUAGES,
    Config,
    Consultation,
    Group,
    Meeting,
    Question,
    Reminders,
    SummaryRule,
    Telegram,
    Theme,
    Webhook,
)
from bot.config.reader import Errors, Node
from bot.domain.schedule import Offset

TOKEN_ENV = "TINGBOT_TOKEN"
WEBHOOK_SECRET_ENV = "TINGBOT_WEBHOOK_SECRET"
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,256}$")
MAX_RETENTION_DAYS = 3650
DEFAULT_DATABASE = Path("data/tingbot.sqlite3")
CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{4,64}$")
CHANNEL_PATTERN = re.compile(r"^(@[A-Za-z][A-Za-z0-9_]{3,31}|-100\d{5,})$")


class ConfigError(Exception):
    """The config file is unusable; `problems` lists every error with its key path."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def load(
    path: Path | str, environ: dict[str, str] | None = None, require_token: bool = True
) -> Config:
    """Read `path`, validate everything and return the config or raise ConfigError.

    `require_token=False` accepts a missing token (checking a file needs none; running does).
    """
    env = dict(os.environ) if environ is None else environ
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError([f"{path}: file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{path}: cannot read ({exc.__class__.__name__})"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{path}: not valid TOML ({exc})"]) from None
    errors = Errors()
    root = Node("", data, errors)
    root.unknown_keys({"telegram", "storage", "consultation", "console"})
    telegram = _telegram(root.table("telegram"), env, require_token)
    storage = root.table("storage")
    storage.unknown_keys({"path", "durability"})
    durable = options.durability(storage)
    database = Path(storage.typed("path", str, str(DEFAULT_DATABASE)) or DEFAULT_DATABASE)
    if not database.is_absolute():
        database = path.parent / database
    consultations = tuple(_consultation(n, path.parent) for n in root.tables("consultation"))
    _check_unique(errors, consultations)
    console = console_settings(root.table("console"))
    if errors.items:
        raise ConfigError(errors.items)
    return Config(telegram, database, consultations, durable, console)


def _telegram(node: Node, env: dict[str, str], require_token: bool) -> Telegram:
    """The [telegram] table; TINGBOT_TOKEN wins over the file."""
    node.unknown_keys({"token", "api_base_url", "file_base_url", "webhook"} | options.PAID_KEYS)
    token = env.get(TOKEN_ENV, "").strip() or node.typed("token", str, "").strip()
    if not token:
        if require_token:
            node.errors.add(
                node.at("token"), f"missing (set it here or in the {TOKEN_ENV} variable)"
            )
    elif not re.fullmatch(r"\d+:[A-Za-z0-9_-]{20,}", token):
        node.errors.add(node.at("token"), "does not look like a bot token from BotFather")
    api, files = (node.typed(k, str, "") or None for k in ("api_base_url", "file_base_url"))
    webhook = _webhook(node.table("webhook"), env) if "webhook" in node.data else None
    return Telegram(token, api, files, webhook, options.paid_broadcast(node))


def _webhook(node: Node, env: dict[str, str]) -> Webhook:
    """The optional [telegram.webhook] table; TINGBOT_WEBHOOK_SECRET wins over the file."""
    node.unknown_keys({"url", "listen", "port", "secret_token", "path"})
    url = node.text("url")
    parts = urlsplit(url)
    if url and (parts.scheme != "https" or not parts.hostname):
        node.errors.add(node.at("url"), f'expected a public https:// URL, got "{url}"')
    secret = env.get(WEBHOOK_SECRET_ENV, "").strip() or node.typed("secret_token", str, "").strip()
    if not secret:
        node.errors.add(
            node.at("secret_token"),
            f"missing (set it here or in the {WEBHOOK_SECRET_ENV} variable)",
        )
    elif not SECRET_PATTERN.match(secret):
        node.errors.add(node.at("secret_token"), '16-256 of A-Z, a-z, 0-9, "_" and "-"')
    port = node.typed("port", int, 8443)
    if not 1 <= port <= 65535:
        node.errors.add(node.at("port"), f"expected a TCP port (1-65535), got {port}")
    path = node.typed("path", str, parts.path).strip("/")
    listen = node.typed("listen", str, "127.0.0.1").strip() or "127.0.0.1"
    return Webhook(url=url, secret_token=secret, listen=listen, port=port, path=path)


def _consultation(node: Node, base: Path) -> Consultation:
    """One [[consultation]] table; `base` is the config file's folder."""
    node.unknown_keys(
        {"key", "title", "background", "timezone", "language", "deadline", "channel"}
        | {"organisers", "show_names", "summary", "reminders", "themes", "groups", "meetings"}
        | {"groupchat", "round", "retention_days", "case"}
    )
    tz_name = node.typed("timezone", str, "Europe/Oslo")
    try:
        zone = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        node.errors.add(node.at("timezone"), f'unknown time zone "{tz_name}"')
        zone = ZoneInfo("Europe/Oslo")
    language = node.typed("language", str, "nn")
    if language not in LANGUAGES:
        node.errors.add(node.at("language"), f'unknown language "{language}" (use nn, nb or en)')
        language = "nn"
    channel = node.text("channel")
    if channel and not CHANNEL_PATTERN.match(channel):
        node.errors.add(
            node.at("channel"), f'expected "@name" or a numeric id like -100…, got "{channel}"'
        )
    organisers = node.typed("organisers", list, [], required=True)
    if not all(isinstance(o, int) and not isinstance(o, bool) and o > 0 for o in organisers):
        node.errors.add(node.at("organisers"), "expected positive Telegram user ids")
        organisers = []
    deadline = _aware(node.datetime("deadline"), zone)
    groups = tuple(_group(g) for g in node.tables("groups"))
    _no_duplicates(node, "groups", [g.key for g in groups], "key")
    _no_duplicates(node, "groups", [g.code for g in groups], "code")
    themes = tuple(_theme(t) for t in node.tables("themes"))
    _no_duplicates(node, "themes", [t.key for t in themes], "key")
    seen: set[str] = set()
    for t, theme in enumerate(themes):
        for q, question in enumerate(theme.questions):
            if question.key and question.key in seen:
                node.errors.add(
                    f"{node.at('themes')}[{t}].questions[{q}].key",
                    f'duplicate key "{question.key}"',
                )
            seen.add(question.key)
    retention = node.typed("retention_days", int, 180)
    if not 1 <= retention <= MAX_RETENTION_DAYS:
        node.errors.add(
            node.at("retention_days"), f"must be between 1 and {MAX_RETENTION_DAYS} days"
        )
    meetings = tuple(
        _meeting(m, zone, {g.key for g in groups}) for m in node.tables("meetings", False)
    )
    _no_duplicates(node, "meetings", [m.key for m in meetings], "key")
    return Consultation(
        key=node.key(),
        title=node.localized("title"),
        background=node.localized("background", required=False),
        timezone=tz_name,
        language=language,
        deadline=deadline or datetime.now(zone),
        channel=channel,
        organisers=tuple(organisers),
        themes=themes,
        groups=groups,
        meetings=meetings,
        show_names=node.typed("show_names", bool, False),
        summary=_summary(node.table("summary")),
        reminders=_reminders(node.table("reminders")),
        groupchat=groupchat_settings(node.table("groupchat"), zone),
        round=round_settings(node.table("round"), zone),
        retention_days=retention,
        case=case_frame(node.table("case"), base),
    )


def _theme(node: Node) -> Theme:
    """One [[consultation.themes]] table with its ordered questions."""
    node.unknown_keys({"key", "title", "questions"})
    questions = []
    for q in node.tables("questions"):
        q.unknown_keys({"key", "text"})
        questions.append(Question(key=q.key(), text=q.localized("text")))
    return Theme(key=node.key(), title=node.localized("title"), questions=tuple(questions))


def _group(node: Node) -> Group:
    """One [[consultation.groups]] table."""
    node.unknown_keys({"key", "name", "code"})
    code = node.text("code")
    if code and not CODE_PATTERN.match(code):
        node.errors.add(
            node.at("code"), f'invalid join code "{code}" (4-64 of A-Z, a-z, 0-9, "_", "-")'
        )
    return Group(key=node.key(), name=node.text("name"), code=code)


def _meeting(node: Node, zone: ZoneInfo, group_keys: set[str]) -> Meeting:
    """One [[consultation.meetings]] table; `start` is read in the consultation's zone."""
    node.unknown_keys({"key", "start", "place", "description", "groups"})
    groups = node.typed("groups", list, [])
    for i, key in enumerate(groups):
        if key not in group_keys:
            node.errors.add(f"{node.at('groups')}[{i}]", f'unknown group "{key}"')
    start = _aware(node.datetime("start"), zone) or datetime.now(zone)
    return Meeting(
        key=node.key(),
        start=start,
        place=node.text("place"),
        description=node.localized("description", required=False),
        groups=tuple(str(g) for g in groups),
    )


def _summary(node: Node) -> SummaryRule:
    """The [consultation.summary] table: headline rule and clustering threshold."""
    node.unknown_keys({"rule", "at_least", "threshold"})
    rule = node.typed("rule", str, "majority")
    if rule not in ("majority", "at_least"):
        node.errors.add(node.at("rule"), f'expected "majority" or "at_least", got "{rule}"')
    at_least = node.typed("at_least", int, 0)
    if rule == "at_least" and at_least < 1:
        node.errors.add(node.at("at_least"), 'must be 1 or more when rule = "at_least"')
    threshold = node.typed("threshold", float, 0.0)
    if not 0.0 <= threshold < 1.0:
        node.errors.add(node.at("threshold"), "must be between 0 and 1 (0 = decided per question)")
    return SummaryRule(rule=rule, at_least=at_least, threshold=threshold)


def _reminders(node: Node) -> Reminders:
    """The [consultation.reminders] table: offsets and quiet hours."""
    node.unknown_keys({"meeting_offsets", "deadline_offsets", "quiet_start", "quiet_end"})
    default = Reminders()
    offsets: dict[str, tuple[str, ...]] = {}
    for name in ("meeting_offsets", "deadline_offsets"):
        values = node.typed(name, list, list(getattr(default, name)))
        for i, value in enumerate(values):
            try:
                Offset.parse(str(value))
            except ValueError as exc:
                node.errors.add(f"{node.at(name)}[{i}]", str(exc))
        offsets[name] = tuple(str(v) for v in values)
    return Reminders(
        meeting_offsets=offsets["meeting_offsets"],
        deadline_offsets=offsets["deadline_offsets"],
        quiet_start=node.clock("quiet_start", default.quiet_start),
        quiet_end=node.clock("quiet_end", default.quiet_end),
    )


def _aware(value: datetime | None, zone: ZoneInfo) -> datetime | None:
    """A local TOML date-time read in `zone`; one with an offset is kept as it is."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=zone)


def _no_duplicates(node: Node, array: str, values: list[str], field: str) -> None:
    """Report the second and later uses of a value that must be unique in `array`."""
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value and value in seen:
            node.errors.add(f"{node.at(array)}[{i}].{field}", f'duplicate {field} "{value}"')
        seen.add(value)


def _check_unique(errors: Errors, consultations: tuple[Consultation, ...]) -> None:
    """Consultation keys and join codes are unique in the file (a code used twice within one
    consultation is reported there)."""
    keys: set[str] = set()
    codes: set[str] = set()
    for i, c in enumerate(consultations):
        if c.key in keys:
            errors.add(f"consultation[{i}].key", f'duplicate key "{c.key}"')
        keys.add(c.key)
        for j, g in enumerate(c.groups):
            if g.code in codes and g.code:
                errors.add(
                    f"consultation[{i}].groups[{j}].code", f'join code "{g.code}" is used twice'
                )
        codes |= {g.code for g in c.groups}
