"""Typed access to the parameters of one Bot API call, with Telegram's errors when wrong."""

from __future__ import annotations

from typing import Any

from .errors import bad_request
from .http_body import UploadedFile


class Params:
    """The normalised parameters and uploaded files of one call."""

    def __init__(self, values: dict[str, Any], files: dict[str, UploadedFile]):
        self.values = values
        self.files = files

    def has(self, name: str) -> bool:
        """Whether the parameter was given."""
        return name in self.values or name in self.files

    def text(self, name: str, default: str | None = None) -> str | None:
        """An optional string parameter."""
        value = self.values.get(name, default)
        if value is None or isinstance(value, str):
            return value
        return str(value)

    def required_text(self, name: str, missing: str | None = None) -> str:
        """A required string parameter."""
        value = self.text(name)
        if value is None:
            raise bad_request(missing or f"parameter {name!r} is required")
        return value

    def integer(self, name: str, default: int | None = None) -> int | None:
        """An optional integer parameter."""
        value = self.values.get(name, default)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise bad_request(f"parameter {name!r} must be an integer")

    def required_integer(self, name: str, missing: str | None = None) -> int:
        """A required integer parameter."""
        value = self.integer(name)
        if value is None:
            raise bad_request(missing or f"parameter {name!r} is required")
        return value

    def flag(self, name: str, default: bool = False) -> bool:
        """A boolean parameter."""
        value = self.values.get(name, default)
        if isinstance(value, bool):
            return value
        raise bad_request(f"parameter {name!r} must be a Boolean")

    def json(self, name: str) -> Any:
        """A JSON-serialised parameter (already decoded), or None."""
        return self.values.get(name)

    def chat_ref(self, name: str = "chat_id") -> int | str:
        """A chat identifier: an integer id or an ``@username``."""
        value = self.values.get(name)
        if value is None or value == "":
            raise bad_request("chat_id is empty")
        if isinstance(value, int | str) and not isinstance(value, bool):
            return value
        raise bad_request("chat not found")

    def upload(self, name: str) -> UploadedFile | str | None:
        """A file parameter: an uploaded part (directly or via attach://), or a file_id/URL."""
        if name in self.files:
            return self.files[name]
        value = self.text(name)
        if value is not None and value.startswith("attach://"):
            attached = self.files.get(value.removeprefix("attach://"))
            if attached is None:
                raise bad_request(f"file {value} not found in the request")
            return attached
        return value
