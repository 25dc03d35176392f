"""How the bot talks to the Bot API: retries on server errors, and Telegram's send limits.

- 429 Too Many Requests: the rate limiter waits `retry_after` and retries (up to 3 times).
- 5xx: Telegram answered that the call failed, so it is sent again after a short backoff.
- Timeouts are NOT retried: the message may have been sent, and a retry could send it twice.
- Sends are spaced so that no sliding window holds more than 30 messages per second overall or
  20 per minute to one group or channel (a leaky bucket of capacity one at just under the rate).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram.ext import AIORateLimiter
from telegram.request import BaseRequest, HTTPXRequest, RequestData

log = logging.getLogger(__name__)
OVERALL_PER_SECOND = 30
GROUP_PER_MINUTE = 20
Sleep = Callable[[float], Awaitable[None]]


def telegram_rate_limiter(max_retries: int = 3) -> AIORateLimiter:
    """PTB's rate limiter tuned so that sends never exceed Telegram's limits in any window."""
    return AIORateLimiter(
        overall_max_rate=1,
        overall_time_period=1 / (OVERALL_PER_SECOND - 1),
        group_max_rate=1,
        group_time_period=60 / (GROUP_PER_MINUTE - 1),
        max_retries=max_retries,
    )


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
