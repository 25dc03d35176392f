"""The emulator over raw HTTP: token, encodings, long polling, faults and send accounting."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from tests.emulator import Emulator
from tests.emulator.accounting import max_in_window
from tests.emulator.fixtures import emu_fixture  # noqa: F401  (the ``emu`` fixture)


def started_user(emu: Emulator, user_id: int = 7) -> int:
    """A user who has written to the bot, so the bot may write back."""
    emu.user(user_id, "Ola").send_text("hei")
    return user_id


def test_wrong_token_gets_401_in_telegram_shape(emu: Emulator) -> None:
    assert emu.api("getMe", token="1:wrong") == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    status, body = emu.api("getMe")
    assert status == 200 and body["result"]["is_bot"] is True
    assert body["result"]["id"] == int(emu.token.split(":")[0])


def test_json_form_and_multipart_bodies_mean_the_same(emu: Emulator) -> None:
    chat = started_user(emu)
    markup = {"inline_keyboard": [[{"text": "Ja [1]", "callback_data": "vote:1"}]]}
    for encoding in ("json", "form", "multipart"):
        params = {"chat_id": chat, "text": "[1] true", "reply_markup": markup}
        status, _ = emu.api("sendMessage", params, encoding=encoding)
        assert status == 200
    calls = emu.calls_to("sendMessage")
    assert [c.params for c in calls] == [calls[0].params] * 3
    assert calls[0].params == {"chat_id": chat, "text": "[1] true", "reply_markup": markup}
    assert {m.text for m in emu.sent_to(chat)} == {"[1] true"}


def test_get_updates_offset_limit_and_redelivery(emu: Emulator) -> None:
    ola = emu.user(7, "Ola")
    ids = [ola.send_text(f"svar {i}") for i in range(3)]
    first = emu.api("getUpdates", {"limit": 2})[1]["result"]
    again = emu.api("getUpdates", {"limit": 2})[1]["result"]
    assert [u["update_id"] for u in first] == [u["update_id"] for u in again] == ids[:2]
    assert emu.deliveries(ids[0]) == 2

    rest = emu.api("getUpdates", {"offset": ids[0] + 1})[1]["result"]
    assert [u["message"]["text"] for u in rest] == ["svar 1", "svar 2"]
    assert emu.pending_updates() == ids[1:]
    last = emu.api("getUpdates", {"offset": -1})[1]["result"]
    assert [u["update_id"] for u in last] == [ids[2]]
    assert emu.pending_updates() == [ids[2]]
    assert emu.api("getUpdates", {"offset": ids[2] + 1})[1]["result"] == []


def _poll_in_thread(emu: Emulator, params: dict[str, Any]) -> tuple[threading.Thread, list[Any]]:
    outcome: list[Any] = []

    def poll() -> None:
        started = time.monotonic()
        outcome.append(emu.api("getUpdates", params))
        outcome.append(time.monotonic() - started)

    thread = threading.Thread(target=poll)
    thread.start()
    emu.wait_until(lambda: emu.long_polls_waiting == 1)
    return thread, outcome


def test_long_poll_returns_as_soon_as_an_update_arrives(emu: Emulator) -> None:
    thread, outcome = _poll_in_thread(emu, {"timeout": 8})
    update_id = emu.user(7, "Ola").send_text("no")
    thread.join()
    (status, body), waited = outcome
    assert status == 200 and [u["update_id"] for u in body["result"]] == [update_id]
    assert waited < 5


def test_a_second_poller_ends_the_first_with_409(emu: Emulator) -> None:
    thread, outcome = _poll_in_thread(emu, {"timeout": 8})
    assert emu.api("getUpdates", {"timeout": 0})[0] == 200
    thread.join()
    status, body = outcome[0]
    assert status == 409 and body["description"].startswith("Conflict: terminated by other")


def test_allowed_updates_decide_which_updates_are_created(emu: Emulator) -> None:
    ola = emu.user(7, "Ola")
    emu.api("getUpdates", {"allowed_updates": ["callback_query"]})
    assert ola.send_text("ignored") is None
    emu.api("getUpdates", {"allowed_updates": []})
    assert ola.send_text("seen") is not None


def test_faults_by_sequence_are_recorded(emu: Emulator) -> None:
    chat = started_user(emu)
    emu.inject("sendMessage", ["429", "500"], retry_after=3)
    statuses = [emu.api("sendMessage", {"chat_id": chat, "text": f"m{i}"}) for i in range(3)]
    assert statuses[0] == (
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3},
        },
    )
    assert statuses[1][0] == 500 and statuses[2][0] == 200
    assert [(f.kind, f.params["text"]) for f in emu.faults] == [("429", "m0"), ("500", "m1")]
    assert [m.text for m in emu.sent_to(chat)] == ["m2"]


def test_faults_by_seeded_rate_repeat_exactly() -> None:
    def faulted_texts(seed: int) -> list[str]:
        with Emulator() as emu:
            chat = started_user(emu)
            emu.inject("*", ["429", "500"], rate=0.5, seed=seed)
            for i in range(20):
                emu.api("sendMessage", {"chat_id": chat, "text": f"m{i}"})
            return [f"{f.kind}:{f.params['text']}" for f in emu.faults]

    assert faulted_texts(1) == faulted_texts(1)
    assert faulted_texts(1) != faulted_texts(2)
    assert 3 <= len(faulted_texts(1)) <= 17


def test_timeout_fault_drops_the_connection_after_holding() -> None:
    with Emulator() as emu:
        chat = started_user(emu)
        emu.inject("sendMessage", ["timeout"], hold=0.2)
        with pytest.raises(OSError):  # the server closes the connection without a reply
            emu.api("sendMessage", {"chat_id": chat, "text": "lost"})
        assert emu.sent_to(chat) == [] and emu.faults[0].kind == "timeout"


def test_send_accounting_per_window_and_chat(emu: Emulator) -> None:
    chat = started_user(emu)
    group = emu.group_chat(-500, "Gruppe 1").id
    for i in range(5):
        emu.api("sendMessage", {"chat_id": group, "text": f"g{i}"})
    emu.api("sendMessage", {"chat_id": chat, "text": "p"})
    emu.api("sendMessage", {"chat_id": chat, "text": "p"})
    assert emu.max_sends_in_window(60.0) == 7
    assert emu.max_sends_to_chat_in_window(group, 60.0) == 5
    assert emu.max_sends_to_chat_in_window(-999, 60.0) == 0
    assert emu.duplicates() == [(chat, "p", 2)]
    assert max_in_window([0.0, 0.5, 0.99, 1.0, 1.2, 5.0], 1.0) == 4
    assert max_in_window([0.0, 1.0, 2.0], 1.0) == 1  # windows are half-open
    assert max_in_window([], 1.0) == 0


def test_flood_limits_answer_429_like_telegram() -> None:
    with Emulator(flood_limits=True) as emu:
        group = emu.group_chat(-500, "Gruppe 1").id
        statuses = [
            emu.api("sendMessage", {"chat_id": group, "text": f"g{i}"})[0] for i in range(21)
        ]
        assert statuses == [200] * 20 + [429]
        assert [f.kind for f in emu.faults] == ["flood"]


def test_unknown_methods_answer_404_and_are_listed() -> None:
    with Emulator() as emu:
        assert emu.api("setChatTitle", {"chat_id": -1, "title": "x"})[0] == 404
        assert emu.api("getme")[0] == 200  # method names are case-insensitive on Telegram
        assert emu.unknown_methods == ["setChatTitle"]
        with pytest.raises(AssertionError, match="setChatTitle"):
            emu.assert_healthy()


def test_webhook_set_info_conflict_and_delete(emu: Emulator) -> None:
    ola = emu.user(7, "Ola")
    assert emu.api("setWebhook", {"url": "http://bot.example.org/hook"})[1]["description"] == (
        "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
    )
    assert emu.api("setWebhook", {"url": "https://bot.example.org:9000/hook"})[0] == 400
    assert emu.api("setWebhook", {"url": "https://x.org/h", "secret_token": "a b"})[0] == 400
    status, _ = emu.api(
        "setWebhook", {"url": "https://bot.example.org/hook", "secret_token": "s-1"}
    )
    assert status == 200 and emu.webhook is not None and emu.webhook["secret_token"] == "s-1"
    update_id = ola.send_text("hei")
    assert emu.api("getWebhookInfo")[1]["result"]["pending_update_count"] == 1
    status, body = emu.api("getUpdates")
    assert status == 409 and "webhook is active" in body["description"]
    assert [u["update_id"] for u in emu.take_webhook_updates()] == [update_id]
    assert emu.pending_updates() == [] and emu.deliveries(update_id) == 1
    assert emu.api("deleteWebhook")[0] == 200 and emu.webhook is None
    assert emu.api("getWebhookInfo")[1]["result"]["url"] == ""
    assert emu.api("getUpdates")[0] == 200
