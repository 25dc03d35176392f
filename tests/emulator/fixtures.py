"""pytest fixtures: a started emulator checked at teardown, and a network limited to loopback."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

from .emulator import Emulator

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


@pytest.fixture(name="emu")
def emu_fixture() -> Iterator[Emulator]:
    """A started Emulator; at teardown it asserts no unknown method was called."""
    with Emulator() as emulator:
        yield emulator
        emulator.assert_healthy()


@pytest.fixture(name="loopback_only")
def loopback_only_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any name lookup other than loopback (no api.telegram.org), and bypass proxies."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    resolve = socket.getaddrinfo

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name not in LOOPBACK:
            raise OSError(f"tests may only reach loopback, not {name!r}")
        return resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)
