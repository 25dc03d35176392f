"""The in-process Bot API: a recording `BaseRequest` that answers like Telegram.

The bot under test talks to it exactly as to Telegram: PTB serialises every call, and so does
this request (the JSON body the HTTP layer would send), so the bot pays its real encoding cost
and the benchmarks (`bench/`) measure against it too. It records each call with the moment it
arrived on an injected clock, answers with realistic JSON (`tests.support.botapi_answers`),
can be told to fail chosen calls and can wait a simulated network round trip before answering.
`tests.support.botapi_http` serves the same answers over local HTTP.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

from tests.emulator.http_body import JSON_FIELDS
from tests.support.botapi_answers import BOT_ID, BOT_USERNAME, BotApiAnswers, chat, user

__all__ = ["BOT_ID", "BOT_USERNAME", "Call", "Failure", "FakeTelegram", "chat", "user"]


def parameters(request_data: RequestData | None) -> dict[str, Any]:
    """The call's parameters as Telegram reads them: an object field may come as JSON text."""
    params = dict(request_data.parameters) if request_data else {}
    for key in JSON_FIELDS & params.keys():
        value = params[key]
        if isinstance(value, str):
            params[key] = json.loads(value)
    return params


@dataclass
class Call:
    """One Bot API call the bot made."""

    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    at: float = 0.0
    filenames: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The message text or caption of the call ('' when none)."""
        return str(self.params.get("text") or self.params.get("caption") or "")

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback data) of every inline button of the call."""
        markup = self.params.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        return [
            (b["text"], b.get("callback_data", b.get("url", "")))
            for row in markup.get("inline_keyboard", [])
            for b in row
        ]


@dataclass
class Failure:
    """Answer the next `times` calls of `method` with this error."""

    method: str
    code: int
    description: str
    times: int = 1
    retry_after: int | None = None
    when: Callable[[dict[str, Any]], bool] | None = None
    after: int = 0  # let this many calls of `method` succeed first
    exception: Exception | None = None  # raise it instead of answering (timeouts, network)


class FakeTelegram(BotApiAnswers, BaseRequest):
    """Records every call and answers like the Bot API (see the module docstring).

    `clock` stamps each call as it arrives (a virtual loop's time, or `time.perf_counter` in a
    benchmark); `round_trip` seconds pass (on the event loop) before each answer.
    """

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, round_trip: float = 0.0
    ) -> None:
        super().__init__()
        self.calls: list[Call] = []
        self.failures: list[Failure] = []
        self.clock = clock
        self.round_trip = round_trip
        # Called with each call as it arrives, e.g. to look at the database at that moment.
        self.hooks: list[Callable[[Call], None]] = []

    # --- BaseRequest ---------------------------------------------------------------------
    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    @property
    def read_timeout(self) -> float | None:
        """No network, no timeout."""
        return 1.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        """Encode the body as the HTTP layer would, record the call, answer after the round trip."""
        name = url.rsplit("/", 1)[-1]
        files: dict[str, bytes] = {}
        filenames: dict[str, str] = {}
        if request_data is not None:
            request_data.json_payload  # noqa: B018 - the encoding the HTTP layer would do
            if request_data.contains_files:
                for part, value in request_data.multipart_data.items():
                    content = value[1] if isinstance(value, tuple) else value
                    files[part] = content if isinstance(content, bytes) else content.read()
                    if isinstance(value, tuple) and isinstance(value[0], str):
                        filenames[part] = value[0]
        status, body = self.respond(name, parameters(request_data), files, filenames)
        if self.round_trip:
            await asyncio.sleep(self.round_trip)
        return status, json.dumps(body).encode()

    def respond(
        self,
        name: str,
        params: dict[str, Any],
        files: dict[str, bytes] | None = None,
        filenames: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, Any]]:
        """Record one call of method `name`; (HTTP status, JSON body) of its answer."""
        call = Call(name, params, files or {}, self.clock(), filenames or {})
        self.calls.append(call)
        for hook in self.hooks:
            hook(call)
        for failure in self.failures:
            if failure.method != name or failure.times <= 0:
                continue
            if failure.when is not None and not failure.when(params):
                continue
            if failure.after > 0:
                failure.after -= 1
                break
            failure.times -= 1
            if failure.exception is not None:
                raise failure.exception
            body: dict[str, Any] = {
                "ok": False,
                "error_code": failure.code,
                "description": failure.description,
            }
            if failure.retry_after is not None:
                body["parameters"] = {"retry_after": failure.retry_after}
            return failure.code, body
        return 200, {"ok": True, "result": self.answer(name, params)}

    # --- inspection --------------------------------------------------------------------------
    def to(self, chat_id: int, method: str | None = None) -> list[Call]:
        """Calls addressed to one chat, optionally of one method."""
        return [
            c
            for c in self.calls
            if str(c.params.get("chat_id")) == str(chat_id)
            and (method is None or c.method == method)
        ]

    def texts(self, chat_id: int) -> list[str]:
        """Texts (and captions) sent or edited in one chat, in order."""
        return [c.text for c in self.to(chat_id) if c.text]

    def last(self, chat_id: int, method: str = "sendMessage") -> Call:
        """The latest call of `method` to a chat."""
        found = self.to(chat_id, method)
        assert found, f"no {method} to {chat_id}; calls: {[c.method for c in self.calls]}"
        return found[-1]

    def fail(
        self,
        method: str,
        code: int = 400,
        description: str = "Bad Request: test",
        times: int = 1,
        retry_after: int | None = None,
        when: Callable[[dict[str, Any]], bool] | None = None,
        after: int = 0,
        exception: Exception | None = None,
    ) -> None:
        """Make `times` calls of `method` (whose params satisfy `when`) fail, after `after` successful ones."""
        self.failures.append(
            Failure(method, code, description, times, retry_after, when, after, exception)
        )
