"""How the bot talks to the Bot API: retries on server errors, and Telegram's send limits.

- 429 Too Many Requests: every send waits `retry_after`, then the call is retried (3 times).
- 5xx: Telegram answered that the call failed, so it is sent again after a short backoff.
- Timeouts are NOT retried: the message may have been sent, and a retry could send it twice.
- Sends are spaced evenly, 25 per second overall and 18 per minute to one group or channel: no
  sliding window then holds more than Telegram's 30 per second or 20 per minute, with room for
  network jitter. (PTB's AIORateLimiter allows bursts of twice the rate within a second, and
  releases everything that waited during a 429 pause at once.)
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.request import BaseRequest, HTTPXRequest, RequestData

log = logging.getLogger(__name__)
TELEGRAM_PER_SECOND = 30
TELEGRAM_GROUP_PER_MINUTE = 20
SENDS_PER_SECOND = 25
GROUP_SENDS_PER_MINUTE = 18
Sleep = Callable[[float], Awaitable[None]]


class Gate:
    """Hands out send slots at least `interval` seconds apart, first come first served."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def slot(self, clock: Callable[[], float], sleep: Sleep) -> None:
        """Wait for the next free slot."""
        async with self._lock:
            now = clock()
            start = max(now, self._next)
            self._next = start + self.interval
        await sleep(start - now)


class SpacedRateLimiter(BaseRateLimiter[int]):
    """Spaces sends evenly overall and per group or channel; honours 429 retry_after for all.

    While Telegram asks to wait, no request is sent, and slots are handed out only after the
    pause (so the requests that waited do not all go out at once afterwards).
    """

    def __init__(
        self,
        per_second: float = SENDS_PER_SECOND,
        group_per_minute: float = GROUP_SENDS_PER_MINUTE,
        max_retries: int = 3,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self._now = clock
        self.overall = Gate(1 / per_second)
        self.group_interval = 60 / group_per_minute
        self.groups: dict[int | str, Gate] = {}
        self.max_retries = max_retries
        self._sleep = sleep
        self._paused_until = 0.0

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    def _clock(self) -> float:
        return self._now() if self._now else asyncio.get_running_loop().time()

    async def _turn(self, chat_id: object) -> None:
        """Wait out any pause, then for this chat's group slot and the overall slot."""
        group = (
            chat_id
            if isinstance(chat_id, str) or (isinstance(chat_id, int) and chat_id < 0)
            else None
        )
        while True:
            while (left := self._paused_until - self._clock()) > 0:
                await self._sleep(left)
            if group is not None:
                gate = self.groups.setdefault(group, Gate(self.group_interval))
                await gate.slot(self._clock, self._sleep)
            await self.overall.slot(self._clock, self._sleep)
            if self._paused_until <= self._clock():
                return

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Send when it is this request's turn; after a 429, pause everything and retry."""
        chat_id = data.get("chat_id")
        with contextlib.suppress(TypeError, ValueError):
            chat_id = int(chat_id)  # type: ignore[arg-type]
        retries = rate_limit_args if rate_limit_args is not None else self.max_retries
        for attempt in range(retries + 1):
            if chat_id is not None:
                await self._turn(chat_id)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == retries:
                    raise
                wait = exc.retry_after
                seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
                self._paused_until = max(self._paused_until, self._clock() + seconds + 0.1)
                log.warning(
                    "Telegram asked to wait",
                    extra={"method": endpoint, "retry_after": seconds, "attempt": attempt + 1},
                )
                if chat_id is None:
                    await self._sleep(seconds + 0.1)
        raise AssertionError("unreachable")


def telegram_rate_limiter(max_retries: int = 3) -> SpacedRateLimiter:
    """The rate limiter tingbot runs with."""
    return SpacedRateLimiter(max_retries=max_retries)


class RetryingRequest(HTTPXRequest):
    """An HTTPXRequest that repeats a call Telegram answered with a server error (5xx)."""

    def __init__(
        self,
        server_error_retries: int = 2,
        backoff: float = 0.5,
        sleep: Sleep = asyncio.sleep,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.server_error_retries = server_error_retries
        self.backoff = backoff
        self._sleep = sleep

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send the request; on 5xx wait and send it again, at most `server_error_retries` times."""
        attempt = 0
        while True:
            code, payload = await super().do_request(
                url,
                method,
                request_data=request_data,
                read_timeout=read_timeout,
                write_timeout=write_timeout,
                connect_timeout=connect_timeout,
                pool_timeout=pool_timeout,
            )
            if code < 500 or attempt >= self.server_error_retries:
                return code, payload
            attempt += 1
            log.warning(
                "server error, retrying",
                extra={"status": code, "method": url.rsplit("/", 1)[-1], "attempt": attempt},
            )
            await self._sleep(self.backoff * 2 ** (attempt - 1))
