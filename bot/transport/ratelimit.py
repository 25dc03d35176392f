"""A smooth rate limiter for outgoing Bot API requests.

PTB's AIORateLimiter lets a burst through at start (about 59 messages in the first second with
its defaults). This limiter spaces sends evenly instead, so no one-second window ever holds more
than ``overall_max_rate`` sends, and no window of ``group_time_period`` holds more than
``group_max_rate`` sends to one group chat or channel.

Each request books a send time synchronously (no awaits, so no lock is needed on the event loop),
sleeps until then and makes its HTTP call holding nothing: a thousand concurrent sends complete
in about a thousand spacings, whatever the round-trip time. A request to a group whose budget is
spent books a later time without holding up sends to other chats.

Booked times are only half of it: a busy event loop wakes a send late, and the send booked 30
places after it on time, and the two would share a second. So each send also checks the moments
the last ``overall_max_rate`` sends actually left, and waits if they span less than the period.
Every interval carries a margin of ``_SAFETY``, so that a send which leaves a little later after
this check (the CPU is busy elsewhere) still does not crowd a second.

Requests without a ``chat_id`` (getUpdates, answerCallbackQuery, getMe, setMyCommands, ...) and
read-only ``get*`` calls go through unthrottled.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from bisect import bisect_left
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

_LOGGER = logging.getLogger(__name__)

# Telegram's send limits, the one place they are written down: at most this many messages a
# second overall, and this many a minute to one group chat or channel.
TELEGRAM_PER_SECOND = 30
TELEGRAM_GROUP_PER_MINUTE = 20

# Stretches every interval by 2% (20 ms of a one-second window): float rounding can never fit
# one send too many into a window, closed windows [t, t + period] are safe, not only half-open
# ones, and a send may leave up to 20 ms after its check (the process was not scheduled, on a
# busy machine) without crowding a second. It costs 2% of the throughput: 29.4 sends a second.
_SAFETY = 1.02
# Extra wait after a RetryAfter, as PTB's own limiter does.
_RETRY_MARGIN = 0.1

ChatKey = int | str
ApiResult = bool | dict[str, Any] | list[dict[str, Any]]


class SmoothRateLimiter(BaseRateLimiter[int]):
    """Evenly spaced sends: by default Telegram's limits, per second overall and per group."""

    def __init__(
        self,
        overall_max_rate: int = TELEGRAM_PER_SECOND,
        overall_time_period: float = 1.0,
        group_max_rate: int = TELEGRAM_GROUP_PER_MINUTE,
        group_time_period: float = 60.0,
        max_retries: int = 2,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if overall_max_rate <= 0 or overall_time_period <= 0:
            raise ValueError("overall_max_rate and overall_time_period must be positive")
        if group_max_rate < 0 or group_time_period < 0 or max_retries < 0:
            raise ValueError("group limits and max_retries must not be negative")
        self._spacing = overall_time_period / overall_max_rate * _SAFETY
        self._period = overall_time_period * _SAFETY
        self._left: deque[float] = deque(maxlen=overall_max_rate)  # when the last sends left
        self._group_max = group_max_rate if group_time_period else 0
        self._group_span = group_time_period * _SAFETY
        self._max_retries = max_retries
        self._clock = clock
        self._sleep = sleep
        self._booked: list[float] = []  # sorted send times, overall
        self._frontier = float("-inf")  # no free send time exists before this
        self._groups: dict[ChatKey, deque[float]] = {}  # sorted send times per group
        self._paused_until = float("-inf")

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, ApiResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> ApiResult:
        """Wait for a send time, call the Bot API, retry after RetryAfter up to max_retries.

        rate_limit_args, if given, overrides max_retries for this request (0: no retry).
        """
        max_retries = self._max_retries if rate_limit_args is None else rate_limit_args
        chat_id = data.get("chat_id")
        throttled = chat_id is not None and not endpoint.startswith("get")
        group = _group_key(chat_id) if throttled and self._group_max else None
        for attempt in range(max_retries + 1):
            if throttled:
                await self._wait_for_turn(group)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == max_retries:
                    _LOGGER.warning("%s: flood limit hit after %d retries", endpoint, attempt)
                    raise
                wait = _retry_seconds(exc) + _RETRY_MARGIN
                _LOGGER.info("%s: flood limit hit, pausing sends for %.1f s", endpoint, wait)
                self._pause(wait)
                if not throttled:
                    await self._sleep(wait)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _wait_for_turn(self, group: ChatKey | None) -> None:
        """Book a send time and sleep until it; book again if a pause began meanwhile."""
        while True:
            now = self._clock()
            at = self._book(now, group)
            if at > now:
                await self._sleep(at - now)
            await self._wait_for_window()
            now = self._clock()
            if now >= self._paused_until:
                self._left.append(now)  # no await since the window check: nothing overtook
                return
            self._unbook_group(at, group)

    async def _wait_for_window(self) -> None:
        """Wait until fewer than the overall maximum of sends actually left within a period."""
        left = self._left
        while len(left) == left.maxlen and self._clock() < left[0] + self._period:
            await self._sleep(left[0] + self._period - self._clock())

    def _book(self, now: float, group: ChatKey | None) -> float:
        """Reserve the earliest send time allowed by the pause, the group and the spacing."""
        earliest = max(now, self._paused_until)
        sent_to_group: deque[float] | None = None
        if group is not None:
            sent_to_group = self._group_log(group, now)
            if sent_to_group:
                # Keeping each group's times in order lets one look-back check the window.
                earliest = max(earliest, sent_to_group[-1])
            if len(sent_to_group) >= self._group_max:
                earliest = max(earliest, sent_to_group[-self._group_max] + self._group_span)
        at = self._place(earliest, now)
        if sent_to_group is not None:
            sent_to_group.append(at)
        return at

    def _place(self, earliest: float, now: float) -> float:
        """Earliest time >= earliest at least one spacing from every booked time; book it."""
        booked, spacing = self._booked, self._spacing
        del booked[: bisect_left(booked, now - spacing)]
        from_frontier = earliest <= self._frontier
        at = max(earliest, self._frontier)
        i = bisect_left(booked, at)
        if i > 0 and booked[i - 1] > at - spacing:
            at = booked[i - 1] + spacing
        while i < len(booked) and booked[i] < at + spacing:
            at = max(at, booked[i] + spacing)
            i += 1
        booked.insert(i, at)
        if from_frontier:
            # Everything from the old frontier up to here was found taken.
            self._frontier = at + spacing
        return at

    def _group_log(self, group: ChatKey, now: float) -> deque[float]:
        """The group's recent send times, dropping those too old to matter."""
        if len(self._groups) > 512:
            idle = [
                k for k, log in self._groups.items() if not log or log[-1] <= now - self._group_span
            ]
            for key in idle:
                del self._groups[key]
        log = self._groups.setdefault(group, deque())
        while log and log[0] <= now - self._group_span:
            log.popleft()
        return log

    def _unbook_group(self, at: float, group: ChatKey | None) -> None:
        """Forget a group booking that was given up (its overall slot lies in the past)."""
        log = self._groups.get(group) if group is not None else None
        if log is not None:
            with contextlib.suppress(ValueError):
                log.remove(at)

    def _pause(self, seconds: float) -> None:
        """Hold every throttled send until the flood wait is over."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)
        # No booking may start before the pause ends, so nothing before it is free.
        self._frontier = max(self._frontier, self._paused_until)


def _group_key(chat_id: object) -> ChatKey | None:
    """Negative ids and @usernames are groups or channels; positive ids are private chats."""
    with contextlib.suppress(ValueError, TypeError):
        chat_id = int(chat_id)  # type: ignore[call-overload]
    if isinstance(chat_id, int):
        return chat_id if chat_id < 0 else None
    return chat_id if isinstance(chat_id, str) else None


def _retry_seconds(exc: RetryAfter) -> float:
    """Seconds to wait, read without PTB's int/timedelta deprecation warning."""
    value = getattr(exc, "_retry_after", None)
    if isinstance(value, timedelta):
        return value.total_seconds()
    public = exc.retry_after
    return public.total_seconds() if isinstance(public, timedelta) else float(public)
