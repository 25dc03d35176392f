"""Config files for the bot process: the example config, changed for a test, written as TOML."""

from __future__ import annotations

import copy
import json
import re
import tomllib
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tests.support.harness import ORGANISER, ROOT
from tests.support.roles import OTHER_CODE, OTHER_ORGANISER

CHANNEL = "hallingdal_regionrad"


def example() -> dict[str, Any]:
    """config.example.toml as data."""
    return tomllib.loads((ROOT / "config.example.toml").read_text(encoding="utf-8"))


def other_consultation(first: dict[str, Any]) -> dict[str, Any]:
    """A second consultation with its own organiser, one group and one question."""
    other = copy.deepcopy(first)
    other.update(key="anna-ting", organisers=[OTHER_ORGANISER], channel="@anna_ting_kanal")
    other["title"] = "Eit anna ting"
    other["groups"] = [{"key": "a", "name": "Gruppe A", "code": OTHER_CODE}]
    other["themes"] = [
        {
            "key": "t",
            "title": "Tema",
            "questions": [{"key": "q", "text": "Kva meiner de?"}],
        }
    ]
    other["meetings"] = []
    return other


def bot_config(
    database: Path,
    api_base_url: str,
    file_base_url: str,
    *,
    deadline: datetime | None = None,
    webhook: dict[str, Any] | None = None,
    **consultation: Any,
) -> dict[str, Any]:
    """The example config pointed at an emulator, with a database path and a future deadline."""
    data = example()
    data["telegram"] = {"api_base_url": api_base_url, "file_base_url": file_base_url}
    if webhook is not None:
        data["telegram"]["webhook"] = webhook
    data["storage"] = {"path": str(database)}
    first = data["consultation"][0]
    zone = ZoneInfo(first["timezone"])
    moment = deadline or datetime.now(zone) + timedelta(days=30)
    first["deadline"] = moment.astimezone(zone).replace(tzinfo=None, microsecond=0)
    first["organisers"] = [ORGANISER]
    first.update(consultation)
    data["consultation"].append(other_consultation(first))
    return data


def write(path: Path, data: dict[str, Any]) -> Path:
    """Write `data` as a TOML file."""
    path.write_text("\n".join(_table([], data)).strip() + "\n", encoding="utf-8")
    return path


def _table(path: list[str], data: dict[str, Any]) -> list[str]:
    """Lines of one table: its plain values first, then sub-tables and arrays of tables."""
    lines = [f"{_key(k)} = {_value(v)}" for k, v in data.items() if not _nested(v)]
    for key, value in data.items():
        if isinstance(value, dict):
            lines += ["", f"[{'.'.join(map(_key, [*path, key]))}]", *_table([*path, key], value)]
        elif _nested(value):
            for item in value:
                header = f"[[{'.'.join(map(_key, [*path, key]))}]]"
                lines += ["", header, *_table([*path, key], item)]
    return lines


def _nested(value: Any) -> bool:
    """A table or a non-empty array of tables (written as [[...]])."""
    return isinstance(value, dict) or (
        isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)
    )


def _key(key: str) -> str:
    """A bare key when TOML allows one (ASCII letters, digits, - and _), else a quoted one."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def _value(value: Any) -> str:
    """A TOML value (strings as JSON strings, which are valid TOML basic strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")
