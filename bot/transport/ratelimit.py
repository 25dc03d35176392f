"""The rate limiter for outgoing Bot API requests: smooth, with replies before bulk sends.

PTB's AIORateLimiter lets a burst through at start (about 59 messages in the first second with
its defaults) and serves requests first come, first served, so a reply to someone who just
answered waited behind a whole reminder (3.8 s at p50 behind 1,000 recipients). This limiter
spaces sends evenly and lets replies go first (bot/transport/sendgate.py): overall at most 30
sends in any second, at most 20 a minute to one group chat or channel, at most one message a
second to one chat. A send is bulk when it runs inside `bulk_sends()` (bot/transport/priority.py);
everything else is a reply.

With `paid_rate` set (`[telegram] paid_broadcast`), bulk messages carry `allow_paid_broadcast`
and share a window of `paid_rate` a second; replies stay within the free 30. If Telegram refuses
a paid send (a 429, or a 400 that an unpaid send of the same message does not get), bulk sends
go back to the free rate for the rest of the run.

A 429 with retry_after pauses every throttled send and the request is sent again (up to
`max_retries` for replies, `BULK_RETRIES` for bulk sends, which nobody is waiting to retry by
hand). Requests without a ``chat_id`` (getUpdates, answerCallbackQuery, getMe, setMyCommands, ...)
and read-only ``get*`` calls go through unthrottled.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import BadRequest, RetryAfter
from telegram.ext import BaseRateLimiter

from bot.transport.priority import is_bulk
from bot.transport.sendgate import ChatKey, SendGate

_LOGGER = logging.getLogger(__name__)
# Telegram's send limits, the one place they are written down: at most this many messages a
# second overall, and this many a minute to one group chat or channel.
TELEGRAM_PER_SECOND = 30
TELEGRAM_GROUP_PER_MINUTE = 20
# Extra wait after a RetryAfter, as PTB's own limiter does.
_RETRY_MARGIN = 0.1
BULK_RETRIES = 10
PAID_FLAG = "allow_paid_broadcast"
# Methods that post a message (the per-chat limit and the paid flag apply); edits do not.
_MESSAGE_METHODS = ("send", "copyMessage", "forwardMessage")

ApiResult = bool | dict[str, Any] | list[dict[str, Any]]


class SmoothRateLimiter(BaseRateLimiter[int]):
    """Evenly spaced sends, replies first: 30/s overall, 20/min per group, 1/s per chat."""

    def __init__(
        self,
        overall_max_rate: int = TELEGRAM_PER_SECOND,
        overall_time_period: float = 1.0,
        group_max_rate: int = TELEGRAM_GROUP_PER_MINUTE,
        group_time_period: float = 60.0,
        max_retries: int = 2,
        *,
        chat_gap: float = 1.0,
        paid_rate: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if overall_max_rate <= 0 or overall_time_period <= 0:
            raise ValueError("overall_max_rate and overall_time_period must be positive")
        if group_max_rate < 0 or group_time_period < 0 or max_retries < 0 or chat_gap < 0:
            raise ValueError("group limits, chat_gap and max_retries must not be negative")
        if paid_rate is not None and not overall_max_rate < paid_rate <= 1000:
            raise ValueError("paid_rate must lie above the free rate and at most 1000")
        self.gate = SendGate(
            overall_max_rate,
            overall_time_period,
            chat_gap,
            group_max_rate if group_time_period else 0,
            group_time_period,
            clock,
            sleep,
            paid_rate,
        )
        self._max_retries = max_retries
        self._sleep = sleep

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
        """Wait for a moment, call the Bot API, retry after RetryAfter.

        rate_limit_args, if given, overrides the number of retries for this request (0: none).
        """
        chat_id = data.get("chat_id")
        if chat_id is None or endpoint.startswith("get"):
            return await self._unthrottled(callback, args, kwargs, endpoint, rate_limit_args)
        bulk = is_bulk()
        retries = rate_limit_args
        if retries is None:
            retries = BULK_RETRIES if bulk else self._max_retries
        message = endpoint.startswith(_MESSAGE_METHODS)
        chat = _chat_key(chat_id) if message else None
        group = _group_key(chat_id)
        seq = self.gate.ticket()
        attempt, payable = 0, message
        while True:
            paid = await self.gate.turn(seq, chat, group, bulk, payable)
            if paid:
                data[PAID_FLAG] = True
            else:
                data.pop(PAID_FLAG, None)
            try:
                result = await callback(*args, **kwargs)
            except RetryAfter as exc:
                if paid:
                    self._stop_paid(endpoint, exc)
                if attempt >= retries:
                    _LOGGER.warning("%s: flood limit hit after %d retries", endpoint, attempt)
                    raise
                attempt += 1
                wait = _retry_seconds(exc) + _RETRY_MARGIN
                _LOGGER.info("%s: flood limit hit, pausing sends for %.1f s", endpoint, wait)
                self.gate.pause(wait)
                continue
            except BadRequest:
                if not paid:
                    raise
                payable = False  # try once without the flag: was it the flag Telegram refused?
                self.gate.refused(chat)
                continue
            if not payable and message and self.gate.paid:
                self._stop_paid(endpoint, None)  # the same send went through unpaid
            return result

    async def _unthrottled(
        self,
        callback: Callable[..., Coroutine[Any, Any, ApiResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        rate_limit_args: int | None,
    ) -> ApiResult:
        """Call at once; after RetryAfter wait (and pause the throttled sends) and call again."""
        retries = self._max_retries if rate_limit_args is None else rate_limit_args
        for attempt in range(retries + 1):
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == retries:
                    _LOGGER.warning("%s: flood limit hit after %d retries", endpoint, attempt)
                    raise
                wait = _retry_seconds(exc) + _RETRY_MARGIN
                self.gate.pause(wait)
                await self._sleep(wait)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _stop_paid(self, endpoint: str, error: Exception | None) -> None:
        """Fall back to the free rate; said once."""
        if self.gate.paid:
            _LOGGER.warning("%s: paid broadcast refused (%s), back to 30/s", endpoint, error)
            self.gate.stop_paid()


def _chat_key(chat_id: object) -> ChatKey | None:
    """The chat as one key, whether given as an int, a digit string or an @username."""
    with contextlib.suppress(ValueError, TypeError):
        return int(chat_id)  # type: ignore[call-overload, no-any-return]
    return chat_id if isinstance(chat_id, str) else None


def _group_key(chat_id: object) -> ChatKey | None:
    """Negative ids and @usernames are groups or channels; positive ids are private chats."""
    key = _chat_key(chat_id)
    if isinstance(key, int):
        return key if key < 0 else None
    return key


def _retry_seconds(exc: RetryAfter) -> float:
    """Seconds to wait, read without PTB's int/timedelta deprecation warning."""
    value = getattr(exc, "_retry_after", None)
    if isinstance(value, timedelta):
        return value.total_seconds()
    public = exc.retry_after
    return public.total_seconds() if isinstance(public, timedelta) else float(public)
