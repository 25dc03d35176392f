"""Request bodies as the Bot API accepts them: query string, urlencoded form, JSON, multipart.

Form and multipart fields arrive as strings; they are normalised to the JSON types the Bot API
documents (ints, bools, objects) so that recorded calls look the same whichever encoding the
client chose.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from .errors import bad_request

INT_FIELDS = frozenset(
    [
        "message_id",
        "offset",
        "limit",
        "timeout",
        "user_id",
        "reply_to_message_id",
        "message_thread_id",
        "cache_time",
        "from_chat_id",
        "open_period",
        "correct_option_id",
        "close_date",
        "until_date",
        "duration",
        "width",
        "height",
        "max_connections",
    ]
)
BOOL_FIELDS = frozenset(
    [
        "disable_notification",
        "protect_content",
        "show_alert",
        "is_anonymous",
        "allows_multiple_answers",
        "drop_pending_updates",
        "is_big",
        "disable_web_page_preview",
        "allow_sending_without_reply",
        "is_closed",
        "disable_content_type_detection",
        "has_spoiler",
        "show_caption_above_media",
        "allow_paid_broadcast",
        "only_if_banned",
    ]
)
JSON_FIELDS = frozenset(
    [
        "reply_markup",
        "entities",
        "caption_entities",
        "allowed_updates",
        "commands",
        "scope",
        "options",
        "reaction",
        "reply_parameters",
        "link_preview_options",
        "explanation_entities",
        "question_entities",
        "media",
        "results",
        "permissions",
    ]
)
_INT = re.compile(r"-?\d+")
_DISPOSITION_PARAM = re.compile(r';\s*([a-zA-Z*]+)="((?:[^"\\]|\\.)*)"|;\s*([a-zA-Z*]+)=([^;\s]+)')


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    field: str
    filename: str
    content_type: str
    data: bytes


def normalise(values: dict[str, Any]) -> dict[str, Any]:
    """Convert string fields to the types the Bot API documents for them."""
    result: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, str):
            if (name in INT_FIELDS or name == "chat_id") and _INT.fullmatch(value):
                value = int(value)
            elif name in BOOL_FIELDS and value.lower() in ("true", "false"):
                value = value.lower() == "true"
            elif name in JSON_FIELDS:
                try:
                    value = json.loads(value)
                except ValueError as exc:
                    raise bad_request(f"can't parse {name} JSON object") from exc
        result[name] = value
    return result


def parse_body(
    content_type: str, body: bytes, query: str
) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    """Parse a request into (parameters, uploaded files); raise ApiError when malformed."""
    values: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    files: dict[str, UploadedFile] = {}
    kind = content_type.split(";", 1)[0].strip().lower()
    if not body:
        pass
    elif kind == "application/json":
        try:
            decoded = json.loads(body)
        except ValueError as exc:
            raise bad_request("can't parse JSON request body") from exc
        if not isinstance(decoded, dict):
            raise bad_request("JSON request body must be an object")
        values.update(decoded)
    elif kind == "application/x-www-form-urlencoded":
        values.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    elif kind == "multipart/form-data":
        fields, files = _parse_multipart(content_type, body)
        values.update(fields)
    else:
        raise bad_request(f"unsupported Content-Type {kind!r}")
    return normalise(values), files


def _parse_multipart(
    content_type: str, body: bytes
) -> tuple[dict[str, str], dict[str, UploadedFile]]:
    match = re.search(r'boundary="?([^";]+)"?', content_type)
    if not match:
        raise bad_request("multipart body without boundary")
    delimiter = b"--" + match.group(1).encode("latin-1")
    fields: dict[str, str] = {}
    files: dict[str, UploadedFile] = {}
    chunks = body.split(delimiter)
    if len(chunks) < 3 or not chunks[-1].startswith(b"--"):
        raise bad_request("malformed multipart body")
    for chunk in chunks[1:-1]:
        part = chunk.removeprefix(b"\r\n").removesuffix(b"\r\n")
        head, sep, content = part.partition(b"\r\n\r\n")
        if not sep:
            raise bad_request("malformed multipart part")
        headers = _part_headers(head.decode("utf-8"))
        params = _disposition_params(headers.get("content-disposition", ""))
        name = params.get("name")
        if name is None:
            raise bad_request("multipart part without a name")
        if "filename" in params:
            content_kind = headers.get("content-type", "application/octet-stream")
            files[name] = UploadedFile(name, params["filename"], content_kind, content)
        else:
            fields[name] = content.decode("utf-8")
    return fields, files


def _part_headers(head: str) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in head.split("\r\n"):
        key, _, value = line.partition(":")
        headers[key.strip().lower()] = value.strip()
    return headers


def _disposition_params(disposition: str) -> dict[str, str]:
    params: dict[str, str] = {}
    for quoted_key, quoted, bare_key, bare in _DISPOSITION_PARAM.findall(disposition):
        if quoted_key:
            params[quoted_key.lower()] = (
                quoted.replace('\\"', '"').replace("\\\\", "\\").replace("%22", '"')
            )
        else:
            params[bare_key.lower()] = bare
    return params
