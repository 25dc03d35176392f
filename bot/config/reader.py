"""Typed access to raw TOML values that collects errors under their key path."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any, TypeVar

from bot.config.model import LANGUAGES, Localized

T = TypeVar("T")
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
MISSING: Any = object()


@dataclass
class Errors:
    """Every problem found in a config file, each prefixed by its key path."""

    items: list[str] = field(default_factory=list)

    def add(self, path: str, message: str) -> None:
        """Record that the value at `path` is wrong."""
        self.items.append(f"{path}: {message}")


@dataclass
class Node:
    """A table in the TOML document at a known key path."""

    path: str
    data: dict[str, Any]
    errors: Errors

    def at(self, key: str) -> str:
        """The key path of `key` inside this table."""
        return f"{self.path}.{key}" if self.path else key

    def raw(self, key: str, required: bool = True) -> Any:
        """The raw value of `key`, recording `missing` when required and absent."""
        if key not in self.data:
            if required:
                self.errors.add(self.at(key), "missing")
            return MISSING
        return self.data[key]

    def typed(self, key: str, kind: type[T], default: T, required: bool = False) -> T:
        """The value of `key` if it has type `kind`, else `default` and an error."""
        value = self.raw(key, required)
        if value is MISSING:
            return default
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.errors.add(
                self.at(key), f"expected {_kind_name(kind)}, got {_kind_name(type(value))}"
            )
            return default
        return value

    def text(self, key: str, default: str = "", required: bool = True) -> str:
        """A string value; empty strings count as missing when required."""
        value = self.typed(key, str, default, required)
        if required and key in self.data and isinstance(self.data[key], str) and not value.strip():
            self.errors.add(self.at(key), "must not be empty")
        return value

    def key(self, key: str = "key") -> str:
        """A stable key: lowercase letters, digits, '-' and '_', at most 40 characters."""
        value = self.text(key)
        if value and not KEY_PATTERN.match(value):
            self.errors.add(
                self.at(key),
                f'invalid key "{value}" (use a-z, 0-9, "-" and "_", at most 40 characters)',
            )
        return value

    def localized(self, key: str, required: bool = True) -> Localized:
        """A text that is either a string (Nynorsk) or a table of nn/nb/en strings."""
        value = self.raw(key, required)
        if value is MISSING:
            return Localized("")
        if isinstance(value, str):
            if required and not value.strip():
                self.errors.add(self.at(key), "must not be empty")
            return Localized(value)
        if not isinstance(value, dict):
            self.errors.add(self.at(key), "expected a string or a table of nn/nb/en texts")
            return Localized("")
        table = Node(self.at(key), value, self.errors)
        for unknown in sorted(set(value) - set(LANGUAGES)):
            self.errors.add(table.at(unknown), f"unknown language (use {', '.join(LANGUAGES)})")
        nn = table.text("nn", required=True)
        nb = table.text("nb", required=False) or None
        en = table.text("en", required=False) or None
        return Localized(nn, nb, en)

    def table(self, key: str, required: bool = False) -> Node:
        """A sub-table (an empty one when absent and optional)."""
        value = self.raw(key, required)
        if value is MISSING:
            return Node(self.at(key), {}, self.errors)
        if not isinstance(value, dict):
            self.errors.add(self.at(key), "expected a table")
            return Node(self.at(key), {}, self.errors)
        return Node(self.at(key), value, self.errors)

    def tables(self, key: str, required: bool = True) -> list[Node]:
        """An array of tables, each as a Node with an indexed path."""
        value = self.raw(key, required)
        if value is MISSING:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.errors.add(self.at(key), "expected an array of tables ([[...]])")
            return []
        if required and not value:
            self.errors.add(self.at(key), "must not be empty")
        return [Node(f"{self.at(key)}[{i}]", v, self.errors) for i, v in enumerate(value)]

    def clock(self, key: str, default: time) -> time:
        """A local time of day written "HH:MM"."""
        value = self.typed(key, str, "")
        if not value:
            return default
        try:
            return time.fromisoformat(value)
        except ValueError:
            self.errors.add(self.at(key), f'expected a time like "22:00", got "{value}"')
            return default

    def datetime(self, key: str, required: bool = True) -> datetime | None:
        """A TOML date-time (local or with offset)."""
        value = self.raw(key, required)
        if value is MISSING:
            return None
        if not isinstance(value, datetime):
            self.errors.add(self.at(key), "expected a date-time like 2026-06-11T10:00:00")
            return None
        return value

    def unknown_keys(self, known: set[str]) -> None:
        """Report keys this table does not know (a typo should not pass silently)."""
        for name in sorted(set(self.data) - known):
            self.errors.add(self.at(name), "unknown key")


def _kind_name(kind: type) -> str:
    """A reader-friendly name of a TOML value type."""
    names = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}
    names |= {list: "an array", dict: "a table", datetime: "a date-time"}
    return names.get(kind, kind.__name__)
