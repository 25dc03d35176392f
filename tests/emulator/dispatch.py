"""One HTTP request → one recorded Bot API call: routing, token check, faults, method, reply."""

from __future__ import annotations

import itertools
import json
import math
import re
import time
import traceback
from dataclasses import dataclass, field
from typing import Any

from .errors import ApiError
from .faults import Fault, FaultRecord, FaultSchedule
from .http_body import UploadedFile, parse_body
from .methods_chats import CHAT_METHODS
from .methods_marks import MARK_METHODS
from .methods_messages import MESSAGE_METHODS
from .methods_webhook import WEBHOOK_METHODS
from .params import Params
from .world import World

METHODS = {**CHAT_METHODS, **MESSAGE_METHODS, **MARK_METHODS, **WEBHOOK_METHODS}
_BY_LOWER_NAME = {name.lower(): name for name in METHODS}  # Telegram ignores the case
SEND_METHODS = frozenset({"sendMessage", "sendDocument", "sendPhoto", "sendPoll"})
_PATH = re.compile(r"/bot([^/]+)/([^/]*)")
_FILE_PATH = re.compile(r"/file/bot([^/]+)/documents/([^/]+)")


@dataclass(frozen=True)
class Call:
    """One Bot API call as the emulator received and answered it."""

    seq: int
    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile]
    t: float  # time.monotonic() on arrival
    status: int  # HTTP status; 0 when the reply was dropped before processing
    result: Any = None
    error: str | None = None
    fault: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the call took effect (200, or processed and its reply lost)."""
        return self.status == 200


@dataclass
class Reply:
    """What the HTTP layer sends back; ``drop`` closes the connection after ``hold`` seconds."""

    status: int
    body: bytes = b""
    content_type: str = "application/json"
    hold: float = 0.0
    drop: bool = False


@dataclass
class Journal:
    """Everything recorded: calls in completion order, faults, unknown methods, emulator bugs."""

    calls: list[Call] = field(default_factory=list)
    faults: list[FaultRecord] = field(default_factory=list)
    unknown: list[Call] = field(default_factory=list)
    internal_errors: list[str] = field(default_factory=list)


def _json_reply(status: int, body: dict[str, Any]) -> Reply:
    return Reply(status, json.dumps(body, ensure_ascii=False).encode("utf-8"))


class Dispatcher:
    """Turns requests into calls against the world and records them in the journal."""

    def __init__(self, world: World, token: str, faults: FaultSchedule, flood_limits: bool) -> None:
        self.world = world
        self.token = token
        self.faults = faults
        self.flood_limits = flood_limits
        self.journal = Journal()
        self._seq = itertools.count(1)

    def handle(self, path: str, content_type: str, body: bytes, query: str) -> Reply:
        """Answer one HTTP request."""
        arrived = time.monotonic()
        if path.startswith("/file/"):
            return self._download(path)
        route = _PATH.fullmatch(path)
        if route is None:
            return _json_reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        token, name = route.groups()
        method = _BY_LOWER_NAME.get(name.lower(), name)
        with self.world.lock:
            seq = next(self._seq)
        try:
            values, files = parse_body(content_type, body, query)
        except ApiError as exc:
            return self._finish(Call(seq, method, {}, {}, arrived, exc.code, error=exc.description))
        call = Call(seq, method, values, files, arrived, 0)
        if token != self.token:
            error = ApiError(401, "Unauthorized")
        elif method not in METHODS:
            error = ApiError(404, "Not Found")
            with self.world.lock:
                self.journal.unknown.append(call)
        else:
            with self.world.lock:
                target = self._addressed(values)
                fault = self.faults.draw(method, target) or self._flood(method, values)
            if fault is not None and fault.kind != "timeout_after":
                return self._faulted(call, fault)
            return self._run(call, fault)
        return self._finish(_with(call, error.code, error=error.description), error.payload())

    def _addressed(self, values: dict[str, Any]) -> int | None:
        """The id of the chat a call addresses (``chat_id`` as an id or ``@username``)."""
        ref = values.get("chat_id")
        if isinstance(ref, int) and not isinstance(ref, bool):
            return ref
        if isinstance(ref, str) and ref.startswith("@"):
            name = ref[1:].lower()
            for chat in self.world.chats.values():
                if chat.username and chat.username.lower() == name:
                    return chat.id
        return None

    def _flood(self, method: str, values: dict[str, Any]) -> Fault | None:
        """Telegram's own limits: 30 messages/s overall and 20 per minute per group or channel."""
        if not self.flood_limits or method not in SEND_METHODS:
            return None
        now = time.monotonic()
        sends = [
            c.t for c in self.journal.calls if c.ok and c.method in SEND_METHODS and now - c.t < 60
        ]
        if sum(1 for t in sends if now - t < 1.0) >= 30:
            return Fault("flood", 1, 0.0)
        chat = values.get("chat_id")
        if (isinstance(chat, int) and chat < 0) or isinstance(chat, str):
            to_chat = [
                c.t
                for c in self.journal.calls
                if c.ok
                and c.method in SEND_METHODS
                and c.params.get("chat_id") == chat
                and now - c.t < 60
            ]
            if len(to_chat) >= 20:
                return Fault("flood", max(math.ceil(60 - (now - min(to_chat))), 1), 0.0)
        return None

    def _faulted(self, call: Call, fault: Fault) -> Reply:
        with self.world.lock:
            self.journal.faults.append(FaultRecord(call.seq, call.method, fault.kind, call.params))
        if fault.kind in ("429", "flood"):
            retry = (
                int(fault.retry_after)
                if float(fault.retry_after).is_integer()
                else fault.retry_after
            )
            description = f"Too Many Requests: retry after {retry}"
            error = ApiError(429, description, {"retry_after": retry})
            return self._finish(
                _with(call, 429, error=description, fault=fault.kind), error.payload()
            )
        if fault.kind == "500":
            error = ApiError(500, "Internal Server Error")
            return self._finish(
                _with(call, 500, error=error.description, fault="500"), error.payload()
            )
        self._finish(_with(call, 0, error="request lost (timeout)", fault=fault.kind))
        return Reply(0, hold=fault.hold, drop=True)

    def _run(self, call: Call, fault: Fault | None) -> Reply:
        with self.world.lock:
            try:
                result = METHODS[call.method](self.world, Params(call.params, call.files))
            except ApiError as exc:
                return self._finish(_with(call, exc.code, error=exc.description), exc.payload())
            except Exception:  # an emulator bug must fail the test, not hang it
                self.journal.internal_errors.append(traceback.format_exc())
                error = ApiError(500, "Internal Server Error: emulator bug, see internal_errors")
                return self._finish(_with(call, 500, error=error.description), error.payload())
            if fault is not None:
                self.journal.faults.append(
                    FaultRecord(call.seq, call.method, fault.kind, call.params)
                )
                self._finish(_with(call, 200, result=result, fault=fault.kind))
                return Reply(0, hold=fault.hold, drop=True)
            return self._finish(_with(call, 200, result=result), {"ok": True, "result": result})

    def _finish(self, call: Call, body: dict[str, Any] | None = None) -> Reply:
        with self.world.lock:
            self.journal.calls.append(call)
            self.world.changed.notify_all()
        return _json_reply(call.status, body or {})

    def _download(self, path: str) -> Reply:
        route = _FILE_PATH.fullmatch(path)
        if route is None or route.group(1) != self.token:
            return _json_reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        with self.world.lock:
            stored = self.world.files.get(route.group(2))
        if stored is None:
            return _json_reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        return Reply(200, stored.data, content_type="application/octet-stream")


def _with(call: Call, status: int, **changes: Any) -> Call:
    return Call(**{**call.__dict__, "status": status, **changes})
