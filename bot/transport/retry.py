"""How the bot talks to the Bot API: server errors are retried, timeouts are not.

- 5xx: Telegram answered that the call failed, so it is sent again after a short backoff.
- Timeouts are NOT retried: the message may have been sent, and a retry could send it twice.
- 429 Too Many Requests and the send limits are the rate limiter's job (bot/transport/ratelimit.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram.request import BaseRequest, HTTPXRequest, RequestData

log = logging.getLogger(__name__)
Sleep = Callable[[float], Awaitable[None]]


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
