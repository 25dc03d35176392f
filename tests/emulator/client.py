"""A minimal synchronous Bot API client (urllib) for tests that act as the bot without PTB."""

from __future__ import annotations

import json
import uuid
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import ProxyHandler, Request, build_opener

_OPENER = build_opener(ProxyHandler({}))  # loopback: never through a proxy


def _field(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def encode(
    params: dict[str, Any], encoding: str, files: dict[str, tuple[str, bytes]] | None = None
) -> tuple[bytes, str]:
    """Encode parameters as ``json``, ``form`` or ``multipart``: (body, Content-Type)."""
    if files and encoding != "multipart":
        raise ValueError("files need the multipart encoding")
    if encoding == "json":
        return json.dumps(params).encode(), "application/json"
    if encoding == "form":
        form = {name: _field(value) for name, value in params.items()}
        return urlencode(form).encode(), "application/x-www-form-urlencoded"
    if encoding != "multipart":
        raise ValueError(f"unknown encoding {encoding!r}")
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in params.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(head.encode() + _field(value).encode() + b"\r\n")
    for name, (filename, data) in (files or {}).items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def call_api(
    url: str,
    params: dict[str, Any],
    *,
    encoding: str = "json",
    files: dict[str, tuple[str, bytes]] | None = None,
    timeout: float = 10.0,
) -> tuple[int, dict[str, Any]]:
    """POST one call; return (HTTP status, decoded JSON body)."""
    body, content_type = encode(params, encoding, files)
    request = Request(url, data=body, headers={"Content-Type": content_type}, method="POST")
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except HTTPError as error:
        return error.code, json.loads(error.read())
