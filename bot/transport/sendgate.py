"""The send gate: hands out send moments one at a time, replies first, bulk sends after.

Every throttled request waits in one of two queues, replies (a person's own action) or bulk, in
arrival order. One dispatcher task grants the next moment to the first waiter of the reply queue
whose chat may receive now, else to the first such bulk waiter, so a reply waits at most about one
spacing (34 ms) behind a broadcast however long the broadcast is, and the broadcast gets every
moment no reply needs.

The limits are checked against the moments actually granted:
- overall: evenly spaced, and never more than `rate` grants in any window of `period`;
- paid bulk (when `paid_rate` is set): bulk sends marked paid skip the free window and share a
  second window of `paid_rate`, which every send also counts in;
- one chat: at least `chat_gap` between two sends (messages, not edits) to it;
- one group chat or channel: at most `group_max` in any `group_span`.
Every interval of the grants is stretched by `SAFETY` (1%); the moments sends actually leave are
held to the windows stretched by `DEPARTURE_SAFETY` only (0.4%, 4 ms of a second, for the time
from leaving to reaching Telegram). The gap between the two lets a send leave up to 6 ms a
second after its grant without the departure check holding it. When both were 2%, the limiter
sent 29.4 a second at best, and less whenever sends left late: the check then held each late
one, and the delays added up from window to window.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from bisect import insort
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.domain.broadcast_cost import LIMITER_MARGIN

# 1% of every interval between grants (10 ms of a second; bot/domain/broadcast_cost.py estimates
# with it); 0.4% between departures: float rounding never fits one send too many into a window,
# closed windows are safe too, and a send may reach Telegram up to 4 ms after it left.
SAFETY = LIMITER_MARGIN
DEPARTURE_SAFETY = 1.004
ChatKey = int | str
_NEVER = float("-inf")


class Window:
    """At most `rate` moments in any `period`, each at least `period / rate` after the last."""

    def __init__(self, rate: int, period: float) -> None:
        self.spacing = period / rate * SAFETY
        self.period = period * SAFETY
        self.departures = period * DEPARTURE_SAFETY  # the window of the moments sends left
        self.moments: deque[float] = deque(maxlen=rate)  # when the last grants were due
        self.slot = _NEVER  # the moment the last send was due (it may have gone late)
        self.left: deque[float] = deque(maxlen=rate)  # when the last sends actually left

    def ready(self) -> float:
        """The earliest moment the next send may have."""
        moments = self.moments
        at = self.slot + self.spacing
        if len(moments) == moments.maxlen:
            at = max(at, moments[0] + self.period)
        return at

    def free_at(self) -> float:
        """The earliest moment another send may leave, by the moments sends actually left."""
        left = self.left
        return left[0] + self.departures if len(left) == left.maxlen else _NEVER

    def record(self, due: float) -> None:
        """A send due at `due` was granted (perhaps later, by a dispatcher woken late).

        Spacing and the window count from `due`, so a late dispatcher catches up instead of
        every later send going late too; `SendGate._depart` checks the moments sends really
        left, so catching up never crowds a second.
        """
        self.slot = due
        self.moments.append(due)


@dataclass(eq=False)
class _Waiter:
    """One request waiting for its moment; `granted` says whether to send it paid."""

    seq: int
    chat: ChatKey | None
    group: ChatKey | None
    bulk: bool
    payable: bool
    arrived: float
    granted: asyncio.Future[bool] = field(compare=False)

    def __lt__(self, other: _Waiter) -> bool:
        return self.seq < other.seq


class SendGate:
    """Grants send moments under the overall, paid, per-chat and per-group limits."""

    def __init__(
        self,
        rate: int,
        period: float,
        chat_gap: float,
        group_max: int,
        group_span: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        paid_rate: int | None = None,
    ) -> None:
        self.free = Window(rate, period)
        self.total = Window(paid_rate, period) if paid_rate else None
        self.paid = self.total is not None
        self._chat_gap = chat_gap * SAFETY
        self._group_max = group_max
        self._group_span = group_span * SAFETY
        self._clock = clock
        self._sleep = sleep
        self._replies: list[_Waiter] = []
        self._bulk: list[_Waiter] = []
        self._chats: dict[ChatKey, float] = {}  # last message to each chat
        self._groups: dict[ChatKey, deque[float]] = {}  # recent sends to each group
        self._paused_until = _NEVER
        self._seq = 0
        self._runner: asyncio.Task[None] | None = None
        self._nap: asyncio.Future[Any] | None = None

    def ticket(self) -> int:
        """A place in line; a retried request keeps its first one and so goes before later ones."""
        self._seq += 1
        return self._seq

    async def turn(
        self,
        seq: int,
        chat: ChatKey | None,
        group: ChatKey | None,
        bulk: bool,
        payable: bool = True,
    ) -> bool:
        """Wait for this request's moment; True if it is to be sent as a paid broadcast."""
        granted = asyncio.get_running_loop().create_future()
        waiter = _Waiter(seq, chat, group, bulk, payable, self._clock(), granted)
        queue = self._bulk if bulk else self._replies
        insort(queue, waiter)
        if self._runner is None or self._runner.done():
            self._runner = asyncio.ensure_future(self._run())
        self._wake()
        try:
            paid = await waiter.granted
        finally:
            with contextlib.suppress(ValueError):  # still queued only if cancelled
                queue.remove(waiter)
        await self._depart(self.total if paid else self.free)
        return paid

    async def _depart(self, window: Window | None) -> None:
        """Wait while the sends that actually left fill the window, then leave.

        This task may resume well after its grant on a busy event loop, and so may the next
        one, and the two would leave together: so the window is checked once more here, on the
        moments sends really left, with no await between the check and noting this one.
        """
        windows = [w for w in (window, self.total) if w is not None]
        while True:
            now = self._clock()
            free = max(w.free_at() for w in windows)
            if free <= now:
                for w in set(windows):
                    w.left.append(now)
                return
            await self._sleep(free - now)

    def pause(self, seconds: float) -> None:
        """Grant nothing until `seconds` from now (Telegram's flood wait)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)
        self._wake()

    def refused(self, chat: ChatKey | None) -> None:
        """Telegram refused the last send to `chat`: no message arrived, so no gap is due."""
        if chat is not None:
            self._chats.pop(chat, None)

    def stop_paid(self) -> None:
        """Telegram refused a paid broadcast: bulk sends go back to the free rate."""
        self.paid = False
        self._wake()

    @property
    def waiting(self) -> int:
        """Requests waiting for a moment."""
        return len(self._replies) + len(self._bulk)

    async def _run(self) -> None:
        """Grant moments while anyone waits."""
        while self._replies or self._bulk:
            now = self._clock()
            chosen, wake = self._choose(now)
            if chosen is None:
                await self._doze(wake - now)
                continue
            self._grant(*chosen, now)

    def _choose(self, now: float) -> tuple[tuple[_Waiter, float] | None, float]:
        """The waiter to grant `now` and when it was due, or None and when to look again."""
        if now < self._paused_until:
            return None, self._paused_until
        free = self.free.ready()
        total = self.total.ready() if self.total is not None else _NEVER
        wake = float("inf")
        unpaid = max(free, total)
        for queue in (self._replies, self._bulk):
            soonest = total if queue is self._bulk and self.paid else unpaid
            if soonest > now:  # nobody in this queue may go yet: skip the scan
                wake = min(wake, soonest)
                continue
            for waiter in queue:
                window = total if self._pays(waiter) else unpaid
                if window > now:
                    wake = min(wake, window)
                    continue
                at = max(self._chat_ready(waiter, now), window)
                if at <= now:
                    due = max(at, waiter.arrived, self._paused_until)
                    return (waiter, due), now
                wake = min(wake, at)
        return None, wake

    def _pays(self, waiter: _Waiter) -> bool:
        """Whether the waiter goes as a paid broadcast (bulk, a message, and paid is on)."""
        return self.paid and waiter.bulk and waiter.payable

    def _chat_ready(self, waiter: _Waiter, now: float) -> float:
        """The earliest moment the waiter's chat (and group) may receive again."""
        at = _NEVER
        if waiter.chat is not None:
            at = self._chats.get(waiter.chat, _NEVER) + self._chat_gap
        if waiter.group is not None and self._group_max:
            log = self._group_log(waiter.group, now)
            if len(log) >= self._group_max:
                at = max(at, log[-self._group_max] + self._group_span)
        return at

    def _grant(self, waiter: _Waiter, due: float, now: float) -> None:
        """Record the moment against every limit and wake the request."""
        (self._bulk if waiter.bulk else self._replies).remove(waiter)
        if waiter.granted.done():  # cancelled meanwhile: the moment stays free
            return
        paid = self._pays(waiter)
        if not paid:
            self.free.record(due)
        if self.total is not None:
            self.total.record(due)
        if waiter.chat is not None:
            self._remember_chat(waiter.chat, now)
        if waiter.group is not None and self._group_max:
            self._group_log(waiter.group, now).append(now)
        waiter.granted.set_result(paid)

    def _remember_chat(self, chat: ChatKey, now: float) -> None:
        """Note the chat's last message, forgetting chats idle longer than the gap."""
        if len(self._chats) > 4096:
            cutoff = now - self._chat_gap
            self._chats = {k: t for k, t in self._chats.items() if t > cutoff}
        self._chats[chat] = now

    def _group_log(self, group: ChatKey, now: float) -> deque[float]:
        """The group's sends within the span, dropping older ones (and idle groups)."""
        cutoff = now - self._group_span
        if len(self._groups) > 512:
            self._groups = {k: v for k, v in self._groups.items() if v and v[-1] > cutoff}
        log = self._groups.setdefault(group, deque())
        while log and log[0] <= cutoff:
            log.popleft()
        return log

    async def _doze(self, seconds: float) -> None:
        """Sleep until `seconds` from now, or until a new waiter or a pause wakes the gate."""
        self._nap = asyncio.ensure_future(self._sleep(max(seconds, 0.0)))
        try:
            await asyncio.wait({self._nap})
        finally:
            self._nap = None

    def _wake(self) -> None:
        """Cut the dispatcher's sleep short, so it looks at the queues again."""
        if self._nap is not None and not self._nap.done():
            self._nap.cancel()
